// The seed obligations of sec-process.md §9 that the aggregate can test, named by requirement id.
import { describe, expect, it } from 'vitest';
import { withValue } from '../rulebook/parameter.ts';
import { CURRENT_RULEBOOK } from '../rulebook/registry.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { decide } from './decide.ts';
import { scrPhaseEnd } from './scr.ts';
import { ACTORS, cmd, ctxFor, expectRefused, lifecycle, PAYLOADS, SEATS, Stream, VOTERS } from './test-support.ts';

const create = (actor: keyof typeof ACTORS, extra: Parameters<typeof PAYLOADS.create>[0] = {}, facts = {}) =>
  decide(cmd('create-draft-proposal', PAYLOADS.create(extra)), undefined, ctxFor(ACTORS[actor], undefined, facts));

describe('Section A', () => {
  it('R-A-01 only the CSC (acting body) agrees a problem statement; on behalf of the Change Board it is refused 403 (D2A.1)', () => {
    const s = lifecycle('S02');
    const viaChangeBoard = { ...ACTORS.secretariat, onBehalfOf: 'change-board' };
    expectRefused(s.try(viaChangeBoard, 'agree-problem-statement', { problemStatementVersion: 1 }), 'not-entitled', 'D2A.1', 403);
    expectRefused(s.try('panelChair', 'agree-problem-statement', { problemStatementVersion: 1 }), 'not-entitled', 'D2A.1', 403);
    const [e] = s.run({ ...ACTORS.secretariat, onBehalfOf: 'change-sub-committee' }, 'agree-problem-statement', { problemStatementVersion: 1 });
    expect(s.s.state).toBe('S03');
    expect(e?.clauseRefs).toContain('D2A.1');
  });
  it('R-A-01 while the Panel is the acting body (before csc.standUpDate) the Panel agrees it', () => {
    const s = new Stream();
    s.now = new Date('2019-01-07T10:00:00Z');
    s.run('proposer', 'create-draft-proposal', PAYLOADS.create());
    s.run('analyst', 'record-screening', PAYLOADS.screening());
    expectRefused(s.try('cscMember', 'agree-problem-statement', { problemStatementVersion: 1 }), 'not-entitled', 'D2A.1', 403);
    s.run('panelChair', 'agree-problem-statement', { problemStatementVersion: 1 });
    expect(s.s.state).toBe('S03');
  });
  it('R-A-02 a Draft Proposal refuses solution work with 409 invalid-state and holds no solutions', () => {
    const s = lifecycle('S02');
    expectRefused(s.try('analyst', 'raise-alternative-solution', { summary: 'x', wgVote: { for: 3, against: 0, rationale: 'r' } }), 'invalid-state', undefined, 409);
    expectRefused(s.try('analyst', 'open-consultation', { kind: 'mrc', documentId: 'M' }), 'invalid-state', undefined, 409);
    expectRefused(s.try('cbLarge', 'cast-vote', PAYLOADS.vote()), 'invalid-state', undefined, 409);
    expect(s.s.solutions).toEqual([]);
    expect(s.s.phase).toBe('draft');
  });
  it('R-A-03 only the Proposer changes the Proposed Solution; each change is a new version (D6.15)', () => {
    const s = lifecycle('S05');
    expectRefused(s.try('wgMember', 'amend-proposed-solution', PAYLOADS.solution()), 'not-entitled', 'D6.15', 403);
    s.run('proposerColleague', 'amend-proposed-solution', PAYLOADS.solution({ summary: 'v2' }));
    const proposed = s.s.solutions.find((x) => x.solutionId === 'proposed');
    expect(proposed?.versions.map((v) => [v.version, v.summary])).toEqual([[1, 'Fix the notification window at 5 Working Days'], [2, 'v2']]);
  });
  it('R-A-05 an MP exists only through convert or raise-fast-track and keeps the DP number', () => {
    const s = lifecycle('S05');
    expect(s.s.references).toEqual({ dp: 'DP014', mp: 'MP014' });
    expect(s.s.convertedAt).toBe(s.now.toISOString());
    expect(s.events.filter((e) => e.type === 'DraftProposalConverted')).toHaveLength(1);
  });
  it('R-A-06 path 3 close-vote → SelfGovernanceAppealWindow; path 2 → AwaitingAuthorityDecision', () => {
    expect(lifecycle('S11').s.stateName).toBe('SelfGovernanceAppealWindow');
    const s = lifecycle('S10+ballot');
    s.run('authority', 'determine-path', { path: 2, reasons: 'Material' });
    for (const v of VOTERS) s.run(v, 'cast-vote', PAYLOADS.vote());
    s.run('secretariat', 'close-vote', {});
    expect(s.s.stateName).toBe('AwaitingAuthorityDecision');
  });
  it('R-A-07 the Proposer is the SSC Member who submitted; after withdraw and adopt it is the adopting Party', () => {
    const s = new Stream();
    s.run('sscMember', 'create-draft-proposal', PAYLOADS.create({ affectedProvisions: ['G5.14'], bodyDecisionId: 'BD-1' }), { bodyDecision: { id: 'BD-1', body: 'ssc', decision: 'not-to-submit' } });
    expect(s.s.proposer).toMatchObject({ userId: ACTORS.sscMember.userId, kind: 'ssc-member', scope: 'user' });
    s.run('analyst', 'record-screening', PAYLOADS.screening({ submitterScopeConfirmed: true }));
    s.run('cscMember', 'agree-problem-statement', { problemStatementVersion: 1 });
    expectRefused(s.try('ssc', 'request-conversion', {}), 'not-entitled', 'C7.2(f)', 403);
    s.run('sscMember', 'request-conversion', {});
    s.run('panelChair', 'convert', PAYLOADS.convert());
    s.run('sscMember', 'withdraw', {});
    expect(s.s.state).toBe('S19');
    s.run('otherParty', 'adopt', {});
    expect(s.s.state).toBe('S05');
    expect(s.s.proposer).toMatchObject({ userId: ACTORS.otherParty.userId, organisationId: 'helix-metering-services', kind: 'party' });
    expect(s.events.map((e) => e.type)).toEqual(expect.arrayContaining(['ProposalWithdrawn', 'ProposalAdopted']));
  });
  it('R-A-08 SCR phaseEnd is the earliest limb; limb (d) is 28 calendar days after the conclusion document', () => {
    expect(scrPhaseEnd({ conclusionDocumentDate: '2019-03-01' })).toBe('2019-03-29');
    expect(scrPhaseEnd({ conclusionDocumentDate: '2019-03-01', scrDraftProposalDate: '2019-03-20' })).toBe('2019-03-20');
    expect(scrPhaseEnd({ conclusionDocumentDate: '2019-03-01', alvDecisionDate: '2019-03-10' })).toBe('2019-03-10');
    expect(scrPhaseEnd({})).toBeUndefined();
  });
});

