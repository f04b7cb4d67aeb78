// The calendar date in Europe/London of an instant (role assignments are dated in UK time).
const FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

export const londonDate = (instant: Date): string => FORMAT.format(instant);
