// Significant Code Reviews and Authority-Led Variations over the API (sec-process.md §5.5, §6.7):
//   POST /significant-code-reviews                          the Authority starts an SCR
//   POST /significant-code-reviews/{id}/actions/{command}   record-backstop-direction | record-alv-direction | record-conclusion | record-no-modification-conclusion
//   GET  /significant-code-reviews[?live], /significant-code-reviews/{id}   with phaseEnd (R-A-08)
//   POST /authority-led-variations                          = record-alv-direction on the payload's SCR
//   POST /authority-led-variations/{id}/actions/{command}   submit-for-decision | decide | schedule-implementation | mark-implemented
//   GET  /authority-led-variations[?scrId], /authority-led-variations/{id}
// Bodies are `{ "payload": {...} }` as for lifecycle commands; `If-Match` (stream version) gives 412 on mismatch.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFrom } from '../../app/modifications/actor.ts';
import { RecordNotFoundError, RecordRefusedError } from '../../app/scr/record-errors.ts';
import { ALV_COMMAND_NAMES, ALV_SCHEMAS, SCR_ACTION_NAMES, SCR_SCHEMAS, type AlvCommand, type ScrCommand, type ScrPayloadOf } from '../../domain/scr/index.ts';
import type { JsonSchemaObject } from '../../domain/modification/index.ts';
import { ConcurrencyError, IdempotencyKeyReusedError } from '../../store/event-store.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';
import { ifMatchOf, recordIdempotencyOf } from './request-headers.ts';

const STATUS_OF = { 'not-entitled': 403, 'invalid-state': 409, conflict: 409, 'guard-failed': 422, 'invalid-input': 422 } as const;
const TITLE_OF: Partial<Record<keyof typeof STATUS_OF, string>> = { 'not-entitled': 'Not entitled', 'invalid-state': 'Not possible at this stage', 'guard-failed': 'A rule is not met' };

/** Refusals of the record types (SCR, ALV, body decisions, obligations) as problem+json with the clause relied on. */
export function recordProblem(error: unknown, ifMatchGiven: boolean): unknown {
  if (error instanceof RecordRefusedError) {
    const r = error.refusal;
    return new HttpProblem(r.status ?? STATUS_OF[r.code], r.message, {
      type: r.code, ...(TITLE_OF[r.code] ? { title: TITLE_OF[r.code] } : {}), ...(r.clause ? { clause: r.clause } : {}), ...(r.guards ? { guards: r.guards } : {}),
    });
  }
  if (error instanceof RecordNotFoundError) return new HttpProblem(404, error.message);
  if (error instanceof ConcurrencyError) {
    return ifMatchGiven
      ? new HttpProblem(412, `The record has changed since you read it: it is at version ${error.actual}, not ${error.expected}. Read it again and retry.`, { type: 'version-mismatch', currentVersion: error.actual })
      : new HttpProblem(409, 'The record changed while this request ran. Read it again and retry.', { type: 'conflict' });
  }
  if (error instanceof IdempotencyKeyReusedError) return new HttpProblem(422, error.message, { type: 'idempotency-key-reused' });
  return error;
}


export const payloadBody = (payload: JsonSchemaObject) => ({ type: 'object', required: ['payload'], additionalProperties: false, properties: { payload } });

const RECORD_ID = /^[A-Za-z0-9][\w.-]{0,60}$/;
const recordId = (raw: string, what: string): string => {
  if (!RECORD_ID.test(raw)) throw new HttpProblem(404, `"${raw}" is not ${what} id (like SCR-001).`);
  return raw;
};

const alvCreateSchema = {
  type: 'object', required: ['scrId', 'title', 'directionDate', 'documentId'], additionalProperties: false,
  properties: { scrId: { type: 'string', minLength: 1, maxLength: 60 }, ...(SCR_SCHEMAS['record-alv-direction'].properties ?? {}) },
} as const;

type Body = { payload: Record<string, unknown> };

