// GET /api/v1/openapi.json: OpenAPI 3.1, built from the same schemas that validate requests
// (the command payload schemas of the domain, and the route body schemas).
import type { FastifyInstance } from 'fastify';
import { COMMAND_NAMES, type CommandName } from '../../domain/modification/index.ts';
import { commandBodySchema } from './modification-routes.ts';
import { sessionBody } from './session-routes.ts';
import { clockBody } from './admin-routes.ts';
import { checkBody, codeVersionBody, legalTextBody } from './legal-text-routes.ts';
import { scrOpenApiPaths } from './scr-routes.ts';
import { changeSetOpenApiPaths } from './change-set-routes.ts';
import { obligationOpenApiPaths } from './obligation-routes.ts';
import { governanceOpenApiPaths } from './governance-routes.ts';
import { bodyDecisionOpenApiPaths } from './body-decision-routes.ts';
import { documentOpenApiPaths } from './document-routes.ts';
import { webhookOpenApiPaths } from './webhook-routes.ts';
import { uploadOpenApiPaths } from './upload-routes.ts';
import { IMPACTED_AREAS } from '../../app/modifications/queries.ts';
import { PARTY_CATEGORIES } from '../../domain/parties/organisation.ts';
import { notifyOpenApiPaths } from '../pages/subscriptions/routes.ts';
import { preferencesBody } from '../pages/notifications/routes.ts';

const problem = { $ref: '#/components/responses/Problem' };
const refusals = { '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '412': problem, '413': problem, '422': problem };
const referenceParam = { name: 'reference', in: 'path', required: true, description: 'DPnnn or MPnnn (either resolves)', schema: { type: 'string', pattern: '^(DP|MP)?\\d{1,9}$' } };
const headers = [
  { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 } },
  { name: 'If-Match', in: 'header', required: false, description: 'stream version from the ETag', schema: { type: 'string' } },
];

