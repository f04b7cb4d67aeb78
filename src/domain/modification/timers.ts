// Timers (sec-process.md §7.2): due instants computed with the rulebook's Working Day
// calendar (§7.1), durations read from the rulebook parameters named by each timer, a
// per-modification timetable overriding them (RB-04), paused with their remaining duration
// on SCR suspension and restarted from the resume date ("Timer behaviour").
import type { Duration, DurationUnit } from '../calendar/duration.ts';
import { calendarDaysBetween } from '../calendar/iso-date.ts';
import { createWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { calendarSettingsOf } from '../rulebook/calendar-settings.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import type { TimerId, TimerKind } from '../rulebook/types.ts';
import type { CommandContext } from './context.ts';
import type { TimerStart } from './events.ts';
import type { ModificationState, TimerState } from './state.ts';

const calendars = new WeakMap<Rulebook, WorkingDayCalendar>();

export const calendarOf = (rulebook: Rulebook): WorkingDayCalendar => {
  let c = calendars.get(rulebook);
  if (!c) {
    c = createWorkingDayCalendar(calendarSettingsOf(rulebook));
    calendars.set(rulebook, c);
  }
  return c;
};

const paramAt = (rulebook: Rulebook, key: string): { value: unknown; unit?: string } | undefined => {
  let node: unknown = rulebook.parameters;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'object' && node !== null && 'value' in node ? (node as { value: unknown; unit?: string }) : undefined;
};

const DURATION_UNITS: readonly string[] = ['WD', 'CD', 'weeks', 'months'];

export const timerKindOf = (rulebook: Rulebook, timer: TimerId): TimerKind =>
  rulebook.timers.find((t) => t.id === timer)?.kind ?? 'soft';

/** The duration of a timer for this modification: the timetable override (RB-04), else the rulebook parameter. */
export const timerDuration = (rulebook: Rulebook, timer: TimerId, state: Pick<ModificationState, 'timerOverrides' | 'phase'> | undefined): Duration | undefined => {
  const override = state?.timerOverrides[timer];
  if (override) return override;
  const def = rulebook.timers.find((t) => t.id === timer);
  if (!def) return undefined;
  // TM06 has an MP key and a DP key (withdrawal.adoptionWindowWd / withdrawal.draftAdoptionWindowWd).
  const key = timer === 'TM06' && state?.phase === 'draft' ? def.keys[1] : def.keys[0];
  const p = key ? paramAt(rulebook, key) : undefined;
  if (!p || typeof p.value !== 'number' || !p.unit || !DURATION_UNITS.includes(p.unit)) return undefined;
  return { amount: p.value, unit: p.unit as DurationUnit };
};

/** Starts a timer now (or with an explicit due instant, e.g. a Panel timetable date). */
export const startTimer = (
  ctx: Pick<CommandContext, 'now' | 'rulebook'>,
  timer: TimerId,
  state: Pick<ModificationState, 'timerOverrides' | 'phase'> | undefined,
  dueAt?: Date,
): TimerStart => {
  const kind = timerKindOf(ctx.rulebook, timer);
  if (dueAt) return { timer, kind, dueAt: dueAt.toISOString() };
  const duration = timerDuration(ctx.rulebook, timer, state);
  const due = duration ? calendarOf(ctx.rulebook).deadlineAfter(ctx.now, duration) : ctx.now;
  return { timer, kind, dueAt: due.toISOString() };
};

/** The end of a calendar date (deadline time, rulebook zone). */
export const endOfDate = (ctx: Pick<CommandContext, 'rulebook'>, date: string): Date => calendarOf(ctx.rulebook).endOfDay(date);

/** What is left of a running timer, in the unit of its duration (§7.2 "keep their remaining duration"). */
export const remainingOf = (ctx: Pick<CommandContext, 'now' | 'rulebook'>, t: TimerState, state: ModificationState): Duration => {
  const cal = calendarOf(ctx.rulebook);
  const today = cal.toLocalDate(ctx.now);
  const dueDate = cal.toLocalDate(new Date(t.dueAt));
  const unit = timerDuration(ctx.rulebook, t.timer, state)?.unit ?? 'WD';
  if (unit === 'WD') return { amount: Math.max(0, cal.countWorkingDaysBetween(today, dueDate)), unit: 'WD' };
  return { amount: Math.max(0, calendarDaysBetween(today, dueDate)), unit: 'CD' };
};

export const runningTimers = (state: ModificationState): TimerState[] =>
  Object.values(state.timers).filter((t): t is TimerState => t !== undefined && t.status === 'running');

export const pausedTimers = (state: ModificationState): TimerState[] =>
  Object.values(state.timers).filter((t): t is TimerState => t !== undefined && t.status === 'paused');

/** Restarts a paused timer from now with its remaining duration. */
export const resumeTimer = (ctx: Pick<CommandContext, 'now' | 'rulebook'>, t: TimerState): TimerStart => {
  const remaining = t.remaining ?? { amount: 0, unit: 'WD' };
  return { timer: t.timer, kind: t.kind, dueAt: calendarOf(ctx.rulebook).deadlineAfter(ctx.now, remaining).toISOString() };
};

/** True when a timer is running and its deadline has not passed (guard within-window). */
export const withinWindow = (state: ModificationState, timer: TimerId, now: Date): boolean => {
  const t = state.timers[timer];
  return t?.status === 'running' && now.getTime() < Date.parse(t.dueAt);
};
