// The parts every decision rule shares: the quorum of §10.5, one result per solution
// (§10.7: each solution gets its own vote and result), then the choice among approved ones.
import { selectAmongApproved } from './multiple-approvals.ts';
import { quorumOf } from './quorum.ts';
import type { Ballot, DecisionOutcome, DecisionRule, DecisionRuleId, SolutionResult } from './types.ts';
import type { VotingParameters } from './voting-parameters.ts';

export interface RuleParts {
  readonly id: DecisionRuleId;
  readonly requirement: string;
  decideSolution(ballot: Ballot, solutionId: string): SolutionResult;
  progress(ballot: Ballot, solutionId: string): string;
}

export const buildRule = (parts: RuleParts, params: VotingParameters): DecisionRule => ({
  id: parts.id,
  requirement: parts.requirement,
  quorum: (ballot) => quorumOf(ballot, params),
  progress: parts.progress,
  decide: (ballot): DecisionOutcome => {
    const perSolution: Record<string, SolutionResult> = {};
    for (const id of ballot.solutionIds) perSolution[id] = parts.decideSolution(ballot, id);
    const selection = selectAmongApproved(ballot, perSolution, params);
    const lines = ballot.solutionIds.map((id) => `${id}: ${perSolution[id]?.result ?? 'rejected'}. ${perSolution[id]?.reason ?? ''}`);
    const verb = ballot.purpose === 'recommendation' ? 'Recommendation to the Authority' : 'Decision';
    return {
      perSolution,
      ...(selection.selectedSolutionId !== undefined ? { selectedSolutionId: selection.selectedSolutionId } : {}),
      approvedNotSelected: selection.approvedNotSelected,
      explanation: `${verb} under rule ${parts.id} (${parts.requirement}). ${lines.join(' ')} ${selection.explanation}`,
    };
  },
});

/** Applies `changeBoard.tieOutcome` to a count that is level. */
export const resultOf = (inFavour: number, against: number, tieOutcome: 'approve' | 'reject'): 'approved' | 'rejected' =>
  inFavour > against ? 'approved' : inFavour < against ? 'rejected' : tieOutcome === 'approve' ? 'approved' : 'rejected';
