// `simple-majority` (§10.6 plug-in, [Analogy] REC Change Panel, A6; the default
// `csc.decisionRule`): approved if approve votes exceed reject votes among the seats voting.
// A level count is broken by the chair's casting vote when `changeBoard.chairCastingVote` is
// set and the chair voted; otherwise `changeBoard.tieOutcome` applies.
import { effectiveVotes, plural } from './counting.ts';
import { buildRule, resultOf } from './rule-builder.ts';
import type { Ballot, DecisionRule, GroupTally } from './types.ts';
import type { VotingParameters } from './voting-parameters.ts';

const count = (ballot: Ballot, solutionId: string) => {
  const c = { approve: 0, reject: 0, abstain: 0 };
  for (const v of effectiveVotes(ballot, solutionId).values()) c[v.choice]++;
  return c;
};

/** The chair's vote on a solution. The chair seat is usually non-voting, so it is looked up directly. */
const chairChoice = (ballot: Ballot, solutionId: string): 'approve' | 'reject' | undefined => {
  const chairs = new Set(ballot.seats.filter((s) => s.category === 'chair' && !s.suspended).map((s) => s.seatId));
  const votes = ballot.votes.filter((v) => v.solutionId === solutionId && chairs.has(v.seatId));
  const last = votes[votes.length - 1];
  return last && last.choice !== 'abstain' ? last.choice : undefined;
};

export const simpleMajority = (params: VotingParameters): DecisionRule => {
  const tieText = params.chairCastingVote
    ? `a tie is decided by the chair's casting vote, or else ${params.tieOutcome === 'reject' ? 'is a rejection' : 'is an approval'}`
    : `a tie is ${params.tieOutcome === 'reject' ? 'a rejection' : 'an approval'}`;
  const requirement = `approval needs more votes in favour than against; ${tieText}`;
  return buildRule({
    id: 'simple-majority',
    requirement,
    decideSolution: (ballot, solutionId) => {
      const c = count(ballot, solutionId);
      const tally: GroupTally = { group: 'all seats', ...c, view: c.approve > c.reject ? 'approve' : c.reject > c.approve ? 'reject' : 'neutral' };
      let result = resultOf(c.approve, c.reject, params.tieOutcome);
      let level = '';
      if (c.approve === c.reject) {
        const chair = params.chairCastingVote ? chairChoice(ballot, solutionId) : undefined;
        if (chair) {
          result = chair === 'approve' ? 'approved' : 'rejected';
          level = ` (level: the chair's casting vote is ${chair})`;
        } else {
          level = ` (level: changeBoard.tieOutcome = ${params.tieOutcome})`;
        }
      }
      return { result, tallies: [tally], margin: c.approve - c.reject, reason: `${plural(c.approve, 'vote', 'votes')} in favour, ${c.reject} against, ${c.abstain} abstaining${level}.` };
    },
    progress: (ballot, solutionId) => {
      const c = count(ballot, solutionId);
      const seats = ballot.seats.filter((s) => s.voting && !s.suspended).length;
      return `${c.approve + c.reject + c.abstain} of ${plural(seats, 'voting seat has', 'voting seats have')} voted; ${c.approve} in favour, ${c.reject} against, ${c.abstain} abstaining; ${requirement}.`;
    },
  }, params);
};
