import { describe, expect, it } from 'vitest';
import { SEC_5_18_SECMP0049 } from '../rulebook/sec-5-18-secmp0049.ts';
import { closeBallot } from './close-ballot.ts';
import { decisionRule, isDecisionRuleId } from './decision-rules.ts';
import { explainProgress } from './explain-progress.ts';
import type { Ballot, Seat, SeatCategory, Vote, VoteChoice } from './types.ts';
import { DEFAULT_VOTING_PARAMETERS, votingParametersOf, type VotingParameters } from './voting-parameters.ts';

// Given: the default Change Board of §10.3 with three Large Supplier Voting Groups —
// 10 voting seats in 6 categories, plus the non-voting DCC and Chair seats.
const seat = (seatId: string, category: SeatCategory, extra: Partial<Seat> = {}): Seat => ({
  seatId, body: 'change-board', category, voting: category !== 'dcc' && category !== 'chair', suspended: false,
  termStart: '2026-01-01', termEnd: '2027-12-31', memberId: `m-${seatId}`, ...extra,
});

const boardSeats = (overrides: Record<string, Partial<Seat>> = {}): Seat[] => [
  seat('ls1', 'large-supplier', { votingGroupId: 'vg-northern-lights' }),
  seat('ls2', 'large-supplier', { votingGroupId: 'vg-2' }),
  seat('ls3', 'large-supplier', { votingGroupId: 'vg-3' }),
  seat('ss1', 'small-supplier'), seat('ss2', 'small-supplier'),
  seat('en1', 'electricity-network'), seat('gn1', 'gas-network'),
  seat('os1', 'other-sec-party'), seat('os2', 'other-sec-party'),
  seat('ca1', 'consumer'), seat('dcc1', 'dcc'), seat('chair', 'chair'),
].map((s) => ({ ...s, ...overrides[s.seatId] }));

const vote = (seatId: string, choice: VoteChoice, solutionId = 'proposed'): Vote => ({
  seatId, castBy: `m-${seatId}`, asAlternate: false, solutionId, choice, rationale: 'Better facilitates objective (a).', objectives: { a: 'better' },
});

const votes = (spec: Record<string, VoteChoice>, solutionId = 'proposed'): Vote[] =>
  Object.entries(spec).map(([s, c]) => vote(s, c, solutionId));

const ballot = (v: Vote[], extra: Partial<Ballot> = {}): Ballot => ({
  reference: 'MP071', purpose: 'decision', solutionIds: ['proposed'], seats: boardSeats(), votes: v,
  rulebookVersion: 'sec-5.18+secmp0049', ...extra,
});

const params = votingParametersOf(SEC_5_18_SECMP0049);
const categoryMajority = decisionRule('category-majority', params);

describe('category-majority (§10.6, the default changeBoard.decisionRule)', () => {
  it('the rulebook default rule is category-majority with a tie as a rejection', () => {
    expect(SEC_5_18_SECMP0049.parameters.changeBoard.decisionRule.value).toBe('category-majority');
    expect(params).toEqual(DEFAULT_VOTING_PARAMETERS);
  });

  it('a solution is approved when more categories approve than reject', () => {
    // Given large suppliers, small suppliers and the consumer for; electricity networks against.
    const b = ballot(votes({ ls1: 'approve', ls2: 'approve', ls3: 'reject', ss1: 'approve', ss2: 'abstain', en1: 'reject', ca1: 'approve' }));
    // When the rule decides
    const outcome = categoryMajority.decide(b);
    // Then 3 categories approve, 1 rejects
    expect(outcome.perSolution.proposed?.result).toBe('approved');
    expect(outcome.perSolution.proposed?.reason).toBe('3 categories in favour, 1 against, 2 neutral.');
    expect(outcome.selectedSolutionId).toBe('proposed');
  });

  it('a tie between categories is a rejection (changeBoard.tieOutcome)', () => {
    const b = ballot(votes({ ls1: 'approve', ss1: 'approve', en1: 'reject', gn1: 'reject', os1: 'abstain', ca1: 'abstain' }));
    const outcome = categoryMajority.decide(b);
    expect(outcome.perSolution.proposed?.result).toBe('rejected');
    expect(outcome.perSolution.proposed?.reason).toContain('level: changeBoard.tieOutcome = reject');
    expect(outcome.selectedSolutionId).toBeUndefined();
  });

  it('with changeBoard.tieOutcome = approve, a tie between categories is an approval', () => {
    const rule = decisionRule('category-majority', { ...params, tieOutcome: 'approve' });
    const b = ballot(votes({ ls1: 'approve', en1: 'reject' }));
    expect(rule.decide(b).perSolution.proposed?.result).toBe('approved');
  });

  it('within a category, level approvals and rejections make the category neutral', () => {
    const b = ballot(votes({ ss1: 'approve', ss2: 'reject', ca1: 'approve' }));
    const tallies = categoryMajority.decide(b).perSolution.proposed?.tallies ?? [];
    expect(tallies.find((t) => t.group === 'small-supplier')).toEqual({ group: 'small-supplier', approve: 1, reject: 1, abstain: 0, view: 'neutral' });
    expect(tallies.find((t) => t.group === 'consumer')?.view).toBe('approve');
  });

  it('the consumer seat is its own category and the DCC and Chair seats do not vote (§10.3)', () => {
    const b = ballot(votes({ ca1: 'approve', dcc1: 'reject', chair: 'reject' }));
    const outcome = categoryMajority.decide(b);
    expect(outcome.perSolution.proposed?.tallies.map((t) => t.group)).not.toContain('dcc');
    expect(outcome.perSolution.proposed?.result).toBe('approved');
  });
});

