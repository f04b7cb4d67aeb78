// Durations as the rulebook states them (sec-process.md §7.1: "Every duration parameter
// MUST declare its unit"). A period given in "days" without "Working" is calendar days
// and is never converted (`calendar.calendarDayPeriods`).

export type DurationUnit = 'WD' | 'CD' | 'weeks' | 'months';

export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

export const workingDays = (amount: number): Duration => ({ amount, unit: 'WD' });
export const calendarDays = (amount: number): Duration => ({ amount, unit: 'CD' });
export const weeks = (amount: number): Duration => ({ amount, unit: 'weeks' });
export const months = (amount: number): Duration => ({ amount, unit: 'months' });
