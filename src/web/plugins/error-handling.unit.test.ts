// Which errors mean "the database is unavailable" (503 with Retry-After) rather than a fault (500).
import { describe, expect, it } from 'vitest';
import { databaseUnavailable } from './error-handling.ts';

describe('databaseUnavailable', () => {
  it('recognises PostgreSQL shutting down, refused or terminated connections, and the pool timing out', () => {
    for (const e of [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('the database system is shutting down'), { code: '57P03' }),
    ]) expect(databaseUnavailable(e), e.message).toBe(true);
  });
  it('does not call a programming error or a constraint violation an outage', () => {
    expect(databaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(databaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(databaseUnavailable(undefined)).toBe(false);
  });
});
