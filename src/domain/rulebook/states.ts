// States S01–S22 (sec-process.md §5.2).
import type { StateDefinition, StateId } from './types.ts';

export const STATES: readonly StateDefinition[] = [
  { id: 'S01', name: 'DraftSubmitted', phase: 'draft', terminal: false, meaning: 'Draft problem statement received; critical-friend review and screening under way.', source: '[Public: C1]' },
  { id: 'S02', name: 'DevelopmentStage', phase: 'draft', terminal: false, meaning: 'Problem statement being developed under CSC oversight; no solution work.', source: '[Public: C1]' },
  { id: 'S03', name: 'ProblemStatementAgreed', phase: 'draft', terminal: false, meaning: 'CSC (or the Panel while acting) has agreed the problem statement.', source: '[Public: C1, C2]' },
  { id: 'S04', name: 'AwaitingConversion', phase: 'draft', terminal: false, meaning: 'The Proposer has chosen to go forward formally; on the next Panel agenda for initial consideration.', source: '[Seed C7.2(f)]' },
  { id: 'S05', name: 'RefinementProcess', phase: 'proposal', terminal: false, meaning: 'Solution development: WG, DCC assessments, Refinement Consultation, Proposed and Alternative Solutions.', source: '[Public: C2, C6, C9, C18, C20]' },
  { id: 'S06', name: 'ReportDrafting', phase: 'proposal', terminal: false, meaning: 'CA preparing the MR under D7.1 and D7.3.', source: '[Public: C7]' },
  { id: 'S07', name: 'PanelReportReview', phase: 'proposal', terminal: false, meaning: 'MR issued to the Panel for approval.', source: '[Public: C2]' },
  { id: 'S08', name: 'ReportConsultationPending', phase: 'proposal', terminal: false, meaning: 'Panel has approved the MRC and set its timetable; not yet issued.', source: '[Public: C8]' },
  { id: 'S09', name: 'ReportConsultationOpen', phase: 'proposal', terminal: false, meaning: 'MRC open to Parties other than the DCC.', source: '[Public: C8]' },
  { id: 'S10', name: 'AwaitingChangeBoard', phase: 'proposal', terminal: false, meaning: 'Responses collated on the Modification Register; on the next Change Board agenda; ballot opens at the meeting.', source: '[Public: C8]' },
  { id: 'S11', name: 'SelfGovernanceAppealWindow', phase: 'proposal', terminal: false, meaning: 'Change Board decision on a Path 3 MP published; appeal window running.', source: '[Analogy]' },
  { id: 'S12', name: 'AppealedToAuthority', phase: 'proposal', terminal: false, meaning: 'A valid appeal has been lodged.', source: '[Analogy]' },
  { id: 'S13', name: 'AwaitingAuthorityDecision', phase: 'proposal', terminal: false, meaning: 'Path 1 or 2: Change Board recommendation made and FMR sent to the Authority.', source: '[Public: C1 earlier version]' },
  { id: 'S14', name: 'FastTrackObjectionWindow', phase: 'proposal', terminal: false, meaning: 'Panel has raised a Fast-Track; objection window running.', source: '[Public: C25]; [Analogy]' },
  { id: 'S15', name: 'Approved', phase: 'proposal', terminal: false, meaning: 'A solution is approved (decision final).', source: '§5.2' },
  { id: 'S16', name: 'ImplementationScheduled', phase: 'proposal', terminal: false, meaning: 'Implementation Date or SEC Release assigned.', source: '[Seed C2.3(d)]' },
  { id: 'S17', name: 'Implemented', phase: 'proposal', terminal: true, meaning: 'Implemented; new SEC version published.', source: '[Public: C22]' },
  { id: 'S18', name: 'Rejected', phase: 'proposal', terminal: true, meaning: 'Rejected (decision final).', source: '§5.2' },
  { id: 'S19', name: 'WithdrawalNotice', phase: 'either', terminal: false, meaning: 'Proposer has withdrawn; adoption window running; remembers resumeState.', source: '[Public: C26]' },
  { id: 'S20', name: 'Withdrawn', phase: 'either', terminal: true, meaning: 'Withdrawn and not adopted.', source: '[Public: C26]' },
  { id: 'S21', name: 'SuspendedForScr', phase: 'either', terminal: false, meaning: 'Held because the subject falls within a live SCR Phase; remembers resumeState; all running timers paused.', source: '[Seed A1.1 "Significant Code Review Phase"]' },
  { id: 'S22', name: 'Closed', phase: 'either', terminal: true, meaning: 'Closed for another recorded reason: invalid submission, or subsumed by an SCR outcome.', source: '§5.2' },
];

/** S01 to S10: the states in which withdrawal and SCR suspension apply by default (§5.1). */
export const PRE_DECISION_STATES: readonly StateId[] = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10'];

/** States `from` to `to` inclusive, by number (the spec's "S01 to S13"). */
export const stateRange = (from: StateId, to: StateId): StateId[] => {
  const a = Number(from.slice(1));
  const b = Number(to.slice(1));
  const out: StateId[] = [];
  for (let i = a; i <= b; i++) out.push(`S${String(i).padStart(2, '0')}` as StateId);
  return out;
};
