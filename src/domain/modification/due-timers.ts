// Hard timers whose deadline has passed (§7.2), with the system command that fires them,
// for the deadline sweeper. Idempotent: once a command fires, the timer is stopped or the
// state has moved on, so it is no longer listed. Paused timers (S21) are never due.
import { CURRENT_RULEBOOK, rulebookById } from '../rulebook/registry.ts';
import type { ModificationCommand } from './commands.ts';
import { openConsultation, type ModificationState } from './state.ts';

export type HardTimerId = 'TM02' | 'TM03' | 'TM04' | 'TM05' | 'TM06';

const due = (s: ModificationState, timer: HardTimerId, now: Date): boolean => {
  const t = s.timers[timer];
  return t?.status === 'running' && Date.parse(t.dueAt) <= now.getTime();
};

export function dueTimers(state: ModificationState, now: Date): Array<{ timer: HardTimerId; command: ModificationCommand }> {
  const rulebook = rulebookById(state.rulebookVersion) ?? CURRENT_RULEBOOK;
  const autoClose = rulebook.parameters.consultation.autoClose.value;
  const out: Array<{ timer: HardTimerId; command: ModificationCommand }> = [];
  if (autoClose && state.state === 'S05' && openConsultation(state, 'refinement') && due(state, 'TM02', now)) {
    out.push({ timer: 'TM02', command: { type: 'close-consultation', payload: { kind: 'refinement' } } });
  }
  if (autoClose && state.state === 'S09' && openConsultation(state, 'mrc') && due(state, 'TM03', now)) {
    out.push({ timer: 'TM03', command: { type: 'close-consultation', payload: { kind: 'mrc' } } });
  }
  if (state.state === 'S11' && due(state, 'TM04', now)) out.push({ timer: 'TM04', command: { type: 'expire-timer', payload: { timer: 'TM04' } } });
  if (state.state === 'S14' && due(state, 'TM05', now)) out.push({ timer: 'TM05', command: { type: 'expire-timer', payload: { timer: 'TM05' } } });
  if (state.state === 'S19' && due(state, 'TM06', now)) out.push({ timer: 'TM06', command: { type: 'expire-timer', payload: { timer: 'TM06' } } });
  return out;
}
