// ajv's type coercion turns a query value like `1e309` or `Infinity` into the number Infinity
// and then lets it through `integer` with a `maximum` (ajv 8.20), and JSON.parse reads `1e309`
// as Infinity too. No field of this service holds an infinite number, and PostgreSQL refuses
// one in a bigint with an error (a 500), so such a request is refused after validation with 400.
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../problem.ts';

function hasNonFinite(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNonFinite(v, depth + 1));
  return Object.values(value).some((v) => hasNonFinite(v, depth + 1));
}

export function registerRejectNonFinite(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (hasNonFinite(request.query) || hasNonFinite(request.params) || hasNonFinite(request.body)) {
      throw new HttpProblem(400, 'A number in the request is too large to be used (it is not finite).');
    }
  });
}