describe('suspended seats (M8.5(c)(i); changeBoard.suspendedSeatsCountForQuorum)', () => {
  const suspendedLs1 = boardSeats({ ls1: { suspended: true } });

  it("a suspended Change Board seat's vote is excluded from tallies (M8.5(c)(i))", () => {
    // Given the Large Supplier seat of a defaulting Supplier's Voting Group is suspended
    const b = ballot(votes({ ls1: 'reject', ls2: 'approve', en1: 'reject', ca1: 'approve' }), { seats: suspendedLs1 });
    // When the rule decides, Then ls1's rejection is not counted: large suppliers approve
    const tallies = categoryMajority.decide(b).perSolution.proposed?.tallies ?? [];
    expect(tallies.find((t) => t.group === 'large-supplier')).toMatchObject({ approve: 1, reject: 0, view: 'approve' });
  });

  it("an alternate's vote for a suspended seat is excluded too (changeBoard.alternateMaySitForSuspendedSeat = false)", () => {
    const alt: Vote = { ...vote('ls1', 'reject'), castBy: 'alternate-ls1', asAlternate: true };
    const b = ballot([alt, ...votes({ ls2: 'approve' })], { seats: suspendedLs1 });
    expect(categoryMajority.decide(b).perSolution.proposed?.tallies.find((t) => t.group === 'large-supplier')?.reject).toBe(0);
  });

  it('suspended seats are left out of the quorum count by default (§10.4)', () => {
    // 9 counted seats → quorum needs 5.
    const five = votes({ ls2: 'approve', ls3: 'approve', ss1: 'approve', en1: 'reject', ca1: 'abstain' });
    const q = categoryMajority.quorum(ballot(five, { seats: suspendedLs1 }));
    expect(q.met).toBe(true);
    expect(q.explanation).toBe('Quorum met: 5 seats have voted of 9 voting seats (1 suspended seat is left out); quorum needs more than half (at least 5).');
  });

  it('with suspendedSeatsCountForQuorum = true the suspended seat counts but cannot vote', () => {
    const rule = decisionRule('category-majority', { ...params, suspendedSeatsCountForQuorum: true });
    const five = votes({ ls1: 'approve', ls2: 'approve', ls3: 'approve', ss1: 'approve', en1: 'reject', ca1: 'abstain' });
    // ls1 is suspended: 5 effective votes of 10 counted seats is not more than half.
    expect(rule.quorum(ballot(five, { seats: suspendedLs1 })).met).toBe(false);
  });
});

describe('quorum (§10.5): more than half of the voting, non-suspended seats on every solution', () => {
  it('5 of 10 voting seats is not a quorum; 6 is', () => {
    const five = votes({ ls1: 'approve', ls2: 'approve', ss1: 'approve', en1: 'approve', ca1: 'approve' });
    expect(categoryMajority.quorum(ballot(five)).met).toBe(false);
    expect(categoryMajority.quorum(ballot([...five, vote('gn1', 'abstain')])).met).toBe(true);
  });

  it('abstentions count towards the quorum', () => {
    const six = votes({ ls1: 'abstain', ls2: 'abstain', ss1: 'abstain', en1: 'abstain', ca1: 'abstain', gn1: 'abstain' });
    expect(categoryMajority.quorum(ballot(six)).met).toBe(true);
  });

  it('the quorum must be met on every solution', () => {
    const onProposed = votes({ ls1: 'approve', ls2: 'approve', ss1: 'approve', en1: 'approve', ca1: 'approve', gn1: 'approve' });
    const onAlternative = votes({ ls1: 'approve' }, 'alt-1');
    const q = categoryMajority.quorum(ballot([...onProposed, ...onAlternative], { solutionIds: ['proposed', 'alt-1'] }));
    expect(q.met).toBe(false);
    expect(q.explanation).toContain('on every solution');
  });

  it('a ballot without a quorum is adjourned (T35); with one it is decided (T33/T34)', () => {
    expect(closeBallot(ballot(votes({ ls1: 'approve' })), categoryMajority).kind).toBe('adjourned');
    const six = votes({ ls1: 'approve', ls2: 'approve', ss1: 'approve', en1: 'approve', ca1: 'approve', gn1: 'reject' });
    const closed = closeBallot(ballot(six), categoryMajority);
    expect(closed.kind).toBe('decided');
    if (closed.kind === 'decided') expect(closed.outcome.perSolution.proposed?.result).toBe('approved');
  });
});

