// "A deadline is 2 Working Days away → whoever must act" (issue "Notifications", who is told
// what): run by the deadline sweeper. For every running timer of an open proposal that falls
// due within the rule's Working Days (the proposal's own rulebook calendar), every active user
// who must act before it — one of the commands the rule names for that timer is among its
// available actions now (the same as My tasks and the API) — gets one reminder, by their
// preferences (immediate, digest, off, muted). The delivery key names the
// proposal, the timer and its deadline, so sweeps repeated by any process remind once.
import type { Db } from '../store/database.ts';
import { loadPrincipal } from '../app/identity/principal.ts';
import { actorFrom } from '../app/modifications/actor.ts';
import { lookUpFacts, rulebookOf } from '../app/modifications/command-handler.ts';
import { availableActions, type ModificationState, type TimerState } from '../domain/modification/index.ts';
import { calendarOf } from '../domain/modification/timers.ts';
import { TIMER_LABELS } from '../domain/rulebook/timer-labels.ts';
import { CURRENT_RULEBOOK } from '../domain/rulebook/index.ts';
import type { TimerId } from '../domain/rulebook/types.ts';
import { DEADLINE_REMINDER } from './notice-rules.ts';
import { DEFAULT_PREFERENCE, preferencesOf } from './preferences.ts';

const terminalOf = (rulebookStates: readonly { id: string; terminal: boolean }[]) => rulebookStates.filter((s) => s.terminal).map((s) => s.id);
const TERMINAL = terminalOf(CURRENT_RULEBOOK.states);

export async function queueDeadlineReminders(db: Db, now: Date): Promise<number> {
  // A cheap first cut: proposals whose next deadline is within two weeks (any rulebook's 2 WD fits).
  const horizon = new Date(now.getTime() + 14 * 86_400_000);
  const rows = await db.selectFrom('modification_register').select(['number', 'reference', 'title', 'state', 'stream_version'])
    .where('state_id', 'not in', TERMINAL).where('next_deadline', '>', now).where('next_deadline', '<=', horizon).orderBy('number').execute();
  if (rows.length === 0) return 0;
  const users = await db.selectFrom('users').select(['id', 'email']).where('disabled', '=', false).orderBy('id').execute();
  // Principals are loaded once per sweep, and only when a proposal has a deadline near.
  let principals: { email: string; principal: NonNullable<Awaited<ReturnType<typeof loadPrincipal>>> }[] | undefined;
  let queued = 0;
  for (const row of rows) {
    const state = row.state as unknown as ModificationState;
    const rulebook = rulebookOf(state, now);
    const calendar = calendarOf(rulebook);
    const today = calendar.toLocalDate(now);
    const due = Object.entries(state.timers)
      .filter((e): e is [string, TimerState] => e[1]?.status === 'running' && Date.parse(e[1].dueAt) > now.getTime())
      .filter(([timer]) => (DEADLINE_REMINDER.mustAct[timer] ?? []).length > 0)
      .filter(([, t]) => calendar.countWorkingDaysBetween(today, calendar.toLocalDate(new Date(t.dueAt))) <= DEADLINE_REMINDER.workingDaysBefore);
    // Occurrences already reminded (by this or another process) are not worked out again.
    const done = await db.selectFrom('deadline_reminders').select(['timer', 'due_at']).where('modification_number', '=', row.number).execute();
    const fresh = due.filter(([timer, t]) => !done.some((d) => d.timer === timer && d.due_at.getTime() === Date.parse(t.dueAt)));
    if (fresh.length === 0) continue;
    // Who can act on the proposal now, and with which commands.
    const actors: { userId: string; email: string; name: string; commands: Set<string>; actions: string[] }[] = [];
    if (!principals) {
      principals = [];
      for (const u of users) {
        const principal = await loadPrincipal(db, u.id, now);
        if (principal) principals.push({ email: u.email, principal });
      }
    }
    for (const { email, principal } of principals) {
      const actor = actorFrom(principal);
      const actions = availableActions(state, { now, rulebook, actor, facts: await lookUpFacts(db, actor, state, now), reference: row.number });
      if (actions.length > 0) actors.push({ userId: principal.userId, email, name: principal.name, commands: new Set(actions.map((a) => a.command)), actions: [...new Set(actions.map((a) => a.label))] });
    }
    const preferences = await preferencesOf(db, actors.map((a) => a.userId));
    const position = await db.selectFrom('events').select((eb) => eb.fn.max('position').as('p')).where('stream_id', '=', `modification-${row.number}`).executeTakeFirst();
    for (const [timer, t] of fresh) {
      const dueOn = calendar.toLocalDate(new Date(t.dueAt));
      const mustAct = DEADLINE_REMINDER.mustAct[timer] ?? [];
      for (const a of actors.filter((x) => mustAct.some((c) => x.commands.has(c)))) {
        const preference = preferences.get(a.userId) ?? DEFAULT_PREFERENCE;
        if (preference.mode === 'off' || preference.muted.includes(DEADLINE_REMINDER.id)) continue;
        const result = await db.insertInto('outbox').values({
          event_position: Number(position?.p ?? 0),
          delivery_key: `reminder:${row.number}:${timer}:${t.dueAt}:${a.userId}`,
          channel: preference.mode === 'digest' ? 'digest' : 'email',
          recipient: a.email,
          payload: JSON.stringify({
            rule: DEADLINE_REMINDER.id, template: DEADLINE_REMINDER.template, subject: DEADLINE_REMINDER.subject, significant: DEADLINE_REMINDER.significant,
            reference: row.reference, number: row.number, title: row.title, recipientName: a.name, recipientUserId: a.userId,
            eventType: 'DeadlineReminder', at: now.toISOString(),
            data: { timer, timerLabel: TIMER_LABELS[timer as TimerId] ?? timer, dueOn, dueAt: t.dueAt, actions: a.actions },
          }),
          created_at: now, available_at: now,
        }).onConflict((oc) => oc.column('delivery_key').doNothing()).executeTakeFirst();
        queued += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      await db.insertInto('deadline_reminders').values({ modification_number: row.number, timer, due_at: new Date(t.dueAt), reminded_at: now })
        .onConflict((oc) => oc.columns(['modification_number', 'timer', 'due_at']).doNothing()).execute();
    }
  }
  return queued;
}
