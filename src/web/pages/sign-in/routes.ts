// Sign-in and sign-out pages (GOV.UK validation pattern, Post/Redirect/Get).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signIn } from '../../../app/identity/sign-in.ts';
import { renderPage } from '../../render.ts';
import { SESSION_COOKIE } from '../../plugins/authentication.ts';

interface SignInForm {
  email?: unknown;
  password?: unknown;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function showForm(request: FastifyRequest, reply: FastifyReply, values: { email: string }, fieldErrors: Record<string, string>, status = 200) {
  const errorList = Object.entries(fieldErrors).map(([field, message]) => ({ text: message, href: `#${field}` }));
  return renderPage(request, reply.code(status), 'pages/sign-in/sign-in.njk', { pageTitle: 'Sign in', values, fieldErrors, errorList });
}

export async function signInRoutes(app: FastifyInstance): Promise<void> {
  app.get('/sign-in', async (request, reply) => showForm(request, reply, { email: '' }, {}));

  app.post<{ Body: SignInForm }>('/sign-in', async (request, reply) => {
    const email = text(request.body?.email).trim();
    const password = text(request.body?.password);
    const errors: Record<string, string> = {};
    if (email === '') errors.email = 'Enter your email address';
    else if (email.length > 254) errors.email = 'Email address must be 254 characters or fewer';
    if (password === '') errors.password = 'Enter your password';
    if (Object.keys(errors).length > 0) return showForm(request, reply, { email }, errors, 422);

    const { services } = app;
    const result = await signIn({ directory: services.directory, throttle: services.signInThrottle }, email, password, request.ip);
    if (result.outcome === 'throttled') {
      request.log.warn({ email }, 'sign-in throttled');
      reply.header('retry-after', String(result.retryAfterSeconds));
      return showForm(request, reply, { email }, { email: `Too many failed attempts. Wait ${Math.ceil(result.retryAfterSeconds / 60)} minutes and try again.` }, 429);
    }
    if (result.outcome === 'invalid') {
      request.log.info({ email }, 'sign-in failed');
      return showForm(request, reply, { email }, { email: 'Enter a correct email address and password' }, 422);
    }
    // A new session id on every sign-in; any session presented before is ended.
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await services.sessions.destroy(previous);
    const session = await services.sessions.create(result.userId);
    request.log.info({ userId: result.userId }, 'signed in');
    reply.setCookie(SESSION_COOKIE, session.id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: services.config.behindTls,
      expires: session.expiresAt,
    });
    return reply.redirect('/', 303);
  });

  app.post('/sign-out', async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id) await app.services.sessions.destroy(id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });
}
