// `unanimity` (§10.6 plug-in): approved only if every voting, non-suspended seat approves.
// Used for the Panel's Fast-Track decision when `fastTrack.panelUnanimityRequired` is true;
// an abstention or a missing vote is not approval.
import { countedSeats, effectiveVotes, plural } from './counting.ts';
import { buildRule } from './rule-builder.ts';
import type { Ballot, DecisionRule, GroupTally } from './types.ts';
import type { VotingParameters } from './voting-parameters.ts';

export const unanimity = (params: VotingParameters): DecisionRule => {
  const requirement = 'approval needs every voting seat in favour';
  const count = (ballot: Ballot, solutionId: string) => {
    const c = { approve: 0, reject: 0, abstain: 0 };
    for (const v of effectiveVotes(ballot, solutionId).values()) c[v.choice]++;
    return { ...c, seats: countedSeats(ballot).length };
  };
  return buildRule({
    id: 'unanimity',
    requirement,
    decideSolution: (ballot, solutionId) => {
      const c = count(ballot, solutionId);
      const approved = c.seats > 0 && c.approve === c.seats;
      const tally: GroupTally = { group: 'all seats', approve: c.approve, reject: c.reject, abstain: c.abstain, view: approved ? 'approve' : c.reject > 0 ? 'reject' : 'neutral' };
      return {
        result: approved ? 'approved' : 'rejected',
        tallies: [tally],
        margin: c.approve - c.seats,
        reason: `${c.approve} of ${plural(c.seats, 'voting seat', 'voting seats')} in favour.`,
      };
    },
    progress: (ballot, solutionId) => {
      const c = count(ballot, solutionId);
      const voted = c.approve + c.reject + c.abstain;
      const blocked = c.reject + c.abstain > 0 ? ' Approval is no longer possible: a seat has voted against or abstained.' : '';
      return `${voted} of ${plural(c.seats, 'voting seat has', 'voting seats have')} voted; ${c.approve} in favour; ${requirement}.${blocked}`;
    },
  }, params);
};
