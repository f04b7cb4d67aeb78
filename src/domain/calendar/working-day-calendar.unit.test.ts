import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, isoWeekday, type IsoDate } from './iso-date.ts';
import { createWorkingDayCalendar, DEFAULT_CALENDAR_SETTINGS } from './working-day-calendar.ts';
import { calendarDays, months, weeks, workingDays } from './duration.ts';

const calendar = createWorkingDayCalendar();

describe('Working Days in England and Wales (sec-process.md §7.1 calendar.workingDays)', () => {
  it.each([
    ['2026-12-25', 'Christmas Day 2026'],
    ['2026-12-28', 'Boxing Day 2026, substitute day (26 December is a Saturday)'],
    ['2026-04-03', 'Good Friday 2026'],
    ['2026-04-06', 'Easter Monday 2026'],
    ['2022-06-02', 'Spring bank holiday 2022 (moved for the Platinum Jubilee)'],
    ['2022-06-03', 'Platinum Jubilee bank holiday 2022'],
    ['2022-09-19', 'State Funeral of Queen Elizabeth II, 2022'],
    ['2022-12-27', 'Christmas Day 2022, substitute day'],
  ])('%s (%s) is a bank holiday and not a Working Day', (date) => {
    expect(calendar.isHoliday(date)).toBe(true);
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it('observances from date-holidays (Mother\'s Day, Easter Sunday) are not holidays', () => {
    expect(calendar.isHoliday('2026-03-15')).toBe(false);
    expect(calendar.isHoliday('2026-04-05')).toBe(false);
  });

  it('weekends are not Working Days; an ordinary weekday is', () => {
    expect(calendar.isWorkingDay('2026-06-13')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-06-14')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-06-15')).toBe(true);
  });

  it('Scottish-only holidays do not apply (2 January, St Andrew\'s Day)', () => {
    expect(calendar.isWorkingDay('2026-01-02')).toBe(true);
    expect(calendar.isWorkingDay('2026-11-30')).toBe(true);
  });
});

describe('counting Working Days from the next Working Day (calendar.countFrom)', () => {
  it('"5 WD after" a Monday ends on the following Monday; the day of the event is not counted', () => {
    expect(calendar.addWorkingDays('2026-06-15', 5)).toBe('2026-06-22');
  });

  it('an event on a Saturday counts from the Monday', () => {
    expect(calendar.addWorkingDays('2026-06-13', 1)).toBe('2026-06-15');
  });

  it('skips Christmas and Boxing Day 2026: 1 WD after Thursday 24 December is Tuesday 29 December', () => {
    expect(calendar.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  it('skips the 2022 Jubilee holidays: 1 WD after 1 June 2022 is 6 June 2022', () => {
    expect(calendar.addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(calendar.countWorkingDaysBetween('2022-06-01', '2022-06-06')).toBe(1);
  });

  it('15 WD (the default appeal window) across Easter 2026', () => {
    // Wed 1 April 2026 + 15 WD, skipping Good Friday and Easter Monday.
    expect(calendar.addWorkingDays('2026-04-01', 15)).toBe('2026-04-24');
  });

  it('subtractWorkingDays counts back: the paper day 5 WD before a Panel meeting', () => {
    expect(calendar.subtractWorkingDays('2026-04-10', 5)).toBe('2026-04-01');
  });

  it('0 WD is the same day', () => {
    expect(calendar.addWorkingDays('2026-06-13', 0)).toBe('2026-06-13');
  });

  it('refuses fractional Working Days', () => {
    expect(() => calendar.addWorkingDays('2026-06-15', 1.5)).toThrow(RangeError);
  });
});

describe('deadlines at the end of the last day in London (calendar.deadlineTime, calendar.timezone)', () => {
  it('a BST deadline ends at 23:59:59 BST, i.e. 22:59:59 UTC', () => {
    // Event Monday 15 June 2026 10:00 BST; 5 WD ends Monday 22 June at 23:59:59 BST.
    const deadline = calendar.deadlineAfter(new Date('2026-06-15T09:00:00Z'), workingDays(5));
    expect(deadline.toISOString()).toBe('2026-06-22T22:59:59.000Z');
  });

  it('a GMT deadline ends at 23:59:59 GMT', () => {
    expect(calendar.endOfDay('2026-01-15').toISOString()).toBe('2026-01-15T23:59:59.000Z');
  });

  it('an event late in a summer evening UTC falls on the next London day', () => {
    // 23:30 UTC on 15 June is 00:30 BST on 16 June.
    expect(calendar.toLocalDate(new Date('2026-06-15T23:30:00Z'))).toBe('2026-06-16');
    const deadline = calendar.deadlineAfter(new Date('2026-06-15T23:30:00Z'), workingDays(1));
    expect(deadline.toISOString()).toBe('2026-06-17T22:59:59.000Z');
  });

  it('a period crossing the clocks going back ends in GMT', () => {
    // Friday 23 October 2026 (BST) + 5 WD = Friday 30 October (GMT after 25 October).
    const deadline = calendar.deadlineAfter(new Date('2026-10-23T12:00:00Z'), workingDays(5));
    expect(deadline.toISOString()).toBe('2026-10-30T23:59:59.000Z');
  });

  it('the days of the clock changes themselves end at the right instant', () => {
    expect(calendar.endOfDay('2026-03-29').toISOString()).toBe('2026-03-29T22:59:59.000Z');
    expect(calendar.endOfDay('2026-10-25').toISOString()).toBe('2026-10-25T23:59:59.000Z');
  });

  it('28 calendar days are never converted to Working Days (SCR Phase limb (d), R-A-08)', () => {
    expect(calendar.endDateAfter('2019-03-01', calendarDays(28))).toBe('2019-03-29');
  });

  it('weeks and months are calendar periods (TM09 5 weeks; monthly cadences)', () => {
    expect(calendar.endDateAfter('2026-01-05', weeks(5))).toBe('2026-02-09');
    expect(calendar.endDateAfter('2026-01-31', months(1))).toBe('2026-02-28');
    expect(calendar.endDateAfter('2028-01-31', months(1))).toBe('2028-02-29');
  });

  it('a zero-length period expires at once (TM06 draft adoption window of 0 WD)', () => {
    const at = new Date('2026-06-15T09:00:00Z');
    expect(calendar.deadlineAfter(at, workingDays(0)).getTime()).toBe(at.getTime());
  });
});

describe('calendar parameters come from the rulebook', () => {
  it('a six-day working week makes Saturdays Working Days', () => {
    const sixDays = createWorkingDayCalendar({ ...DEFAULT_CALENDAR_SETTINGS, workingWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(sixDays.isWorkingDay('2026-06-13')).toBe(true);
    expect(sixDays.addWorkingDays('2026-06-12', 1)).toBe('2026-06-13');
  });

  it('the deadline time is a parameter', () => {
    const noon = createWorkingDayCalendar({ ...DEFAULT_CALENDAR_SETTINGS, deadlineTime: '17:00:00' });
    expect(noon.endOfDay('2026-06-22').toISOString()).toBe('2026-06-22T16:00:00.000Z');
  });

  it('refuses a calendar with no working weekdays', () => {
    expect(() => createWorkingDayCalendar({ ...DEFAULT_CALENDAR_SETTINGS, workingWeekdays: [] })).toThrow(RangeError);
  });
});

describe('properties', () => {
  const anyDate = fc
    .integer({ min: 0, max: 365 * 30 })
    .map((offset): IsoDate => addCalendarDays('2010-01-01', offset));
  const anyCount = fc.integer({ min: 0, max: 80 });

  it('adding n Working Days then counting gives n', () => {
    fc.assert(fc.property(anyDate, anyCount, (d, n) => calendar.countWorkingDaysBetween(d, calendar.addWorkingDays(d, n)) === n));
  });

  it('a result of adding n ≥ 1 Working Days is never a weekend or a bank holiday', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: 1, max: 80 }), (d, n) => {
      const r = calendar.addWorkingDays(d, n);
      return isoWeekday(r) <= 5 && !calendar.isHoliday(r) && calendar.isWorkingDay(r);
    }));
  });

  it('subtracting n inverts adding n from a Working Day', () => {
    fc.assert(fc.property(anyDate, anyCount, (d0, n) => {
      const d = calendar.nextWorkingDayOnOrAfter(d0);
      return calendar.subtractWorkingDays(calendar.addWorkingDays(d, n), n) === d
        && calendar.addWorkingDays(calendar.subtractWorkingDays(d, n), n) === d;
    }));
  });

  it('counting is antisymmetric', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: -400, max: 400 }), (a, offset) => {
      const b = addCalendarDays(a, offset);
      return calendar.countWorkingDaysBetween(a, b) === -calendar.countWorkingDaysBetween(b, a);
    }));
  });

  it('a deadline is always at 23:59:59 London time on a Working Day', () => {
    const instant = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 40 }), (at, n) => {
      const deadline = calendar.deadlineAfter(at, workingDays(n));
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(deadline);
      return local === '23:59:59' && calendar.isWorkingDay(calendar.toLocalDate(deadline)) && deadline > at;
    }));
  });
});
