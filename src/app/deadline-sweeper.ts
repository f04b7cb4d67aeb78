// The deadline sweeper (architecture.md "Time and the rulebook"): when the clock passes a
// hard timer (a consultation closing, an appeal window ending, a Fast-Track objection
// window), it issues the ordinary command as the System actor. Commands carry an
// idempotency key made from the timer and its deadline, so two processes sweeping at once,
// or a sweep repeated after a crash, fire each timer once.
import type { Db } from '../store/database.ts';
import type { EventStore } from '../store/event-store.ts';
import { dueTimers } from '../domain/modification/index.ts';
import { loadModification, CommandRefusedError, type ModificationCommands } from './modifications/command-handler.ts';
import { SYSTEM_ACTOR } from './modifications/actor.ts';
import type { Clock } from './clock.ts';

export interface SweepResult {
  readonly fired: { readonly number: number; readonly timer: string; readonly command: string }[];
  readonly refused: { readonly number: number; readonly timer: string; readonly reason: string }[];
}

export async function sweepDeadlines(deps: { db: Db; store: EventStore; commands: ModificationCommands; clock: Clock }): Promise<SweepResult> {
  await deps.clock.refresh();
  const now = deps.clock.now();
  const due = await deps.db.selectFrom('modification_register').select('number').where('next_deadline', '<=', now).orderBy('next_deadline').limit(500).execute();
  const result: SweepResult = { fired: [], refused: [] };
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
  return result;
}
