// Bank and public holidays from date-holidays (pure data and rules; no I/O), never a
// hand-typed list: sec-process.md §7.1 `calendar.workingDays` excludes "bank and public
// holidays in England and Wales". date-holidays also returns observances (Mother's Day,
// Easter Sunday …); those are not holidays for Working Day purposes and are filtered out.
import Holidays from 'date-holidays';
import type { IsoDate } from './iso-date.ts';

export interface HolidayRegion {
  /** ISO 3166-1 country, e.g. `GB`. */
  readonly country: string;
  /** date-holidays state code, e.g. `ENG` (England; its bank holidays are those of England and Wales). */
  readonly state: string;
  /** date-holidays holiday types that are non-working days. */
  readonly types: readonly ('public' | 'bank')[];
}

export const ENGLAND_AND_WALES: HolidayRegion = Object.freeze({
  country: 'GB', state: 'ENG', types: Object.freeze(['public', 'bank'] as const),
});

/** Holidays of one year as a set of dates. */
export type HolidaysOfYear = (year: number) => ReadonlySet<IsoDate>;

/**
 * A per-year cached holiday lookup. The cache lives in the closure: computing a year's
 * holidays runs date-holidays' rule engine, and a Working Day walk asks for the same year
 * many times.
 */
export const createHolidayLookup = (region: HolidayRegion = ENGLAND_AND_WALES): HolidaysOfYear => {
  const hd = new Holidays(region.country, region.state);
  const wanted = new Set<string>(region.types);
  const cache = new Map<number, ReadonlySet<IsoDate>>();
  return (year) => {
    let days = cache.get(year);
    if (!days) {
      // `date` is the local date and time, "YYYY-MM-DD hh:mm:ss"; the first ten characters are the day.
      days = new Set(hd.getHolidays(year).filter((h) => wanted.has(h.type)).map((h) => h.date.slice(0, 10)));
      cache.set(year, days);
    }
    return days;
  };
};