describe('more than one approved solution (§10.7)', () => {
  const both = (choice: VoteChoice) => [
    ...votes({ ls1: choice, ss1: choice, ca1: choice }, 'proposed'),
    ...votes({ ls1: choice, ss1: choice, ca1: choice }, 'alt-1'),
  ];

  it('each solution gets its own result, and the most first preferences selects among approved ones', () => {
    const b = ballot(both('approve'), {
      solutionIds: ['proposed', 'alt-1'],
      preferences: { ls1: ['alt-1', 'proposed'], ss1: ['alt-1'], ca1: ['proposed', 'alt-1'] },
    });
    const outcome = categoryMajority.decide(b);
    expect(outcome.selectedSolutionId).toBe('alt-1');
    expect(outcome.approvedNotSelected).toEqual(['proposed']);
    expect(outcome.explanation).toContain('first preferences: proposed 1, alt-1 2');
  });

  it('a tie in first preferences selects the Proposed Solution (changeBoard.preferenceTieBreak)', () => {
    const b = ballot(both('approve'), {
      solutionIds: ['alt-1', 'proposed'], proposedSolutionId: 'proposed',
      preferences: { ls1: ['alt-1'], ss1: ['proposed'] },
    });
    const outcome = categoryMajority.decide(b);
    expect(outcome.selectedSolutionId).toBe('proposed');
    expect(outcome.approvedNotSelected).toEqual(['alt-1']);
  });

  it("a suspended seat's preference does not count either", () => {
    const b = ballot(both('approve'), {
      solutionIds: ['proposed', 'alt-1'], seats: boardSeats({ ls1: { suspended: true } }),
      preferences: { ls1: ['alt-1'], ss1: ['proposed'] },
    });
    expect(categoryMajority.decide(b).selectedSolutionId).toBe('proposed');
  });

  it('with highest-approval-margin, the larger margin wins', () => {
    const rule = decisionRule('category-majority', { ...params, multipleApprovalResolution: 'highest-approval-margin' });
    const b = ballot([...votes({ ls1: 'approve', ss1: 'approve' }, 'proposed'), ...votes({ ls1: 'approve', ss1: 'approve', ca1: 'approve' }, 'alt-1')], { solutionIds: ['proposed', 'alt-1'] });
    expect(rule.decide(b).selectedSolutionId).toBe('alt-1');
  });

  it('a rejected alternative is never selected', () => {
    const b = ballot([...votes({ ls1: 'approve' }, 'proposed'), ...votes({ ls1: 'reject' }, 'alt-1')], { solutionIds: ['proposed', 'alt-1'], preferences: { ls1: ['alt-1'] } });
    const outcome = categoryMajority.decide(b);
    expect(outcome.perSolution['alt-1']?.result).toBe('rejected');
    expect(outcome.selectedSolutionId).toBe('proposed');
  });
});

describe('simple-majority (§10.6 plug-in; csc.decisionRule)', () => {
  const rule = decisionRule('simple-majority', params);

  it('approves when approve votes exceed reject votes among seats voting', () => {
    const outcome = rule.decide(ballot(votes({ ls1: 'approve', ls2: 'approve', ss1: 'reject', en1: 'abstain' })));
    expect(outcome.perSolution.proposed).toMatchObject({ result: 'approved', reason: '2 votes in favour, 1 against, 1 abstaining.' });
  });

  it('a level vote is a rejection without a casting vote (changeBoard.tieOutcome)', () => {
    expect(rule.decide(ballot(votes({ ls1: 'approve', ss1: 'reject', chair: 'approve' }))).perSolution.proposed?.result).toBe('rejected');
  });

  it("a level vote is decided by the chair's casting vote when configured", () => {
    const withCasting = decisionRule('simple-majority', { ...params, chairCastingVote: true });
    const outcome = withCasting.decide(ballot(votes({ ls1: 'approve', ss1: 'reject', chair: 'approve' })));
    expect(outcome.perSolution.proposed?.result).toBe('approved');
    expect(outcome.perSolution.proposed?.reason).toContain("chair's casting vote is approve");
    // The chair's vote is not counted otherwise.
    expect(outcome.perSolution.proposed?.tallies[0]).toMatchObject({ approve: 1, reject: 1 });
  });
});

