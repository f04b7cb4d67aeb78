// Reads of the Modification Register (projections only; the event log is read for /events).
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';

export interface RegisterFilter {
  readonly stage?: string;
  readonly path?: number;
  readonly proposerOrganisation?: string;
  readonly q?: string;
  readonly partyCategory?: string;
  /** The SEC Release the proposal is scheduled into (schedule-implementation). */
  readonly release?: string;
  /** An area screening flagged (F1.6, G7.19, L1.18, C2.3(l)(i)). */
  readonly impactedArea?: ImpactedArea;
  readonly sort?: 'newest' | 'oldest' | 'deadline' | 'updated';
  readonly limit: number;
  readonly offset: number;
}

/** The areas the Code Administrator screens for, and the screening answer that flags each. */
export const IMPACTED_AREAS = {
  tabasc: { label: 'Technical or Business Architecture (TABASC, F1.6)', screens: ['tabasc'], flagged: 'likely' },
  security: { label: 'Security (SSC, G7.19)', screens: ['sscSoaa', 'sscMaterialSecurity'], flagged: 'likely' },
  smki: { label: 'SMKI SEC Documents (SMKI PMA, L1.18)', screens: ['smkiPma'], flagged: 'likely' },
  'cross-code': { label: 'Other Energy Codes (C2.3(l)(i))', screens: ['crossCode'], flagged: 'impact' },
} as const;
export type ImpactedArea = keyof typeof IMPACTED_AREAS;
export const isImpactedArea = (v: string | undefined): v is ImpactedArea => v !== undefined && Object.hasOwn(IMPACTED_AREAS, v);

export interface RegisterEntry {
  readonly reference: string;
  readonly number: number;
  readonly title: string;
  readonly phase: string;
  readonly state: { readonly id: string; readonly name: string };
  readonly path: number | null;
  readonly fastTrack: boolean;
  readonly proposerOrganisationId: string | null;
  readonly proposerOrganisationName: string | null;
  readonly partyCategory: string | null;
  readonly nextDeadline: string | null;
  /** The SEC Release it is scheduled into, once scheduled. */
  readonly targetRelease: string | null;
  readonly rulebookVersion: string;
  readonly updatedAt: string;
}

/**
 * A page of the register as the JSON text of `{ total, items: RegisterEntry[] }`, built by
 * PostgreSQL in one statement: the count and the page are two subqueries over the same filter,
 * and the rows become JSON where they are read, so the API can send the text as it comes and
 * Node neither parses rows nor serialises them (bench: http.register-json-vs-pre-serialised).
 * Timestamps are written as JavaScript's toISOString() writes them (UTC, milliseconds).
 */
export async function registerPageJson(db: Db, f: RegisterFilter): Promise<string> {
  let q = db.selectFrom('modification_register').leftJoin('organisations', 'organisations.id', 'modification_register.proposer_organisation_id');
  if (f.stage) q = q.where((eb) => eb.or([eb('state_id', '=', f.stage!), eb('state_name', '=', f.stage!), eb('phase', '=', f.stage!)]));
  if (f.path !== undefined) q = q.where('path', '=', f.path);
  if (f.proposerOrganisation) q = q.where('proposer_organisation_id', '=', f.proposerOrganisation);
  if (f.partyCategory) q = q.where('organisations.party_category', '=', f.partyCategory);
  if (f.q && f.q.trim() !== '') q = q.where(sql<boolean>`search @@ websearch_to_tsquery('english', ${f.q.trim()})`);
  if (f.release) q = q.where('modification_register.target_release', '=', f.release);
  if (f.impactedArea) {
    const area = IMPACTED_AREAS[f.impactedArea];
    q = q.where((eb) => eb.or(area.screens.map((screen) => eb(sql<string>`modification_register.state->'screening'->'screens'->>${screen}`, '=', area.flagged))));
  }
  const count = q.select((eb) => eb.fn.countAll<number>().as('n'));
  // With a search term, order by number through an expression the primary key cannot supply.
  // Ordered by the bare column, the planner walks the whole register backwards by number and
  // tests every row for the term (it estimates an uncommon word at ~0.5% of rows, so expects to
  // stop early), instead of fetching the few matches through the GIN index: 2 s against 1 ms on
  // 1M rows (bench: proof.register-search-vs-ilike-1m). The order itself is unchanged.
  const byNumber = f.q && f.q.trim() !== '' ? sql`modification_register.number + 0` : sql`modification_register.number`;
  const page = q
    .select([
      'modification_register.reference', 'number', 'title', 'phase', 'state_id', 'state_name', 'path', 'fast_track',
      'proposer_organisation_id', 'organisations.name as org_name', 'organisations.party_category', 'next_deadline', 'rulebook_version', 'updated_at',
      'modification_register.target_release',
    ])
    .$call((qb) => {
      switch (f.sort) {
        case 'oldest':
          return qb.orderBy(byNumber, 'asc');
        case 'deadline':
          return qb.orderBy(sql`next_deadline asc nulls last`).orderBy(byNumber, 'desc');
        case 'updated':
          return qb.orderBy('updated_at', 'desc').orderBy(byNumber, 'desc');
        default:
          return qb.orderBy(byNumber, 'desc');
      }
    })
    .limit(f.limit)
    .offset(f.offset);
  // The page's own order, again for json_agg.
  const itemOrder = {
    oldest: sql`p.number ASC`,
    deadline: sql`p.next_deadline ASC NULLS LAST, p.number DESC`,
    updated: sql`p.updated_at DESC, p.number DESC`,
    newest: sql`p.number DESC`,
  }[f.sort ?? 'newest'];
  const iso = (column: string) => sql`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const { rows } = await sql<{ body: string }>`
    SELECT json_build_object(
      'total', (${count}),
      'items', coalesce((
        SELECT json_agg(json_build_object(
          'reference', p.reference, 'number', p.number, 'title', p.title, 'phase', p.phase,
          'state', json_build_object('id', p.state_id, 'name', p.state_name),
          'path', p.path, 'fastTrack', p.fast_track,
          'proposerOrganisationId', p.proposer_organisation_id, 'proposerOrganisationName', p.org_name, 'partyCategory', p.party_category,
          'nextDeadline', ${iso('p.next_deadline')}, 'targetRelease', p.target_release,
          'rulebookVersion', p.rulebook_version, 'updatedAt', ${iso('p.updated_at')}
        ) ORDER BY ${itemOrder})
        FROM (${page}) AS p), '[]'::json)
    )::text AS body`.execute(db);
  return rows[0]!.body;
}

export async function listModifications(db: Db, f: RegisterFilter): Promise<{ total: number; items: RegisterEntry[] }> {
  return JSON.parse(await registerPageJson(db, f)) as { total: number; items: RegisterEntry[] };
}
