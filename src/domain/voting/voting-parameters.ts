// The rulebook parameters that decision rules read (§10.3 to §10.7), gathered in one value
// so that rules stay pure functions of (ballot, parameters).
import type { Rulebook } from '../rulebook/rulebook.ts';
import type { TieOutcome } from '../rulebook/types.ts';

export interface VotingParameters {
  /** `changeBoard.tieOutcome`. */
  readonly tieOutcome: TieOutcome;
  /** `changeBoard.quorum`: more than this fraction of the counted seats must vote. */
  readonly quorumFraction: number;
  /** `changeBoard.quorum`: on every solution (true) or on at least one. */
  readonly quorumOnEverySolution: boolean;
  /** `changeBoard.suspendedSeatsCountForQuorum`. */
  readonly suspendedSeatsCountForQuorum: boolean;
  /** `changeBoard.chairCastingVote` (simple-majority only). */
  readonly chairCastingVote: boolean;
  /** `changeBoard.seatWeights` (weighted only); seats not listed weigh 1. */
  readonly seatWeights: Readonly<Record<string, number>>;
  /** `changeBoard.multipleApprovalResolution`. */
  readonly multipleApprovalResolution: 'preference-vote' | 'highest-approval-margin';
  /** `changeBoard.preferenceTieBreak`. */
  readonly preferenceTieBreak: 'proposed-solution';
}

export const DEFAULT_VOTING_PARAMETERS: VotingParameters = Object.freeze({
  tieOutcome: 'reject',
  quorumFraction: 0.5,
  quorumOnEverySolution: true,
  suspendedSeatsCountForQuorum: false,
  chairCastingVote: false,
  seatWeights: Object.freeze({}),
  multipleApprovalResolution: 'preference-vote',
  preferenceTieBreak: 'proposed-solution',
});

export const votingParametersOf = (rulebook: Rulebook): VotingParameters => {
  const cb = rulebook.parameters.changeBoard;
  return {
    tieOutcome: cb.tieOutcome.value,
    quorumFraction: cb.quorum.value.fraction,
    quorumOnEverySolution: cb.quorum.value.onEverySolution,
    suspendedSeatsCountForQuorum: cb.suspendedSeatsCountForQuorum.value,
    chairCastingVote: cb.chairCastingVote.value,
    seatWeights: cb.seatWeights.value,
    multipleApprovalResolution: cb.multipleApprovalResolution.value,
    preferenceTieBreak: cb.preferenceTieBreak.value,
  };
};
