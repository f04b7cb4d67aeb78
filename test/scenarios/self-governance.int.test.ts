// A Self-Governance Modification (Path 3, D2.7) from Draft Proposal to implemented, through
// the JSON API with the demo cast and the manual clock; once with an appeal decided by the
// Authority, once with the appeal window running out (the deadline sweeper fires TM04).
import { describe, expect, it } from 'vitest';
import { CHANGE_BOARD, DRAFT, scenarioApi } from './api-client.ts';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';

const api = scenarioApi('2026-03-02T09:00:00Z');

/** Drives a new Draft Proposal to the Change Board's Path 3 decision (S11). */
async function toSelfGovernanceDecision(): Promise<string> {
  await api.setClock('2026-03-02T09:00:00Z');
  const dp = await api.raise('proposer@large-supplier.example', DRAFT);
  expect(dp.reference).toMatch(/^DP\d{3}$/);
  expect(dp.state.id).toBe('S01');
  const ref = dp.reference;
  await api.act('analyst@secas.example', ref, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'likely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
  // A Security Sub-Committee representation at Draft Proposal stage must reach the report (G7.22(b)).
  await api.act('ssc@ssc.example', ref, 'make-representation', { purposeAndEffect: 'Exchange notices carry device security credentials.', evidenceDocumentIds: ['SSC-EV-1'] });
  await api.act('csc.member@csc.example', ref, 'agree-problem-statement', { problemStatementVersion: 1 });
  await api.act('proposer@large-supplier.example', ref, 'request-conversion', {});
  const mp = await api.act('panel.chair@panel.example', ref, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect under the Path 2 criteria', timetable: { summary: 'Refinement to June' }, workingGroupRequired: true });
  expect(mp.reference).toBe(ref.replace('DP', 'MP'));
  const mpRef = mp.reference;
  await api.act('panel.chair@panel.example', mpRef, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
  await api.act('proposer@large-supplier.example', mpRef, 'amend-proposed-solution', { summary: 'Fix the window at 5 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false });
  await api.act('wg.member@other-party.example', mpRef, 'raise-alternative-solution', {
    summary: 'Fix the window at 10 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false,
    wgVote: { for: 4, against: 1, rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } },
  });
  await api.act('analyst@secas.example', mpRef, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
  await api.act('proposer@other-party.example', mpRef, 'respond-to-consultation', { response: 'Supportive' });
  await api.act('analyst@secas.example', mpRef, 'close-consultation', { kind: 'refinement' });
  await api.act('panel.chair@panel.example', mpRef, 'complete-refinement', {});
  // The Code Administrator drafts the legal text; the drafting checker runs against SEC 5.18.
  const drafted = await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-1', modification: mpRef, baseline: '5.18', text: LEGAL_TEXT });
  expect(drafted.status).toBe(201);
  expect(drafted.body.errorCount).toBe(0);

  // The report cannot be issued without the SSC representation made at Draft Proposal stage.
  const state = await api.get('analyst@secas.example', mpRef);
  const representations = state.representations as { representationId: string; phase: string }[];
  expect(representations.map((r) => r.phase)).toEqual(['draft']);
  const sections = ((await api.raw('analyst@secas.example', 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];
  const missing = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${mpRef}/actions/issue-modification-report`, { payload: { reportDocumentId: 'MR-1', sections, representations: [] } });
  expect(missing.status).toBe(422);
  expect(missing.body).toMatchObject({ type: 'guard-failed', guards: expect.arrayContaining(['mr-ssc-representations']) });
  expect(missing.body.clause).toMatch(/G7\.22/);
  await api.act('analyst@secas.example', mpRef, 'issue-modification-report', {
    reportDocumentId: 'MR-1', sections, representations: [{ representationId: representations[0]!.representationId, evidenceSummary: 'Credentials travel with the notice; see SSC-EV-1.' }],
  });
  await api.act('panel.chair@panel.example', mpRef, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
  await api.act('analyst@secas.example', mpRef, 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
  await api.act('proposer@small-supplier.example', mpRef, 'respond-to-consultation', { response: 'Agree' });
  // The DCC may not respond to the Modification Report Consultation.
  const dcc = await api.raw('dcc@dcc.example', 'POST', `/api/v1/modifications/${mpRef}/actions/respond-to-consultation`, { payload: { response: 'We agree' } });
  expect(dcc.status).toBe(403);
  await api.act('analyst@secas.example', mpRef, 'close-consultation', { kind: 'mrc' });
  await api.act('secretariat@secas.example', mpRef, 'open-ballot', {});
  const ballot = (await api.get('secretariat@secas.example', mpRef)).ballot as { solutionIds: string[] };
  expect(ballot.solutionIds).toHaveLength(2);
  for (const member of CHANGE_BOARD) {
    for (const solutionId of ballot.solutionIds) {
      await api.act(member, mpRef, 'cast-vote', { solutionId, choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } });
    }
  }
  const decided = await api.act('secretariat@secas.example', mpRef, 'close-vote', {}, { onBehalfOf: 'change-board' });
  expect(decided.state.id).toBe('S11');
  return mpRef;
}

describe('Self-Governance (Path 3) through the JSON API', () => {
  it('R-A-04 the Modification Report lists the Proposed and the Alternative Solution, each voted on and decided separately (D6.16)', async () => {
    const ref = await toSelfGovernanceDecision();
    const s = await api.get('secretariat@secas.example', ref);
    const solutions = (s.solutions as { solutionId: string; kind: string }[]).map((x) => x.kind).sort();
    expect(solutions).toEqual(['alternative', 'proposed']);
    expect((s.modificationReport as { solutionIds: string[] }).solutionIds).toHaveLength(2);
    const ballot = s.ballot as { solutionIds: string[]; votes: { solutionId: string }[] } | undefined;
    const closed = ballot ?? (s.pastBallots as { solutionIds: string[]; votes: { solutionId: string }[] }[]).at(-1)!;
    expect(new Set(closed.votes.map((v) => v.solutionId)).size).toBe(2);
    expect(Object.keys((s.outcome as { perSolution: Record<string, string> }).perSolution)).toHaveLength(2);
  });

  it('with an appeal: the Authority upholds the Change Board decision, the Panel schedules it and SECAS implements it', async () => {
    const ref = await toSelfGovernanceDecision();
    const appeal = await api.act('proposer@gas-network.example', ref, 'lodge-appeal', { grounds: ['unfair-prejudice-to-party-or-class'], statement: 'Gas Networks are prejudiced by the window.' });
    expect(appeal.state.id).toBe('S12');
    const upheld = await api.act('authority@ofgem.example', ref, 'decide-appeal', { outcome: 'uphold', reasons: 'The decision stands.' });
    expect(upheld.state.id).toBe('S15');
    await api.act('panel.chair@panel.example', ref, 'schedule-implementation', { implementationDate: '2026-06-25', releaseId: 'REL-2026-06' });
    // The register shows, and filters by, the SEC Release it is scheduled into.
    const inRelease = (await api.raw('analyst@secas.example', 'GET', '/api/v1/modifications?release=REL-2026-06')).body as { items: { reference: string; targetRelease: string }[] };
    expect(inRelease.items).toContainEqual(expect.objectContaining({ reference: ref, targetRelease: 'REL-2026-06' }));
    expect(((await api.raw('analyst@secas.example', 'GET', '/api/v1/modifications?release=REL-1999-01')).body as { items: unknown[] }).items).toEqual([]);
    // Not before the Implementation Date (C2.3(d)).
    const early = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/actions/mark-implemented`, { payload: { secVersion: '5.19' } });
    expect(early.status).toBe(409);
    await api.setClock('2026-06-25T09:00:00Z');
    const done = await api.act('analyst@secas.example', ref, 'mark-implemented', { secVersion: '5.19' });
    expect(done.state).toEqual({ id: 'S17', name: 'Implemented' });
    const events = (await api.raw('authority@ofgem.example', 'GET', `/api/v1/modifications/${ref}/events`)).body.events as { type: string; rulebookVersion: string; clauseRefs: string[] }[];
    expect(events.every((e) => e.rulebookVersion === 'sec-5.18+secmp0049')).toBe(true);
    expect(events.find((e) => e.type === 'DraftProposalConverted')?.clauseRefs).toContain('D3.11');
  });

  it('without an appeal: when the appeal window passes, the deadline sweeper makes the decision final', async () => {
    const ref = await toSelfGovernanceDecision();
    const state = await api.get('analyst@secas.example', ref);
    const dueAt = (state.timers as Record<string, { dueAt: string }>).TM04!.dueAt;
    const before = await api.setClock(new Date(Date.parse(dueAt) - 60_000).toISOString());
    expect(before.timersFired).toEqual([]);
    const after = await api.setClock(new Date(Date.parse(dueAt) + 1000).toISOString());
    expect(after.timersFired).toEqual([expect.objectContaining({ timer: 'TM04' })]);
    expect((await api.get('analyst@secas.example', ref)).state).toBe('S15');
    // A late appeal is refused: the window has closed.
    const late = await api.raw('proposer@gas-network.example', 'POST', `/api/v1/modifications/${ref}/actions/lodge-appeal`, { payload: { grounds: ['unfair-prejudice-to-party-or-class'], statement: 'Too late' } });
    expect(late.status).toBe(409);
  });
});