describe('Section C', () => {
  it('R-C-01 schedule-implementation is available only to the Panel (C2.3(d))', () => {
    const s = lifecycle('S15');
    expectRefused(s.try('analyst', 'schedule-implementation', { implementationDate: '2025-06-26' }), 'not-entitled', 'C2.3(d)', 403);
    s.run('panelChair', 'schedule-implementation', { implementationDate: '2025-06-26' });
    expect(s.s.state).toBe('S16');
  });
  it('R-C-02 cross-code impacts recorded at screening survive conversion (C2.3(l)(i))', () => {
    const s = lifecycle('S01');
    s.run('analyst', 'record-screening', PAYLOADS.screening({ crossCode: 'impact', crossCodeLinks: [{ code: 'BSC', changeReference: 'P999' }] }));
    expect(s.s.screening?.notifications).toContain('other-code-bodies');
    s.run('cscMember', 'agree-problem-statement', { problemStatementVersion: 1 });
    s.run('proposer', 'request-conversion', {});
    s.run('panelChair', 'convert', PAYLOADS.convert());
    expect(s.s.screening?.crossCodeLinks).toEqual([{ code: 'BSC', changeReference: 'P999' }]);
  });
  it('R-C-04 a DP reaches AwaitingConversion only through the Proposer\'s request-conversion (C7.2(f))', () => {
    const s = lifecycle('S03');
    expectRefused(s.try('otherParty', 'request-conversion', {}), 'not-entitled', 'C7.2(f)', 403);
    expectRefused(s.try('panelChair', 'convert', PAYLOADS.convert()), 'invalid-state', undefined, 409);
    s.run('proposer', 'request-conversion', {});
    expect(s.s.state).toBe('S04');
  });
  it('R-C-05 the CA support log is kept and the first supporting analyst is assigned (C7.2(i))', () => {
    const s = lifecycle('S01');
    s.run('analyst', 'record-ca-support', { summary: 'Explained Section H structure' });
    expect(s.s.caAnalystUserId).toBe(ACTORS.analyst.userId);
    expect(s.s.caSupportLog).toHaveLength(1);
    expectRefused(s.try('proposer', 'record-ca-support', { summary: 'x' }), 'not-entitled', 'C7.2(i)', 403);
  });
});