const commandOperation = (command: CommandName) => ({
  operationId: command,
  summary: command === 'create-draft-proposal' ? 'Create a Draft Proposal (T01)' : `Execute ${command}`,
  tags: ['lifecycle'],
  parameters: command === 'create-draft-proposal' ? headers : [referenceParam, ...headers],
  requestBody: { required: true, content: { 'application/json': { schema: commandBodySchema(command) } } },
  responses: { [command === 'create-draft-proposal' ? '201' : '200']: { description: 'The command was accepted', content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandOutcome' } } } }, ...refusals },
});

export function openApiDocument() {
  const paths: Record<string, unknown> = {
    '/api/v1/session': {
      post: { operationId: 'create-session', summary: 'Exchange email and password for a bearer token', security: [], requestBody: { required: true, content: { 'application/json': { schema: sessionBody } } }, responses: { '201': { description: 'Token issued' }, '400': problem, '401': problem, '429': problem } },
      delete: { operationId: 'revoke-session', summary: 'Revoke the bearer token used', responses: { '204': { description: 'Revoked' }, '401': problem } },
    },
    '/api/v1/me': { get: { operationId: 'me', summary: 'Who the token identifies', responses: { '200': { description: 'The principal' }, '401': problem } } },
    '/api/v1/admin/clock': {
      get: { operationId: 'get-clock', responses: { '200': { description: 'Clock mode and time' }, '401': problem } },
      put: { operationId: 'set-clock', summary: 'Set the manual clock (SECMOD_CLOCK=manual; system administrators)', requestBody: { required: true, content: { 'application/json': { schema: clockBody } } }, responses: { '200': { description: 'Set' }, ...refusals } },
    },
    '/api/v1/rulebook': { get: { operationId: 'rulebook', security: [], summary: 'Process parameters with defaults and sources', responses: { '200': { description: 'The rulebook in force' }, '404': problem } } },
    '/api/v1/draft-proposals': { post: commandOperation('create-draft-proposal') },
    '/api/v1/bodies': { get: { operationId: 'list-bodies', summary: 'Bodies with their members, and the Change Board seats (suspended flags, M8.5(c)(i))', responses: { '200': { description: 'Bodies' }, '401': problem } } },
    '/api/v1/releases': { get: { operationId: 'list-releases', summary: 'SEC Releases with the proposals scheduled in them', responses: { '200': { description: 'Releases' }, '401': problem } } },
    '/api/v1/code-versions': {
      get: { operationId: 'list-code-versions', tags: ['legal text'], responses: { '200': { description: 'Stored SEC versions' }, '401': problem } },
      post: { operationId: 'import-code-version', tags: ['legal text'], requestBody: { required: true, content: { 'application/json': { schema: codeVersionBody } } }, responses: { '201': { description: 'Stored' }, ...refusals } },
    },
    '/api/v1/code-versions/{version}': {
      get: { operationId: 'get-code-version', tags: ['legal text'], summary: 'A stored SEC version with the drafting checker’s findings on its text', parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The version and its findings' }, '401': problem, '404': problem } },
    },
    '/api/v1/legal-text-documents': {
      post: { operationId: 'record-legal-text', tags: ['legal text'], summary: 'Record a legal-text document version; the drafting checker runs against its baseline', requestBody: { required: true, content: { 'application/json': { schema: legalTextBody } } }, responses: { '201': { description: 'Recorded with findings' }, ...refusals } },
    },
    '/api/v1/legal-text-documents/{documentId}': { get: { operationId: 'get-legal-text', tags: ['legal text'], parameters: [{ name: 'documentId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'Latest version with findings' }, '401': problem, '404': problem } } },
    '/api/v1/check-text': { post: { operationId: 'check-text', tags: ['legal text'], summary: 'Run the drafting checker on any text', requestBody: { required: true, content: { 'application/json': { schema: checkBody } } }, responses: { '200': { description: 'Findings' }, '400': problem, '401': problem, '413': problem } } },
    '/api/v1/modifications': {
      get: {
        operationId: 'list-modifications',
        parameters: ['stage', 'proposerOrganisation', 'release', 'q'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })).concat([
          { name: 'partyCategory', in: 'query', schema: { type: 'string', enum: [...PARTY_CATEGORIES] } as never },
          { name: 'impactedArea', in: 'query', schema: { type: 'string', enum: Object.keys(IMPACTED_AREAS) } as never },
          { name: 'path', in: 'query', schema: { type: 'integer', enum: [1, 2, 3] } as never },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } as never },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } as never },
        ]),
        responses: { '200': { description: 'Register entries' }, '400': problem, '401': problem },
      },
    },
    '/api/v1/modifications/{reference}': { get: { operationId: 'get-modification', parameters: [referenceParam], responses: { '200': { description: 'The proposal (ETag: stream version)' }, '401': problem, '404': problem } } },
    '/api/v1/modifications/{reference}/actions': { get: { operationId: 'available-actions', parameters: [referenceParam], responses: { '200': { description: 'What the caller may do now, with clauses' }, '401': problem, '404': problem } } },
    '/api/v1/modifications/{reference}/events': { get: { operationId: 'modification-events', parameters: [referenceParam], responses: { '200': { description: 'The event stream' }, '401': problem, '404': problem } } },
  };
  for (const command of COMMAND_NAMES) {
    if (command === 'create-draft-proposal' || command === 'expire-timer') continue;
    paths[`/api/v1/modifications/{reference}/actions/${command}`] = { post: commandOperation(command) };
  }
  Object.assign(paths, scrOpenApiPaths(), changeSetOpenApiPaths(), obligationOpenApiPaths(), governanceOpenApiPaths(), bodyDecisionOpenApiPaths(), documentOpenApiPaths(), webhookOpenApiPaths(), notifyOpenApiPaths(preferencesBody));
  // Uploads share a path with the generated documents' list: merge by method.
  for (const [path, operations] of Object.entries(uploadOpenApiPaths())) paths[path] = { ...((paths[path] as object | undefined) ?? {}), ...operations };
  return {
    openapi: '3.1.0',
    info: { title: 'secmod API', version: '1', description: 'The SEC modification process (Section D as amended by SECMP0049).' },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, clause: { type: 'string' }, guards: { type: 'array', items: { type: 'string' } } },
        },
        CommandOutcome: {
          type: 'object',
          required: ['number', 'reference', 'state', 'streamVersion', 'events'],
          properties: {
            number: { type: 'integer' },
            reference: { type: 'string' },
            state: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
            streamVersion: { type: 'integer' },
            events: { type: 'array', items: { type: 'object', properties: { position: { type: 'integer' }, type: { type: 'string' }, clauseRefs: { type: 'array', items: { type: 'string' } } } } },
          },
        },
      },
      responses: { Problem: { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } },
    },
  };
}

export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  const document = openApiDocument();
  app.get('/openapi.json', async () => document);
}
