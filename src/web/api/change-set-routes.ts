// Change sets over the API (issue "Legal text engine", deliverables 3, 5, 6 and 7): record a
// modification's legal text as operations on addresses (JSON, or derived from a legal-text
// document with excerpt semantics), read it with its conflicts and drafting findings, redline
// it against its base, rebase it onto another Code version, and consolidate a SEC Release.
import type { FastifyInstance } from 'fastify';
import { mayDraftLegalText, mayStoreCodeVersion } from '../../domain/parties/artefact-entitlements.ts';
import { renderRedlineHtml } from '../../domain/legal-text/index.ts';
import { OPERATION_KINDS, type OperationInput } from '../../domain/legal-text/change-set-input.ts';
import { ChangeSetError } from '../../app/legal-text/change-set-service.ts';
import { parseReference } from '../../app/modifications/references.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';
import { artefactActor, refuseIf } from './refuse-if.ts';
import { ifMatchOf, recordIdempotencyOf } from './request-headers.ts';
import { IdempotencyKeyReusedError } from '../../store/event-store.ts';

const ADDRESS = { type: 'string', minLength: 1, maxLength: 200 } as const;
const TEXT = { type: 'string', maxLength: 100_000 } as const;
const TERM = { type: 'string', minLength: 1, maxLength: 120 } as const;

export const operationSchema = {
  type: 'object', required: ['kind'], additionalProperties: false,
  description: 'amend {target, text?, tail?, heading?}; insert {address, after (null: first), text, heading?}; delete {target}; add-definition {term, text}; amend-definition {term, text}; rename-term {from, to}',
  properties: {
    kind: { type: 'string', enum: [...OPERATION_KINDS] },
    target: ADDRESS, address: ADDRESS, after: { type: ['string', 'null'], maxLength: 200 },
    text: TEXT, tail: { type: ['string', 'null'], maxLength: 100_000 }, heading: { type: ['string', 'null'], maxLength: 300 },
    term: TERM, from: TERM, to: TERM,
  },
} as const;

export const changeSetBody = {
  type: 'object', required: ['id'], additionalProperties: false,
  description: 'Either baseVersion with operations, or documentId (the change set a recorded legal-text document makes to its baseline: provisions it does not quote are unchanged; a provision whose whole text is "[Deleted]" is deleted).',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 60 },
    modification: { type: 'string', maxLength: 12 },
    baseVersion: { type: 'string', maxLength: 20 },
    operations: { type: 'array', maxItems: 500, items: operationSchema },
    documentId: { type: 'string', maxLength: 60 },
  },
} as const;

export const rebaseBody = {
  type: 'object', required: ['onto'], additionalProperties: false,
  properties: { onto: { type: 'string', minLength: 1, maxLength: 20 }, record: { type: 'boolean', description: 'true: record the rebased change set as a new version (refused while anything conflicts)' } },
} as const;

export const consolidationBody = {
  type: 'object', required: ['base', 'version', 'changeSets'], additionalProperties: false,
  properties: {
    base: { type: 'string', minLength: 1, maxLength: 20 },
    version: { type: 'string', minLength: 1, maxLength: 20, description: 'The SEC version the release makes, e.g. 5.19' },
    changeSets: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 60 }, description: 'Change set ids, applied in this order' },
    store: { type: 'boolean', description: 'true: store the result as a new Code version (the Code Administrator’s act)' },
  },
} as const;

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } as const;
const viewQuery = { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1, maximum: 1_000_000 } } } as const;
const redlineQuery = { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['json', 'html'] } } } as const;

/** A refusal from the change-set service as problem+json; conflicts travel with a 409. */
export const changeSetProblem = (error: unknown): unknown => {
  if (error instanceof IdempotencyKeyReusedError) return new HttpProblem(422, error.message, { type: 'idempotency-key-reused' });
  return error instanceof ChangeSetError
    ? new HttpProblem(error.status, error.message, error.conflicts.length > 0 ? { type: 'change-set-conflict', conflicts: error.conflicts } : {})
    : error;
};

interface RecordBody { id: string; modification?: string; baseVersion?: string; operations?: OperationInput[]; documentId?: string }

