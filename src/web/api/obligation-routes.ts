// The obligations tracker over the API (sec-process.md §6.9):
//   GET  /obligations[?status&owner&kind]          items with reminders (TM14)
//   GET  /obligations/{id}
//   POST /obligations/triggers                      record a trigger (opens an item)
//   POST /obligations/{id}/actions/record-decision  the Panel's L10.24(c) decision
// Items close by themselves when a Draft Proposal with the right basis is submitted.
import type { FastifyInstance } from 'fastify';
import { actorFrom } from '../../app/modifications/actor.ts';
import { OBLIGATION_KINDS, OBLIGATION_SCHEMAS, type ObligationPayloadOf } from '../../domain/obligations/index.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';
import { payloadBody, recordProblem } from './scr-routes.ts';
import { ifMatchOf, recordIdempotencyOf } from './request-headers.ts';

const listQuery = {
  type: 'object', additionalProperties: false,
  properties: { status: { type: 'string', enum: ['open', 'closed'] }, owner: { type: 'string', enum: ['dcc', 'panel'] }, kind: { type: 'string', enum: [...OBLIGATION_KINDS] } },
} as const;

export async function obligationApiRoutes(app: FastifyInstance): Promise<void> {
  const { obligations } = app.services;

  app.get<{ Querystring: { status?: string; owner?: string; kind?: string } }>('/obligations', { schema: { querystring: listQuery } }, async (request) => {
    requirePrincipal(request);
    return { obligations: await obligations.list(request.query) };
  });

  app.get<{ Params: { id: string } }>('/obligations/:id', async (request, reply) => {
    requirePrincipal(request);
    const found = request.params.id.length <= 60 ? await obligations.get(request.params.id) : undefined;
    if (!found) throw new HttpProblem(404, `There is no obligation ${request.params.id}.`);
    return reply.header('etag', `"${found.streamVersion}"`).send(found);
  });

  app.post<{ Body: { payload: ObligationPayloadOf<'record-trigger'> } }>('/obligations/triggers', { schema: { body: payloadBody(OBLIGATION_SCHEMAS['record-trigger']) } }, async (request, reply) => {
    const actor = actorFrom(requirePrincipal(request));
    try {
      const outcome = await obligations.recordTrigger(request.body.payload, actor, recordIdempotencyOf(request, actor.userId));
      return reply.code(201).header('location', `/api/v1/obligations/${outcome.id}`).header('etag', `"${outcome.streamVersion}"`).send(outcome);
    } catch (error) {
      throw recordProblem(error, false);
    }
  });

  app.post<{ Body: { payload: ObligationPayloadOf<'record-decision'> }; Params: { id: string } }>('/obligations/:id/actions/record-decision', { schema: { body: payloadBody(OBLIGATION_SCHEMAS['record-decision']) } }, async (request, reply) => {
    const actor = actorFrom(requirePrincipal(request));
    const expectedVersion = ifMatchOf(request);
    if (request.params.id.length > 60) throw new HttpProblem(404, `There is no obligation ${request.params.id}.`);
    try {
      const outcome = await obligations.recordDecision(request.params.id, request.body.payload, actor, expectedVersion, recordIdempotencyOf(request, actor.userId));
      return reply.header('etag', `"${outcome.streamVersion}"`).send(outcome);
    } catch (error) {
      throw recordProblem(error, expectedVersion !== undefined);
    }
  });
}

const problem = { $ref: '#/components/responses/Problem' };
const refusals = { '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '412': problem, '422': problem };

export function obligationOpenApiPaths(): Record<string, unknown> {
  return {
    '/api/v1/obligations': {
      get: {
        operationId: 'list-obligations', tags: ['obligations'],
        parameters: Object.entries(listQuery.properties).map(([name, schema]) => ({ name, in: 'query', schema })),
        responses: { '200': { description: 'Obligation items with status and reminders' }, '400': problem, '401': problem },
      },
    },
    '/api/v1/obligations/{id}': { get: { operationId: 'get-obligation', tags: ['obligations'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The item' }, '401': problem, '404': problem } } },
    '/api/v1/obligations/triggers': {
      post: { operationId: 'record-obligation-trigger', tags: ['obligations'], summary: 'A DCCKI recommendation (L13.55), a Problem needing a Code change (AG 3.2.4) or Recovery Costs above the threshold (L10.24(c))', requestBody: { required: true, content: { 'application/json': { schema: payloadBody(OBLIGATION_SCHEMAS['record-trigger']) } } }, responses: { '201': { description: 'Item opened' }, ...refusals } },
    },
    '/api/v1/obligations/{id}/actions/record-decision': {
      post: { operationId: 'record-obligation-decision', tags: ['obligations'], summary: "The Panel's L10.24(c) decision", parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { required: true, content: { 'application/json': { schema: payloadBody(OBLIGATION_SCHEMAS['record-decision']) } } }, responses: { '200': { description: 'Recorded' }, ...refusals } },
    },
  };
}