describe('Section F and G', () => {
  it('R-F-01 TABASC advice on a DP is addressed to the Panel, CSC, Change Board and WG and carried to the MP (F1.4)', () => {
    const s = lifecycle('S02');
    s.run('tabasc', 'record-advice', { summary: 'No architecture impact' });
    s.run('cscMember', 'agree-problem-statement', { problemStatementVersion: 1 });
    s.run('proposer', 'request-conversion', {});
    s.run('panelChair', 'convert', PAYLOADS.convert());
    expect(s.s.advice[0]).toMatchObject({ by: 'tabasc', phase: 'draft', addressedTo: ['panel', 'change-sub-committee', 'change-board', 'working-group'] });
  });
  it('R-F-02 R-F-03 R-G-04 R-L-06 a DP cannot leave DraftSubmitted without every screen; "likely" notifies the body (F1.6, G7.19, L1.18)', () => {
    const s = lifecycle('S01');
    const r = expectRefused(s.try('analyst', 'record-screening', { outcome: 'complete', tabasc: 'likely' }), 'guard-failed', 'F1.6', 422);
    expect(r.guards).toEqual(['screening-complete']);
    s.run('analyst', 'record-screening', PAYLOADS.screening({ tabasc: 'likely', sscMaterialSecurity: 'likely', smkiPma: 'likely' }));
    expect(s.s.screening?.notifications).toEqual(['tabasc', 'ssc', 'smki-pma']);
  });
  it('R-G-05 an SSC submission outside scope.soaa is closed at screening (entitlement.scopeMismatchAction = close-at-screening)', () => {
    const s = new Stream();
    s.run('ssc', 'create-draft-proposal', PAYLOADS.create({ affectedProvisions: ['H4.12'] }));
    expectRefused(s.try('analyst', 'record-screening', PAYLOADS.screening()), 'invalid-input', 'G7.20', 422);
    s.run('analyst', 'record-screening', { outcome: 'invalid', reason: 'Outside the SOAA (G7.20(a))' });
    expect(s.s.state).toBe('S22');
  });
  it('R-G-05 with refuse-at-creation the SSC submission fails scope-within-entitlement (403, G7.20)', () => {
    const p = CURRENT_RULEBOOK.parameters;
    const rb = { ...CURRENT_RULEBOOK, parameters: { ...p, entitlement: { ...p.entitlement, scopeMismatchAction: withValue(p.entitlement.scopeMismatchAction, 'refuse-at-creation') } } } as Rulebook;
    const d = decide(cmd('create-draft-proposal', PAYLOADS.create({ affectedProvisions: ['H4.12'] })), undefined, ctxFor(ACTORS.ssc, undefined, {}, rb));
    expect(expectRefused(d, 'guard-failed', 'G7.20', 403).guards).toEqual(['scope-within-entitlement']);
    expect(decide(cmd('create-draft-proposal', PAYLOADS.create({ affectedProvisions: ['G5.14'] })), undefined, ctxFor(ACTORS.ssc, undefined, {}, rb)).kind).toBe('accepted');
  });
  it('R-G-06 an SSC Member submits only with a linked SSC decision not to submit (403 body-declined-first, G7.20(b))', () => {
    const r = expectRefused(create('sscMember', { affectedProvisions: ['G5.14'] }), 'guard-failed', 'G7.20(b)', 403);
    expect(r.guards).toEqual(['body-declined-first']);
    expect(create('sscMember', { affectedProvisions: ['G5.14'], bodyDecisionId: 'BD-1' }, { bodyDecision: { id: 'BD-1', body: 'ssc', decision: 'not-to-submit' } }).kind).toBe('accepted');
  });
  it('R-G-07 an SSC nominee becomes a Working Group member at once when the D6.5/D6.6 conditions pass (G7.21)', () => {
    const s = lifecycle('S05');
    const conditions = [...CURRENT_RULEBOOK.parameters.workingGroup.membershipConditions.value];
    expectRefused(s.try('ssc', 'nominate-working-group-member', { nomineeUserId: 'u-ssc', name: 'Sam SSC', conditionsMet: [] }), 'guard-failed', 'D6.5', 422);
    s.run('ssc', 'nominate-working-group-member', { nomineeUserId: 'u-ssc', name: 'Sam SSC', conditionsMet: conditions });
    expect(s.s.workingGroup?.members.map((m) => m.userId)).toContain('u-ssc');
    s.run('otherParty', 'nominate-working-group-member', { nomineeUserId: 'u-x', name: 'X' });
    expect(s.s.workingGroup?.nominations.find((n) => n.nomineeUserId === 'u-x')?.status).toBe('pending');
  });
  it('R-G-08 several representations by the SSC and SSC Members are accepted on a DP and an MP (G7.22(a))', () => {
    const s = lifecycle('S02');
    s.run('ssc', 'make-representation', { purposeAndEffect: 'Security effect', evidenceSummary: 'Pen test' });
    s.run('sscMember', 'make-representation', { purposeAndEffect: 'Also', evidenceSummary: 'Audit' });
    expect(s.s.representations.map((r) => [r.authorKind, r.phase])).toEqual([['ssc', 'draft'], ['ssc-member', 'draft']]);
  });
  it('R-G-09 the MR cannot be issued while an SSC representation (made at DP stage) is missing or lacks an evidence summary (G7.22(b))', () => {
    const s = lifecycle('S02');
    s.run('ssc', 'make-representation', { purposeAndEffect: 'Security effect at DP stage' });
    s.run('cscMember', 'agree-problem-statement', { problemStatementVersion: 1 });
    s.run('proposer', 'request-conversion', {});
    s.run('panelChair', 'convert', PAYLOADS.convert({ route: 'report', proposedSolution: PAYLOADS.solution() }));
    expect(s.s.state).toBe('S06');
    expect(expectRefused(s.try('analyst', 'issue-modification-report', PAYLOADS.mr()), 'guard-failed', 'G7.22(b)', 422).guards).toEqual(['mr-ssc-representations']);
    expect(expectRefused(s.try('analyst', 'issue-modification-report', PAYLOADS.mr({ representations: [{ representationId: 'REP-1', evidenceSummary: '' }] })), 'guard-failed').guards).toEqual(['mr-ssc-representations']);
    s.run('analyst', 'issue-modification-report', PAYLOADS.mr({ representations: [{ representationId: 'REP-1', evidenceSummary: 'Summary of the pen test' }] }));
    expect(s.s.modificationReport?.representations).toEqual([{ representationId: 'REP-1', evidenceSummary: 'Summary of the pen test' }]);
  });
  it('R-G-10 the SSC may respond to a Refinement Consultation and to the MRC (G7.18(f))', () => {
    const s = lifecycle('S05');
    s.run('analyst', 'open-consultation', { kind: 'refinement', documentId: 'RC' });
    s.run('ssc', 'respond-to-consultation', { response: 'Security view' });
    const m = lifecycle('S09');
    m.run('ssc', 'respond-to-consultation', { response: 'Security view' });
    expect(m.s.consultations.at(-1)?.responses[0]?.respondentKind).toBe('ssc');
  });
});

