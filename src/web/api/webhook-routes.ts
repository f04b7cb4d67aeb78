// Webhook endpoints (issue: Notifications, documents and feeds, item 3):
//   POST   /webhooks        {url, organisationId?, description?}  → 201 with the secret, shown once
//   GET    /webhooks        the caller's organisation's endpoints (all, for a system administrator)
//   DELETE /webhooks/{id}   stop deliveries to an endpoint
// A user acts for their own organisation; a system administrator for any (organisationId).
import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../app/identity/principal.ts';
import { WebhookError } from '../../notify/webhooks/webhook-endpoints.ts';
import { requirePrincipal } from '../plugins/authentication.ts';
import { HttpProblem } from '../problem.ts';

export const webhookBody = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'https (or http) URL that receives signed JSON POSTs' },
    organisationId: { type: 'string', maxLength: 80, description: 'Defaults to the caller’s organisation; a system administrator names one' },
    description: { type: 'string', maxLength: 200 },
  },
} as const;

const asProblem = (error: unknown): unknown => (error instanceof WebhookError ? new HttpProblem(error.status, error.message) : error);

export async function webhookApiRoutes(app: FastifyInstance): Promise<void> {
  const webhooks = () => app.services.webhooks;

  app.post<{ Body: { url: string; organisationId?: string; description?: string } }>('/webhooks', { schema: { body: webhookBody } }, async (request, reply) => {
    const p = requirePrincipal(request);
    const admin = hasRole(p, 'system-administrator');
    const organisationId = request.body.organisationId ?? p.organisation?.id;
    if (!organisationId) throw new HttpProblem(422, 'Name the organisation whose notices the webhook receives (organisationId).');
    if (!admin && organisationId !== p.organisation?.id) throw new HttpProblem(403, 'You may register webhooks only for your own organisation.');
    try {
      const { endpoint, secret } = await webhooks().register({ organisationId, url: request.body.url, ...(request.body.description ? { description: request.body.description } : {}), actorUserId: p.userId });
      return reply.code(201).header('cache-control', 'no-store').header('location', `/api/v1/webhooks/${endpoint.id}`).send({
        ...endpoint,
        secret,
        signing: 'X-Secmod-Signature: sha256=<hex HMAC-SHA256 of "<X-Secmod-Timestamp>.<body>" with this secret>. The secret is shown only now.',
      });
    } catch (error) {
      throw asProblem(error);
    }
  });

  app.get('/webhooks', async (request) => {
    const p = requirePrincipal(request);
    if (hasRole(p, 'system-administrator')) return { webhooks: await webhooks().list() };
    if (!p.organisation) return { webhooks: [] };
    return { webhooks: await webhooks().list(p.organisation.id) };
  });

  app.delete<{ Params: { id: string } }>('/webhooks/:id', async (request, reply) => {
    const p = requirePrincipal(request);
    const endpoint = await webhooks().find(request.params.id);
    const mayManage = endpoint && (hasRole(p, 'system-administrator') || endpoint.organisationId === p.organisation?.id);
    // Someone else's endpoint is reported as absent: its existence is not the caller's business.
    if (!endpoint || !mayManage || !endpoint.active) throw new HttpProblem(404, `There is no active webhook endpoint ${request.params.id} of your organisation.`);
    try {
      await webhooks().disable(endpoint.id, p.userId);
    } catch (error) {
      throw asProblem(error);
    }
    return reply.code(204).send();
  });
}

const problem = { $ref: '#/components/responses/Problem' };

export const webhookOpenApiPaths = () => ({
  '/api/v1/webhooks': {
    post: {
      operationId: 'register-webhook', tags: ['notifications'], summary: 'Register a webhook endpoint for an organisation (the secret is returned once)',
      requestBody: { required: true, content: { 'application/json': { schema: webhookBody } } },
      responses: { '201': { description: 'Registered; the response carries the signing secret' }, '400': problem, '401': problem, '403': problem, '404': problem, '409': problem, '422': problem },
    },
    get: { operationId: 'list-webhooks', tags: ['notifications'], responses: { '200': { description: 'Endpoints (never their secrets)' }, '401': problem } },
  },
  '/api/v1/webhooks/{id}': {
    delete: { operationId: 'remove-webhook', tags: ['notifications'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'Deliveries stopped' }, '401': problem, '404': problem } },
  },
});
