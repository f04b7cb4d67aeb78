// The lifecycle API (sec-process.md §5.5; architecture.md "HTTP conventions"):
//   POST /draft-proposals                          create a Draft Proposal (T01)
//   POST /modifications/{ref}/actions/{command}    every other command, one route each
//   GET  /modifications[?stage&path&proposerOrganisation&partyCategory&release&impactedArea&q&limit&offset]
//   GET  /modifications/{ref}, /actions, /events
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { availableActions, COMMAND_NAMES, PAYLOAD_SCHEMAS, type CommandName, type ModificationCommand } from '../../domain/modification/index.ts';
import { actorFrom } from '../../app/modifications/actor.ts';
import { loadModification, lookUpFacts, referenceOf, rulebookOf, toDomainEvent } from '../../app/modifications/command-handler.ts';
import { IMPACTED_AREAS, registerPageJson, type ImpactedArea } from '../../app/modifications/queries.ts';
import { PARTY_CATEGORIES } from '../../domain/parties/organisation.ts';
import { modificationStream, parseReference } from '../../app/modifications/references.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';
import { idempotencyKeyOf, ifMatchOf } from './request-headers.ts';
import { commandProblem } from './command-problems.ts';

export const commandBodySchema = (command: CommandName) => ({
  type: 'object',
  required: ['payload'],
  additionalProperties: false,
  properties: {
    payload: PAYLOAD_SCHEMAS[command],
    evidence: { type: 'array', maxItems: 20, items: { type: 'object', additionalProperties: false, required: ['documentId', 'kind'], properties: { documentId: { type: 'string', maxLength: 100 }, kind: { type: 'string', maxLength: 60 } } } },
    onBehalfOf: { type: 'string', maxLength: 60 },
  },
});


const numberOf = (reference: string): number => {
  const n = parseReference(reference);
  if (n === undefined) throw new HttpProblem(404, `"${reference}" is not a Draft or Modification Proposal reference (like DP014 or MP014).`);
  return n;
};

type Body = { payload: Record<string, unknown>; onBehalfOf?: string };

export async function modificationApiRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;

  const run = async (request: FastifyRequest<{ Body: Body }>, reply: FastifyReply, command: CommandName, number: number | undefined) => {
    const principal = requirePrincipal(request);
    const expectedVersion = ifMatchOf(request);
    try {
      const outcome = await services.modifications.execute({
        ...(number !== undefined ? { number } : {}),
        command: { type: command, payload: request.body.payload } as ModificationCommand,
        actor: { ...actorFrom(principal), ...(request.body.onBehalfOf ? { onBehalfOf: request.body.onBehalfOf } : {}) },
        ...(idempotencyKeyOf(request) ? { idempotencyKey: idempotencyKeyOf(request)! } : {}),
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
      return reply
        .code(number === undefined ? 201 : 200)
        .header('etag', `"${outcome.streamVersion}"`)
        .header('location', `/api/v1/modifications/${outcome.reference}`)
        .send(outcome);
    } catch (error) {
      const problem = commandProblem(error, expectedVersion !== undefined);
      // Authorisation failures are logged with who, what and the clause relied on (no payload: it may hold personal data).
      if (problem instanceof HttpProblem && problem.status === 403) {
        request.log.warn({ status: 403, type: problem.extra.type, command, reference: number, userId: principal.userId, organisationId: principal.organisation?.id, clause: problem.extra.clause, detail: problem.detail }, 'command refused');
      }
      throw problem;
    }
  };

  app.post<{ Body: Body }>('/draft-proposals', { schema: { body: commandBodySchema('create-draft-proposal') } }, async (request, reply) => run(request, reply, 'create-draft-proposal', undefined));

  for (const command of COMMAND_NAMES) {
    if (command === 'create-draft-proposal' || command === 'expire-timer') continue;
    app.post<{ Body: Body; Params: { reference: string } }>(`/modifications/:reference/actions/${command}`, { schema: { body: commandBodySchema(command) } }, async (request, reply) =>
      run(request as unknown as FastifyRequest<{ Body: Body }>, reply, command, numberOf(request.params.reference)),
    );
  }

  app.get<{ Querystring: { stage?: string; path?: number; proposerOrganisation?: string; partyCategory?: string; release?: string; impactedArea?: ImpactedArea; q?: string; limit?: number; offset?: number } }>(
    '/modifications',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            stage: { type: 'string', maxLength: 40 },
            path: { type: 'integer', enum: [1, 2, 3] },
            proposerOrganisation: { type: 'string', maxLength: 80 },
            partyCategory: { type: 'string', enum: [...PARTY_CATEGORIES] },
            release: { type: 'string', maxLength: 60 },
            impactedArea: { type: 'string', enum: Object.keys(IMPACTED_AREAS) },
            q: { type: 'string', maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
      },
    },
    async (request, reply) => {
      requirePrincipal(request);
      const { limit = 50, offset = 0, ...filters } = request.query;
      // PostgreSQL writes the page's JSON; it is sent as it comes (registerPageJson).
      return reply.type('application/json; charset=utf-8').send(await registerPageJson(services.database.db, { ...filters, limit, offset }));
    },
  );

  app.get<{ Params: { reference: string } }>('/modifications/:reference', async (request, reply) => {
    requirePrincipal(request);
    const n = numberOf(request.params.reference);
    const { state, version } = await loadModification(services.database.db, services.store, n);
    if (!state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${request.params.reference}.`);
    return reply.header('etag', `"${version}"`).send({ ...state, reference: referenceOf(state, n), number: n, streamVersion: version });
  });

  app.get<{ Params: { reference: string } }>('/modifications/:reference/actions', async (request) => {
    const principal = requirePrincipal(request);
    const n = numberOf(request.params.reference);
    const { state } = await loadModification(services.database.db, services.store, n);
    if (!state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${request.params.reference}.`);
    const now = services.clock.now();
    const actor = actorFrom(principal);
    const facts = await lookUpFacts(services.database.db, actor, state, now);
    return { reference: referenceOf(state, n), actions: availableActions(state, { now, rulebook: rulebookOf(state, now), actor, facts, reference: n }) };
  });

  app.get<{ Params: { reference: string } }>('/modifications/:reference/events', async (request) => {
    requirePrincipal(request);
    const n = numberOf(request.params.reference);
    const events = await services.store.readStream(modificationStream(n));
    if (events.length === 0) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${request.params.reference}.`);
    return {
      events: events.map((e) => ({
        position: e.position,
        sequence: e.streamVersion,
        type: e.type,
        recordedAt: e.recordedAt.toISOString(),
        actor: e.metadata.actor,
        rulebookVersion: e.metadata.rulebookVersion,
        clauseRefs: toDomainEvent(e).clauseRefs,
        data: e.data,
      })),
    };
  });
}