describe('Section L', () => {
  it('R-L-01 the SMKI PMA submits within scope.smkiSecDocuments', () => {
    expect(create('pma', { affectedProvisions: ['L1.5', 'SMKI RAPP'] }).kind).toBe('accepted');
  });
  it('R-L-02 an SMKI PMA Member needs the PMA\'s decision not to submit (L1.19(b))', () => {
    expect(expectRefused(create('pmaMember', { affectedProvisions: ['L3.2'] }), 'guard-failed', 'L1.19(b)', 403).guards).toEqual(['body-declined-first']);
    expect(create('pmaMember', { affectedProvisions: ['L3.2'], bodyDecisionId: 'BD-2' }, { bodyDecision: { id: 'BD-2', body: 'smki-pma', decision: 'not-to-submit' } }).kind).toBe('accepted');
  });
  it('R-L-03 R-L-04 a PMA submission after an L1.17(d) or (h) review follows the X2.3(d) variant', () => {
    const s = new Stream();
    s.run('pma', 'create-draft-proposal', PAYLOADS.create({ affectedProvisions: ['SMKI Compliance Policy'], submissionBasis: 'l1.17d' }));
    expect(s.s.processVariant).toBe('x2.3d');
    expect(create('proposer', { submissionBasis: 'l1.17h' }).kind).toBe('refusal');
  });
  it('R-L-07 the DCC submits a DP with basis l8.11; a Party cannot use that basis', () => {
    expect(create('dcc', { submissionBasis: 'l8.11' }).kind).toBe('accepted');
    expect(expectRefused(create('proposer', { submissionBasis: 'l8.11' }), 'guard-failed', 'D1.3', 403).guards).toEqual(['entitled-submitter']);
  });
  it('R-L-11 a DCCKI CPS change request is refused, pointing to L13.42', () => {
    const r = expectRefused(create('dcc', { affectedProvisions: ['DCCKI CPS 4.2'], submissionBasis: 'l13.55' }), 'invalid-input', 'L13.42', 422);
    expect(r.message).toMatch(/L13\.42/);
    expect(create('dcc', { affectedProvisions: ['L13.20'], submissionBasis: 'l13.55' }).kind).toBe('accepted');
  });
});

