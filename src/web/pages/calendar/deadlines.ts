// Dated entries of a proposal for the calendar, the ICS feed and the proposal page's "What
// happens next": every running timer of its state (sec-process.md §7.2) and its scheduled
// implementation (§8, T41). Derived from the folded state only, so the page, the calendar
// and the feed cannot disagree.
import type { ModificationState, TimerState } from '../../../domain/modification/index.ts';
import type { TimerId } from '../../../domain/rulebook/index.ts';
import { TIMERS } from '../../../domain/rulebook/timers.ts';
import type { WorkingDayCalendar } from '../../../domain/calendar/index.ts';

/** What the end of each timer means, in words a Party reads. */
import { TIMER_LABELS } from '../../../domain/rulebook/timer-labels.ts';

export { TIMER_LABELS };

export const timerDefinition = (id: TimerId) => TIMERS.find((t) => t.id === id);

export type EntryKind = 'deadline' | 'meeting' | 'implementation';

export interface CalendarEntry {
  /** Stable per proposal and timer (the number survives conversion from DP to MP). */
  readonly uid: string;
  /** The day in the calendar's zone (Europe/London). */
  readonly date: string;
  readonly kind: EntryKind;
  readonly what: string;
  readonly reference: string;
  readonly title: string;
  readonly timer?: TimerId;
  /** Hard timers end in a command by the System actor; soft ones only report. */
  readonly timerKind?: TimerState['kind'];
  readonly detail?: string;
}

const referenceOf = (s: ModificationState): string => s.references.mp ?? s.references.dp;

/** Running timers, soonest first. TM10 is shown as the implementation itself. */
export function runningTimers(state: ModificationState): { id: TimerId; timer: TimerState }[] {
  return (Object.entries(state.timers) as [TimerId, TimerState | undefined][])
    .filter((e): e is [TimerId, TimerState] => e[1] !== undefined && e[1].status === 'running')
    .map(([id, timer]) => ({ id, timer }))
    .sort((a, b) => a.timer.dueAt.localeCompare(b.timer.dueAt));
}

export function entriesOf(state: ModificationState, calendar: WorkingDayCalendar): CalendarEntry[] {
  const reference = referenceOf(state);
  const out: CalendarEntry[] = [];
  for (const { id, timer } of runningTimers(state)) {
    if (id === 'TM10') continue;
    const due = new Date(timer.dueAt);
    if (Number.isNaN(due.getTime())) continue;
    out.push({
      uid: `mod-${state.reference}-${id.toLowerCase()}@secmod`,
      date: calendar.toLocalDate(due),
      kind: timer.kind === 'scheduling' ? 'meeting' : 'deadline',
      what: TIMER_LABELS[id],
      reference,
      title: state.title,
      timer: id,
      timerKind: timer.kind,
    });
  }
  const impl = state.implementation;
  if (impl && /^\d{4}-\d{2}-\d{2}$/.test(impl.implementationDate)) {
    out.push({
      uid: `mod-${state.reference}-implementation@secmod`,
      date: impl.implementationDate,
      kind: 'implementation',
      what: impl.implementedAt ? 'Implemented' : 'Implementation Date',
      reference,
      title: state.title,
      detail: [impl.releaseId ? `Release ${impl.releaseId}` : undefined, impl.secVersion ? `SEC version ${impl.secVersion}` : undefined].filter(Boolean).join(', ') || undefined,
    });
  }
  return out;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Monday 2 March 2026" for an ISO date (GOV.UK style, built by hand so no ICU version adds a comma). */
export function longDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime())) return date;
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2 March 2026 at 09:00" for an instant, in London time. */
export function londonDateTime(instant: string | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' }).format(d);
  return `${date} at ${time}`;
}

/** "2 March 2026" for an instant or a date, in London time. */
export function londonDay(instantOrDate: string | undefined): string {
  if (!instantOrDate) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(instantOrDate)) return longDate(instantOrDate).replace(/^\w+ /, '');
  const d = new Date(instantOrDate);
  if (Number.isNaN(d.getTime())) return instantOrDate;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(d);
}
