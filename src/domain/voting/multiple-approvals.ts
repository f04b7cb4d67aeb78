// More than one approved solution (§10.7): members rank the approved solutions and the one
// with the most first preferences is selected; a tie selects the Proposed Solution
// (`changeBoard.multipleApprovalResolution` = `preference-vote`,
// `changeBoard.preferenceTieBreak` = `proposed-solution`). The others are "approved but not
// selected". Only counted seats' preferences count, for the same reason as their votes.
import { countedSeats, plural, proposedSolutionOf } from './counting.ts';
import type { Ballot, SolutionResult } from './types.ts';
import type { VotingParameters } from './voting-parameters.ts';

export interface Selection {
  readonly selectedSolutionId?: string;
  readonly approvedNotSelected: readonly string[];
  readonly explanation: string;
}

/** Picks among tied solutions: the Proposed Solution if it is tied, else the first on the ballot. */
const breakTie = (ballot: Ballot, tied: readonly string[]): string => {
  const proposed = proposedSolutionOf(ballot);
  return proposed !== undefined && tied.includes(proposed) ? proposed : (ballot.solutionIds.find((id) => tied.includes(id)) ?? tied[0] ?? '');
};

const leaders = (scores: ReadonlyMap<string, number>): string[] => {
  const best = Math.max(...scores.values());
  return [...scores].filter(([, n]) => n === best).map(([id]) => id);
};

export const selectAmongApproved = (
  ballot: Ballot,
  perSolution: Readonly<Record<string, SolutionResult>>,
  params: VotingParameters,
): Selection => {
  const approved = ballot.solutionIds.filter((id) => perSolution[id]?.result === 'approved');
  const [only] = approved;
  if (only === undefined) return { approvedNotSelected: [], explanation: 'No solution is approved.' };
  if (approved.length === 1) return { selectedSolutionId: only, approvedNotSelected: [], explanation: `${only} is the only approved solution.` };

  const scores = new Map<string, number>(approved.map((id) => [id, 0]));
  let basis: string;
  if (params.multipleApprovalResolution === 'preference-vote') {
    for (const seat of countedSeats(ballot)) {
      const first = (ballot.preferences?.[seat.seatId] ?? []).find((id) => scores.has(id));
      if (first !== undefined) scores.set(first, (scores.get(first) ?? 0) + 1);
    }
    basis = `first preferences: ${approved.map((id) => `${id} ${scores.get(id) ?? 0}`).join(', ')}`;
  } else {
    for (const id of approved) scores.set(id, perSolution[id]?.margin ?? 0);
    basis = `approval margins: ${approved.map((id) => `${id} ${scores.get(id) ?? 0}`).join(', ')}`;
  }
  const top = leaders(scores);
  const selected = top.length === 1 && top[0] !== undefined ? top[0] : breakTie(ballot, top);
  const tieText = top.length > 1 ? `; ${plural(top.length, 'solution', 'solutions')} tied, so ${selected} is selected (${params.preferenceTieBreak})` : `; ${selected} is selected`;
  return {
    selectedSolutionId: selected,
    approvedNotSelected: approved.filter((id) => id !== selected),
    explanation: `${plural(approved.length, 'solution is', 'solutions are')} approved; ${basis}${tieText}.`,
  };
};