describe('Section M and Z', () => {
  it('R-M-01 creation requires acceptance of the SEC Materials notice (422 ipr-accepted, M5.1)', () => {
    expect(expectRefused(create('proposer', { iprAccepted: false }), 'guard-failed', 'M5.1', 422).guards).toEqual(['ipr-accepted']);
  });
  it('R-M-03 a Defaulting Party cannot raise a Draft Proposal (M8.5(b))', () => {
    const r = expectRefused(create('defaulting'), 'guard-failed', 'M8.5(b)', 403);
    expect(r.guards).toEqual(['not-defaulting']);
  });
  it('R-M-03 its existing proposals continue: a defaulting Proposer may still amend its Proposed Solution', () => {
    const s = new Stream();
    s.run('defaulting', 'create-draft-proposal', PAYLOADS.create(), { actorOrganisationDefaulting: false });
    s.run('analyst', 'record-screening', PAYLOADS.screening());
    s.run('cscMember', 'agree-problem-statement', { problemStatementVersion: 1 });
    s.run('defaulting', 'request-conversion', {});
    s.run('panelChair', 'convert', PAYLOADS.convert());
    s.run('defaulting', 'amend-proposed-solution', PAYLOADS.solution());
    expect(s.s.solutions).toHaveLength(1);
  });
  it('R-M-04 a suspended seat\'s cast-vote fails seat-active (M8.5(c)(i)) and the seat is left out of the quorum', () => {
    const s = lifecycle('S10+ballot');
    const r = expectRefused(s.try('cbHarbour', 'cast-vote', PAYLOADS.vote()), 'guard-failed', 'M8.5(c)(i)', 403);
    expect(r.guards).toEqual(['seat-active']);
    const suspendedNow = SEATS.map((x) => (x.seatId === 'cb-gas' ? { ...x, suspended: true } : x));
    expect(expectRefused(s.try('cbGas', 'cast-vote', PAYLOADS.vote(), { changeBoardSeats: suspendedNow }), 'guard-failed').guards).toEqual(['seat-active']);
    for (const v of ['cbLarge', 'cbSmall', 'cbElec', 'cbOther'] as const) s.run(v, 'cast-vote', PAYLOADS.vote());
    s.run('secretariat', 'close-vote', {});
    expect(s.s.state).toBe('S11');
    expect(s.s.pastBallots.at(-1)?.explanation).toMatch(/of 6 voting seats/);
  });
  it('R-Z-01 an Alt HAN Forum representation must state its Z1.6(a) limb', () => {
    const s = lifecycle('S05');
    expect(expectRefused(s.try('forum', 'make-representation', { purposeAndEffect: 'Affects Alt HAN charges' }), 'guard-failed', 'Z1.6(a)', 422).guards).toEqual(['forum-criteria']);
    s.run('forum', 'make-representation', { purposeAndEffect: 'Affects Alt HAN charges', forumLimb: 'ii' });
    expect(s.s.representations[0]).toMatchObject({ authorKind: 'alt-han-forum', forumLimb: 'ii' });
  });
});

describe('Legal text', () => {
  it('R-LT-01 close-vote is blocked until each legal-text document is re-checked against a later SEC version', () => {
    const s = lifecycle('S10+ballot');
    for (const v of VOTERS) s.run(v, 'cast-vote', PAYLOADS.vote());
    const later = { secVersionsAfterBaseline: ['5.19'] };
    expect(expectRefused(s.try('secretariat', 'close-vote', {}, later), 'guard-failed', 'D:legal-text-baseline', 422).guards).toEqual(['legal-text-baseline-rechecked']);
    s.run('analyst', 'record-baseline-recheck', { legalTextDocumentId: 'LT-1', secVersion: '5.19' });
    s.run('secretariat', 'close-vote', {}, later);
    expect(s.s.state).toBe('S11');
  });
  it('R-LT-02 one legal-text document may serve the Proposed and an Alternative Solution', () => {
    const s = lifecycle('S05');
    s.run('analyst', 'raise-alternative-solution', { ...PAYLOADS.solution({ summary: 'Alt' }), wgVote: { for: 3, against: 1, rationale: 'Better (a)' } });
    expect(s.s.solutions.map((x) => x.versions.at(-1)?.legalTextDocumentId)).toEqual(['LT-1', 'LT-1']);
  });
});
