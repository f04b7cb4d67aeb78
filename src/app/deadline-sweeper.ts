// The deadline sweeper (architecture.md "Time and the rulebook"): when the clock passes a
// hard timer (a consultation closing, an appeal window ending, a Fast-Track objection
// window), it issues the ordinary command as the System actor. Commands carry an
// idempotency key made from the timer and its deadline, so two processes sweeping at once,
// or a sweep repeated after a crash, fire each timer once.
import type { Db } from '../store/database.ts';
import type { EventStore } from '../store/event-store.ts';
import { dueTimers } from '../domain/modification/index.ts';
import { loadModification, rulebookOf, CommandRefusedError, type ModificationCommands } from './modifications/command-handler.ts';
import { parseReference } from './modifications/references.ts';
import type { SignificantCodeReviews } from './scr/scr-service.ts';
import { queueDeadlineReminders } from '../notify/deadline-reminders.ts';
import { SYSTEM_ACTOR } from './modifications/actor.ts';
import type { Clock } from './clock.ts';

export interface SweepResult {
  readonly fired: { readonly number: number; readonly timer: string; readonly command: string }[];
  readonly refused: { readonly number: number; readonly timer: string; readonly reason: string }[];
  /** SCR Phases found ended (TM13 and the other limbs), with the proposals still suspended for them. */
  readonly scrPhasesEnded: { readonly scrId: string; readonly suspendedProposals: readonly string[] }[];
  /** Deadline reminders queued for whoever can act (notice rule deadline-reminder). */
  remindersQueued: number;
}

export async function sweepDeadlines(deps: { db: Db; store: EventStore; commands: ModificationCommands; clock: Clock; scrs: SignificantCodeReviews }): Promise<SweepResult> {
  await deps.clock.refresh();
  const now = deps.clock.now();
  const due = await deps.db.selectFrom('modification_register').select('number').where('next_deadline', '<=', now).orderBy('next_deadline').limit(500).execute();
  const result: SweepResult = { fired: [], refused: [], scrPhasesEnded: [], remindersQueued: 0 };
  for (const { number } of due) {
    const { state } = await loadModification(deps.db, deps.store, number);
    if (!state) continue;
    for (const { timer, command } of dueTimers(state, now)) {
      const dueAt = state.timers[timer]?.dueAt ?? 'unscheduled';
      try {
        await deps.commands.execute({ number, command, actor: SYSTEM_ACTOR, idempotencyKey: `timer.${number}.${timer}.${dueAt}` });
        result.fired.push({ number, timer, command: command.type });
      } catch (error) {
        if (!(error instanceof CommandRefusedError)) throw error;
        result.refused.push({ number, timer, reason: error.message });
      }
    }
  }
  result.scrPhasesEnded.push(...await deps.scrs.notePhaseEnds());
  for (const ended of result.scrPhasesEnded) {
    // [Default] scr.autoResumeOnPhaseEnd = false: the notice raises tasks instead. When a
    // rulebook sets it, the System resumes each proposal (T47; the guard still checks the phase).
    for (const reference of ended.suspendedProposals) {
      const number = parseReference(reference);
      if (number === undefined) continue;
      const { state } = await loadModification(deps.db, deps.store, number);
      if (!state || !rulebookOf(state, now).parameters.scr.autoResumeOnPhaseEnd.value) continue;
      try {
        await deps.commands.execute({
          number, actor: SYSTEM_ACTOR, idempotencyKey: `scr-phase-end.${ended.scrId}.${number}`,
          command: { type: 'resume-after-scr', payload: { disposition: 'resume', reasons: `The Significant Code Review Phase of ${ended.scrId} has ended (scr.autoResumeOnPhaseEnd)` } },
        });
        result.fired.push({ number, timer: 'TM13', command: 'resume-after-scr' });
      } catch (error) {
        if (!(error instanceof CommandRefusedError)) throw error;
        result.refused.push({ number, timer: 'TM13', reason: error.message });
      }
    }
  }
  result.remindersQueued = await queueDeadlineReminders(deps.db, now);
  return result;
}
