// The register page PostgreSQL writes as JSON text must be the page a reader of the rows would
// write: same entries, same order, same values (timestamps as toISOString() writes them), for
// every sort, filters, and pages past the end. The oracle reads the rows with a plain SELECT and
// maps them here, independently of registerPageJson.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openServices, type Services } from '../services.ts';
import { loadConfig } from '../../config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { listModifications, registerPageJson, type RegisterFilter } from './queries.ts';

let database: TestDatabase;
let services: Services;

beforeAll(async () => {
  database = await createTestDatabase();
  services = await openServices(loadConfig({ NODE_ENV: 'test' }), database.url, { poolSize: 4 });
  const db = services.database.db;
  const orgs = (await db.selectFrom('organisations').select('id').orderBy('id').execute()).map((o) => o.id);
  // 40 rows with every kind of value: null and set deadlines (with microseconds), paths,
  // releases, organisations or none, equal update times, a quote and a non-ASCII title.
  for (let n = 1; n <= 40; n++) {
    const deadline = n % 3 === 0 ? null : `2026-06-${String(1 + (n % 7)).padStart(2, '0')}T09:${String(n).padStart(2, '0')}:07.123${n % 10}78Z`;
    await sql`
      INSERT INTO modification_register (number, reference, title, problem_statement, phase, state_id, state_name, path, fast_track,
        proposer_user_id, proposer_organisation_id, rulebook_version, next_deadline, state, stream_version, created_at, updated_at)
      VALUES (${9000 + n}, ${`${n % 2 ? 'MP' : 'DP'}9${String(n).padStart(3, '0')}`}, ${n === 7 ? 'Café "quoted" <b>title</b>' : `Register page ${n}`}, ${'kittiwake '.repeat(n % 4)},
        ${n % 2 ? 'proposal' : 'draft'}, ${`S0${n % 5}`}, ${`Stage ${n % 5}`}, ${n % 4 === 0 ? null : (n % 3) + 1}, ${n % 5 === 0},
        NULL, ${n % 6 === 0 ? null : orgs[n % orgs.length]!}, '1.0', ${deadline}::timestamptz,
        ${JSON.stringify(n % 4 === 1 ? { implementation: { releaseId: 'REL-2026-11' } } : {})}::jsonb, 1,
        ${new Date(Date.UTC(2026, 0, 1))}, ${new Date(Date.UTC(2026, 1, 1 + (n % 5), 12, 0, 0, n % 5 === 0 ? 0 : 500))})`.execute(db);
  }
});
afterAll(async () => {
  await services.close();
  await database.drop();
});

/** The oracle: the rows through a plain SELECT, filtered, ordered and mapped in TypeScript. */
async function oracle(f: RegisterFilter) {
  const rows = (
    await sql<{ reference: string; number: number; title: string; phase: string; state_id: string; state_name: string; path: number | null; fast_track: boolean; proposer_organisation_id: string | null; org_name: string | null; party_category: string | null; next_deadline: Date | null; rulebook_version: string; updated_at: Date; release: string | null }>`
      SELECT r.*, o.name AS org_name, o.party_category, r.state->'implementation'->>'releaseId' AS release
      FROM modification_register r LEFT JOIN organisations o ON o.id = r.proposer_organisation_id`.execute(services.database.db)
  ).rows.filter((r) => (f.path === undefined || r.path === f.path) && (!f.release || r.release === f.release) && (!f.stage || [r.state_id, r.state_name, r.phase].includes(f.stage)));
  const key = {
    newest: (a: (typeof rows)[0], b: (typeof rows)[0]) => b.number - a.number,
    oldest: (a: (typeof rows)[0], b: (typeof rows)[0]) => a.number - b.number,
    deadline: (a: (typeof rows)[0], b: (typeof rows)[0]) => (a.next_deadline?.getTime() ?? Infinity) - (b.next_deadline?.getTime() ?? Infinity) || b.number - a.number,
    updated: (a: (typeof rows)[0], b: (typeof rows)[0]) => b.updated_at.getTime() - a.updated_at.getTime() || b.number - a.number,
  }[f.sort ?? 'newest'];
  return {
    total: rows.length,
    items: [...rows].sort(key).slice(f.offset, f.offset + f.limit).map((r) => ({
      reference: r.reference,
      number: r.number,
      title: r.title,
      phase: r.phase,
      state: { id: r.state_id, name: r.state_name },
      path: r.path,
      fastTrack: r.fast_track,
      proposerOrganisationId: r.proposer_organisation_id,
      proposerOrganisationName: r.org_name,
      partyCategory: r.party_category,
      nextDeadline: r.next_deadline ? r.next_deadline.toISOString() : null,
      targetRelease: r.release,
      rulebookVersion: r.rulebook_version,
      updatedAt: r.updated_at.toISOString(),
    })),
  };
}

describe('the register page as JSON written by PostgreSQL', () => {
  const cases: RegisterFilter[] = [];
  for (const sort of ['newest', 'oldest', 'deadline', 'updated'] as const) {
    for (const [limit, offset] of [[50, 0], [7, 0], [7, 14], [10, 45]] as const) cases.push({ sort, limit, offset });
  }
  cases.push({ limit: 50, offset: 0, path: 2 }, { limit: 50, offset: 0, release: 'REL-2026-11', sort: 'oldest' }, { limit: 5, offset: 1, stage: 'draft', sort: 'deadline' }, { limit: 50, offset: 0, path: 3, stage: 'S03' });

  it.each(cases)('gives the entries, order and values a reader of the rows gives: %o', async (f) => {
    const expected = await oracle(f);
    const json = JSON.parse(await registerPageJson(services.database.db, f)) as Awaited<ReturnType<typeof oracle>>;
    expect(json).toEqual(expected);
    expect(await listModifications(services.database.db, f)).toEqual(expected);
  });

  it('a page past the end has no items but still the total', async () => {
    const { total } = await oracle({ limit: 10, offset: 0 });
    expect(total).toBeGreaterThanOrEqual(40);
    expect(JSON.parse(await registerPageJson(services.database.db, { limit: 10, offset: 1000 }))).toEqual({ total, items: [] });
  });
});