export async function changeSetApiRoutes(app: FastifyInstance): Promise<void> {
  const { changeSets } = app.services;

  app.get('/change-sets', async (request) => {
    requirePrincipal(request);
    const rows = await changeSets.list();
    return { changeSets: rows.map((r) => ({ id: r.change_set_id, version: r.version, baseVersion: r.base_version, modificationNumber: r.modification_number, operationCount: r.operation_count, source: r.source, recordedAt: r.recorded_at.toISOString() })) };
  });

  // Legal text is drafted by the Code Administrator (sec-process.md §8, "Solutions and legal text").
  app.post<{ Body: RecordBody }>('/change-sets', { schema: { body: changeSetBody }, bodyLimit: 10_000_000 }, async (request, reply) => {
    const p = requirePrincipal(request);
    refuseIf(mayDraftLegalText(artefactActor(p)));
    const b = request.body;
    const modificationNumber = b.modification ? parseReference(b.modification) : undefined;
    if (b.modification && modificationNumber === undefined) throw new HttpProblem(422, `"${b.modification}" is not a DP or MP reference`);
    const fromDocument = b.documentId !== undefined;
    const fromOperations = b.operations !== undefined || b.baseVersion !== undefined;
    if (fromDocument === fromOperations) throw new HttpProblem(422, 'Give either baseVersion with operations, or documentId (to derive the change set from a recorded legal-text document)');
    if (fromOperations && (b.baseVersion === undefined || b.operations === undefined)) throw new HttpProblem(422, 'A change set written as operations needs both baseVersion and operations');
    try {
      const ifMatch = ifMatchOf(request);
      const idempotency = recordIdempotencyOf(request, p.userId);
      const mod = { ...(modificationNumber !== undefined ? { modificationNumber } : {}), ...(ifMatch !== undefined ? { ifMatch } : {}), ...(idempotency ? { idempotency } : {}) };
      const view = fromDocument
        ? await changeSets.recordFromDocument({ id: b.id, documentId: b.documentId!, ...mod }, p.userId)
        : await changeSets.recordOperations({ id: b.id, baseVersion: b.baseVersion!, operations: b.operations!, ...mod }, p.userId);
      return reply.code(201).header('location', `/api/v1/change-sets/${encodeURIComponent(view.id)}`).header('etag', `"${view.version}"`).send(view);
    } catch (error) {
      throw changeSetProblem(error);
    }
  });

  app.get<{ Params: { id: string }; Querystring: { version?: number } }>('/change-sets/:id', { schema: { params: idParam, querystring: viewQuery } }, async (request, reply) => {
    requirePrincipal(request);
    try {
      const view = await changeSets.view(request.params.id, request.query.version);
      return reply.header('etag', `"${view.version}"`).send(view);
    } catch (error) {
      throw changeSetProblem(error);
    }
  });

  app.get<{ Params: { id: string }; Querystring: { format?: 'json' | 'html' } }>('/change-sets/:id/redline', { schema: { params: idParam, querystring: redlineQuery } }, async (request, reply) => {
    requirePrincipal(request);
    try {
      const r = await changeSets.redline(request.params.id);
      // Escaped by renderRedlineHtml: every text segment goes through escapeHtml.
      const html = renderRedlineHtml(r);
      if (request.query.format === 'html') return reply.type('text/html; charset=utf-8').send(html);
      return { ...r, html };
    } catch (error) {
      throw changeSetProblem(error);
    }
  });

  app.post<{ Params: { id: string }; Body: { onto: string; record?: boolean } }>('/change-sets/:id/rebase', { schema: { params: idParam, body: rebaseBody } }, async (request, reply) => {
    const p = requirePrincipal(request);
    if (request.body.record === true) refuseIf(mayDraftLegalText(artefactActor(p)));
    try {
      const outcome = await changeSets.rebase(request.params.id, request.body.onto, request.body.record === true ? p.userId : undefined, ifMatchOf(request), recordIdempotencyOf(request, p.userId));
      return reply.code(outcome.recordedVersion !== undefined ? 201 : 200).send(outcome);
    } catch (error) {
      throw changeSetProblem(error);
    }
  });

  app.post<{ Body: { base: string; version: string; changeSets: string[]; store?: boolean } }>('/consolidations', { schema: { body: consolidationBody } }, async (request, reply) => {
    const p = requirePrincipal(request);
    // Storing a Code version is the Code Administrator's (or an administrator's) act; a preview is anyone's.
    if (request.body.store === true) refuseIf(mayStoreCodeVersion(artefactActor(p)));
    try {
      const outcome = await changeSets.consolidate(request.body, request.body.store === true ? p.userId : undefined, recordIdempotencyOf(request, p.userId));
      return reply.code(outcome.stored ? 201 : 200).send({ ...outcome, redlineHtml: renderRedlineHtml(outcome.redline) });
    } catch (error) {
      throw changeSetProblem(error);
    }
  });
}

