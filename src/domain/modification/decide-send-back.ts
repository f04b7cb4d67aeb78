// send-back (T10, T29, T40): one command, three rows selected by the current state (§5.4).
import type { StateId } from '../rulebook/types.ts';
import { accept, refuse, type Decision } from '../shared/decision.ts';
import type { PayloadOf } from './commands.ts';
import { allTimers, emit, type Step } from './decide-support.ts';
import type { ModificationEvent } from './events.ts';

const TARGETS: Readonly<Record<string, StateId>> = { DevelopmentStage: 'S02', ReportDrafting: 'S06', RefinementProcess: 'S05' };

export const decideSendBack = (p: PayloadOf<'send-back'>, step: Step): Decision<ModificationEvent> => {
  const { s, ctx, row } = step;
  const allowed = row.to.filter((t): t is StateId => t !== 'self' && t !== 'resume-state');
  const fallback = row.id === 'T40' ? TARGETS[ctx.rulebook.parameters.authority.sendBackTarget.value] : allowed[0];
  const to = p.target ? TARGETS[p.target] : fallback;
  if (!to || !allowed.includes(to)) return refuse('invalid-input', `${row.id} cannot send the proposal back to ${p.target ?? 'that state'}`, row.clauses[0], { status: 422 });
  return accept(emit(step, 'SentBack', { from: s.state, by: row.id === 'T40' ? 'authority' : 'panel', reasons: p.reasons }, { to, stopped: allTimers(s).filter((t) => t === 'TM09' || t === 'TM11') }));
};
