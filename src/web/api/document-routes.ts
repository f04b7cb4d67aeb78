// Generated documents and the proposal export (issue: Notifications, documents and feeds,
// items 6 and 7):
//   POST /modifications/{ref}/documents/generate   {kind, format?}   Code Administrator only
//   GET  /modifications/{ref}/documents            every version generated
//   GET  /documents/{id}/versions/{n}              the stored bytes, as an attachment
//   GET  /modifications/{ref}/export               one .zip for the Authority or an appeal
import { mayExportRecord, mayGenerateDocuments } from '../../domain/parties/artefact-entitlements.ts';
import { artefactActor, refuseIf } from './refuse-if.ts';
import type { FastifyInstance } from 'fastify';
import { loadModification } from '../../app/modifications/command-handler.ts';
import { parseReference } from '../../app/modifications/references.ts';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS, type DocumentFormat, type DocumentKind } from '../../documents/document-model.ts';
import { DocumentError, type GeneratedDocuments } from '../../documents/document-service.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';

export const generateDocumentBody = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...DOCUMENT_KINDS], description: 'Which document (sec-process.md §8)' },
    format: { type: 'string', enum: [...DOCUMENT_FORMATS], default: 'docx', description: 'docx (Word, with tracked changes in the legal-text annex) or pdf (printed by headless Chromium)' },
  },
} as const;

const numberOf = (reference: string): number => {
  const n = parseReference(reference);
  if (n === undefined) throw new HttpProblem(404, `"${reference}" is not a Draft or Modification Proposal reference (like DP014 or MP014).`);
  return n;
};

const asProblem = (error: unknown): unknown => (error instanceof DocumentError ? new HttpProblem(error.status, error.message) : error);

/** A file name for Content-Disposition: our own names are ASCII already; anything else becomes "_". */
const safeFileName = (name: string): string => name.replace(/[^\w.-]/g, '_').slice(0, 120);

export async function documentApiRoutes(app: FastifyInstance): Promise<void> {
  const documents = (): GeneratedDocuments => app.services.documents;

  app.post<{ Params: { reference: string }; Body: { kind: DocumentKind; format?: DocumentFormat } }>(
    '/modifications/:reference/documents/generate',
    { schema: { body: generateDocumentBody } },
    async (request, reply) => {
      const p = requirePrincipal(request);
      refuseIf(mayGenerateDocuments(artefactActor(p)));
      const number = numberOf(request.params.reference);
      try {
        const generated = await documents().generate({
          number, kind: request.body.kind, format: request.body.format ?? 'docx',
          actor: { userId: p.userId, roles: p.roles.map((r) => r.role), ...(p.organisation ? { organisationId: p.organisation.id } : {}) },
        });
        return reply.code(201).header('location', generated.href).send(generated);
      } catch (error) {
        throw asProblem(error);
      }
    },
  );

  app.get<{ Params: { reference: string } }>('/modifications/:reference/documents', async (request) => {
    requirePrincipal(request);
    const number = numberOf(request.params.reference);
    const { state } = await loadModification(app.services.database.db, app.services.store, number);
    if (!state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${request.params.reference}.`);
    return { documents: await documents().list(number) };
  });

  app.get<{ Params: { documentId: string; version: string } }>('/documents/:documentId/versions/:version', async (request, reply) => {
    requirePrincipal(request);
    const version = /^\d{1,6}$/.test(request.params.version) ? Number(request.params.version) : NaN;
    if (!Number.isSafeInteger(version) || version < 1) throw new HttpProblem(404, `"${request.params.version}" is not a document version number (1, 2, …).`);
    const row = await documents().version(request.params.documentId, version);
    if (!row) throw new HttpProblem(404, `There is no version ${version} of document ${request.params.documentId}.`);
    return reply
      .type(row.media_type)
      .header('content-disposition', `attachment; filename="${safeFileName(row.file_name)}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('etag', `"${row.sha256}"`)
      .header('digest', `sha-256=${Buffer.from(row.sha256, 'hex').toString('base64')}`)
      .send(Buffer.from(row.content));
  });

  app.get<{ Params: { reference: string } }>('/modifications/:reference/export', async (request, reply) => {
    const p = requirePrincipal(request);
    const number = numberOf(request.params.reference);
    const { state } = await loadModification(app.services.database.db, app.services.store, number);
    if (!state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${request.params.reference}.`);
    refuseIf(mayExportRecord(artefactActor(p), state.proposer));
    try {
      const { reference, zip } = await documents().exportArchive(number);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${safeFileName(`${reference}-export.zip`)}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(zip);
    } catch (error) {
      throw asProblem(error);
    }
  });
}

const problem = { $ref: '#/components/responses/Problem' };
const referenceParam = { name: 'reference', in: 'path', required: true, schema: { type: 'string', pattern: '^(DP|MP)?\\d{1,9}$' } };

export const documentOpenApiPaths = () => ({
  '/api/v1/modifications/{reference}/documents/generate': {
    post: {
      operationId: 'generate-document', tags: ['documents'], summary: 'Generate a new version of a document from the proposal’s record (Code Administrator)',
      parameters: [referenceParam], requestBody: { required: true, content: { 'application/json': { schema: generateDocumentBody } } },
      responses: { '201': { description: 'The stored version, with its SHA-256 (also in the DocumentGenerated event)' }, '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '503': problem },
    },
  },
  '/api/v1/modifications/{reference}/documents': {
    get: { operationId: 'list-documents', tags: ['documents'], parameters: [referenceParam], responses: { '200': { description: 'Every generated version' }, '401': problem, '404': problem } },
  },
  '/api/v1/documents/{documentId}/versions/{version}': {
    get: {
      operationId: 'download-document', tags: ['documents'],
      parameters: [{ name: 'documentId', in: 'path', required: true, schema: { type: 'string' } }, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { '200': { description: 'The bytes (attachment)', content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {}, 'application/pdf': {} } }, '401': problem, '404': problem },
    },
  },
  '/api/v1/modifications/{reference}/export': {
    get: {
      operationId: 'export-modification', tags: ['documents'], summary: 'A .zip with events.json (hashes), proposal.json and every document version (Authority, Code Administrator, Proposer’s organisation)',
      parameters: [referenceParam], responses: { '200': { description: 'application/zip', content: { 'application/zip': {} } }, '401': problem, '403': problem, '404': problem },
    },
  },
});