const problem = { $ref: '#/components/responses/Problem' };
const refusals = { '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '412': problem, '413': problem, '422': problem };
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, description: 'a repeat with the same key and body answers the first result and records nothing', schema: { type: 'string', maxLength: 128 } };
const ifMatch = { name: 'If-Match', in: 'header', required: false, description: 'the change set version last read (its ETag); 412 when another was recorded since', schema: { type: 'string' } };

export const changeSetOpenApiPaths = () => ({
  '/api/v1/change-sets': {
    get: { operationId: 'list-change-sets', tags: ['legal text'], summary: 'The latest version of every change set', responses: { '200': { description: 'Change sets' }, '401': problem } },
    post: {
      operationId: 'record-change-set', tags: ['legal text'], parameters: [ifMatch, idempotencyKey],
      summary: 'Record a change set (a new version each time): JSON operations against a base Code version, or derived from a legal-text document with excerpt semantics (Code Administrator)',
      requestBody: { required: true, content: { 'application/json': { schema: changeSetBody } } },
      responses: { '201': { description: 'Recorded: operations, conflicts (none) and drafting findings' }, ...refusals },
    },
  },
  '/api/v1/change-sets/{id}': {
    get: {
      operationId: 'get-change-set', tags: ['legal text'], summary: 'A change set: its operations, the conflicts applying it to its base, and the drafting checker’s findings',
      parameters: [idParameter, { name: 'version', in: 'query', required: false, schema: viewQuery.properties.version }],
      responses: { '200': { description: 'The change set' }, '400': problem, '401': problem, '404': problem },
    },
  },
  '/api/v1/change-sets/{id}/redline': {
    get: {
      operationId: 'get-change-set-redline', tags: ['legal text'], summary: 'The redline of the change set against its base Code version (JSON with an HTML rendering; format=html for the HTML alone)',
      parameters: [idParameter, { name: 'format', in: 'query', required: false, schema: redlineQuery.properties.format }],
      responses: { '200': { description: 'Redline entries and HTML' }, '400': problem, '401': problem, '404': problem, '409': problem, '422': problem },
    },
  },
  '/api/v1/change-sets/{id}/rebase': {
    post: {
      operationId: 'rebase-change-set', tags: ['legal text'],
      summary: 'Rebase onto another stored Code version: operations that move over cleanly, conflicts with both texts, and what drafting must be checked. With record=true, records the rebased change set (refused with 409 while anything conflicts)',
      parameters: [idParameter, ifMatch, idempotencyKey],
      requestBody: { required: true, content: { 'application/json': { schema: rebaseBody } } },
      responses: { '200': { description: 'What the rebase would do (nothing stored)' }, '201': { description: 'Recorded as a new version' }, ...refusals },
    },
  },
  '/api/v1/consolidations': {
    post: {
      operationId: 'consolidate-release', tags: ['legal text'],
      summary: 'Consolidate a SEC Release: apply change sets in order to a base. Conflicts are a 409 listing them, and nothing is stored; with store=true the result is stored as a new Code version (Code Administrator)',
      parameters: [idempotencyKey],
      requestBody: { required: true, content: { 'application/json': { schema: consolidationBody } } },
      responses: { '200': { description: 'The consolidated redline (nothing stored)' }, '201': { description: 'Stored as a new Code version' }, ...refusals },
    },
  },
});