/** Runs a record command with the request's If-Match; a refusal becomes problem+json, and a 403 is logged. */
export const guardedRecord = async <T>(request: FastifyRequest, run: (expectedVersion: number | undefined) => Promise<T>): Promise<T> => {
  const expectedVersion = ifMatchOf(request);
  try {
    return await run(expectedVersion);
  } catch (error) {
    const problem = recordProblem(error, expectedVersion !== undefined);
    if (problem instanceof HttpProblem && problem.status === 403) request.log.info({ url: request.url, detail: problem.detail, clause: problem.extra.clause }, 'record command refused');
    throw problem;
  }
};

export async function scrApiRoutes(app: FastifyInstance): Promise<void> {
  const scrs = app.services.significantCodeReviews;
  const guarded = guardedRecord;

  app.post<{ Body: Body }>('/significant-code-reviews', { schema: { body: payloadBody(SCR_SCHEMAS.start) } }, async (request, reply) => {
    const actor = actorFrom(requirePrincipal(request));
    const outcome = await guarded(request, () => scrs.start(request.body.payload as ScrPayloadOf<'start'>, actor, recordIdempotencyOf(request, actor.userId)));
    return reply.code(201).header('etag', `"${outcome.streamVersion}"`).header('location', `/api/v1/significant-code-reviews/${outcome.id}`).send(outcome);
  });

  for (const command of SCR_ACTION_NAMES) {
    app.post<{ Body: Body; Params: { id: string } }>(`/significant-code-reviews/:id/actions/${command}`, { schema: { body: payloadBody(SCR_SCHEMAS[command]) } }, async (request, reply) => {
      const actor = actorFrom(requirePrincipal(request));
      const id = recordId(request.params.id, 'a Significant Code Review');
      const outcome = await guarded(request, (v) => scrs.act(id, { type: command, payload: request.body.payload } as Exclude<ScrCommand, { type: 'start' }>, actor, v, recordIdempotencyOf(request, actor.userId)));
      return reply.header('etag', `"${outcome.streamVersion}"`).send(outcome);
    });
  }

  app.get<{ Querystring: { live?: boolean } }>('/significant-code-reviews', { schema: { querystring: { type: 'object', additionalProperties: false, properties: { live: { type: 'boolean' } } } } }, async (request) => {
    requirePrincipal(request);
    return { significantCodeReviews: await scrs.list(request.query.live === undefined ? {} : { live: request.query.live }) };
  });

  app.get<{ Params: { id: string } }>('/significant-code-reviews/:id', async (request, reply) => {
    requirePrincipal(request);
    const scr = await scrs.get(recordId(request.params.id, 'a Significant Code Review'));
    if (!scr) throw new HttpProblem(404, `There is no Significant Code Review ${request.params.id}.`);
    return reply.header('etag', `"${scr.streamVersion}"`).send({ ...scr, authorityLedVariations: await scrs.listAlvs({ scrId: scr.id }) });
  });

  // §5.5 lists a creation endpoint for ALVs: it is the SCR's D9A.2 direction.
  app.post<{ Body: { payload: { scrId: string } & Record<string, unknown> } }>('/authority-led-variations', { schema: { body: payloadBody(alvCreateSchema as unknown as JsonSchemaObject) } }, async (request, reply) => {
    const actor = actorFrom(requirePrincipal(request));
    const { scrId, ...direction } = request.body.payload;
    const outcome = await guarded(request, () => scrs.act(recordId(scrId, 'a Significant Code Review'), { type: 'record-alv-direction', payload: direction } as Exclude<ScrCommand, { type: 'start' }>, actor, undefined, recordIdempotencyOf(request, actor.userId)));
    const alvId = outcome.record.alvs.at(-1)?.alvId;
    const alv = alvId ? await scrs.getAlv(alvId) : undefined;
    return reply.code(201).header('location', `/api/v1/authority-led-variations/${alvId}`).send({ id: alvId, scrId, events: outcome.events, record: alv });
  });

  for (const command of ALV_COMMAND_NAMES) {
    app.post<{ Body: Body; Params: { id: string } }>(`/authority-led-variations/:id/actions/${command}`, { schema: { body: payloadBody(ALV_SCHEMAS[command]) } }, async (request, reply) => {
      const actor = actorFrom(requirePrincipal(request));
      const id = recordId(request.params.id, 'an Authority-Led Variation');
      const outcome = await guarded(request, (v) => scrs.actOnAlv(id, { type: command, payload: request.body.payload } as AlvCommand, actor, v, recordIdempotencyOf(request, actor.userId)));
      return reply.header('etag', `"${outcome.streamVersion}"`).send(outcome);
    });
  }

  app.get<{ Querystring: { scrId?: string } }>('/authority-led-variations', { schema: { querystring: { type: 'object', additionalProperties: false, properties: { scrId: { type: 'string', maxLength: 60 } } } } }, async (request) => {
    requirePrincipal(request);
    return { authorityLedVariations: await scrs.listAlvs(request.query.scrId ? { scrId: request.query.scrId } : {}) };
  });

  app.get<{ Params: { id: string } }>('/authority-led-variations/:id', async (request, reply) => {
    requirePrincipal(request);
    const alv = await scrs.getAlv(recordId(request.params.id, 'an Authority-Led Variation'));
    if (!alv) throw new HttpProblem(404, `There is no Authority-Led Variation ${request.params.id}.`);
    return reply.header('etag', `"${alv.streamVersion}"`).send(alv);
  });
}

