// Whole routes through the aggregate, given/when/then on the event stream.
import { describe, expect, it } from 'vitest';
import { availableActions } from './available-actions.ts';
import { dueTimers } from './due-timers.ts';
import { replay } from './evolve.ts';
import type { Stream} from './test-support.ts';
import { DAY, lifecycle, PAYLOADS, VOTERS } from './test-support.ts';

const transitions = (s: Stream) => s.events.map((e) => e.data.transition);

describe('Self-Governance happy path (Path 3)', () => {
  it('runs T01→T03→T06→T07→T08→T14..T18→T21..T23→T26→T27→T28→T30→T22→T31→T32→T33→T37→T41→T42', () => {
    const s = lifecycle('S17');
    expect(s.s.state).toBe('S17');
    expect(s.s.stateName).toBe('Implemented');
    expect(transitions(s)).toEqual([
      'T01', 'T03', 'T06', 'T07', 'T08', 'T14', 'T17', 'T21', 'T22', 'T23', 'T26', 'T27', 'T28', 'T30', 'T22', 'T31', 'X03',
      ...VOTERS.map(() => 'T32'), 'T33', 'T37', 'T41', 'T42',
    ]);
    expect(s.s.references).toEqual({ dp: 'DP014', mp: 'MP014' });
    expect(s.s.implementation?.secVersion).toBe('5.19');
    expect(s.s.outcome).toMatchObject({ by: 'change-board', status: 'final', result: 'approved', selectedSolutionId: 'proposed' });
    expect(replay(s.events)).toEqual(s.state);
    expect(s.events.every((e) => e.clauseRefs.length > 0)).toBe(true);
    expect(s.s.timers).toEqual({});
  });

  it('with an Alternative Solution raised by a Working Group majority (T18), votes per solution and records an outcome per solution (R-A-04)', () => {
    const s = lifecycle('S05');
    s.run('analyst', 'raise-alternative-solution', { ...PAYLOADS.solution({ summary: 'Fix at 10 WD', legalTextDocumentId: 'LT-1' }), wgVote: { for: 4, against: 1, rationale: 'Better facilitates (a)' } });
    expect(s.s.solutions.map((x) => x.solutionId)).toEqual(['proposed', 'alternative-1']);
    s.run('analyst', 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    s.run('analyst', 'close-consultation', { kind: 'refinement' });
    s.run('panelChair', 'complete-refinement', {});
    s.run('analyst', 'issue-modification-report', PAYLOADS.mr());
    expect(s.s.modificationReport?.solutionIds).toEqual(['proposed', 'alternative-1']);
    s.run('panelChair', 'approve-report-consultation', { opensOn: '2025-03-10', closesOn: '2025-03-31' });
    s.run('analyst', 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
    s.passTimer('TM03');
    expect(dueTimers(s.s, s.now)).toEqual([{ timer: 'TM03', command: { type: 'close-consultation', payload: { kind: 'mrc' } } }]);
    s.run('system', 'close-consultation', { kind: 'mrc' });
    expect(dueTimers(s.s, s.now)).toEqual([]);
    s.run('secretariat', 'open-ballot', {});
    expect(s.s.ballot?.solutionIds).toEqual(['proposed', 'alternative-1']);
    for (const v of VOTERS) {
      s.run(v, 'cast-vote', PAYLOADS.vote('approve', 'proposed'));
      s.run(v, 'cast-vote', PAYLOADS.vote('reject', 'alternative-1'));
    }
    s.run('secretariat', 'close-vote', {});
    expect(s.s.state).toBe('S11');
    expect(s.s.outcome?.perSolution).toEqual({ proposed: 'approved', 'alternative-1': 'rejected' });
  });

  it('adjourns when the quorum is not met (T35) and decides at the next meeting', () => {
    const s = lifecycle('S10+ballot');
    s.run('cbLarge', 'cast-vote', PAYLOADS.vote());
    const [closed] = s.run('secretariat', 'close-vote', {});
    expect(closed?.data.transition).toBe('T35');
    expect(s.s.state).toBe('S10');
    expect(s.s.ballot).toBeUndefined();
    expect(s.s.timers.TM12?.status).toBe('running');
    s.run('secretariat', 'open-ballot', {});
    for (const v of VOTERS) s.run(v, 'cast-vote', PAYLOADS.vote('reject'));
    s.run('secretariat', 'close-vote', {});
    s.passTimer('TM04').run('system', 'expire-timer', { timer: 'TM04' });
    expect(s.s.state).toBe('S18');
  });
});

describe('Authority paths (Paths 1 and 2)', () => {
  it('Path 2: close-vote recommends (T34), the CA attaches the FMR (TM09), the Authority decides (T39)', () => {
    const s = lifecycle('S10+ballot');
    s.run('authority', 'determine-path', { path: 2, reasons: 'Material effect on consumers' });
    for (const v of VOTERS) s.run(v, 'cast-vote', PAYLOADS.vote());
    s.run('secretariat', 'close-vote', {});
    expect(s.s.state).toBe('S13');
    expect(s.s.outcome?.status).toBe('recommendation');
    expect(s.try('authority', 'decide', { outcome: 'approve', reasons: 'ok', decisionLetterDocumentId: 'DL-1' })).toMatchObject({ code: 'guard-failed', guards: ['fmr-attached'], status: 422 });
    s.run('analyst', 'attach-final-modification-report', { documentId: 'FMR-1' });
    expect(s.s.timers.TM09?.dueAt).toBeDefined();
    s.run('authority', 'decide', { outcome: 'reject', reasons: 'Not better facilitating', decisionLetterDocumentId: 'DL-1' });
    expect(s.s.state).toBe('S18');
    expect(s.s.outcome).toMatchObject({ by: 'authority', result: 'rejected' });
  });

  it('the Authority sends the report back with directions (T40) to authority.sendBackTarget', () => {
    const s = lifecycle('S10+ballot');
    s.run('authority', 'determine-path', { path: 1, reasons: 'SCR outcome' });
    for (const v of VOTERS) s.run(v, 'cast-vote', PAYLOADS.vote());
    s.run('secretariat', 'close-vote', {});
    s.run('authority', 'send-back', { reasons: 'Assess impact on prepayment consumers' });
    expect(s.s.state).toBe('S06');
    expect(s.s.sendBacks.at(-1)).toMatchObject({ from: 'S13', to: 'S06', by: 'authority' });
  });
});

describe('appeals (T36, T38)', () => {
  const decided = () => lifecycle('S11');
  it('an appeal lodged within TM04 goes to the Authority, which may overturn', () => {
    const s = decided();
    s.run('otherParty', 'lodge-appeal', { grounds: ['not-better-facilitating-objectives'], statement: 'It harms small suppliers' });
    expect(s.s.state).toBe('S12');
    expect(s.s.timers.TM04).toBeUndefined();
    s.run('authority', 'decide-appeal', { outcome: 'overturn', reasons: 'Upheld ground (b)' });
    expect(s.s.state).toBe('S18');
  });
  it('remit sends the MP back to ReportDrafting', () => {
    const s = decided();
    s.run('consumer', 'lodge-appeal', { grounds: ['unfair-prejudice-to-party-or-class'], statement: 'x' });
    s.run('authority', 'decide-appeal', { outcome: 'remit', reasons: 'More analysis' });
    expect(s.s.state).toBe('S06');
  });
  it('an appeal after the window is refused within-window (409)', () => {
    const s = decided();
    s.passTimer('TM04');
    expect(s.try('otherParty', 'lodge-appeal', { grounds: ['not-better-facilitating-objectives'], statement: 'late' })).toMatchObject({ code: 'guard-failed', guards: ['within-window'], status: 409 });
  });
});

describe('Fast-Track (T11–T13)', () => {
  const raised = () => {
    const s = lifecycle('S02');
    s.run('panelChair', 'raise-fast-track', { changeKind: 'typographical-error', panelDecision: { for: 9, against: 0, abstain: 0 }, summary: 'Fix typo in H4.12', legalTextDocumentId: 'LT-FT', legalTextBaseline: '5.18' });
    return s;
  };
  it('is approved when the objection window (TM05) expires', () => {
    const s = raised();
    expect(s.s).toMatchObject({ state: 'S14', fastTrack: true, path: 3, phase: 'proposal' });
    expect(dueTimers(s.s, s.now)).toEqual([]);
    s.passTimer('TM05');
    const due = dueTimers(s.s, s.now);
    expect(due.map((d) => d.timer)).toEqual(['TM05']);
    s.run('system', 'expire-timer', { timer: 'TM05' });
    expect(s.s.state).toBe('S15');
    expect(dueTimers(s.s, s.now)).toEqual([]);
  });
  it('an objection sends it to the Refinement Process and it never gets a Modification Report', () => {
    const s = raised();
    s.run('smallSupplier', 'object-to-fast-track', { reasons: 'Not housekeeping' });
    expect(s.s).toMatchObject({ state: 'S05', fastTrack: false });
  });
  it('needs unanimity and a configured criterion', () => {
    const s = lifecycle('S02');
    const d = s.try('panelChair', 'raise-fast-track', { changeKind: 'policy-change', panelDecision: { for: 8, against: 1, abstain: 0 }, summary: 'x', legalTextDocumentId: 'LT', legalTextBaseline: '5.18' });
    expect(d).toMatchObject({ code: 'guard-failed', guards: ['panel-unanimous', 'fast-track-criteria'], status: 422 });
  });
});

describe('withdrawal and adoption (T43–T45)', () => {
  it('a Modification Proposal withdrawn in the Refinement Process can be adopted within 5 WD and resumes', () => {
    const s = lifecycle('S05');
    s.run('proposer', 'withdraw', { reason: 'Priorities changed' });
    expect(s.s.state).toBe('S19');
    s.advance(2 * DAY);
    s.run('otherParty', 'adopt', {});
    expect(s.s.state).toBe('S05');
    expect(s.s.proposer.organisationId).toBe('helix-metering-services');
    expect(s.s.proposerHistory).toHaveLength(2);
  });
  it('a Draft Proposal has a 0 WD adoption window: expire-timer is due at once (T45)', () => {
    const s = lifecycle('S02');
    s.run('proposer', 'withdraw', {});
    expect(dueTimers(s.s, s.now).map((d) => d.timer)).toEqual(['TM06']);
    expect(s.try('otherParty', 'adopt', {}, {})).toMatchObject({ guards: ['within-window'] });
    s.run('system', 'expire-timer', { timer: 'TM06' });
    expect(s.s.state).toBe('S20');
  });
});

describe('SCR suspension (T46–T48)', () => {
  it('pauses running timers with their remaining duration and resumes them from the resume date', () => {
    const s = lifecycle('S05');
    s.run('analyst', 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    const before = s.s.timers.TM02;
    expect(before?.status).toBe('running');
    s.advance(DAY);
    s.run('authority', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'Within the SCR scope' }, { scr: { id: 'SCR-1', live: true, ended: false, scope: ['Smart meter data access'] } });
    expect(s.s.state).toBe('S21');
    expect(s.s.timers.TM02).toMatchObject({ status: 'paused', remaining: { amount: 14, unit: 'WD' } });
    s.advance(60 * DAY);
    expect(dueTimers(s.s, s.now)).toEqual([]);
    expect(s.try('panelChair', 'resume-after-scr', { disposition: 'resume', reasons: 'ended' }, { scr: { id: 'SCR-1', live: true, ended: false, scope: ['Smart meter data access'] } }))
      .toMatchObject({ code: 'guard-failed', guards: ['scr-ended-or-exempt'], status: 409 });
    s.run('panelChair', 'resume-after-scr', { disposition: 'resume', reasons: 'SCR concluded' }, { scr: { id: 'SCR-1', live: false, ended: true, scope: ['Smart meter data access'] } });
    expect(s.s.state).toBe('S05');
    expect(s.s.timers.TM02?.status).toBe('running');
    expect(Date.parse(s.s.timers.TM02?.dueAt ?? '')).toBeGreaterThan(s.now.getTime() + 13 * DAY);
  });
  it("a proposal is held only for subjects within the SCR's recorded scope (A1.1, T46 scr-in-scope)", () => {
    const s = lifecycle('S05');
    const live = { scr: { id: 'SCR-1', live: true, ended: false, scope: ['Smart meter data access', 'Section H'] } };
    expect(s.try('authority', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Alt HAN charging'], reasons: 'In scope?' }, live))
      .toMatchObject({ code: 'guard-failed', guards: ['scr-in-scope'], clause: 'A1.1' });
    s.run('authority', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['section h'], reasons: 'Section H is under review' }, live);
    expect(s.s.state).toBe('S21');
  });
  it("the Panel suspends only on the Authority's scope view (A1.1, T46)", () => {
    const s = lifecycle('S05');
    const live = { scr: { id: 'SCR-1', live: true, ended: false, scope: ['Smart meter data access'] } };
    expect(s.try('panelChair', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'In scope' }, live))
      .toMatchObject({ code: 'guard-failed', guards: ['scr-in-scope'] });
    s.run('panelChair', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], authorityScopeViewDocumentId: 'OFG-LETTER-7', reasons: 'In scope' }, live);
    expect(s.s.state).toBe('S21');
  });
  it('an exempted proposal is not held, and a held one may resume once exempted (scr.exemptionsAllowed)', () => {
    const s = lifecycle('S05');
    const exempt = { scr: { id: 'SCR-1', live: true, ended: false, scope: ['Smart meter data access'], exempt: true } };
    expect(s.try('authority', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'In scope' }, exempt))
      .toMatchObject({ code: 'guard-failed', guards: ['scr-in-scope'] });
    s.run('authority', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'In scope' }, { scr: { ...exempt.scr, exempt: false } });
    s.run('panelChair', 'resume-after-scr', { disposition: 'resume', reasons: 'Exempted by the Authority' }, exempt);
    expect(s.s.state).toBe('S05');
  });
  it('the System resumes at the phase end only where the rulebook says so (scr.autoResumeOnPhaseEnd, default false)', () => {
    const s = lifecycle('S05');
    const ended = { scr: { id: 'SCR-1', live: false, ended: true, scope: ['Smart meter data access'] } };
    s.run('authority', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'In scope' }, { scr: { ...ended.scr, live: true, ended: false } });
    expect(s.try('system', 'resume-after-scr', { disposition: 'resume', reasons: 'Phase ended' }, ended)).toMatchObject({ code: 'not-entitled', status: 403 });
    const scr = s.rulebook.parameters.scr;
    s.rulebook = { ...s.rulebook, parameters: { ...s.rulebook.parameters, scr: { ...scr, autoResumeOnPhaseEnd: { ...scr.autoResumeOnPhaseEnd, value: true } } } } as typeof s.rulebook;
    expect(s.try('system', 'resume-after-scr', { disposition: 'close', reasons: 'Subsumed' }, ended)).toMatchObject({ code: 'not-entitled' });
    s.run('system', 'resume-after-scr', { disposition: 'resume', reasons: 'Phase ended' }, ended);
    expect(s.s.state).toBe('S05');
  });
  it('closes as subsumed (T48)', () => {
    const s = lifecycle('S02');
    s.run('authority', 'suspend-for-scr', { scrId: 'SCR-1', scopeItems: ['Smart meter data access'], reasons: 'In scope' }, { scr: { id: 'SCR-1', live: true, ended: false, scope: ['Smart meter data access'] } });
    s.run('authority', 'resume-after-scr', { disposition: 'close', reasons: 'Subsumed' });
    expect(s.s.state).toBe('S22');
  });
});

