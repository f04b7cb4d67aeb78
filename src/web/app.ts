// The HTTP application: one Fastify instance serving the GOV.UK pages and the JSON API.
import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import type { Services } from '../app/services.ts';
import { registerErrorHandling } from './plugins/error-handling.ts';
import { registerAuthentication } from './plugins/authentication.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { registerRejectNul } from './plugins/reject-nul.ts';
import { registerRejectNonFinite } from './plugins/reject-non-finite.ts';
import { homeRoutes } from './pages/home/routes.ts';
import { signInRoutes } from './pages/sign-in/routes.ts';
import { registerRoutes } from './pages/register/routes.ts';
import { demoInboxRoutes } from './pages/demo-inbox/routes.ts';
import { legalTextRoutes } from './pages/legal-text/routes.ts';
import { proposalRoutes } from './pages/proposal/routes.ts';
import { raiseDraftProposalRoutes } from './pages/raise-draft-proposal/routes.ts';
import { commandFormRoutes } from './pages/command-form/routes.ts';
import { recordRoutes } from './pages/records/routes.ts';
import { flashMessages } from './pages/command-form/flash.ts';
import { taskRoutes } from './pages/tasks/routes.ts';
import { voteRoutes } from './pages/vote/routes.ts';
import { calendarRoutes } from './pages/calendar/routes.ts';
import { adminRoutes } from './pages/admin/routes.ts';
import { operationsRoutes } from './operations-routes.ts';
import { sessionApiRoutes } from './api/session-routes.ts';
import { adminApiRoutes } from './api/admin-routes.ts';
import { modificationApiRoutes } from './api/modification-routes.ts';
import { rulebookApiRoutes } from './api/rulebook-routes.ts';
import { registryApiRoutes } from './api/registry-routes.ts';
import { openApiRoutes } from './api/openapi.ts';
import { legalTextApiRoutes } from './api/legal-text-routes.ts';
import { changeSetApiRoutes } from './api/change-set-routes.ts';
import { changeSetPageRoutes } from './pages/legal-text/change-set-routes.ts';
import { consolidationPageRoutes } from './pages/legal-text/consolidation-routes.ts';
import { scrApiRoutes } from './api/scr-routes.ts';
import { obligationApiRoutes } from './api/obligation-routes.ts';
import { governanceApiRoutes } from './api/governance-routes.ts';
import { bodyDecisionApiRoutes } from './api/body-decision-routes.ts';
import { documentApiRoutes } from './api/document-routes.ts';
import { webhookApiRoutes } from './api/webhook-routes.ts';
import { uploadApiRoutes } from './api/upload-routes.ts';
import { feedRoutes } from './pages/feeds/routes.ts';
import { notificationRoutes } from './pages/notifications/routes.ts';
import { subscriptionRoutes } from './pages/subscriptions/routes.ts';
import { noticeTemplateRoutes } from './pages/admin/templates-routes.ts';
import { uploadPageRoutes } from './pages/uploads/routes.ts';
import './types.d.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const govukDist = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');

/** What the logs never show: credentials, cookies and passwords. */
export const LOG_REDACT = { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password'], censor: '[redacted]' };

export interface AppOptions {
  /** pino logger options, or false for none (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  /** The production logger (with its redaction) at this level into this stream: for proofs that secrets never reach the logs. */
  readonly logTo?: { readonly level: string; readonly stream: NodeJS.WritableStream };
}

export async function createApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: options.logger ?? {
      level: options.logTo?.level ?? config.logLevel,
      ...(options.logTo ? { stream: options.logTo.stream } : {}),
      redact: LOG_REDACT,
    },
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: config.behindTls,
    // Requests and their bodies are parsed with prototype-pollution protection.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
  });
  app.decorate('services', services);
  // Every route with its method, for the proof suite's header, CSRF and fuzzing sweeps.
  const routeCatalogue: { method: string; url: string }[] = [];
  app.decorate('routeCatalogue', routeCatalogue);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeCatalogue.push({ method, url: route.url });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Cookie signing key derived from the chain key, so every process on one database agrees.
  const cookieSecret = createHmac('sha256', config.chainKey).update('secmod-cookie-secret').digest('hex');
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.behindTls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.behindTls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyFormbody, { bodyLimit: config.bodyLimitBytes });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: config.behindTls },
  });
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [here, govukDist],
    options: { autoescape: true, throwOnUndefined: false, noCache: !config.production },
  });
  // govuk-frontend's fonts and images at /assets (its template's default assetPath), and
  // its compiled CSS and JS at /static.
  await app.register(fastifyStatic, { root: path.join(govukDist, 'govuk', 'assets'), prefix: '/assets/', maxAge: '1d' });
  await app.register(fastifyStatic, {
    root: path.join(govukDist, 'govuk'),
    prefix: '/static/',
    decorateReply: false,
    allowedPath: (p) => /^\/govuk-frontend\.min\.(css|js)$/.test(p),
    maxAge: '1d',
  });
  await app.register(fastifyStatic, { root: path.join(here, 'static'), prefix: '/static/app/', decorateReply: false });

  registerErrorHandling(app);
  registerAuthentication(app);
  registerMetrics(app);
  registerRejectNul(app);
  registerRejectNonFinite(app);

  // CSRF on every form: any state-changing page request must carry the token.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.url.startsWith('/api/')) return;
    await new Promise<void>((resolve, reject) => app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())));
  });

  await app.register(operationsRoutes);
  await app.register(homeRoutes);
  await app.register(signInRoutes);
  await app.register(registerRoutes);
  await app.register(demoInboxRoutes);
  await app.register(legalTextRoutes);
  await app.register(changeSetPageRoutes);
  await app.register(consolidationPageRoutes);
  await app.register(raiseDraftProposalRoutes);
  await app.register(proposalRoutes);
  await app.register(uploadPageRoutes);
  await app.register(flashMessages);
  await app.register(commandFormRoutes);
  await app.register(recordRoutes);
  await app.register(taskRoutes);
  await app.register(voteRoutes);
  await app.register(calendarRoutes);
  await app.register(adminRoutes);
  await app.register(sessionApiRoutes, { prefix: '/api/v1' });
  await app.register(adminApiRoutes, { prefix: '/api/v1/admin' });
  await app.register(modificationApiRoutes, { prefix: '/api/v1' });
  await app.register(rulebookApiRoutes, { prefix: '/api/v1' });
  await app.register(registryApiRoutes, { prefix: '/api/v1' });
  await app.register(openApiRoutes, { prefix: '/api/v1' });
  await app.register(legalTextApiRoutes, { prefix: '/api/v1' });
  await app.register(changeSetApiRoutes, { prefix: '/api/v1' });
  await app.register(scrApiRoutes, { prefix: '/api/v1' });
  await app.register(obligationApiRoutes, { prefix: '/api/v1' });
  await app.register(governanceApiRoutes, { prefix: '/api/v1' });
  await app.register(bodyDecisionApiRoutes, { prefix: '/api/v1' });
  await app.register(documentApiRoutes, { prefix: '/api/v1' });
  await app.register(webhookApiRoutes, { prefix: '/api/v1' });
  await app.register(uploadApiRoutes, { prefix: '/api/v1' });
  await app.register(feedRoutes);
  await app.register(notificationRoutes);
  await app.register(subscriptionRoutes);
  await app.register(noticeTemplateRoutes);
  return app;
}
