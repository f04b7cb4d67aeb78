// `weighted` (§10.6 plug-in; the pattern of the Alt HAN Forum's market-share weighted Supplier
// vote [Public: C29]): each seat has a weight (`changeBoard.seatWeights`, default 1); approved
// if the approving weight exceeds the rejecting weight; a tie follows `changeBoard.tieOutcome`.
import { countedSeats, effectiveVotes } from './counting.ts';
import { buildRule, resultOf } from './rule-builder.ts';
import type { Ballot, DecisionRule, GroupTally } from './types.ts';
import type { VotingParameters } from './voting-parameters.ts';

export const weighted = (params: VotingParameters): DecisionRule => {
  const weightOf = (seatId: string): number => params.seatWeights[seatId] ?? 1;
  const count = (ballot: Ballot, solutionId: string) => {
    const c = { approve: 0, reject: 0, abstain: 0 };
    for (const v of effectiveVotes(ballot, solutionId).values()) c[v.choice] += weightOf(v.seatId);
    return c;
  };
  const tie = params.tieOutcome === 'reject' ? 'a tie is a rejection' : 'a tie is an approval';
  const requirement = `approval needs more weight in favour than against; ${tie}`;
  return buildRule({
    id: 'weighted',
    requirement,
    decideSolution: (ballot, solutionId) => {
      const c = count(ballot, solutionId);
      const tally: GroupTally = { group: 'weighted seats', ...c, view: c.approve > c.reject ? 'approve' : c.reject > c.approve ? 'reject' : 'neutral' };
      const level = c.approve === c.reject ? ` (level: changeBoard.tieOutcome = ${params.tieOutcome})` : '';
      return { result: resultOf(c.approve, c.reject, params.tieOutcome), tallies: [tally], margin: c.approve - c.reject, reason: `Weight ${c.approve} in favour, ${c.reject} against, ${c.abstain} abstaining${level}.` };
    },
    progress: (ballot, solutionId) => {
      const c = count(ballot, solutionId);
      const total = countedSeats(ballot).reduce((sum, s) => sum + weightOf(s.seatId), 0);
      return `Weight ${c.approve + c.reject + c.abstain} of ${total} has voted; ${c.approve} in favour, ${c.reject} against; ${requirement}.`;
    },
  }, params);
};
