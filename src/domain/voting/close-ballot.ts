// Closing a ballot (`close-vote`, T33–T35): if the quorum is not met the item is adjourned
// to the next meeting (T35); otherwise the rule decides each solution.
import type { Ballot, DecisionOutcome, DecisionRule, QuorumResult } from './types.ts';

export type BallotClosure =
  | { readonly kind: 'adjourned'; readonly quorum: QuorumResult }
  | { readonly kind: 'decided'; readonly quorum: QuorumResult; readonly outcome: DecisionOutcome };

export const closeBallot = (ballot: Ballot, rule: DecisionRule): BallotClosure => {
  const quorum = rule.quorum(ballot);
  return quorum.met ? { kind: 'decided', quorum, outcome: rule.decide(ballot) } : { kind: 'adjourned', quorum };
};
