// Projection rebuild (`secmod rebuild`: empty every projection table and replay the whole log
// through the projectors, in one transaction) against a raw keyset read of the same rows
// through the same pool (issue: proof suite, "projection rebuild of 1M events").
import { sql } from 'kysely';
import { PROJECTORS, type Services } from '../src/app/services.ts';
import { rebuildProjections } from '../src/store/rebuild-projections.ts';
import { BenchApi } from './drive-ballot.ts';
import { createApp } from '../src/web/app.ts';
import { alternate, type Comparison } from './harness.ts';

const ROUNDS = 3;

/**
 * Fills the log with `target` events: copies of one real proposal's stream (Draft Proposal to
 * open ballot, every event a projector folds), one copy per new proposal number, by SQL.
 */
export async function fillLog(services: Services, target: number): Promise<{ total: number; perStream: number }> {
  const app = await createApp(services, { logger: false });
  const api = new BenchApi(app);
  await api.setClock('2026-03-02T09:00:00Z');
  const { ref } = await api.openBallot('Rebuild bench template');
  await app.close();
  const db = services.database.db;
  const number = Number(ref.replace(/^[A-Z]+0*/, ''));
  const template = `modification-${number}`;
  const perStream = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE stream_id = ${template}`.execute(db)).rows[0]!.n;
  const copies = Math.max(1, Math.round(target / perStream));
  // In chunks, so that no single statement holds a huge transaction on a busy machine.
  for (let from = 1; from <= copies; from += 5000) {
    const to = Math.min(copies, from + 4999);
    await sql`
      INSERT INTO events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
      SELECT (SELECT max(position) FROM events) + row_number() OVER (ORDER BY g, e.stream_version), 'modification-' || (1000 + g), e.stream_version, e.type, e.data, e.metadata, e.recorded_at, e.prev_hash, e.hash
      FROM generate_series(${from}::int, ${to}::int) g
      CROSS JOIN (SELECT * FROM events WHERE stream_id = ${template}) e`.execute(db);
  }
  await sql`ANALYZE events`.execute(db);
  const total = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(db)).rows[0]!.n;
  return { total, perStream };
}

export async function rebuildBench(services: Services, targetEvents: number): Promise<Comparison[]> {
  const { total, perStream } = await fillLog(services, targetEvents);
  const db = services.database.db;
  const pool = services.database.pool;
  let rebuilt = 0;
  const timing = await alternate(
    ROUNDS,
    async () => {
      rebuilt = (await rebuildProjections(db, PROJECTORS)).events;
    },
    async () => {
      // The same rows, the same batch size and order as the rebuild reads them, and nothing else.
      let after = 0;
      let read = 0;
      for (;;) {
        const { rows } = await pool.query<{ position: number }>('SELECT * FROM events WHERE position > $1 ORDER BY position LIMIT 5000', [after]);
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.position;
        read += rows.length;
      }
      if (read !== total) throw new Error(`read ${read} of ${total} events`);
    },
  );
  if (rebuilt !== total) throw new Error(`rebuilt ${rebuilt} of ${total} events`);
  const registerRows = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM modification_register`.execute(db)).rows[0]!.n;
  const ratio = timing.peerMs / timing.subjectMs;
  const size = total >= 1_000_000 ? '1M' : `${total.toLocaleString('en-GB')} (not 1M: see the note)`;
  return [
    {
      name: 'proof.projection-rebuild-vs-keyset-read',
      ratioMeaning: 'events/s of a full projection rebuild / events/s of a raw keyset read of the same rows (higher is better)',
      target: '>= 0.3',
      ratio: Number(ratio.toFixed(4)),
      met: ratio >= 0.3,
      subject: { label: `secmod rebuild of ${size} events (${registerRows.toLocaleString('en-GB')} proposals of ${perStream} events each, ${PROJECTORS.length} projectors, one transaction); ${Math.round(total / (timing.subjectMs / 1000)).toLocaleString('en-GB')} events/s`, medianMs: Math.round(timing.subjectMs) },
      peer: { label: `keyset read of the same ${total.toLocaleString('en-GB')} rows, 5,000 a page (pg); ${Math.round(total / (timing.peerMs / 1000)).toLocaleString('en-GB')} events/s`, medianMs: Math.round(timing.peerMs) },
      rounds: ROUNDS,
      ...(total < 1_000_000
        ? { note: `Measured at ${total.toLocaleString('en-GB')} events, not 1M: at this rate a 1M-event rebuild takes about ${Math.round(1_000_000 / (total / (timing.subjectMs / 1000)) / 60)} minutes per round here. Set BENCH_REBUILD_EVENTS to change the size.` }
        : {}),
    },
  ];
}
