// System administration over the API: the manual clock (tests and demos only).
import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../app/identity/principal.ts';
import { HttpProblem } from '../problem.ts';
import { requirePrincipal } from '../plugins/authentication.ts';

export const clockBody = {
  type: 'object',
  required: ['instant'],
  additionalProperties: false,
  properties: { instant: { type: 'string', minLength: 10, maxLength: 40 } },
} as const;

export async function adminApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/clock', async (request) => {
    requirePrincipal(request);
    return { mode: app.services.clock.mode, now: app.services.clock.now().toISOString() };
  });

  app.put<{ Body: { instant: string } }>('/clock', { schema: { body: clockBody } }, async (request) => {
    const principal = requirePrincipal(request);
    if (!hasRole(principal, 'system-administrator')) throw new HttpProblem(403, 'Only a system administrator may set the clock.');
    if (app.services.clock.mode !== 'manual') throw new HttpProblem(409, 'The manual clock is off: start secmod with SECMOD_CLOCK=manual to set the time.');
    const instant = new Date(request.body.instant);
    if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(request.body.instant)) {
      throw new HttpProblem(422, `"${request.body.instant}" is not an ISO 8601 date and time, like 2026-11-28T09:00:00Z.`);
    }
    await app.services.clock.set(instant);
    request.log.info({ instant: instant.toISOString() }, 'manual clock set');
    // Timers the new time has passed fire now, as they would at the next sweep.
    const sweep = await app.services.sweepDeadlines();
    return { mode: 'manual', now: instant.toISOString(), timersFired: sweep.fired };
  });
}
