// Resolves who is calling: a Bearer token (API) or the session cookie (pages). Pages take
// only the cookie and the API only tokens, so the API needs no CSRF defence.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalForApiToken, principalForSession } from '../../app/identity/principal.ts';
import { HttpProblem } from '../problem.ts';

export const SESSION_COOKIE = 'secmod_session';

export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('authMethod', undefined);
  app.addHook('onRequest', async (request) => {
    const { services } = app;
    if (services.clock.mode === 'manual') await services.clock.refresh();
    const now = services.clock.now();
    if (request.url.startsWith('/api/')) {
      const header = request.headers.authorization;
      if (!header) return;
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new HttpProblem(401, 'The Authorization header must be "Bearer <token>".', { headers: { 'www-authenticate': 'Bearer' } });
      const principal = await principalForApiToken(services.database.db, match[1]!, now);
      if (!principal) throw new HttpProblem(401, 'The API token is not valid, has expired or was revoked.', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
      request.principal = principal;
      request.authMethod = 'token';
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId) return;
    const principal = await principalForSession(services.database.db, sessionId, now);
    if (principal === 'expired') {
      await services.sessions.destroy(sessionId);
      return;
    }
    request.principal = principal;
    if (principal) request.authMethod = 'session';
  });
}

export function requirePrincipal(request: FastifyRequest) {
  if (!request.principal) throw new HttpProblem(401, 'Sign in to do this: send "Authorization: Bearer <token>" (POST /api/v1/session gives one).', { headers: { 'www-authenticate': 'Bearer' } });
  return request.principal;
}
