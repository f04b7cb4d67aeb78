// "What the decision still needs": a deterministic summary of an open ballot, derived from
// the rule in force, for the vote page and the ballot record.
import type { Ballot, DecisionRule } from './types.ts';

export const explainProgress = (ballot: Ballot, rule: DecisionRule): string => {
  const quorum = rule.quorum(ballot).explanation;
  const lines = ballot.solutionIds.map((id) => (ballot.solutionIds.length === 1 ? rule.progress(ballot, id) : `${id}: ${rule.progress(ballot, id)}`));
  return [quorum, ...lines].join('\n');
};