const problem = { $ref: '#/components/responses/Problem' };
const refusals = { '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '412': problem, '422': problem };
const idParam = (description: string) => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'string' } });
const ifMatch = { name: 'If-Match', in: 'header', required: false, description: 'stream version from the ETag', schema: { type: 'string' } };

/** OpenAPI paths for these routes, built from the same schemas. */
export function scrOpenApiPaths(): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/v1/significant-code-reviews': {
      get: { operationId: 'list-significant-code-reviews', tags: ['scr'], parameters: [{ name: 'live', in: 'query', schema: { type: 'boolean' } }], responses: { '200': { description: 'SCRs with phaseEnd, live, ended' }, '401': problem } },
      post: { operationId: 'start-significant-code-review', tags: ['scr'], summary: 'The Authority gives notice of a Significant Code Review (A1.1; D5.7; D9A.2)', requestBody: { required: true, content: { 'application/json': { schema: payloadBody(SCR_SCHEMAS.start) } } }, responses: { '201': { description: 'Started' }, ...refusals } },
    },
    '/api/v1/significant-code-reviews/{id}': { get: { operationId: 'get-significant-code-review', tags: ['scr'], parameters: [idParam('SCR-nnn')], responses: { '200': { description: 'The SCR (ETag: stream version)' }, '401': problem, '404': problem } } },
    '/api/v1/authority-led-variations': {
      get: { operationId: 'list-authority-led-variations', tags: ['scr'], parameters: [{ name: 'scrId', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'ALVs' }, '401': problem } },
      post: { operationId: 'direct-authority-led-variation', tags: ['scr'], summary: 'D9A.2 direction on an SCR (same as record-alv-direction)', requestBody: { required: true, content: { 'application/json': { schema: payloadBody(alvCreateSchema as unknown as JsonSchemaObject) } } }, responses: { '201': { description: 'Directed' }, ...refusals } },
    },
    '/api/v1/authority-led-variations/{id}': { get: { operationId: 'get-authority-led-variation', tags: ['scr'], parameters: [idParam('SCR-nnn-ALV-n')], responses: { '200': { description: 'The ALV (ETag: stream version)' }, '401': problem, '404': problem } } },
  };
  for (const command of SCR_ACTION_NAMES) {
    paths[`/api/v1/significant-code-reviews/{id}/actions/${command}`] = { post: { operationId: `scr-${command}`, tags: ['scr'], parameters: [idParam('SCR-nnn'), ifMatch], requestBody: { required: true, content: { 'application/json': { schema: payloadBody(SCR_SCHEMAS[command]) } } }, responses: { '200': { description: 'Recorded' }, ...refusals } } };
  }
  for (const command of ALV_COMMAND_NAMES) {
    paths[`/api/v1/authority-led-variations/{id}/actions/${command}`] = { post: { operationId: `alv-${command}`, tags: ['scr'], parameters: [idParam('SCR-nnn-ALV-n'), ifMatch], requestBody: { required: true, content: { 'application/json': { schema: payloadBody(ALV_SCHEMAS[command]) } } }, responses: { '200': { description: 'Recorded' }, ...refusals } } };
  }
  return paths;
}
