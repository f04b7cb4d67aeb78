// The Working Day calendar (sec-process.md §7.1): ISO dates, London time, bank holidays, durations.
export * from './iso-date.ts';
export * from './zoned-time.ts';
export * from './bank-holidays.ts';
export * from './duration.ts';
export * from './working-day-calendar.ts';
