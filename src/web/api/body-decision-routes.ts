// Body decisions over the API (sec-process.md §5.5): the SSC or the SMKI PMA records a
// decision not to submit a Draft Proposal, which a member's submission then names in
// `bodyDecisionId` (guard body-declined-first, G7.20(b), L1.19(b)).
//   POST /body-decisions   GET /body-decisions[?body]   GET /body-decisions/{id}
import type { FastifyInstance } from 'fastify';
import { BODIES, BODY_DECISION_SCHEMA, type BodyDecisionInput } from '../../app/body-decisions/body-decisions.ts';
import { actorFrom } from '../../app/modifications/actor.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';
import { payloadBody, recordProblem } from './scr-routes.ts';
import { recordIdempotencyOf } from './request-headers.ts';

export async function bodyDecisionApiRoutes(app: FastifyInstance): Promise<void> {
  const { bodyDecisions } = app.services;

  app.post<{ Body: { payload: BodyDecisionInput } }>('/body-decisions', { schema: { body: payloadBody(BODY_DECISION_SCHEMA) } }, async (request, reply) => {
    const actor = actorFrom(requirePrincipal(request));
    try {
      const recorded = await bodyDecisions.record(request.body.payload, actor, recordIdempotencyOf(request, actor.userId));
      return reply.code(201).header('location', `/api/v1/body-decisions/${recorded.bodyDecisionId}`).send(recorded);
    } catch (error) {
      throw recordProblem(error, false);
    }
  });

  app.get<{ Querystring: { body?: string } }>('/body-decisions', { schema: { querystring: { type: 'object', additionalProperties: false, properties: { body: { type: 'string', enum: [...BODIES] } } } } }, async (request) => {
    requirePrincipal(request);
    return { bodyDecisions: await bodyDecisions.list(request.query.body ? { body: request.query.body } : {}) };
  });

  app.get<{ Params: { id: string } }>('/body-decisions/:id', async (request) => {
    requirePrincipal(request);
    const found = request.params.id.length <= 60 ? await bodyDecisions.get(request.params.id) : undefined;
    if (!found) throw new HttpProblem(404, `There is no body decision ${request.params.id}.`);
    return found;
  });
}

const problem = { $ref: '#/components/responses/Problem' };

export function bodyDecisionOpenApiPaths(): Record<string, unknown> {
  return {
    '/api/v1/body-decisions': {
      get: { operationId: 'list-body-decisions', tags: ['records'], parameters: [{ name: 'body', in: 'query', schema: { type: 'string', enum: [...BODIES] } }], responses: { '200': { description: 'Decisions not to submit' }, '401': problem } },
      post: { operationId: 'record-body-decision', tags: ['records'], summary: 'The SSC (G7.20(b)) or the SMKI PMA (L1.19(b)) records a decision not to submit a Draft Proposal', requestBody: { required: true, content: { 'application/json': { schema: payloadBody(BODY_DECISION_SCHEMA) } } }, responses: { '201': { description: 'Recorded' }, '400': problem, '401': problem, '403': problem, '422': problem } },
    },
    '/api/v1/body-decisions/{id}': { get: { operationId: 'get-body-decision', tags: ['records'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The decision' }, '401': problem, '404': problem } } },
  };
}