describe('weighted (§10.6 plug-in; changeBoard.seatWeights)', () => {
  it('approves when the approving weight exceeds the rejecting weight', () => {
    const w: VotingParameters = { ...params, seatWeights: { ls1: 5 } };
    const rule = decisionRule('weighted', w);
    const outcome = rule.decide(ballot(votes({ ls1: 'approve', ss1: 'reject', ss2: 'reject', en1: 'reject' })));
    expect(outcome.perSolution.proposed).toMatchObject({ result: 'approved', reason: 'Weight 5 in favour, 3 against, 0 abstaining.' });
  });

  it('unlisted seats weigh 1, and a level weight follows changeBoard.tieOutcome', () => {
    const rule = decisionRule('weighted', params);
    expect(rule.decide(ballot(votes({ ls1: 'approve', ss1: 'reject' }))).perSolution.proposed?.result).toBe('rejected');
  });
});

describe('unanimity (§10.6 plug-in; fastTrack.panelUnanimityRequired)', () => {
  const rule = decisionRule('unanimity', params);
  const allApprove = Object.fromEntries(['ls1', 'ls2', 'ls3', 'ss1', 'ss2', 'en1', 'gn1', 'os1', 'os2', 'ca1'].map((s) => [s, 'approve' as VoteChoice]));

  it('approves only if every voting seat approves', () => {
    expect(rule.decide(ballot(votes(allApprove))).perSolution.proposed?.result).toBe('approved');
  });

  it('one abstention or one missing vote defeats unanimity', () => {
    expect(rule.decide(ballot(votes({ ...allApprove, os2: 'abstain' }))).perSolution.proposed?.result).toBe('rejected');
    const { os2: _omitted, ...missingOne } = allApprove;
    expect(rule.decide(ballot(votes(missingOne))).perSolution.proposed?.result).toBe('rejected');
  });

  it('a suspended seat does not block unanimity', () => {
    const { ls1: _suspended, ...rest } = allApprove;
    expect(rule.decide(ballot(votes(rest), { seats: boardSeats({ ls1: { suspended: true } }) })).perSolution.proposed?.result).toBe('approved');
  });
});

describe('explainProgress: what the decision still needs', () => {
  it('for category-majority, counts categories voted and states the rule', () => {
    const b = ballot(votes({ ls1: 'approve', ss1: 'approve', en1: 'reject' }));
    expect(explainProgress(b, categoryMajority)).toBe([
      'Quorum not met: 3 seats have voted of 10 voting seats; quorum needs more than half (at least 6).',
      '3 of 6 categories have voted (the consumer seat is its own category); 2 in favour, 1 against, 3 neutral; approval needs more categories in favour than against; a tie is a rejection.',
    ].join('\n'));
  });

  it('names each solution when there are several, and is deterministic', () => {
    const b = ballot([...votes({ ls1: 'approve' }), ...votes({ ss1: 'reject' }, 'alt-1')], { solutionIds: ['proposed', 'alt-1'] });
    const text = explainProgress(b, categoryMajority);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('proposed: 1 of 6 categories have voted');
    expect(text).toContain('alt-1: 1 of 6 categories have voted');
    expect(explainProgress(b, categoryMajority)).toBe(text);
  });

  it('for unanimity, says when approval is no longer possible', () => {
    const text = explainProgress(ballot(votes({ ls1: 'reject' })), decisionRule('unanimity', params));
    expect(text).toContain('1 of 10 voting seats have voted; 0 in favour; approval needs every voting seat in favour. Approval is no longer possible');
  });
});

describe('registry', () => {
  it('knows the four rules by id', () => {
    for (const id of ['category-majority', 'simple-majority', 'weighted', 'unanimity']) {
      expect(isDecisionRuleId(id)).toBe(true);
      if (isDecisionRuleId(id)) expect(decisionRule(id, params).id).toBe(id);
    }
    expect(isDecisionRuleId('toString')).toBe(false);
  });

  it('records whether the Change Board decides or recommends', () => {
    const six = votes({ ls1: 'approve', ls2: 'approve', ss1: 'approve', en1: 'approve', ca1: 'approve', gn1: 'approve' });
    expect(categoryMajority.decide(ballot(six, { purpose: 'recommendation' })).explanation).toMatch(/^Recommendation to the Authority under rule category-majority/);
  });
});
