// Where an append's time goes (diagnostic, not a target): `npx tsx bench/append-anatomy.ts`.
// Times one-event appends, ms each, on a fresh embedded PostgreSQL (or DATABASE_URL), for:
//   peer       — the peer of event-store.append-chained-vs-unchained: one prepared statement
//                that inserts the event if the stream is at the expected version;
//   chain-sql  — the event store's one-statement append as raw SQL (head UPDATE conditional on
//                the known head and the version, INSERT of the chained event), with an HMAC;
//   store      — EventStore.append without projectors (canonical JSON, hash, query building).
// chain-sql − peer is what the chain head costs in PostgreSQL; store − chain-sql is the JS side.
import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { benchServices, stopBenchDatabase } from './bench-database.ts';
import { prepared } from '../src/store/database.ts';
import { EventStore } from '../src/store/event-store.ts';

const N = 300;
const { services } = await benchServices('anatomy', {}, { seedDemo: false });
const db = services.database.db;
await sql`CREATE TABLE peer_events (LIKE events INCLUDING CONSTRAINTS INCLUDING INDEXES)`.execute(db);
await sql`CREATE SEQUENCE peer_position`.execute(db);
const payload = { title: 'Benchmark event', problemStatement: 'x'.repeat(400), affected: ['D1.3', 'G7.22'] };
const data = JSON.stringify(payload);
const store = new EventStore(db, { chainKey: 'anatomy', now: () => new Date() });
let head = (await sql<{ position: number; hash: string }>`SELECT position, hash FROM event_chain_head WHERE id = 1`.execute(db)).rows[0]!;

const variants: Record<string, (i: number, stream: string) => Promise<unknown>> = {
  peer: (i, s) =>
    sql`INSERT INTO peer_events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
      SELECT nextval('peer_position'), ${s}, ${i + 1}, 'T', ${data}::jsonb, '{}'::jsonb, now(), '', ''
      WHERE (SELECT coalesce(max(stream_version), 0) FROM peer_events WHERE stream_id = ${s}) = ${i}${prepared}`.execute(db),
  'chain-sql': async (i, s) => {
    const position = head.position + 1;
    const hash = createHmac('sha256', 'anatomy').update(head.hash + data).digest('hex');
    const r = await sql`
      WITH moved AS (UPDATE event_chain_head SET position = ${position}, hash = ${hash}
        WHERE id = 1 AND position = ${head.position} AND hash = ${head.hash}
          AND (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = ${s}) = ${i} RETURNING 1)
      INSERT INTO events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
      SELECT ${position}::bigint, ${s}::text, ${i + 1}::integer, 'T', ${data}::jsonb, '{}'::jsonb, now(), ${head.hash}::text, ${hash}::text FROM moved${prepared}`.execute(db);
    if (Number(r.numAffectedRows) !== 1) throw new Error('the head moved');
    head = { position, hash };
  },
  store: async (i, s) => {
    const r = await store.append({ streamId: s, expectedVersion: i, events: [{ type: 'T', data: payload }] });
    const last = r.events[r.events.length - 1]!;
    head = { position: last.position, hash: last.hash };
  },
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
