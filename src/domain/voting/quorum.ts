// Quorum (§10.5, `changeBoard.quorum`): more than half of the voting, non-suspended seats
// have cast a vote (approve, reject or abstain) on every solution. Suspended seats are left
// out of the count unless `changeBoard.suspendedSeatsCountForQuorum` says otherwise; even
// then their votes never count (M8.5(c)(i)).
import { effectiveVotes, plural } from './counting.ts';
import type { Ballot, QuorumResult } from './types.ts';
import type { VotingParameters } from './voting-parameters.ts';

export interface QuorumCount {
  readonly seatsCounted: number;
  /** Smallest number of votes that meets the quorum. */
  readonly needed: number;
  /** Votes cast per solution. */
  readonly cast: Readonly<Record<string, number>>;
  readonly met: boolean;
}

export const countQuorum = (ballot: Ballot, params: VotingParameters): QuorumCount => {
  const seatsCounted = ballot.seats.filter((s) => s.voting && (!s.suspended || params.suspendedSeatsCountForQuorum)).length;
  // "More than fraction × seats": the next whole number above it.
  const needed = Math.floor(seatsCounted * params.quorumFraction) + 1;
  const cast: Record<string, number> = {};
  for (const id of ballot.solutionIds) cast[id] = effectiveVotes(ballot, id).size;
  const counts = Object.values(cast);
  const met = seatsCounted > 0 && counts.length > 0
    && (params.quorumOnEverySolution ? counts.every((c) => c >= needed) : counts.some((c) => c >= needed));
  return { seatsCounted, needed, cast, met };
};

export const quorumOf = (ballot: Ballot, params: VotingParameters): QuorumResult => {
  const q = countQuorum(ballot, params);
  const suspended = ballot.seats.filter((s) => s.voting && s.suspended).length;
  const fewest = Math.min(...Object.values(q.cast), Number.POSITIVE_INFINITY);
  const castText = ballot.solutionIds.length === 1
    ? `${plural(q.cast[ballot.solutionIds[0] ?? ''] ?? 0, 'seat has', 'seats have')} voted`
    : `at least ${plural(Number.isFinite(fewest) ? fewest : 0, 'seat has', 'seats have')} voted on every solution`;
  const suspendedText = suspended === 0 ? '' : params.suspendedSeatsCountForQuorum
    ? ` (${plural(suspended, 'suspended seat is', 'suspended seats are')} counted but cannot vote)`
    : ` (${plural(suspended, 'suspended seat is', 'suspended seats are')} left out)`;
  const explanation = `Quorum ${q.met ? 'met' : 'not met'}: ${castText} of ${plural(q.seatsCounted, 'voting seat', 'voting seats')}${suspendedText}; `
    + `quorum needs more than ${params.quorumFraction === 0.5 ? 'half' : `${params.quorumFraction * 100}%`} (at least ${q.needed})${params.quorumOnEverySolution && ballot.solutionIds.length > 1 ? ' on every solution' : ''}.`;
  return { met: q.met, explanation };
};
