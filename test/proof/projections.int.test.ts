// Proof suite (reliability): projections never skip. Commands through the API, slow
// transactions (pg_sleep before and while holding the chain head) and rolled-back appends all
// run at once; afterwards every projection table holds exactly what a rebuild from the event
// log (`secmod rebuild`) produces, and every register row is at its stream's last version.
// A rebuild's batch path (projectors folding pages in memory, writing rows in bulk) leaves the
// rows that applying every event in turn does, however small the pages.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appSuite, DRAFT, SCREENING } from '../scenarios/api-client.ts';
import { PROJECTORS } from '../../src/app/services.ts';
import { rebuildProjections } from '../../src/store/rebuild-projections.ts';
import { modificationStream } from '../../src/app/modifications/references.ts';
import type { NewEvent, Projector } from '../../src/store/event-store.ts';

const suite = appSuite();
const { api } = suite;

const PROPOSERS = ['proposer@large-supplier.example', 'proposer@small-supplier.example', 'proposer@elec-network.example', 'proposer@gas-network.example', 'proposer@other-party.example'];
const TABLES = [...new Set(PROJECTORS.flatMap((p) => p.tables))];

/** Every projection table, each row as JSON text, sorted: two snapshots are equal when the tables are. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ r: string }>`SELECT to_jsonb(t)::text AS r FROM ${sql.table(table)} t`.execute(suite.t.services.database.db);
    out[table] = rows.map((x) => x.r).sort();
  }
  return out;
}

const numberOf = (reference: string) => Number(reference.replace(/^[A-Z]+0*/, ''));
const pause = (seconds: number) => sql`SELECT pg_sleep(${seconds})`;

