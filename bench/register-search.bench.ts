// Ranked register search — the full-text search behind GET /api/v1/modifications?q= (tsvector
// column, GIN index, websearch_to_tsquery) — against an ILIKE scan of the same columns, over
// 1M register rows made with generate_series, for a selective term (issue: proof suite).
import { sql } from 'kysely';
import type { Services } from '../src/app/services.ts';
import { listModifications } from '../src/app/modifications/queries.ts';
import { alternate, type Comparison } from './harness.ts';

const ROUNDS = 9;
const WORDS = ['meter', 'exchange', 'notification', 'window', 'supplier', 'network', 'smart', 'energy', 'code', 'panel', 'change', 'board', 'security', 'consumer', 'data', 'service', 'install', 'read', 'tariff', 'gas', 'electricity', 'report', 'consultation', 'release'];
/** In 1 row in 100,000: a selective term (10 rows of 1M). */
const TERM = 'kittiwake';

async function fillRegister(services: Services, rows: number): Promise<void> {
  const db = services.database.db;
  const words = sql.val(WORDS);
  // The GIN index is rebuilt once after the load rather than maintained row by row.
  await sql`DROP INDEX modification_register_search_idx`.execute(db);
  for (let from = 1; from <= rows; from += 100_000) {
    const to = Math.min(rows, from + 99_999);
    await sql`
      INSERT INTO modification_register (number, reference, title, problem_statement, phase, state_id, state_name, path, fast_track,
        proposer_user_id, proposer_organisation_id, rulebook_version, next_deadline, state, stream_version, created_at, updated_at)
      SELECT g, 'MP' || g,
        initcap((${words}::text[])[1 + g % 24] || ' ' || (${words}::text[])[1 + (g / 24) % 24] || ' ' || (${words}::text[])[1 + (g / 576) % 24]) || CASE WHEN g % 100000 = 7 THEN ' ${sql.raw(TERM)}' ELSE '' END,
        'Parties read the ' || (${words}::text[])[1 + (g / 7) % 24] || ' ' || (${words}::text[])[1 + (g / 13) % 24] || ' rules in section ' || (g % 40) || ' differently, and the '
          || (${words}::text[])[1 + (g / 3) % 24] || ' ' || (${words}::text[])[1 + (g / 17) % 24] || ' process fails for ' || (${words}::text[])[1 + (g / 5) % 24] || ' parties.',
        'proposal', 'refinement', 'Refinement', 1 + g % 3, false, NULL, NULL, 'sec-5.18+secmp0049', NULL, '{}'::jsonb, 1, now(), now()
      FROM generate_series(${from}::int, ${to}::int) g`.execute(db);
  }
  await sql`CREATE INDEX modification_register_search_idx ON modification_register USING gin (search)`.execute(db);
  await sql`ANALYZE modification_register`.execute(db);
}

export async function registerSearchBench(services: Services, rows = 1_000_000): Promise<Comparison[]> {
  await fillRegister(services, rows);
  const db = services.database.db;
  let found = 0;
  let scanned = 0;
  const timing = await alternate(
    ROUNDS,
    async () => {
      const r = await listModifications(db, { q: TERM, limit: 50, offset: 0 });
      found = r.total;
    },
    async () => {
      // The same page and count, found by ILIKE on the same columns the search vector covers.
      const like = `%${TERM}%`;
      const where = sql`(r.reference ILIKE ${like} OR r.title ILIKE ${like} OR r.problem_statement ILIKE ${like})`;
      const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM modification_register r LEFT JOIN organisations o ON o.id = r.proposer_organisation_id WHERE ${where}`.execute(db);
      await sql`SELECT r.reference, r.number, r.title, r.phase, r.state_id, r.state_name, r.path, r.fast_track, r.proposer_organisation_id, o.name, o.party_category, r.next_deadline, r.rulebook_version, r.updated_at
        FROM modification_register r LEFT JOIN organisations o ON o.id = r.proposer_organisation_id WHERE ${where} ORDER BY r.number DESC LIMIT 50`.execute(db);
      scanned = count.rows[0]!.n;
    },
  );
  if (found !== scanned || found !== Math.floor((rows - 7) / 100_000) + 1) throw new Error(`search found ${found}, ILIKE ${scanned}`);
  const ratio = timing.subjectMs / timing.peerMs;
  return [
    {
      name: 'proof.register-search-vs-ilike-1m',
      ratioMeaning: 'time of the register full-text search (count + first page) / time of the same count and page by ILIKE, selective term (lower is better)',
      target: '<= 0.01',
      ratio: Number(ratio.toFixed(4)),
      met: ratio <= 0.01,
      subject: { label: `listModifications q="${TERM}" over ${rows.toLocaleString('en-GB')} register rows (GIN on the tsvector column; ${found} matches)`, medianMs: Number(timing.subjectMs.toFixed(2)) },
      peer: { label: `ILIKE '%${TERM}%' on reference, title and problem statement, same count and page (${scanned} matches)`, medianMs: Number(timing.peerMs.toFixed(2)) },
      rounds: ROUNDS,
    },
  ];
}
