// What the register keeps of a proposal's folded state.
import type { ModificationState } from '../../domain/modification/index.ts';

export const currentProblemStatement = (s: ModificationState): string => s.problemStatements[s.problemStatements.length - 1]?.text ?? '';

/** The earliest running hard deadline: when the deadline sweeper must look at the proposal. */
export function nextDeadline(s: ModificationState): string | undefined {
  let min: string | undefined;
  for (const t of Object.values(s.timers)) {
    if (!t || t.status !== 'running' || t.kind !== 'hard') continue;
    if (min === undefined || t.dueAt < min) min = t.dueAt;
  }
  return min;
}
