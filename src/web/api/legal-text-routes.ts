// Legal text over the API: Code versions, a modification's legal-text documents (recorded
// with the drafting checker's findings), and the checker on any text.
import { mayDraftLegalText, mayStoreCodeVersion } from '../../domain/parties/artefact-entitlements.ts';
import { artefactActor, refuseIf } from './refuse-if.ts';
import type { FastifyInstance } from 'fastify';
import { LegalTextError } from '../../app/legal-text/legal-text-service.ts';
import { parseReference } from '../../app/modifications/references.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';

const TEXT_LIMIT = 5_000_000;
const codeVersionBody = {
  type: 'object', required: ['version', 'text'], additionalProperties: false,
  properties: { version: { type: 'string', maxLength: 20 }, text: { type: 'string', maxLength: TEXT_LIMIT } },
} as const;
const legalTextBody = {
  type: 'object', required: ['documentId', 'baseline', 'text'], additionalProperties: false,
  properties: { documentId: { type: 'string', maxLength: 60 }, modification: { type: 'string', maxLength: 12 }, baseline: { type: 'string', maxLength: 20 }, text: { type: 'string', maxLength: TEXT_LIMIT } },
} as const;
const checkBody = {
  type: 'object', required: ['text'], additionalProperties: false,
  properties: { baseline: { type: 'string', maxLength: 20 }, text: { type: 'string', maxLength: TEXT_LIMIT } },
} as const;

const asProblem = (error: unknown) => (error instanceof LegalTextError ? new HttpProblem(error.status, error.message) : error);

export { codeVersionBody, legalTextBody, checkBody };

export async function legalTextApiRoutes(app: FastifyInstance): Promise<void> {
  const { legalTexts } = app.services;

  app.get('/code-versions', async (request) => {
    requirePrincipal(request);
    return { versions: await legalTexts.knownVersions() };
  });

  // Designating a Code version is the Code Administrator's (or an administrator's) act.
  app.post<{ Body: { version: string; text: string } }>('/code-versions', { schema: { body: codeVersionBody }, bodyLimit: TEXT_LIMIT * 2 }, async (request, reply) => {
    const p = requirePrincipal(request);
    refuseIf(mayStoreCodeVersion(artefactActor(p)));
    try {
      return reply.code(201).send(await legalTexts.importCodeVersion(request.body.version, request.body.text, p.userId));
    } catch (error) {
      throw asProblem(error);
    }
  });

  // The drafting checker on a stored Code version (its text checked against itself).
  app.get<{ Params: { version: string } }>('/code-versions/:version', async (request) => {
    requirePrincipal(request);
    const v = await legalTexts.codeVersionWithFindings(request.params.version);
    if (!v) throw new HttpProblem(404, `SEC version ${request.params.version} is not stored.`);
    return { version: v.version, title: v.title, clauseCount: v.clauseCount, excerpt: v.excerpt, importedAt: v.importedAt.toISOString(), errorCount: v.findings.filter((f) => f.severity === 'error').length, findings: v.findings };
  });

  // Legal text is drafted by the Code Administrator (sec-process.md §8, "Solutions and legal text").
  app.post<{ Body: { documentId: string; modification?: string; baseline: string; text: string } }>('/legal-text-documents', { schema: { body: legalTextBody }, bodyLimit: TEXT_LIMIT * 2 }, async (request, reply) => {
    const p = requirePrincipal(request);
    refuseIf(mayDraftLegalText(artefactActor(p)));
    const modificationNumber = request.body.modification ? parseReference(request.body.modification) : undefined;
    if (request.body.modification && modificationNumber === undefined) throw new HttpProblem(422, `"${request.body.modification}" is not a DP or MP reference`);
    try {
      const recorded = await legalTexts.record({ documentId: request.body.documentId, baseline: request.body.baseline, text: request.body.text, ...(modificationNumber !== undefined ? { modificationNumber } : {}) }, p.userId);
      return reply.code(201).send({ documentId: recorded.documentId, version: recorded.version, baseline: recorded.baseline, errorCount: recorded.errorCount, findings: recorded.findings });
    } catch (error) {
      throw asProblem(error);
    }
  });

  app.get<{ Params: { documentId: string } }>('/legal-text-documents/:documentId', async (request) => {
    requirePrincipal(request);
    const row = await legalTexts.latest(request.params.documentId);
    if (!row) throw new HttpProblem(404, `There is no legal-text document ${request.params.documentId}.`);
    return { documentId: row.document_id, version: row.version, baseline: row.baseline, text: row.text, errorCount: row.error_count, findings: row.findings, recordedAt: row.recorded_at.toISOString() };
  });

  app.post<{ Body: { text: string; baseline?: string } }>('/check-text', { schema: { body: checkBody }, bodyLimit: TEXT_LIMIT * 2 }, async (request) => {
    requirePrincipal(request);
    return { findings: await legalTexts.check(request.body.text, request.body.baseline) };
  });
}
