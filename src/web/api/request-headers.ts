// The request headers every API write reads the same way (architecture.md "HTTP"):
// Idempotency-Key (a repeat answers the first result) and If-Match (the stream version).
import type { FastifyRequest } from 'fastify';
import { recordIdempotency, type RecordIdempotency } from '../../app/record-idempotency.ts';
import { HttpProblem } from '../problem.ts';

export const idempotencyKeyOf = (request: FastifyRequest): string | undefined => {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !/^[\w.:-]{1,128}$/.test(key)) throw new HttpProblem(400, 'The Idempotency-Key header must be 1 to 128 letters, digits, dots, colons, dashes or underscores.');
  return key;
};

export const ifMatchOf = (request: FastifyRequest): number | undefined => {
  const raw = request.headers['if-match'];
  if (raw === undefined) return undefined;
  const m = typeof raw === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim()) : null;
  if (!m) throw new HttpProblem(400, 'If-Match must be the stream version from the ETag, like "7".');
  return Number(m[1]);
};

/** The idempotency of a record write (SCR, ALV, obligation, body decision, governance record): key + what was asked. */
export const recordIdempotencyOf = (request: FastifyRequest, userId: string): RecordIdempotency | undefined => {
  const key = idempotencyKeyOf(request);
  return key ? recordIdempotency(userId, key, { method: request.method, url: request.url, body: request.body ?? null, ifMatch: request.headers['if-match'] ?? null }) : undefined;
};
