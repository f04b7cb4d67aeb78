// My tasks: every open proposal on which the signed-in user can do something now (the same
// `availableActions` as the proposal page and the API), with the deadlines of the timers
// running on it, overdue first. Open proposals are read from the register; fine while the
// register holds hundreds, not millions.
import type { FastifyInstance } from 'fastify';
import type { ModificationState, TimerState } from '../../../domain/modification/index.ts';
import { CURRENT_RULEBOOK } from '../../../domain/rulebook/index.ts';
import { TIMER_LABELS } from '../../../domain/rulebook/timer-labels.ts';
import { renderPage } from '../../render.ts';
import { actionContextFor, actionHref, signedIn } from '../command-form/action-context.ts';


const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const londonDateTime = (iso: string): string => LONDON.format(new Date(iso));

const TERMINAL = CURRENT_RULEBOOK.states.filter((s) => s.terminal).map((s) => s.id as string);

interface Task {
  readonly reference: string;
  readonly title: string;
  readonly stage: string;
  readonly due?: { readonly at: string; readonly text: string; readonly label: string; readonly timer: string; readonly overdue: boolean };
  readonly actions: ReadonlyArray<{ readonly command: string; readonly label: string; readonly href: string }>;
}

const runningTimers = (s: ModificationState): TimerState[] =>
  Object.values(s.timers).filter((t): t is TimerState => t !== undefined && t.status === 'running').sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));

export async function taskRoutes(app: FastifyInstance): Promise<void> {
  app.get('/tasks', async (request, reply) => {
    const principal = signedIn(request, 'see your tasks');
    const rows = await app.services.database.db
      .selectFrom('modification_register')
      .select(['number', 'state'])
      .where('state_id', 'not in', TERMINAL)
      .orderBy('number')
      .execute();
    const now = app.services.clock.now();
    const tasks: Task[] = [];
    for (const row of rows) {
      // The register keeps the folded state of each proposal, written with its events.
      const state = row.state as unknown as ModificationState;
      const c = await actionContextFor(app, principal, row.number, state);
      if (c.actions.length === 0) continue;
      const timers = runningTimers(state);
      const next = timers[0];
      // TM13: a proposal held for an SCR whose phase has ended waits for a resume-or-close
      // decision ([Default] scr.autoResumeOnPhaseEnd = false): an overdue task from the phase end.
      const scr = state.suspension ? await app.services.significantCodeReviews.get(state.suspension.scrId) : undefined;
      const held = scr?.ended && scr.phaseEnd ? { at: `${scr.phaseEnd}T00:00:00Z`, text: scr.phaseEnd, label: `${scr.id} Phase ended: resume or close`, timer: 'TM13', overdue: true } : undefined;
      tasks.push({
        reference: c.reference,
        title: state.title,
        stage: state.stateName,
        ...(held ? { due: held } : next ? { due: { at: next.dueAt, text: londonDateTime(next.dueAt), label: TIMER_LABELS[next.timer] ?? next.timer, timer: next.timer, overdue: Date.parse(next.dueAt) <= now.getTime() } } : {}),
        actions: c.actions.map((a) => ({ ...a, href: actionHref(c.reference, a) })),
      });
    }
    tasks.sort((a, b) => {
      const rank = (t: Task) => (t.due ? (t.due.overdue ? 0 : 1) : 2);
      return rank(a) - rank(b) || (a.due && b.due ? Date.parse(a.due.at) - Date.parse(b.due.at) : 0) || a.reference.localeCompare(b.reference);
    });
    return renderPage(request, reply, 'pages/tasks/tasks.njk', { pageTitle: 'My tasks', tasks, overdue: tasks.filter((t) => t.due?.overdue).length });
  });
}
