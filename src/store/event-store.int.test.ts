import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { openServices, PROJECTORS, type Services } from '../app/services.ts';
import { loadConfig } from '../config.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { ConcurrencyError, EventStore, IdempotencyKeyReusedError } from './event-store.ts';
import { verifyChain } from './verify-chain.ts';
import { rebuildProjections } from './rebuild-projections.ts';

let database: TestDatabase;
let services: Services;
const config = loadConfig({ NODE_ENV: 'test' });

beforeAll(async () => {
  database = await createTestDatabase();
  services = await openServices(config, database.url, { poolSize: 30 });
});
afterAll(async () => {
  await services.close();
  await database.drop();
});

const stream = () => `test-${randomUUID()}`;
const ev = (n: number) => ({ type: 'TestHappened', data: { n }, metadata: { actor: { userId: 'test' } } });

/** Tampering needs the append-only triggers out of the way, as an attacker with DB access would. */
async function tamper(statement: string): Promise<void> {
  await services.database.db.connection().execute(async (db) => {
    await sql`SET session_replication_role = replica`.execute(db);
    try {
      await sql.raw(statement).execute(db);
    } finally {
      await sql`SET session_replication_role = origin`.execute(db);
    }
  });
}

describe('event store: append with expected version', () => {
  it('concurrent appends to one stream at the same expected version: exactly one succeeds', async () => {
    const id = stream();
    await services.store.append({ streamId: id, expectedVersion: 0, events: [ev(0)] });
    const attempts = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => services.store.append({ streamId: id, expectedVersion: 1, events: [ev(i + 1)] })));
    const ok = attempts.filter((a) => a.status === 'fulfilled');
    const conflicts = attempts.filter((a) => a.status === 'rejected' && a.reason instanceof ConcurrencyError);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(24);
    const events = await services.store.readStream(id);
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('an empty append changes nothing', async () => {
    const id = stream();
    await services.store.append({ streamId: id, expectedVersion: 0, events: [ev(1)] });
    const before = await services.database.db.selectFrom('event_chain_head').selectAll().executeTakeFirstOrThrow();
    const result = await services.store.append({ streamId: id, expectedVersion: 1, events: [] });
    expect(result.events).toHaveLength(0);
    expect(result.streamVersion).toBe(1);
    const after = await services.database.db.selectFrom('event_chain_head').selectAll().executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('a stale expected version is refused with a typed error naming both versions', async () => {
    const id = stream();
    await services.store.append({ streamId: id, expectedVersion: 0, events: [ev(1), ev(2)] });
    await expect(services.store.append({ streamId: id, expectedVersion: 1, events: [ev(3)] })).rejects.toMatchObject({ expected: 1, actual: 2 });
  });
});

describe('event store: the one-statement append at a known chain head', () => {
  // Each EventStore keeps the head it last wrote; two stores on one database stand for two
  // server processes, each appending at a head the other has since moved.
  const bareStore = () => new EventStore(services.database.db, { chainKey: config.chainKey, now: () => new Date() });
  const head = () => services.database.db.selectFrom('event_chain_head').select(['position', 'hash']).executeTakeFirstOrThrow();

  it('two processes appending alternately, each at a head the other moved, lose nothing and keep the chain whole', async () => {
    const [a, b] = [bareStore(), bareStore()];
    const ids = [stream(), stream()];
    for (let i = 0; i < 20; i++) {
      await a.append({ streamId: ids[0]!, expectedVersion: i, events: [ev(i)] });
      await b.append({ streamId: ids[1]!, expectedVersion: i, events: [ev(i)] });
    }
    for (const id of ids) expect((await services.store.readStream(id)).map((e) => e.streamVersion)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const last = await services.database.db.selectFrom('events').select(['position', 'hash']).orderBy('position', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(await head()).toEqual(last);
    expect(await verifyChain(services.database.db, config.chainKey)).toMatchObject({ ok: true });
  });

  it('concurrent appends from two processes to many streams: every one lands once, positions without gaps', async () => {
    const stores = [bareStore(), bareStore()];
    for (const s of stores) await s.append({ streamId: stream(), expectedVersion: 0, events: [ev(0)] });
    const before = Number((await head()).position);
    const ids = Array.from({ length: 40 }, stream);
    await Promise.all(ids.map((id, i) => stores[i % 2]!.append({ streamId: id, expectedVersion: 0, events: [ev(1), ev(2)] })));
    const rows = await services.database.db.selectFrom('events').select(['position', 'stream_id']).where('position', '>', before).orderBy('position').execute();
    expect(rows).toHaveLength(80);
    expect(rows.map((r) => Number(r.position))).toEqual(Array.from({ length: 80 }, (_, i) => before + i + 1));
    expect(new Set(rows.map((r) => r.stream_id))).toEqual(new Set(ids));
    expect(await verifyChain(services.database.db, config.chainKey)).toMatchObject({ ok: true });
  });

  it('a head learnt in a transaction that rolled back is not trusted: the next append re-reads it', async () => {
    const store = bareStore();
    const id = stream();
    await store.append({ streamId: id, expectedVersion: 0, events: [ev(1)] });
    await expect(
      services.database.db.transaction().execute(async (trx) => {
        await store.appendIn(trx, { streamId: id, expectedVersion: 1, events: [ev(2)] });
        throw new Error('rolled back after the append');
      }),
    ).rejects.toThrow('rolled back');
    const result = await store.append({ streamId: id, expectedVersion: 1, events: [ev(2)] });
    expect(result.events.map((e) => e.streamVersion)).toEqual([2]);
    expect(await verifyChain(services.database.db, config.chainKey)).toMatchObject({ ok: true });
  });

  it('a stale expected version at a known head appends nothing and is refused naming both versions', async () => {
    const store = bareStore();
    const id = stream();
    await store.append({ streamId: id, expectedVersion: 0, events: [ev(1), ev(2)] });
    const before = await head();
    await expect(store.append({ streamId: id, expectedVersion: 1, events: [ev(3)] })).rejects.toMatchObject({ expected: 1, actual: 2 });
    await expect(store.append({ streamId: id, expectedVersion: 3, events: [ev(3)] })).rejects.toMatchObject({ expected: 3, actual: 2 });
    expect(await head()).toEqual(before);
    expect((await services.store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2]);
  });
});

describe('event store: idempotency keys', () => {
  it('a replayed idempotency key returns the first result and appends nothing', async () => {
    const id = stream();
    const key = randomUUID();
    const request = { streamId: id, expectedVersion: 'any' as const, events: [ev(1)], idempotency: { scope: 'user-a', key, requestHash: 'h1' }, respond: (e: readonly { position: number }[]) => ({ first: e[0]?.position }) };
    const results = await Promise.all(Array.from({ length: 20 }, () => services.store.append(request)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r.response))).size).toBe(1);
    expect(await services.store.readStream(id)).toHaveLength(1);
  });

  it('the same key with a different request is refused and appends nothing', async () => {
    const id = stream();
    const key = randomUUID();
    await services.store.append({ streamId: id, expectedVersion: 'any', events: [ev(1)], idempotency: { scope: 'user-a', key, requestHash: 'h1' } });
    await expect(services.store.append({ streamId: id, expectedVersion: 'any', events: [ev(2)], idempotency: { scope: 'user-a', key, requestHash: 'h2' } })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await services.store.readStream(id)).toHaveLength(1);
  });
});

describe('event store: append-only and tamper evidence', () => {
  it('the events table rejects UPDATE, DELETE and TRUNCATE', async () => {
    const db = services.database.db;
    await expect(sql`UPDATE events SET type = 'x' WHERE position = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM events WHERE position = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE events`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('secmod verify passes on an untouched log, then detects a modified event and names its position', async () => {
    expect((await verifyChain(services.database.db, config.chainKey)).ok).toBe(true);
    const id = stream();
    const { events } = await services.store.append({ streamId: id, expectedVersion: 0, events: [ev(1), ev(2), ev(3)] });
    const target = events[1]!.position;
    await tamper(`UPDATE events SET data = '{"n": 99}' WHERE position = ${target}`);
    const result = await verifyChain(services.database.db, config.chainKey);
    expect(result).toMatchObject({ ok: false, firstBadPosition: target });
    await tamper(`UPDATE events SET data = '{"n": 2}' WHERE position = ${target}`);
    expect((await verifyChain(services.database.db, config.chainKey)).ok).toBe(true);
  });
});

describe('projections', () => {
  it('secmod rebuild reproduces the identity projections from the events', async () => {
    const db = services.database.db;
    const snapshot = async () => ({
      organisations: await db.selectFrom('organisations').selectAll().orderBy('id').execute(),
      users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
      roles: await db.selectFrom('role_assignments').selectAll().orderBy('id').execute(),
    });
    const before = await snapshot();
    expect(before.users.length).toBeGreaterThan(20);
    await rebuildProjections(db, PROJECTORS);
    expect(await snapshot()).toEqual(before);
  });
});

describe('outbox', () => {
  it('notices are written in the append transaction: a failed append leaves neither events nor notices', async () => {
    const { EventStore } = await import('./event-store.ts');
    const store = new EventStore(services.database.db, {
      chainKey: config.chainKey,
      now: () => new Date(),
      outbox: async (events) => {
        // A policy failing after the events were inserted: the whole append must roll back.
        if (events.some((e) => e.data.n === 3)) throw new Error('notice rule failed');
        return events.map((e) => ({ eventPosition: e.position, deliveryKey: `test:${e.streamId}:${e.streamVersion}`, channel: 'email', recipient: 'someone@example.com', payload: { type: e.type } }));
      },
    });
    const id = stream();
    await store.append({ streamId: id, expectedVersion: 0, events: [ev(1), ev(2)] });
    const rows = await services.database.db.selectFrom('outbox').select(['delivery_key', 'channel']).where('delivery_key', 'like', `test:${id}:%`).orderBy('delivery_key').execute();
    expect(rows).toEqual([
      { delivery_key: `test:${id}:1`, channel: 'email' },
      { delivery_key: `test:${id}:2`, channel: 'email' },
    ]);
    await expect(store.append({ streamId: id, expectedVersion: 2, events: [ev(3)] })).rejects.toThrow('notice rule failed');
    expect(await services.store.readStream(id)).toHaveLength(2);
    expect(await services.database.db.selectFrom('outbox').select('id').where('delivery_key', '=', `test:${id}:3`).execute()).toEqual([]);
  });
});
