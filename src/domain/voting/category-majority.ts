// `category-majority` (§10.6, the default `changeBoard.decisionRule`), per solution:
// 1. group the votes of voting, non-suspended seats by category (the consumer seat is its own);
// 2. a category's view is approve if approvals exceed rejections, reject if the reverse,
//    otherwise neutral (abstentions ignored);
// 3. approved if more categories approve than reject; a tie follows `changeBoard.tieOutcome`.
import { countedSeats, effectiveVotes, plural } from './counting.ts';
import { buildRule, resultOf } from './rule-builder.ts';
import type { Ballot, DecisionRule, GroupTally, GroupView } from './types.ts';
import type { VotingParameters } from './voting-parameters.ts';

const categoryTallies = (ballot: Ballot, solutionId: string): GroupTally[] => {
  const votes = effectiveVotes(ballot, solutionId);
  const groups = new Map<string, { approve: number; reject: number; abstain: number }>();
  for (const seat of countedSeats(ballot)) {
    const g = groups.get(seat.category) ?? { approve: 0, reject: 0, abstain: 0 };
    const v = votes.get(seat.seatId);
    if (v) g[v.choice]++;
    groups.set(seat.category, g);
  }
  return [...groups].map(([group, g]) => {
    const view: GroupView = g.approve > g.reject ? 'approve' : g.reject > g.approve ? 'reject' : 'neutral';
    return { group, ...g, view };
  });
};

const views = (tallies: readonly GroupTally[]) => ({
  approve: tallies.filter((t) => t.view === 'approve').length,
  reject: tallies.filter((t) => t.view === 'reject').length,
  neutral: tallies.filter((t) => t.view === 'neutral').length,
  voted: tallies.filter((t) => t.approve + t.reject + t.abstain > 0).length,
});

export const categoryMajority = (params: VotingParameters): DecisionRule => {
  const tie = params.tieOutcome === 'reject' ? 'a tie is a rejection' : 'a tie is an approval';
  const requirement = `approval needs more categories in favour than against; ${tie}`;
  return buildRule({
    id: 'category-majority',
    requirement,
    decideSolution: (ballot, solutionId) => {
      const tallies = categoryTallies(ballot, solutionId);
      const v = views(tallies);
      const result = resultOf(v.approve, v.reject, params.tieOutcome);
      const level = v.approve === v.reject ? ` (level: changeBoard.tieOutcome = ${params.tieOutcome})` : '';
      return {
        result,
        tallies,
        margin: v.approve - v.reject,
        reason: `${plural(v.approve, 'category', 'categories')} in favour, ${v.reject} against, ${v.neutral} neutral${level}.`,
      };
    },
    progress: (ballot, solutionId) => {
      const tallies = categoryTallies(ballot, solutionId);
      const v = views(tallies);
      return `${v.voted} of ${plural(tallies.length, 'category has', 'categories have')} voted (the consumer seat is its own category); `
        + `${v.approve} in favour, ${v.reject} against, ${v.neutral} neutral; ${requirement}.`;
    },
  }, params);
};
