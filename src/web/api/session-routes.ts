// POST /api/v1/session: exchange an email and password for an API bearer token.
import type { FastifyInstance } from 'fastify';
import { signIn } from '../../app/identity/sign-in.ts';
import { HttpProblem } from '../problem.ts';
import { requirePrincipal } from '../plugins/authentication.ts';

export const sessionBody = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

export async function sessionApiRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { email: string; password: string } }>('/session', { schema: { body: sessionBody } }, async (request, reply) => {
    const { services } = app;
    const result = await signIn({ directory: services.directory, throttle: services.signInThrottle }, request.body.email, request.body.password, request.ip);
    if (result.outcome === 'throttled') {
      throw new HttpProblem(429, `Too many failed sign-in attempts. Try again in ${result.retryAfterSeconds} seconds.`, { headers: { 'retry-after': String(result.retryAfterSeconds) } });
    }
    if (result.outcome === 'invalid') throw new HttpProblem(401, 'The email address or password is not correct.');
    const { token, expiresAt } = await services.apiTokens.create(result.userId, 'api sign-in', services.config.sessionTtlHours);
    request.log.info({ userId: result.userId }, 'api token issued');
    return reply.code(201).header('cache-control', 'no-store').send({ token, tokenType: 'Bearer', expiresAt: expiresAt?.toISOString() ?? null });
  });

  app.delete('/session', async (request, reply) => {
    requirePrincipal(request);
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token) await app.services.apiTokens.revoke(token);
    return reply.code(204).send();
  });

  app.get('/me', async (request, reply) => {
    const p = requirePrincipal(request);
    return reply.header('cache-control', 'no-store').send(p);
  });
}
