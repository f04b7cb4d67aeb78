// Which seats and votes count. A suspended seat's vote never counts, whoever cast it
// (M8.5(c)(i); its alternate cannot sit for it, `changeBoard.alternateMaySitForSuspendedSeat`);
// observers (non-voting seats) never count; a seat has one vote per solution, the last one
// recorded standing.
import type { Ballot, Seat, Vote } from './types.ts';

/** Voting, non-suspended seats: the seats whose votes are tallied. */
export const countedSeats = (ballot: Ballot): Seat[] => ballot.seats.filter((s) => s.voting && !s.suspended);

/** The effective vote of each counted seat on a solution, keyed by seatId. */
export const effectiveVotes = (ballot: Ballot, solutionId: string): Map<string, Vote> => {
  const counted = new Set(countedSeats(ballot).map((s) => s.seatId));
  const out = new Map<string, Vote>();
  for (const v of ballot.votes) {
    if (v.solutionId === solutionId && counted.has(v.seatId)) out.set(v.seatId, v);
  }
  return out;
};

export const seatById = (ballot: Ballot, seatId: string): Seat | undefined => ballot.seats.find((s) => s.seatId === seatId);

export const proposedSolutionOf = (ballot: Ballot): string | undefined => ballot.proposedSolutionId ?? ballot.solutionIds[0];

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
