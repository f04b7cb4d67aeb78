// Subscriptions ("follow"): a signed-in user follows a proposal (the Follow button on the
// proposal page), a path, a Party Category's proposals or a saved register search.
//   GET  /account/subscriptions               what you follow, with Remove; a form to follow more
//   POST /account/subscriptions               follow (PRG back to where the form was)
//   POST /account/subscriptions/:id/remove    stop following (PRG)
//   GET|POST /api/v1/me/subscriptions, DELETE /api/v1/me/subscriptions/:id
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PARTY_CATEGORIES, PARTY_CATEGORY_LABELS } from '../../../domain/parties/organisation.ts';
import { SUBSCRIPTION_KINDS, SUBSCRIPTION_LEVELS, SubscriptionError } from '../../../notify/subscriptions.ts';
import { requirePrincipal } from '../../plugins/authentication.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { setFlash } from '../command-form/flash.ts';

export const subscriptionBody = {
  type: 'object',
  required: ['kind', 'target'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...SUBSCRIPTION_KINDS] },
    target: { type: 'string', maxLength: 500, description: 'proposal: a reference (MP014); path: 1, 2 or 3; party-category: e.g. large-supplier; search: a register query string (stage, path, partyCategory, q)' },
    level: { type: 'string', enum: [...SUBSCRIPTION_LEVELS], description: 'significant (default): stage changes, consultations, decisions, appeals, implementation; everything: every event' },
  },
} as const;

type Form = Record<string, string>;
const formOf = (body: unknown): Form =>
  typeof body === 'object' && body !== null ? Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, (v as string).trim().slice(0, 500)])) : {};

/** Where to go back to after following: only our own pages. */
const safeReturn = (raw: string | undefined): string => (raw && /^\/(?:proposals\/[A-Za-z0-9]{1,12}|account\/subscriptions)$/.test(raw) ? raw : '/account/subscriptions');

const TARGET_FIELD = { proposal: 'proposalReference', path: 'pathNumber', 'party-category': 'partyCategory', search: 'searchQuery' } as const;

export async function subscriptionRoutes(app: FastifyInstance): Promise<void> {
  const subscriptions = () => app.services.notify.subscriptions;

  const listPage = async (request: FastifyRequest, reply: FastifyReply, userId: string, values: Form = {}, errors: Record<string, string> = {}) =>
    renderPage(request, reply.code(Object.keys(errors).length ? 422 : 200), 'pages/subscriptions/subscriptions.njk', {
      pageTitle: 'What you follow',
      subscriptions: await subscriptions().list(userId),
      values,
      fieldErrors: errors,
      errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
      partyCategoryItems: [{ value: '', text: 'Choose a Party Category' }, ...PARTY_CATEGORIES.map((c) => ({ value: c, text: PARTY_CATEGORY_LABELS[c], selected: values.partyCategory === c }))],
    });

  const signedIn = (request: FastifyRequest) => {
    if (!request.principal) throw new HttpProblem(401, 'Sign in to follow proposals.');
    return request.principal;
  };

  app.get('/account/subscriptions', async (request, reply) => listPage(request, reply, signedIn(request).userId));

  app.post('/account/subscriptions', async (request, reply) => {
    const p = signedIn(request);
    const form = formOf(request.body);
    const kind = form.kind ?? '';
    const field = TARGET_FIELD[kind as keyof typeof TARGET_FIELD];
    try {
      const { subscription, created } = await subscriptions().follow(p.userId, { kind, target: field ? (form[field] ?? '') : '', level: form.level || 'significant' });
      setFlash(request, reply, {
        heading: created ? `You follow ${subscription.description}` : `You now follow ${subscription.description} for ${subscription.level === 'everything' ? 'everything' : 'significant changes only'}`,
        text: subscription.level === 'everything' ? 'You will be told of every event.' : 'You will be told of stage changes, consultations, decisions, appeals and implementation.',
      });
      return reply.redirect(safeReturn(form.returnTo), 303);
    } catch (error) {
      if (!(error instanceof SubscriptionError)) throw error;
      const at = error.field === 'target' ? (field ?? 'kind') : error.field;
      return listPage(request, reply, p.userId, form, { [at]: error.message });
    }
  });

  app.post<{ Params: { id: string } }>('/account/subscriptions/:id/remove', async (request, reply) => {
    const p = signedIn(request);
    const existing = await subscriptions().find(p.userId, request.params.id);
    if (!existing) throw new HttpProblem(404, 'You do not follow that (any more).');
    await subscriptions().remove(p.userId, existing.id);
    setFlash(request, reply, { heading: `You no longer follow ${existing.description}` });
    return reply.redirect('/account/subscriptions', 303);
  });

  // ---------------------------------------------------------------- API
  const asProblem = (error: unknown): unknown => (error instanceof SubscriptionError ? new HttpProblem(error.status, error.message) : error);

  app.get('/api/v1/me/subscriptions', async (request) => ({ subscriptions: await subscriptions().list(requirePrincipal(request).userId) }));

  app.post<{ Body: { kind: string; target: string; level?: string } }>('/api/v1/me/subscriptions', { schema: { body: subscriptionBody } }, async (request, reply) => {
    const p = requirePrincipal(request);
    try {
      const { subscription, created } = await subscriptions().follow(p.userId, request.body);
      return reply.code(created ? 201 : 200).header('location', `/api/v1/me/subscriptions/${subscription.id}`).send(subscription);
    } catch (error) {
      throw asProblem(error);
    }
  });

  app.delete<{ Params: { id: string } }>('/api/v1/me/subscriptions/:id', async (request, reply) => {
    const p = requirePrincipal(request);
    if (!(await subscriptions().remove(p.userId, request.params.id))) throw new HttpProblem(404, `You have no subscription ${request.params.id.slice(0, 40)}.`);
    return reply.code(204).send();
  });
}

const problem = { $ref: '#/components/responses/Problem' };

/** OpenAPI paths of the /me notification routes (to merge into /api/v1/openapi.json). */
export const notifyOpenApiPaths = (preferencesBody: unknown) => ({
  '/api/v1/me/notification-preferences': {
    get: { operationId: 'get-notification-preferences', tags: ['notifications'], responses: { '200': { description: 'mode, muted rules and the digest time' }, '401': problem } },
    put: { operationId: 'set-notification-preferences', tags: ['notifications'], requestBody: { required: true, content: { 'application/json': { schema: preferencesBody } } }, responses: { '200': { description: 'Saved' }, '400': problem, '401': problem, '422': problem } },
  },
  '/api/v1/me/subscriptions': {
    get: { operationId: 'list-subscriptions', tags: ['notifications'], responses: { '200': { description: 'What the caller follows' }, '401': problem } },
    post: { operationId: 'follow', tags: ['notifications'], requestBody: { required: true, content: { 'application/json': { schema: subscriptionBody } } }, responses: { '201': { description: 'Following' }, '200': { description: 'Already followed; level updated' }, '400': problem, '401': problem, '404': problem, '422': problem } },
  },
  '/api/v1/me/subscriptions/{id}': {
    delete: { operationId: 'unfollow', tags: ['notifications'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'No longer followed' }, '401': problem, '404': problem } },
  },
});