describe('urgency (T49, T50)', () => {
  it('a granted urgent timetable overrides timer durations (RB-04) and waives only waivable guards', () => {
    const s = lifecycle('S05');
    s.run('proposer', 'request-urgency', { reasons: 'Imminent consumer detriment' });
    expect(s.try('authority', 'decide-urgency', { granted: true, reasons: 'x', waivedGuards: ['mr-ssc-representations'] })).toMatchObject({ code: 'invalid-input', status: 422 });
    s.run('authority', 'decide-urgency', { granted: true, reasons: 'Meets criteria', timetable: { summary: 'Urgent', overrides: [{ timer: 'TM02', amount: 3, unit: 'WD' }] }, waivedGuards: ['mr-content-complete'] });
    expect(s.s.urgency).toBe('granted');
    s.run('analyst', 'open-consultation', { kind: 'refinement', documentId: 'RC' });
    expect(s.s.timers.TM02?.dueAt).toBe('2025-03-06T23:59:59.000Z');
    s.run('analyst', 'close-consultation', { kind: 'refinement' });
    s.run('panelChair', 'complete-refinement', {});
    s.run('analyst', 'issue-modification-report', PAYLOADS.mr({ sections: [] }));
    expect(s.s.state).toBe('S07');
  });
});

describe('send-back by the Panel (T10, T29)', () => {
  it('T10 sends a DP back to the Development Stage; T29 sends a report back to RefinementProcess on request', () => {
    const a = lifecycle('S04');
    a.run('panelChair', 'send-back', { reasons: 'Problem not understood' });
    expect(a.s.state).toBe('S02');
    const b = lifecycle('S07');
    b.run('panelChair', 'send-back', { reasons: 'Needs more work', target: 'RefinementProcess' });
    expect(b.s.state).toBe('S05');
  });
});

describe('availableActions', () => {
  it('lists what decide would accept, with transition and clause', () => {
    const s = lifecycle('S05');
    const proposer = availableActions(s.s, s.ctx('proposer')).map((a) => a.command);
    expect(proposer).toContain('amend-proposed-solution');
    expect(proposer).toContain('withdraw');
    expect(proposer).not.toContain('complete-refinement');
    const panel = availableActions(s.s, s.ctx('panelChair'));
    expect(panel.find((a) => a.command === 'complete-refinement')).toMatchObject({ transition: 'T26' });
    expect(availableActions(s.s, s.ctx('proposer')).find((a) => a.command === 'amend-proposed-solution')).toMatchObject({ transition: 'T17', clause: 'D6.15', label: 'Amend the Proposed Solution' });
    expect(availableActions(undefined, s.ctx('proposer')).map((a) => a.command)).toEqual(['create-draft-proposal']);
    expect(availableActions(undefined, s.ctx('defaulting'))).toEqual([]);
  });
});
