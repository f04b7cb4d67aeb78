// Change Board decision rules (sec-process.md §10): pluggable, pure, explained.
export type * from './types.ts';
export type { VotingParameters } from './voting-parameters.ts';
export type { BallotClosure } from './close-ballot.ts';
export type { QuorumCount } from './quorum.ts';
export { DEFAULT_VOTING_PARAMETERS, votingParametersOf } from './voting-parameters.ts';
export { DECISION_RULES, decisionRule, isDecisionRuleId } from './decision-rules.ts';
export { countQuorum, quorumOf } from './quorum.ts';
export { countedSeats, effectiveVotes } from './counting.ts';
export { selectAmongApproved } from './multiple-approvals.ts';
export { closeBallot } from './close-ballot.ts';
export { explainProgress } from './explain-progress.ts';
