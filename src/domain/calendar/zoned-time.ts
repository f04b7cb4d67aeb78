// Converting between instants and wall-clock dates in a named zone (Europe/London by
// default, sec-process.md §7.1 `calendar.timezone`). Only Intl is used, so the domain stays
// pure and daylight saving (GMT/BST) comes from the platform's time-zone data.
import { isIsoDate, type IsoDate } from './iso-date.ts';

/** Local wall-clock time `HH:MM:SS` (the `calendar.deadlineTime` format). */
export type LocalTime = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

const wallClockAt = (instant: Date, timeZone: string): WallClock => {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN, month: parts.month ?? NaN, day: parts.day ?? NaN,
    hour: parts.hour ?? NaN, minute: parts.minute ?? NaN, second: parts.second ?? NaN,
  };
};

/** The calendar date an instant falls on in `timeZone` (e.g. 23:30 UTC in summer is the next London day). */
export const toZonedDate = (instant: Date, timeZone: string): IsoDate => {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  const w = wallClockAt(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

/** The London calendar date of an instant. */
export const toLondonDate = (instant: Date): IsoDate => toZonedDate(instant, 'Europe/London');

const parseLocalTime = (time: LocalTime): [number, number, number] => {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`Not a local time (HH:MM:SS): ${time}`);
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || s > 59) throw new RangeError(`Not a local time (HH:MM:SS): ${time}`);
  return [h, mi, s];
};

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (BST: +3 600 000). */
const offsetAt = (instantMs: number, timeZone: string): number => {
  const w = wallClockAt(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
};

/**
 * The instant at which the wall clock in `timeZone` shows `time` on `date`.
 * Two passes settle the offset across a daylight saving change; a wall time inside a
 * spring-forward gap resolves to the instant after the gap.
 */
export const zonedInstant = (date: IsoDate, time: LocalTime, timeZone: string): Date => {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${date}`);
  const [h, mi, s] = parseLocalTime(time);
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, mi, s);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess);
};
