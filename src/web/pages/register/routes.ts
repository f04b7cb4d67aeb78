// The public Modification Register (sec-process.md §2 "Modification Register"): every Draft
// and Modification Proposal, filterable, searchable, sortable, paginated, and exportable as
// CSV and JSON. Readable without signing in.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IMPACTED_AREAS, isImpactedArea, listModifications, type RegisterEntry, type RegisterFilter } from '../../../app/modifications/queries.ts';
import { STATES } from '../../../domain/rulebook/states.ts';
import { PARTY_CATEGORIES, PARTY_CATEGORY_LABELS } from '../../../domain/parties/organisation.ts';
import { renderPage } from '../../render.ts';

const PAGE_SIZE = 25;
const SORTS = ['newest', 'oldest', 'deadline', 'updated'] as const;

interface RegisterQuery {
  stage?: string;
  path?: string;
  partyCategory?: string;
  release?: string;
  impactedArea?: string;
  q?: string;
  sort?: string;
  page?: string;
}

/** Unknown filter values are ignored rather than refused: the register is a public page. */
function filterFrom(query: RegisterQuery, limit: number): RegisterFilter & { page: number } {
  const page = Math.min(Math.max(Number.parseInt(query.page ?? '1', 10) || 1, 1), 10_000);
  const path = Number(query.path);
  const stage = STATES.some((s) => s.id === query.stage || s.name === query.stage) || query.stage === 'draft' || query.stage === 'proposal' ? query.stage : undefined;
  const partyCategory = (PARTY_CATEGORIES as readonly string[]).includes(query.partyCategory ?? '') ? query.partyCategory : undefined;
  const sort = (SORTS as readonly string[]).includes(query.sort ?? '') ? (query.sort as RegisterFilter['sort']) : 'newest';
  return {
    ...(stage ? { stage } : {}),
    ...([1, 2, 3].includes(path) ? { path } : {}),
    ...(partyCategory ? { partyCategory } : {}),
    ...(typeof query.release === 'string' && query.release.trim() !== '' ? { release: query.release.trim().slice(0, 60) } : {}),
    ...(isImpactedArea(query.impactedArea) ? { impactedArea: query.impactedArea } : {}),
    ...(query.q && query.q.trim() !== '' ? { q: query.q.slice(0, 200) } : {}),
    sort,
    limit,
    offset: (page - 1) * limit,
    page,
  };
}

const csvCell = (v: unknown): string => {
  let s = v === null || v === undefined ? '' : String(v);
  // Cells that a spreadsheet would run as a formula are neutralised (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const CSV_COLUMNS: readonly [string, (e: RegisterEntry) => unknown][] = [
  ['reference', (e) => e.reference],
  ['title', (e) => e.title],
  ['proposer', (e) => e.proposerOrganisationName],
  ['party_category', (e) => e.partyCategory],
  ['stage', (e) => e.state.name],
  ['path', (e) => e.path],
  ['fast_track', (e) => e.fastTrack],
  ['next_deadline', (e) => e.nextDeadline],
  ['target_release', (e) => e.targetRelease],
  ['updated_at', (e) => e.updatedAt],
];

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  const db = app.services.database.db;
  const query = (request: FastifyRequest) => request.query as RegisterQuery;

  app.get('/register', async (request, reply) => {
    const f = filterFrom(query(request), PAGE_SIZE);
    const { total, items } = await listModifications(db, f);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const qs = (page: number) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(query(request))) if (k !== 'page' && typeof v === 'string' && v !== '') p.set(k, v);
      p.set('page', String(page));
      return `?${p.toString()}`;
    };
    const exportQs = new URLSearchParams(Object.entries(query(request)).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v !== '') as [string, string][]).toString();
    return renderPage(request, reply, 'pages/register/register.njk', {
      pageTitle: f.page > 1 ? `Modification Register (page ${f.page} of ${pages})` : 'Modification Register',
      items,
      total,
      filter: { ...query(request), sort: f.sort },
      states: STATES,
      partyCategories: PARTY_CATEGORIES.map((c) => ({ value: c, text: PARTY_CATEGORY_LABELS[c] })),
      impactedAreas: Object.entries(IMPACTED_AREAS).map(([value, a]) => ({ value, text: a.label })),
      pagination: {
        ...(f.page > 1 ? { previous: { href: qs(f.page - 1) } } : {}),
        ...(f.page < pages ? { next: { href: qs(f.page + 1) } } : {}),
        items: Array.from({ length: Math.min(pages, 10) }, (_, i) => ({ number: i + 1, href: qs(i + 1), current: i + 1 === f.page })),
      },
      exportQs,
    });
  });

  app.get('/register.json', async (request, reply) => {
    const f = filterFrom(query(request), 10_000);
    const { total, items } = await listModifications(db, { ...f, offset: 0 });
    return reply.header('content-disposition', 'attachment; filename="modification-register.json"').send({ total, items });
  });

  app.get('/register.csv', async (request, reply) => {
    const f = filterFrom(query(request), 10_000);
    const { items } = await listModifications(db, { ...f, offset: 0 });
    const lines = [CSV_COLUMNS.map(([h]) => h).join(','), ...items.map((e) => CSV_COLUMNS.map(([, get]) => csvCell(get(e))).join(','))];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="modification-register.csv"')
      .send(`${lines.join('\r\n')}\r\n`);
  });
}
