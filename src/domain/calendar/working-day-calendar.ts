// The Working Day calendar of sec-process.md §7.1. "N WD after event E" ends at the end of
// the Nth Working Day after the day of E; the day of E is not counted (`calendar.countFrom`
// = `next-working-day`). A deadline is the end of its last day at `calendar.deadlineTime`
// in `calendar.timezone`.
import { createHolidayLookup, ENGLAND_AND_WALES, type HolidayRegion, type HolidaysOfYear } from './bank-holidays.ts';
import type { Duration } from './duration.ts';
import {
  addCalendarDays, addCalendarMonths, compareIsoDates, isoWeekday, yearOf,
  type IsoDate, type IsoWeekday,
} from './iso-date.ts';
import { toZonedDate, zonedInstant, type LocalTime } from './zoned-time.ts';

/** The rulebook's calendar parameters (`calendar.*`, §7.1), in the shape the calendar needs. */
export interface CalendarSettings {
  /** Weekdays that can be Working Days (Monday to Friday by default). */
  readonly workingWeekdays: readonly IsoWeekday[];
  /** Holidays that are never Working Days. */
  readonly holidays: HolidayRegion;
  /** IANA zone in which dates are read (`Europe/London`). */
  readonly timezone: string;
  /** Local time at which a period's last day ends (`23:59:59`). */
  readonly deadlineTime: LocalTime;
}

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = Object.freeze({
  workingWeekdays: Object.freeze([1, 2, 3, 4, 5] as IsoWeekday[]),
  holidays: ENGLAND_AND_WALES,
  timezone: 'Europe/London',
  deadlineTime: '23:59:59',
});

export interface WorkingDayCalendar {
  readonly settings: CalendarSettings;
  isWorkingDay(date: IsoDate): boolean;
  isHoliday(date: IsoDate): boolean;
  /** The Nth Working Day after `date` (`date` itself is not counted); n = 0 returns `date`. Negative n counts back. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** The Nth Working Day before `date`; inverts `addWorkingDays` when `date` is a Working Day. */
  subtractWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working Days in (a, b]: `countWorkingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when b < a. */
  countWorkingDaysBetween(a: IsoDate, b: IsoDate): number;
  /** `date` if it is a Working Day, otherwise the next one. */
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate;
  addCalendarDays(date: IsoDate, n: number): IsoDate;
  /** The last day of a period of `duration` that starts after `date` (the day of the event). */
  endDateAfter(date: IsoDate, duration: Duration): IsoDate;
  /** The calendar date of an instant in the calendar's zone. */
  toLocalDate(instant: Date): IsoDate;
  /** The instant at which `date` ends (`deadlineTime` local). */
  endOfDay(date: IsoDate): Date;
  /**
   * The deadline instant of a period that starts with an event at `instant`: the end of the
   * period's last day. A zero amount means "at once" (for example a 0 WD adoption window,
   * TM06) and returns `instant` itself.
   */
  deadlineAfter(instant: Date, duration: Duration): Date;
}

// No SEC period comes near this; it only stops a misconfigured calendar (no working
// weekdays) from looping for ever.
const MAX_SCAN_DAYS = 3_660;

export const createWorkingDayCalendar = (
  settings: CalendarSettings = DEFAULT_CALENDAR_SETTINGS,
  holidaysOfYear: HolidaysOfYear = createHolidayLookup(settings.holidays),
): WorkingDayCalendar => {
  if (settings.workingWeekdays.length === 0) throw new RangeError('A calendar needs at least one working weekday');
  const weekdays = new Set<number>(settings.workingWeekdays);

  const isHoliday = (date: IsoDate): boolean => holidaysOfYear(yearOf(date)).has(date);
  const isWorkingDay = (date: IsoDate): boolean => weekdays.has(isoWeekday(date)) && !isHoliday(date);

  const step = (date: IsoDate, direction: 1 | -1): IsoDate => {
    let d = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addCalendarDays(d, direction);
      if (isWorkingDay(d)) return d;
    }
    throw new RangeError(`No Working Day within ${MAX_SCAN_DAYS} days of ${date}`);
  };

  const addWorkingDays = (date: IsoDate, n: number): IsoDate => {
    if (!Number.isInteger(n)) throw new RangeError(`Working Days must be a whole number: ${n}`);
    let d = date;
    const direction = n < 0 ? -1 : 1;
    for (let i = 0; i < Math.abs(n); i++) d = step(d, direction);
    return d;
  };

  const countWorkingDaysBetween = (a: IsoDate, b: IsoDate): number => {
    const order = compareIsoDates(a, b);
    if (order === 0) return 0;
    if (order > 0) return -countWorkingDaysBetween(b, a);
    let count = 0;
    for (let d = addCalendarDays(a, 1); compareIsoDates(d, b) <= 0; d = addCalendarDays(d, 1)) {
      if (isWorkingDay(d)) count++;
    }
    return count;
  };

  const endDateAfter = (date: IsoDate, duration: Duration): IsoDate => {
    switch (duration.unit) {
      case 'WD': return addWorkingDays(date, duration.amount);
      case 'CD': return addCalendarDays(date, duration.amount);
      case 'weeks': return addCalendarDays(date, duration.amount * 7);
      case 'months': return addCalendarMonths(date, duration.amount);
    }
  };

  const toLocalDate = (instant: Date): IsoDate => toZonedDate(instant, settings.timezone);
  const endOfDay = (date: IsoDate): Date => zonedInstant(date, settings.deadlineTime, settings.timezone);

  return Object.freeze({
    settings,
    isWorkingDay,
    isHoliday,
    addWorkingDays,
    subtractWorkingDays: (date: IsoDate, n: number) => addWorkingDays(date, -n),
    countWorkingDaysBetween,
    nextWorkingDayOnOrAfter: (date: IsoDate) => (isWorkingDay(date) ? date : step(date, 1)),
    addCalendarDays,
    endDateAfter,
    toLocalDate,
    endOfDay,
    deadlineAfter: (instant: Date, duration: Duration) =>
      duration.amount === 0 ? new Date(instant.getTime()) : endOfDay(endDateAfter(toLocalDate(instant), duration)),
  });
};
