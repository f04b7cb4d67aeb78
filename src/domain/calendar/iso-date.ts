// ISO calendar dates (`YYYY-MM-DD`) as plain strings. A calendar date has no time zone:
// it names a day in the rulebook's zone (Europe/London, sec-process.md §7.1). Arithmetic is
// done on UTC midnights so that no local offset or daylight saving change can shift a day.

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (so 2026-02-30 is not). */
export const isIsoDate = (value: string): boolean => {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
};

/** Parses a date into its UTC-midnight epoch milliseconds; throws on a malformed date. */
export const toEpochDay = (date: IsoDate): number => {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
};

export const fromEpochDay = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

export const isoWeekday = (date: IsoDate): IsoWeekday => {
  const js = new Date(toEpochDay(date)).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as IsoWeekday;
};

/** Adds (or, with a negative `days`, subtracts) calendar days. */
export const addCalendarDays = (date: IsoDate, days: number): IsoDate =>
  fromEpochDay(toEpochDay(date) + days * MS_PER_DAY);

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export const calendarDaysBetween = (a: IsoDate, b: IsoDate): number =>
  Math.round((toEpochDay(b) - toEpochDay(a)) / MS_PER_DAY);

/**
 * Adds calendar months. A day that does not exist in the target month is clamped to the
 * month's last day (31 January + 1 month = 28 or 29 February), the usual reading of
 * "N months after" in UK legal drafting.
 */
export const addCalendarMonths = (date: IsoDate, months: number): IsoDate => {
  const y = yearOf(date);
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return fromEpochDay(Date.UTC(targetYear, targetMonth, Math.min(d, lastDay)));
};

export const compareIsoDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);