describe('projections never skip', () => {
  it('after interleaved, slow and rolled-back appends every projection table equals its rebuild from the events', async () => {
    const db = suite.t.services.database.db;
    const store = suite.t.services.store;
    // A template proposal whose later events the slow and rolled-back transactions copy.
    const template = await api.raise(PROPOSERS[0]!, { ...DRAFT, title: 'Projection template' });
    await api.act('analyst@secas.example', template.reference, 'record-screening', SCREENING);
    await api.act('csc.member@csc.example', template.reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act(PROPOSERS[0]!, template.reference, 'request-conversion', {});
    const later: NewEvent[] = (await store.readStream(modificationStream(numberOf(template.reference)))).slice(1).map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));
    expect(later.map((e) => e.type)).toHaveLength(3);
    // Carriers: proposals the slow (committed) and the rolled-back transactions extend.
    const slowCarriers = await Promise.all(Array.from({ length: 6 }, (_, i) => api.raise(PROPOSERS[i % 5]!, { ...DRAFT, title: `Slow carrier ${i}` })));
    const doomedCarriers = await Promise.all(Array.from({ length: 6 }, (_, i) => api.raise(PROPOSERS[i % 5]!, { ...DRAFT, title: `Rolled-back carrier ${i}` })));
    const before = await snapshot();

    const ROLLBACK = new Error('rolled back on purpose');
    const work: Promise<unknown>[] = [];
    // 1. Interleaved commands through the API: new proposals, each taken a few steps on.
    for (let i = 0; i < 10; i++) {
      work.push(
        (async () => {
          const { reference } = await api.raise(PROPOSERS[i % 5]!, { ...DRAFT, title: `Interleaved ${i}` });
          await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
          if (i % 2 === 0) await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
          if (i % 3 === 0) await api.act(PROPOSERS[i % 5]!, reference, 'withdraw', { reason: 'Interleaving proof' });
        })(),
      );
    }
    // 2. Slow transactions: sleep before appending, and again while holding the chain head.
    slowCarriers.forEach((c, i) =>
      work.push(
        db.transaction().execute(async (trx) => {
          await pause(0.05 * i).execute(trx);
          await store.appendIn(trx, { streamId: modificationStream(numberOf(c.reference)), expectedVersion: 1, events: later });
          await pause(0.15).execute(trx);
        }),
      ),
    );
    // 3. Rolled-back transactions: append (projections and outbox written), sleep, then fail.
    doomedCarriers.forEach((c, i) =>
      work.push(
        db
          .transaction()
          .execute(async (trx) => {
            await pause(0.03 * i).execute(trx);
            await store.appendIn(trx, { streamId: modificationStream(numberOf(c.reference)), expectedVersion: 1, events: later });
            // …and a whole new proposal stream in the same doomed transaction.
            const first = (await store.readStream(modificationStream(numberOf(c.reference)), trx))[0]!;
            await store.appendIn(trx, { streamId: modificationStream(100_000 + i), expectedVersion: 0, events: [{ type: first.type, data: first.data, metadata: first.metadata }] });
            await pause(0.1).execute(trx);
            throw ROLLBACK;
          })
          .then(
            () => expect.fail('the transaction should have rolled back'),
            (e: unknown) => expect(e).toBe(ROLLBACK),
          ),
      ),
    );
    // 4. Party status changes (identity projection) in the middle of it all.
    work.push(suite.t.services.directory.liftPartyDefault('harbour-energy-supply', 'proof').then(() => suite.t.services.directory.recordPartyDefault('harbour-energy-supply', 'Projection proof', 'proof')));
    await Promise.all(work);

    // The rolled-back transactions left nothing behind: no events, no projection rows.
    const doomed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE stream_id = ANY(${doomedCarriers.map((c) => modificationStream(numberOf(c.reference)))}::text[]) AND stream_version > 1`.execute(db);
    expect(doomed.rows[0]!.n).toBe(0);
    const ghosts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM modification_register WHERE number >= 100000`.execute(db);
    expect(ghosts.rows[0]!.n).toBe(0);
    const after = await snapshot();
    for (const c of doomedCarriers) {
      const row = after.modification_register!.find((r) => JSON.parse(r).number === numberOf(c.reference))!;
      expect(before.modification_register).toContain(row);
    }

    // Every register row is at its stream's last version: no event skipped its projection.
    const lagging = await sql<{ number: number }>`
      SELECT r.number FROM modification_register r
      JOIN (SELECT stream_id, max(stream_version) AS v FROM events WHERE stream_id LIKE 'modification-%' GROUP BY 1) e ON e.stream_id = 'modification-' || r.number
      WHERE r.stream_version <> e.v`.execute(db);
    expect(lagging.rows).toEqual([]);
    const unprojected = await sql<{ stream_id: string }>`
      SELECT DISTINCT stream_id FROM events WHERE stream_id LIKE 'modification-%' AND NOT EXISTS (SELECT 1 FROM modification_register r WHERE 'modification-' || r.number = stream_id)`.execute(db);
    expect(unprojected.rows).toEqual([]);

    // The live tables equal a rebuild from the events, table by table, row by row.
    await rebuildProjections(db, PROJECTORS);
    const rebuilt = await snapshot();
    for (const table of TABLES) expect(after[table], `projection table ${table}`).toEqual(rebuilt[table]);
    expect(after.modification_register!.length).toBeGreaterThan(before.modification_register!.length);
  });

  it('a rebuild in pages of 1, 2 and 7 events, and one event by event through apply alone, leave the live rows, Draft Proposal closings of obligations included', async () => {
    const db = suite.t.services.database.db;
    // Obligation items closed by Draft Proposals (read-model-only closings) and interleaved
    // proposal streams, so that streams span pages of every size below.
    const opened = await api.raw('analyst@secas.example', 'POST', '/api/v1/obligations/triggers', { payload: { trigger: 'problem-code-change', summary: 'Alerts lost on failover', problemRef: 'PRB-PAGES' } });
    expect(opened.status).toBe(201);
    const raised = [];
    for (let i = 0; i < 4; i++) raised.push(await api.raise(PROPOSERS[i]!, { ...DRAFT, title: `Paged ${i}` }));
    await api.raise('dcc@dcc.example', { ...DRAFT, title: 'CSR prioritisation rules', affectedProvisions: ['L8.11'], submissionBasis: 'l8.11' });
    for (const r of raised) await api.act('analyst@secas.example', r.reference, 'record-screening', SCREENING);
    await api.raise('dcc@dcc.example', { ...DRAFT, title: 'Alert failover', submissionBasis: 'ag3.2.4', problemRef: 'PRB-PAGES' });
    for (const r of raised.slice(0, 2)) await api.act('csc.member@csc.example', r.reference, 'agree-problem-statement', { problemStatementVersion: 1 });

    const live = await snapshot();
    const closings = live.obligations!.filter((r) => (JSON.parse(r) as { closed_by: { kind?: string } | null }).closed_by?.kind === 'draft-proposal');
    expect(closings.length).toBeGreaterThanOrEqual(2);
    for (const size of [1, 2, 7, 5000]) {
      await rebuildProjections(db, PROJECTORS, size);
      const rebuilt = await snapshot();
      for (const table of TABLES) expect(rebuilt[table], `projection table ${table}, pages of ${size}`).toEqual(live[table]);
    }
    const eventByEvent: Projector[] = PROJECTORS.map(({ rebuild: _batchPath, ...p }) => p);
    expect(eventByEvent.some((p) => 'rebuild' in p)).toBe(false);
    await rebuildProjections(db, eventByEvent, 3);
    const applied = await snapshot();
    for (const table of TABLES) expect(applied[table], `projection table ${table}, event by event`).toEqual(live[table]);
  });

  it('a stream whose versions are out of position order is re-read at its last event, as apply does', async () => {
    const db = suite.t.services.database.db;
    // Copy a proposal's stream to a new number, its versions written last first (an order the
    // chain-head lock never lets appends produce): the batch path must not fold it from pages.
    const source = (await sql<{ stream_id: string }>`SELECT stream_id FROM events WHERE stream_id LIKE 'modification-%' GROUP BY 1 HAVING count(*) >= 3 ORDER BY 1 LIMIT 1`.execute(db)).rows[0]!.stream_id;
    await sql`
      INSERT INTO events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
      SELECT (SELECT max(position) FROM events) + row_number() OVER (ORDER BY stream_version DESC), 'modification-900001', stream_version, type, data, metadata, recorded_at, prev_hash, hash
      FROM events WHERE stream_id = ${source}`.execute(db);
    await rebuildProjections(db, PROJECTORS.map(({ rebuild: _batchPath, ...p }) => p));
    const applied = await snapshot();
    expect(applied.modification_register!.some((r) => (JSON.parse(r) as { number: number }).number === 900001)).toBe(true);
    for (const size of [1, 5000]) {
      await rebuildProjections(db, PROJECTORS, size);
      const rebuilt = await snapshot();
      for (const table of TABLES) expect(rebuilt[table], `projection table ${table}, pages of ${size}`).toEqual(applied[table]);
    }
  });
});
