import fc from 'fast-check';
import { describe, it } from 'vitest';
import { DECISION_RULES } from './decision-rules.ts';
import type { Ballot, Seat, SeatCategory, Vote, VoteChoice } from './types.ts';
import { DEFAULT_VOTING_PARAMETERS } from './voting-parameters.ts';

const CATEGORIES: SeatCategory[] = ['large-supplier', 'small-supplier', 'electricity-network', 'gas-network', 'other-sec-party', 'consumer'];
const SOLUTIONS = ['proposed', 'alt-1'];

const seatArb = (i: number) => fc.record({
  category: fc.constantFrom(...CATEGORIES), suspended: fc.boolean(),
}).map(({ category, suspended }): Seat => ({
  seatId: `s${i}`, body: 'change-board', category, voting: true, suspended, termStart: '2026-01-01', termEnd: '2027-12-31',
}));

const ballotArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.tuple(
    fc.tuple(...Array.from({ length: n }, (_, i) => seatArb(i))),
    fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.constantFrom(...SOLUTIONS), fc.constantFrom<VoteChoice>('approve', 'reject', 'abstain')), { maxLength: 30 }),
  ).map(([seats, raw]): Ballot => ({
    reference: 'MP001', purpose: 'decision', solutionIds: SOLUTIONS, seats,
    votes: raw.map(([i, solutionId, choice]): Vote => ({ seatId: `s${i}`, castBy: `m${i}`, asAlternate: false, solutionId, choice, rationale: 'r', objectives: {} })),
    preferences: Object.fromEntries(seats.map((s, i) => [s.seatId, i % 2 === 0 ? ['proposed', 'alt-1'] : ['alt-1', 'proposed']])),
    rulebookVersion: 'sec-5.18+secmp0049',
  })),
);

const flip = (c: VoteChoice): VoteChoice => (c === 'approve' ? 'reject' : c === 'reject' ? 'abstain' : 'approve');

describe.each(Object.keys(DECISION_RULES) as (keyof typeof DECISION_RULES)[])('%s, for any ballot', (id) => {
  const rule = DECISION_RULES[id](DEFAULT_VOTING_PARAMETERS);

  it("changing a suspended seat's votes never changes the outcome or the quorum (M8.5(c)(i))", () => {
    fc.assert(fc.property(ballotArb, (b) => {
      const suspended = new Set(b.seats.filter((s) => s.suspended).map((s) => s.seatId));
      const changed: Ballot = { ...b, votes: b.votes.map((v) => (suspended.has(v.seatId) ? { ...v, choice: flip(v.choice) } : v)) };
      return JSON.stringify(rule.decide(changed)) === JSON.stringify(rule.decide(b)) && rule.quorum(changed).met === rule.quorum(b).met;
    }));
  });

  it('the selected solution is always an approved one, and every other approved one is "approved but not selected"', () => {
    fc.assert(fc.property(ballotArb, (b) => {
      const o = rule.decide(b);
      const approved = SOLUTIONS.filter((s) => o.perSolution[s]?.result === 'approved');
      if (approved.length === 0) return o.selectedSolutionId === undefined;
      return o.selectedSolutionId !== undefined && approved.includes(o.selectedSolutionId)
        && o.approvedNotSelected.length === approved.length - 1;
    }));
  });
});
