import { describe, expect, it } from 'vitest';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween, isIsoDate, isoWeekday, toEpochDay } from './iso-date.ts';
import { toLondonDate, zonedInstant } from './zoned-time.ts';

describe('ISO calendar dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-28')).toBe(false);
    expect(() => toEpochDay('2026-13-01')).toThrow(RangeError);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(calendarDaysBetween('2019-03-01', '2019-03-29')).toBe(28);
  });

  it('adds months, clamping to the end of the month', () => {
    expect(addCalendarMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addCalendarMonths('2026-01-15', -2)).toBe('2025-11-15');
    expect(addCalendarMonths('2026-11-30', 14)).toBe('2028-01-30');
  });

  it('knows ISO weekdays', () => {
    expect(isoWeekday('2026-06-15')).toBe(1);
    expect(isoWeekday('2026-06-14')).toBe(7);
  });
});

describe('London time', () => {
  it('converts instants to the London calendar date in GMT and BST', () => {
    expect(toLondonDate(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
    expect(toLondonDate(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
  });

  it('finds the instant of a London wall-clock time', () => {
    expect(zonedInstant('2026-07-01', '09:00:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedInstant('2026-12-01', '09:00:00', 'Europe/London').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(() => zonedInstant('2026-12-01', '24:00:00', 'Europe/London')).toThrow(RangeError);
  });
});
