// The rulebook's `calendar.*` parameters (§7.1) in the shape the Working Day calendar takes,
// so that each rulebook version carries its own calendar (§1.3 item 7).
import type { CalendarSettings } from '../calendar/working-day-calendar.ts';
import type { Rulebook } from './rulebook.ts';

export const calendarSettingsOf = (rulebook: Rulebook): CalendarSettings => {
  const c = rulebook.parameters.calendar;
  return {
    workingWeekdays: c.workingDays.value.weekdays,
    holidays: c.workingDays.value.holidays,
    timezone: c.timezone.value,
    deadlineTime: c.deadlineTime.value,
  };
};
