// Proof suite (reliability), crashes: a real `secmod serve` on the embedded PostgreSQL takes
// 1,000 concurrent Draft Proposals and is crashed mid-way — secmod killed with SIGKILL, then
// PostgreSQL stopped with `pg_ctl stop -m immediate`. Afterwards, checked by SQL and not by
// trusting responses: every acknowledged (2xx) submission is in the event log and the
// register exactly once, the hash chain verifies, resending the unanswered ones with their
// Idempotency-Keys records each exactly once, and every notice the outbox held is delivered
// exactly once (one demo-inbox message per delivery key).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { freePort } from '../../src/store/embedded-postgres.ts';
import { openDatabase, type DatabaseHandle } from '../../src/store/database.ts';
import { verifyChain } from '../../src/store/verify-chain.ts';
import { CHAIN_KEY, ServeProcess, databaseUrl, health, pgCtl, postmasterRunning, stopLeftoverPostgres, waitFor } from './support-crash/serve-process.ts';
import { PROPOSERS, fire, signIn, submissions, tally, type Outcome, type Submission } from './support-crash/submissions.ts';

const SUBMISSIONS = 1000;
const CONCURRENCY = 32;
/** The crash comes when this many submissions have been acknowledged. */
const CRASH_AFTER = 300;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'secmod-crash-'));
let port = 0;
let serve: ServeProcess | undefined;
let tokens: Map<string, string>;
const batches: { list: Submission[]; first: Map<string, Outcome> }[] = [];
/** Outbox rows as they stood just after secmod was killed (its orphaned PostgreSQL still up). */
let outboxAtCrash: { delivery_key: string; delivered: boolean; claimed: boolean }[] = [];

