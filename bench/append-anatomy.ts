// Where an append's time goes (diagnostic, not a target): `npx tsx bench/append-anatomy.ts`.
// Times one-event appends, ms each, on a fresh embedded PostgreSQL (or DATABASE_URL), for:
//   peer       — transaction, version SELECT, INSERT (the peer of event-store.append-chained-vs-unchained);
//   chain-sql  — the same plus the chain: secmod_chain_reserve (head lock, version, position) and
//                INSERT + head UPDATE in one statement, with an HMAC, as raw SQL through Kysely;
//   store      — EventStore.append without projectors (canonical JSON, hash, Kysely builders).
// chain-sql − peer is what the chain head costs in PostgreSQL; store − chain-sql is the JS side.
import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { benchServices, stopBenchDatabase } from './bench-database.ts';
import { EventStore } from '../src/store/event-store.ts';

const N = 300;
const { services } = await benchServices('anatomy', {}, { seedDemo: false });
const db = services.database.db;
await sql`CREATE TABLE peer_events (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`.execute(db);
const payload = { title: 'Benchmark event', problemStatement: 'x'.repeat(400), affected: ['D1.3', 'G7.22'] };
const data = JSON.stringify(payload);
const store = new EventStore(db, { chainKey: 'anatomy', now: () => new Date() });

const variants: Record<string, (i: number, stream: string) => Promise<unknown>> = {
  peer: (_i, s) => db.transaction().execute(async (trx) => {
    const v = await sql<{ v: number }>`SELECT coalesce(max(stream_version), 0)::int AS v FROM peer_events WHERE stream_id = ${s}`.execute(trx);
    await sql`INSERT INTO peer_events (stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
      VALUES (${s}, ${v.rows[0]!.v + 1}, 'T', ${data}::jsonb, '{}'::jsonb, now(), '', '')`.execute(trx);
  }),
  'chain-sql': (_i, s) => db.transaction().execute(async (trx) => {
    const r = (await sql<{ head_hash: string; current_version: number; positions: string[] }>`SELECT * FROM secmod_chain_reserve(${s}, 1)`.execute(trx)).rows[0]!;
    const hash = createHmac('sha256', 'anatomy').update(r.head_hash + data).digest('hex');
    await sql`WITH a AS (INSERT INTO events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
      VALUES (${r.positions[0]}, ${s}, ${r.current_version + 1}, 'T', ${data}::jsonb, '{}'::jsonb, now(), ${r.head_hash}, ${hash}))
      UPDATE event_chain_head SET position = ${r.positions[0]}, hash = ${hash} WHERE id = 1`.execute(trx);
  }),
  store: (i, s) => store.append({ streamId: s, expectedVersion: i, events: [{ type: 'T', data: payload }] }),
};

const results: Record<string, number[]> = {};
for (let round = 0; round < 3; round++) {
  for (const [name, append] of Object.entries(variants)) {
    const stream = `${name}-${randomUUID()}`;
    for (let i = 0; i < 20; i++) await append(i, `${stream}-warm`);
    const t = performance.now();
    for (let i = 0; i < N; i++) await append(i, stream);
    (results[name] ??= []).push((performance.now() - t) / N);
  }
}
for (const [name, ms] of Object.entries(results)) {
  process.stdout.write(`${name.padEnd(10)} ${[...ms].sort((a, b) => a - b)[1]!.toFixed(3)} ms per append (median of 3 rounds of ${N})\n`);
}
await services.close();
await stopBenchDatabase();
process.exit(0);
