// Governance records over the API (sec-process.md §1.4, §9):
//   GET  /governance                                      the kinds, their commands and roles
//   GET  /governance/{kind}[?proposalRef]                 records of a kind
//   POST /governance/{kind}                               create (payload per kind)
//   GET  /governance/{kind}/{id}
//   POST /governance/{kind}/{id}/actions/{command}        e.g. link-external-dispute, set-threshold
//   GET  /panel-elections/electorate                      R-M-02 (M8.5(a))
// Kinds: disputes (R-C-03), ssc-support-requests (R-G-02), alt-han-liaison (R-G-03),
// recovery-costs-consultations (R-L-08), recovery-cost-referrals (R-L-09),
// change-board-appointment-requests (R-M-05). Bodies are `{ "payload": {...} }`.
import type { FastifyInstance } from 'fastify';
import { actorFrom } from '../../app/modifications/actor.ts';
import { actionsOf, GOVERNANCE_KINDS, GOVERNANCE_RULES, schemaOf, type GovernanceKind } from '../../domain/governance/record-kinds.ts';
import type { JsonSchemaObject } from '../../domain/modification/index.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';
import { recordIdempotencyOf } from './request-headers.ts';
import { guardedRecord, payloadBody } from './scr-routes.ts';

const RECORD_ID = /^[A-Z]{3}-\d{3,9}$/;
type Body = { payload: Record<string, unknown> };

export async function governanceApiRoutes(app: FastifyInstance): Promise<void> {
  const governance = app.services.governance;

  const guarded = guardedRecord;

  app.get('/governance', async (request) => {
    requirePrincipal(request);
    return {
      kinds: GOVERNANCE_KINDS.map((kind) => ({
        kind, ...GOVERNANCE_RULES[kind], href: `/api/v1/governance/${kind}`,
        commands: Object.entries(GOVERNANCE_RULES[kind].commands).map(([command, rule]) => ({ command, ...rule })),
      })),
    };
  });

  app.get('/panel-elections/electorate', async (request) => {
    requirePrincipal(request);
    return governance.electorate();
  });

  for (const kind of GOVERNANCE_KINDS) {
    const label = GOVERNANCE_RULES[kind].label;
    const idOf = (raw: string): string => {
      if (!RECORD_ID.test(raw)) throw new HttpProblem(404, `"${raw}" is not a record id (like ${GOVERNANCE_RULES[kind].idPrefix}-001).`);
      return raw;
    };

    app.get<{ Querystring: { proposalRef?: string } }>(`/governance/${kind}`, { schema: { querystring: { type: 'object', additionalProperties: false, properties: { proposalRef: { type: 'string', maxLength: 12 } } } } }, async (request) => {
      requirePrincipal(request);
      return { kind, label, records: await governance.list(kind, request.query.proposalRef ? { proposalRef: request.query.proposalRef } : {}) };
    });

    app.post<{ Body: Body }>(`/governance/${kind}`, { schema: { body: payloadBody(schemaOf(kind, 'create')!) } }, async (request, reply) => {
      const actor = actorFrom(requirePrincipal(request));
      const outcome = await guarded(request, () => governance.create(kind, request.body.payload, actor, recordIdempotencyOf(request, actor.userId)));
      return reply.code(201).header('etag', `"${outcome.streamVersion}"`).header('location', `/api/v1/governance/${kind}/${outcome.id}`).send(outcome);
    });

    app.get<{ Params: { id: string } }>(`/governance/${kind}/:id`, async (request, reply) => {
      requirePrincipal(request);
      const record = await governance.get(kind, idOf(request.params.id));
      if (!record) throw new HttpProblem(404, `There is no ${label.toLowerCase()} record ${request.params.id}.`);
      return reply.header('etag', `"${record.streamVersion}"`).send(record);
    });

    for (const command of actionsOf(kind)) {
      app.post<{ Body: Body; Params: { id: string } }>(`/governance/${kind}/:id/actions/${command}`, { schema: { body: payloadBody(schemaOf(kind, command)!) } }, async (request, reply) => {
        const actor = actorFrom(requirePrincipal(request));
        const id = idOf(request.params.id);
        const outcome = await guarded(request, (v) => governance.act(kind, id, command, request.body.payload, actor, v, recordIdempotencyOf(request, actor.userId)));
        return reply.header('etag', `"${outcome.streamVersion}"`).send(outcome);
      });
    }
  }
}

const problem = { $ref: '#/components/responses/Problem' };
const refusals = { '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '412': problem, '422': problem };
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, description: 'a repeat with the same key and body answers the first result', schema: { type: 'string', maxLength: 128 } };
const ifMatch = { name: 'If-Match', in: 'header', required: false, description: 'stream version from the ETag', schema: { type: 'string' } };
const body = (schema: JsonSchemaObject) => ({ required: true, content: { 'application/json': { schema: payloadBody(schema) } } });

/** OpenAPI paths for these routes, built from the same schemas. */
export function governanceOpenApiPaths(): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/v1/governance': { get: { operationId: 'list-governance-kinds', tags: ['governance'], responses: { '200': { description: 'Kinds, commands and who may run them' }, '401': problem } } },
    '/api/v1/panel-elections/electorate': { get: { operationId: 'panel-election-electorate', tags: ['governance'], summary: 'Who votes in Panel elections (M8.5(a), R-M-02)', responses: { '200': { description: 'voters and excluded Parties with reasons' }, '401': problem } } },
  };
  for (const kind of GOVERNANCE_KINDS as GovernanceKind[]) {
    const rules = GOVERNANCE_RULES[kind];
    paths[`/api/v1/governance/${kind}`] = {
      get: { operationId: `list-${kind}`, tags: ['governance'], summary: `${rules.label} (${rules.requirement})`, parameters: [{ name: 'proposalRef', in: 'query', schema: { type: 'string', maxLength: 12 } }], responses: { '200': { description: 'Records' }, '401': problem } },
      post: { operationId: `create-${kind}`, tags: ['governance'], summary: `${rules.commands.create?.label} (${rules.clause})`, parameters: [idempotencyKey], requestBody: body(schemaOf(kind, 'create')!), responses: { '201': { description: 'Created' }, ...refusals } },
    };
    paths[`/api/v1/governance/${kind}/{id}`] = { get: { operationId: `get-${kind}`, tags: ['governance'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The record (ETag: stream version)' }, '401': problem, '404': problem } } };
    for (const command of actionsOf(kind)) {
      paths[`/api/v1/governance/${kind}/{id}/actions/${command}`] = {
        post: {
          operationId: `${kind}-${command}`, tags: ['governance'], summary: `${rules.commands[command]?.label} (${rules.commands[command]?.clause})`,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ifMatch, idempotencyKey], requestBody: body(schemaOf(kind, command)!), responses: { '200': { description: 'Recorded' }, ...refusals },
        },
      };
    }
  }
  return paths;
}