async function withDb<T>(fn: (db: DatabaseHandle['db']) => Promise<T>): Promise<T> {
  const handle = openDatabase(await databaseUrl(dataDir), { max: 2 });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

interface Stored {
  readonly key: string;
  readonly n: number;
  readonly titles: string[];
  readonly streams: string[];
}

async function storedByKey(db: DatabaseHandle['db'], keys: readonly string[]): Promise<Map<string, Stored>> {
  const { rows } = await sql<Stored>`
    SELECT metadata->>'idempotencyKey' AS key, count(*)::int AS n, array_agg(data->>'title') AS titles, array_agg(stream_id) AS streams
    FROM events WHERE type = 'DraftProposalSubmitted' AND metadata->>'idempotencyKey' = ANY(${keys}::text[])
    GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.key, r]));
}

/** Every acknowledged submission is stored once, under the number its answer gave, in the log and the register. */
async function expectAcknowledgedStoredOnce(list: readonly Submission[], outcomes: Map<string, Outcome>): Promise<Map<string, Stored>> {
  return withDb(async (db) => {
    const stored = await storedByKey(db, list.map((s) => s.key));
    for (const s of list) {
      const got = stored.get(s.key);
      expect(got?.n ?? 0, `key ${s.key} stored more than once`).toBeLessThanOrEqual(1);
      const o = outcomes.get(s.key)!;
      if (o.kind !== 'acknowledged') continue;
      expect(got, `acknowledged ${s.key} (${o.body.reference}) is missing`).toBeDefined();
      expect(got!.titles).toEqual([s.title]);
      expect(got!.streams).toEqual([`modification-${o.body.number}`]);
    }
    const register = await sql<{ number: number; title: string }>`SELECT number, title FROM modification_register WHERE number = ANY(${[...outcomes.values()].flatMap((o) => (o.kind === 'acknowledged' ? [o.body.number] : []))}::int[])`.execute(db);
    const titleOf = new Map(register.rows.map((r) => [r.number, r.title]));
    for (const s of list) {
      const o = outcomes.get(s.key)!;
      if (o.kind === 'acknowledged') expect(titleOf.get(o.body.number)).toBe(s.title);
    }
    return stored;
  });
}

/** Resends the unacknowledged ones (and a sample of acknowledged ones) with their keys: each exactly once. */
async function resendAndExpectExactlyOnce(base: string, list: readonly Submission[], first: Map<string, Outcome>): Promise<void> {
  const unacknowledged = list.filter((s) => first.get(s.key)!.kind !== 'acknowledged');
  const sample = list.filter((s) => first.get(s.key)!.kind === 'acknowledged').slice(0, 50);
  const again = await fire(base, tokens, [...unacknowledged, ...sample], 16);
  expect(tally(again)).toMatchObject({ acknowledged: unacknowledged.length + sample.length });
  // A replay answers byte for byte what the first answer said.
  for (const s of sample) expect((again.get(s.key) as Outcome & { text: string }).text).toBe((first.get(s.key) as Outcome & { text: string }).text);
  const stored = await withDb((db) => storedByKey(db, list.map((s) => s.key)));
  expect(stored.size).toBe(list.length);
  expect([...stored.values()].filter((s) => s.n !== 1)).toEqual([]);
  // The number a resend was given is the one the log holds.
  for (const s of unacknowledged) {
    const o = again.get(s.key)!;
    if (o.kind === 'acknowledged') expect(stored.get(s.key)!.streams).toEqual([`modification-${o.body.number}`]);
  }
}

async function expectChainVerifies(): Promise<void> {
  const result = await withDb((db) => verifyChain(db, CHAIN_KEY));
  expect(result).toMatchObject({ ok: true });
}

beforeAll(async () => {
  if (inject('databaseTarget') === 'server') return;
  port = await freePort();
  serve = await ServeProcess.start(dataDir, port);
  expect(serve.output).toContain('seeded the demo cast');
  tokens = await signIn(serve.base, PROPOSERS);
}, 180_000);

afterAll(async () => {
  if (serve?.running) await serve.kill9();
  await stopLeftoverPostgres(dataDir);
  await fs.rm(dataDir, { recursive: true, force: true });
}, 60_000);

// The child process owns an embedded PostgreSQL in a data directory of its own: against a
// PostgreSQL server (int-server) there is no embedded server to crash or pg_ctl to stop.
describe.skipIf(inject('databaseTarget') === 'server')('crash proofs on a real secmod serve (embedded PostgreSQL only)', () => {
  it('secmod killed with SIGKILL during 1,000 concurrent submissions: no acknowledged one is lost or doubled, and resending the rest records each once', async () => {
    const list = submissions('A', SUBMISSIONS);
    let killing: Promise<void> | undefined;
    const first = await fire(serve!.base, tokens, list, CONCURRENCY, (n) => {
      if (n === CRASH_AFTER) killing = serve!.kill9();
    });
    await killing;
    batches.push({ list, first });
    const t = tally(first);
    // The crash really came mid-way: some were acknowledged, some never answered.
    expect(t.acknowledged).toBeGreaterThanOrEqual(CRASH_AFTER);
    expect(t.acknowledged).toBeLessThan(SUBMISSIONS);
    expect(t['no-answer']).toBeGreaterThan(0);
    // Nothing but 201 or no answer: a crash is not a reason for any other status.
    expect(Object.keys(t.statuses)).toEqual(['201']);

    // The orphaned PostgreSQL still runs: look at the outbox as the crash left it.
    outboxAtCrash = await withDb(async (db) => (await sql<{ delivery_key: string; delivered: boolean; claimed: boolean }>`SELECT delivery_key, delivered_at IS NOT NULL AS delivered, claimed_until IS NOT NULL AS claimed FROM outbox`.execute(db)).rows);
    expect(outboxAtCrash.length).toBeGreaterThanOrEqual(t.acknowledged);

    serve = await ServeProcess.start(dataDir, port);
    expect(serve.output).toContain('orphaned PostgreSQL');
    await expectAcknowledgedStoredOnce(list, first);
    await expectChainVerifies();
    await resendAndExpectExactlyOnce(serve.base, list, first);
    await expectChainVerifies();
  }, 150_000);

  it('PostgreSQL stopped with pg_ctl stop -m immediate during 1,000 concurrent submissions: secmod stays up, recovers when it is back, and nothing acknowledged is lost or doubled', async () => {
    const list = submissions('B', SUBMISSIONS);
    let stopping: Promise<string> | undefined;
    const first = await fire(serve!.base, tokens, list, CONCURRENCY, (n) => {
      if (n === CRASH_AFTER) stopping = pgCtl(dataDir, ['stop', '-m', 'immediate', '-w']);
    });
    expect(await stopping).toMatch(/server stopped/);
    batches.push({ list, first });
    const t = tally(first);
    expect(t.acknowledged).toBeGreaterThanOrEqual(CRASH_AFTER);
    expect(t.acknowledged).toBeLessThan(SUBMISSIONS);
    // secmod answered the rest (a problem response), it did not die with its database.
    expect(serve!.running, serve!.output).toBe(true);
    expect(await health(serve!.base)).toBe(503);
    // Answers while PostgreSQL is down say so: 503 problem+json (database-unavailable), never a bare 500.
    for (const o of first.values()) if (o.kind === 'answered') expect(o.status).toBe(503);

    // PostgreSQL comes back (crash recovery from the WAL) with the options secmod started it with.
    await pgCtl(dataDir, ['restart', '-w', '-l', path.join(dataDir, 'pg', 'restart.log')]);
    await waitFor('secmod to reach its database again', async () => (await health(serve!.base)) === 200, 30_000);
    await expectAcknowledgedStoredOnce(list, first);
    await expectChainVerifies();
    await resendAndExpectExactlyOnce(serve!.base, list, first);
    await expectChainVerifies();
  }, 150_000);

  it('notices in the outbox at either crash are delivered after it, each exactly once (one demo-inbox message per delivery key)', async () => {
    // Rows a killed worker had claimed wait for their lease (SECMOD_DELIVERY_LEASE_SECONDS, 10 s
    // here) to end, then go to another.
    await waitFor('the outbox to drain', async () => withDb(async (db) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`.execute(db)).rows[0]!.n === 0), 120_000);
    await withDb(async (db) => {
      const outbox = (await sql<{ delivery_key: string; event_position: number }>`SELECT delivery_key, event_position FROM outbox`.execute(db)).rows;
      const inbox = (await sql<{ delivery_key: string; n: number }>`SELECT delivery_key, count(*)::int AS n FROM demo_inbox GROUP BY 1`.execute(db)).rows;
      const inboxKeys = new Map(inbox.map((r) => [r.delivery_key, r.n]));
      expect(inbox.filter((r) => r.n !== 1)).toEqual([]);
      expect(outbox.filter((r) => !inboxKeys.has(r.delivery_key)).map((r) => r.delivery_key)).toEqual([]);
      expect(inbox.length).toBe(outbox.length);
      // What the first crash left undelivered, or claimed by the killed worker, arrived after it;
      // what it had delivered was not delivered again.
      for (const r of outboxAtCrash) expect(inboxKeys.get(r.delivery_key)).toBe(1);
      expect(outboxAtCrash.length).toBeGreaterThan(0);
      // Every stored Draft Proposal of both batches has its notices: the Code Administrator and the proposer (C7.2(f)).
      const perEvent = await sql<{ position: number; n: number; rules: string[] }>`
        SELECT e.position, count(o.id)::int AS n, array_agg(DISTINCT split_part(o.delivery_key, ':', 2)) AS rules
        FROM events e LEFT JOIN outbox o ON o.event_position = e.position
        WHERE e.type = 'DraftProposalSubmitted' AND e.metadata->>'idempotencyKey' LIKE 'crash-%' GROUP BY 1`.execute(db);
      expect(perEvent.rows).toHaveLength(2 * SUBMISSIONS);
      expect(perEvent.rows.filter((r) => r.rules.sort().join() !== 'dp-received-ca,dp-received-proposer')).toEqual([]);
      expect(new Set(perEvent.rows.map((r) => r.n)).size).toBe(1);
    });
    await expectChainVerifies();
    // And a graceful stop still works after its PostgreSQL was restarted under it: it stops
    // the PostgreSQL now running on the data directory too.
    expect(await serve!.terminate()).toBe(0);
    expect(serve!.output).toContain('[secmod] stopped');
    expect(await postmasterRunning(dataDir)).toBe(false);
  }, 150_000);
});
