// Proof suite (tamper evidence): random single mutations made directly in SQL — edit, delete,
// swap, insert, truncate — are each detected by the hash-chain check, which names the first
// bad position. The append-only triggers are bypassed as an attacker with database access
// would (session_replication_role = replica).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openServices, type Services } from '../../src/app/services.ts';
import { loadConfig } from '../../src/config.ts';
import { verifyChain } from '../../src/store/verify-chain.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const config = loadConfig({ NODE_ENV: 'test' });
let database: TestDatabase;
let services: Services;
let positions: number[];

beforeAll(async () => {
  database = await createTestDatabase();
  services = await openServices(config, database.url, { poolSize: 2 });
  await services.store.append({ streamId: 'tamper-proof', expectedVersion: 0, events: Array.from({ length: 30 }, (_, n) => ({ type: 'ProofHappened', data: { n, text: `event ${n}` } })) });
  positions = (await services.database.db.selectFrom('events').select('position').orderBy('position').execute()).map((r) => r.position);
  await sql`CREATE TABLE events_pristine AS SELECT * FROM events`.execute(services.database.db);
  await sql`CREATE TABLE head_pristine AS SELECT * FROM event_chain_head`.execute(services.database.db);
});
afterAll(async () => {
  await services.close();
  await database.drop();
});

async function asAttacker(statements: string[]): Promise<void> {
  await services.database.db.connection().execute(async (db) => {
    await sql`SET session_replication_role = replica`.execute(db);
    try {
      for (const s of statements) await sql.raw(s).execute(db);
    } finally {
      await sql`SET session_replication_role = origin`.execute(db);
    }
  });
}

const restore = () => asAttacker(['DELETE FROM events', 'INSERT INTO events SELECT * FROM events_pristine', 'DELETE FROM event_chain_head', 'INSERT INTO event_chain_head SELECT * FROM head_pristine']);

type Mutation =
  | { kind: 'edit'; i: number }
  | { kind: 'delete'; i: number }
  | { kind: 'swap'; i: number; j: number }
  | { kind: 'insert' }
  | { kind: 'truncate'; i: number };

describe('tamper evidence', () => {
  it('every random single mutation is detected at the first bad position', async () => {
    const n = () => positions.length;
    const index = fc.integer({ min: 0, max: 1_000_000 }).map((x) => x % n());
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      index.map((i) => ({ kind: 'edit' as const, i })),
      index.map((i) => ({ kind: 'delete' as const, i })),
      fc.tuple(index, index).filter(([i, j]) => i !== j).map(([i, j]) => ({ kind: 'swap' as const, i: Math.min(i, j), j: Math.max(i, j) })),
      fc.constant({ kind: 'insert' as const }),
      index.map((i) => ({ kind: 'truncate' as const, i })),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const p = (i: number) => positions[i]!;
        const last = p(n() - 1);
        let expected: number;
        switch (m.kind) {
          case 'edit':
            await asAttacker([`UPDATE events SET data = jsonb_set(data, '{text}', '"forged"') WHERE position = ${p(m.i)}`]);
            expected = p(m.i);
            break;
          case 'delete':
            await asAttacker([`DELETE FROM events WHERE position = ${p(m.i)}`]);
            expected = m.i === n() - 1 ? p(m.i) : p(m.i + 1);
            break;
          case 'swap':
            await asAttacker([
              `UPDATE events SET position = -1 WHERE position = ${p(m.i)}`,
              `UPDATE events SET position = ${p(m.i)} WHERE position = ${p(m.j)}`,
              `UPDATE events SET position = ${p(m.j)} WHERE position = -1`,
            ]);
            expected = p(m.i);
            break;
          case 'insert':
            await asAttacker([
              `INSERT INTO events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
               SELECT ${last + 1}, 'forged', 1, 'Forged', '{}', '{}', now(), hash, md5(random()::text) FROM events WHERE position = ${last}`,
            ]);
            expected = last + 1;
            break;
          case 'truncate':
            await asAttacker([`DELETE FROM events WHERE position >= ${p(m.i)}`]);
            expected = p(m.i);
            break;
        }
        const result = await verifyChain(services.database.db, config.chainKey);
        await restore();
        expect(result.ok).toBe(false);
        expect(result.firstBadPosition).toBe(expected);
      }),
      { numRuns: 40, seed: 20261128 },
    );
    expect((await verifyChain(services.database.db, config.chainKey)).ok).toBe(true);
  });
});
