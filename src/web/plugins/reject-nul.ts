// PostgreSQL text and jsonb cannot hold the NUL character (U+0000): a request carrying one is
// refused up front with 400, rather than failing in the database with a 500.
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../problem.ts';

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  // Binary bodies (uploads) are bytes, not text: NUL is allowed there and walking them byte by
  // byte would cost one entry per byte.
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

export function registerRejectNul(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.body) || hasNul(request.query) || hasNul(request.params)) {
      throw new HttpProblem(400, 'The request contains the NUL character (U+0000), which text fields cannot hold.');
    }
  });
}
