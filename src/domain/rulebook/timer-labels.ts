// What each timer (§7 TM01–TM15) is called in pages, calendars and notices.
import type { TimerId } from './types.ts';

export const TIMER_LABELS: Readonly<Record<TimerId, string>> = {
  TM01: 'Critical-friend review target',
  TM02: 'Refinement Consultation closes',
  TM03: 'Modification Report Consultation closes',
  TM04: 'Appeal window ends',
  TM05: 'Fast-Track objection window ends',
  TM06: 'Withdrawal adoption window ends',
  TM07: 'DCC Preliminary Assessment due',
  TM08: 'DCC Impact Assessment due',
  TM09: 'Authority decision target',
  TM10: 'Implementation Date',
  TM11: 'Next Panel meeting',
  TM12: 'Next Change Board meeting',
  TM13: 'Significant Code Review Phase ends',
  TM14: 'Obligation reminder',
  TM15: 'Next Change Sub-Committee meeting',
};
