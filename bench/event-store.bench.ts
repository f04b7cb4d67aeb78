// Event store figures: hash-chained append vs a raw INSERT of the same rows through the same
// pool; rehydrating a 1,000-event stream vs a plain SELECT of the same rows.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Services } from '../src/app/services.ts';
import { EventStore } from '../src/store/event-store.ts';
import { prepared } from '../src/store/database.ts';
import { alternate, type Comparison } from './harness.ts';

export async function eventStoreBench(services: Services): Promise<Comparison[]> {
  const db = services.database.db;
  const BATCH = 200;
  const ROUNDS = 9;
  const data = { title: 'Benchmark event', problemStatement: 'x'.repeat(400), affected: ['D1.3', 'G7.22'] };

  // The subject: the event store's own append, configured without projectors or an outbox
  // policy (the peer has neither), so the difference is the chaining: the chain-head lock, the
  // HMAC and the head update. Projections are the rebuild figure's business.
  const chainedStore = new EventStore(db, { chainKey: services.config.chainKey, now: () => new Date() });
  const appendChained = async () => {
    const streamId = `bench-${randomUUID()}`;
    for (let i = 0; i < BATCH; i++) {
      await chainedStore.append({ streamId, expectedVersion: i, events: [{ type: 'BenchHappened', data: { ...data, i }, metadata: { actor: { userId: 'bench' } } }] });
    }
  };
  // The peer: the same append without hash chaining, in the form the event store's own append
  // takes when it knows the chain head: one autocommit statement, run as a prepared statement
  // through Kysely and the same pool, that inserts the event only if the stream is still at the
  // expected version. No chain-head lock, no head update, no HMAC, no canonical JSON (issue:
  // proof suite, "append with hash chaining vs without"). Its table has no position default
  // (like events), so it numbers rows from a sequence of its own.
  await sql`CREATE TABLE IF NOT EXISTS bench_unchained_events (LIKE events INCLUDING CONSTRAINTS INCLUDING INDEXES)`.execute(db);
  await sql`CREATE SEQUENCE IF NOT EXISTS bench_unchained_position`.execute(db);
  const insertRaw = async () => {
    const streamId = `bench-unchained-${randomUUID()}`;
    for (let i = 0; i < BATCH; i++) {
      const inserted = await sql`
        INSERT INTO bench_unchained_events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
        SELECT nextval('bench_unchained_position'), ${streamId}, ${i + 1}, 'BenchHappened', ${JSON.stringify({ ...data, i })}::jsonb, ${JSON.stringify({ actor: { userId: 'bench' } })}::jsonb, now(), '', ''
        WHERE (SELECT coalesce(max(stream_version), 0) FROM bench_unchained_events WHERE stream_id = ${streamId}) = ${i}${prepared}`.execute(db);
      if (Number(inserted.numAffectedRows) !== 1) throw new Error('version');
    }
  };
  const append = await alternate(ROUNDS, appendChained, insertRaw);

  const streamId = `bench-read-${randomUUID()}`;
  await services.store.append({ streamId, expectedVersion: 0, events: Array.from({ length: 1000 }, (_, i) => ({ type: 'BenchHappened', data: { ...data, i } })) });
  // Ten reads a round on each side: one 1,000-event read takes about 10 ms, the length of a
  // young-generation collection, and a round of one read came out fast or slow by which side
  // a collection fell on (single-read rounds gave 0.65, 1.98 and 2.04 on the same code).
  const READS_PER_ROUND = 10;
  const read = await alternate(
    15,
    async () => {
      for (let i = 0; i < READS_PER_ROUND; i++) {
        const events = await services.store.readStream(streamId);
        if (events.length !== 1000) throw new Error('short read');
      }
    },
    async () => {
      for (let i = 0; i < READS_PER_ROUND; i++) {
        const rows = await sql`SELECT * FROM events WHERE stream_id = ${streamId} ORDER BY stream_version`.execute(db);
        if (rows.rows.length !== 1000) throw new Error('short read');
      }
    },
  );

  const appendRatio = append.peerMs / append.subjectMs;
  const readRatio = read.subjectMs / read.peerMs;
  return [
    {
      name: 'event-store.append-chained-vs-unchained',
      ratioMeaning: 'hash-chained append throughput / the same append without chaining (higher is better)',
      target: '>= 0.8',
      ratio: Number(appendRatio.toFixed(3)),
      met: appendRatio >= 0.8,
      subject: { label: `${BATCH} single-event EventStore appends (canonical JSON and HMAC chained to the head this process knows; one prepared statement: head update under the chain-head lock, version check, INSERT; no projectors or outbox, like the peer)`, medianMs: Number(append.subjectMs.toFixed(1)) },
      peer: { label: `${BATCH} unchained appends (one prepared statement: version check, INSERT)`, medianMs: Number(append.peerMs.toFixed(1)) },
      rounds: ROUNDS,
    },
    {
      name: 'event-store.rehydrate-1000-vs-select',
      ratioMeaning: 'time to read a 1,000-event stream as StoredEvents / time of a plain SELECT of the rows (lower is better)',
      target: '<= 1.5',
      ratio: Number(readRatio.toFixed(3)),
      met: readRatio <= 1.5,
      subject: { label: `EventStore.readStream (Kysely, columns named as StoredEvent fields, prepared), ms per read (${READS_PER_ROUND} reads a round)`, medianMs: Number((read.subjectMs / READS_PER_ROUND).toFixed(2)) },
      peer: { label: 'SELECT * … ORDER BY stream_version (pg), ms per read', medianMs: Number((read.peerMs / READS_PER_ROUND).toFixed(2)) },
      rounds: 15,
    },
  ];
}
