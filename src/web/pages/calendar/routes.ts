// The public calendar of meetings and deadlines (issue "Web portal", item 6):
//   GET /calendar?month=2026-03   every running timer and scheduled implementation of the
//                                 month, one GOV.UK table per week, with previous/next links
//   GET /calendar.ics             the same entries (all months) as an iCalendar subscription
//   GET /calendar/personal.ics?token=…   a user's own feed: the proposals it is involved in
// Entries come from the register's folded states, so they match each proposal page.
import type { FastifyInstance } from 'fastify';
import type { ModificationState } from '../../../domain/modification/index.ts';
import { CURRENT_RULEBOOK, calendarSettingsOf } from '../../../domain/rulebook/index.ts';
import { addCalendarDays, createWorkingDayCalendar, isoWeekday, type WorkingDayCalendar } from '../../../domain/calendar/index.ts';
import { rulebookOf } from '../../../app/modifications/command-handler.ts';
import type { Db } from '../../../store/database.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { entriesOf, longDate, type CalendarEntry } from './deadlines.ts';
import { toIcs } from './ics.ts';
import { calendarFeedTokens, entriesFor, involvedProposals } from './personal-feed.ts';
import { loadPrincipal } from '../../../app/identity/principal.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const KIND_TEXT = { deadline: 'Deadline', meeting: 'Meeting', implementation: 'Implementation' } as const;
const KIND_CLASS = { deadline: 'govuk-tag--orange', meeting: 'govuk-tag--blue', implementation: 'govuk-tag--green' } as const;

/** Calendars by rulebook version: each proposal's dates are read with its own rulebook's calendar. */
function calendarFor(cache: Map<string, WorkingDayCalendar>, state: ModificationState, now: Date): WorkingDayCalendar {
  const rulebook = rulebookOf(state, now);
  let c = cache.get(rulebook.metadata.id);
  if (!c) {
    c = createWorkingDayCalendar(calendarSettingsOf(rulebook));
    cache.set(rulebook.metadata.id, c);
  }
  return c;
}

export async function allEntries(db: Db, now: Date): Promise<CalendarEntry[]> {
  const rows = await db.selectFrom('modification_register').select(['number', 'state']).orderBy('number').execute();
  const cache = new Map<string, WorkingDayCalendar>();
  const out: CalendarEntry[] = [];
  for (const row of rows) {
    const state = row.state as ModificationState | null;
    if (!state || typeof state !== 'object' || !state.timers) continue;
    out.push(...entriesOf(state, calendarFor(cache, state, now)));
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference) || a.what.localeCompare(b.what));
}

const monthKey = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;
const shift = (year: number, month: number, by: number): { year: number; month: number } => {
  const m = year * 12 + (month - 1) + by;
  return { year: Math.floor(m / 12), month: (m % 12) + 1 };
};

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;
  const feeds = calendarFeedTokens(services.config.chainKey);

  app.get<{ Querystring: { month?: unknown } }>('/calendar', async (request, reply) => {
    const now = services.clock.now();
    const calendar = createWorkingDayCalendar(calendarSettingsOf(CURRENT_RULEBOOK));
    const today = calendar.toLocalDate(now);
    const given = request.query.month;
    let year = Number(today.slice(0, 4));
    let month = Number(today.slice(5, 7));
    if (given !== undefined && given !== '') {
      const m = typeof given === 'string' ? MONTH.exec(given) : null;
      if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2200) {
        throw new HttpProblem(400, 'Enter the month as a year and month between 2000 and 2200, like 2026-03.');
      }
      year = Number(m[1]);
      month = Number(m[2]);
    }
    const key = monthKey(year, month);
    const entries = (await allEntries(services.database.db, now)).filter((e) => e.date.startsWith(`${key}-`));
    // Weeks start on Monday; a week belongs to the month if any of its days does.
    const first = `${key}-01`;
    const weeks: { start: string; caption: string; rows: Record<string, unknown>[] }[] = [];
    for (let start = addCalendarDays(first, 1 - isoWeekday(first)); start.slice(0, 7) <= key; start = addCalendarDays(start, 7)) {
      const end = addCalendarDays(start, 6);
      const rows = entries
        .filter((e) => e.date >= start && e.date <= end)
        .map((e) => ({
          date: longDate(e.date),
          today: e.date === today,
          reference: e.reference,
          title: e.title,
          what: e.what,
          detail: e.detail,
          kind: KIND_TEXT[e.kind],
          kindClass: KIND_CLASS[e.kind],
          workingDay: calendar.isWorkingDay(e.date),
        }));
      weeks.push({ start, caption: `Week beginning ${longDate(start)}`, rows });
    }
    const prev = shift(year, month, -1);
    const next = shift(year, month, 1);
    const monthName = `${MONTH_NAMES[month - 1]} ${year}`;
    return renderPage(request, reply, 'pages/calendar/calendar.njk', {
      pageTitle: `Calendar: ${monthName}`,
      ...(request.principal ? { personalFeed: `${services.config.publicUrl.replace(/\/$/, '')}/calendar/personal.ics?token=${feeds.token(request.principal.userId)}` } : {}),
      monthName,
      total: entries.length,
      weeks: weeks.filter((w) => w.rows.length > 0),
      previous: { href: `/calendar?month=${monthKey(prev.year, prev.month)}`, label: `${MONTH_NAMES[prev.month - 1]} ${prev.year}` },
      next: { href: `/calendar?month=${monthKey(next.year, next.month)}`, label: `${MONTH_NAMES[next.month - 1]} ${next.year}` },
    });
  });

  app.get('/calendar.ics', async (_request, reply) => {
    const now = services.clock.now();
    const entries = await allEntries(services.database.db, now);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="secmod-deadlines.ics"')
      .send(toIcs(entries, { now, baseUrl: services.config.publicUrl }));
  });

  app.get<{ Querystring: { token?: unknown } }>('/calendar/personal.ics', async (request, reply) => {
    const userId = typeof request.query.token === 'string' ? feeds.verify(request.query.token) : undefined;
    const now = services.clock.now();
    const principal = userId ? await loadPrincipal(services.database.db, userId, now) : undefined;
    if (!principal) throw new HttpProblem(404, 'There is no calendar feed at this address. Copy your feed address from the calendar page again.');
    const entries = entriesFor(await allEntries(services.database.db, now), await involvedProposals(app, principal));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="secmod-my-deadlines.ics"')
      .header('cache-control', 'private, no-store')
      .send(toIcs(entries, { now, baseUrl: services.config.publicUrl }));
  });
}
