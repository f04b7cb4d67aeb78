// An Authority Determined Modification (Path 2, D2.6) through the JSON API: the Change Board
// recommends (T34), the Code Administrator attaches the Final Modification Report, the
// Authority sends the report back with directions (T40), the report is reissued and
// recommended again, and the Authority approves (T39); the Panel schedules it and SECAS
// implements it.
import { describe, expect, it } from 'vitest';
import { CHANGE_BOARD, DRAFT, SCREENING, scenarioApi } from './api-client.ts';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';
const AUTHORITY = 'authority@ofgem.example';
const PROPOSER = 'proposer@large-supplier.example';

const api = scenarioApi('2026-03-02T09:00:00Z');

const sectionsOf = async () => ((await api.raw('analyst@secas.example', 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];

/** Report Phase to the Change Board's recommendation (S06 → S13). */
async function reportToRecommendation(ref: string, report: string): Promise<void> {
  await api.act('analyst@secas.example', ref, 'issue-modification-report', { reportDocumentId: report, sections: await sectionsOf(), representations: [] });
  await api.act('panel.chair@panel.example', ref, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
  await api.act('analyst@secas.example', ref, 'open-consultation', { kind: 'mrc', documentId: `${report}-MRC` });
  await api.act('proposer@small-supplier.example', ref, 'respond-to-consultation', { response: 'Agree' });
  await api.act('analyst@secas.example', ref, 'close-consultation', { kind: 'mrc' });
  await api.act('secretariat@secas.example', ref, 'open-ballot', {});
  for (const member of CHANGE_BOARD) await api.act(member, ref, 'cast-vote', { solutionId: 'proposed', choice: 'approve', rationale: 'Better facilitates SEC Objective (d)', objectives: { d: 'better' } });
  const recommended = await api.act('secretariat@secas.example', ref, 'close-vote', {}, { onBehalfOf: 'change-board' });
  expect(recommended.state).toEqual({ id: 'S13', name: 'AwaitingAuthorityDecision' });
}

describe('Authority Determined Modification (Path 2) through the JSON API', () => {
  it('D2.6, T34, T40, T39: recommended, sent back by the Authority, recommended again, approved and implemented', async () => {
    const { reference } = await api.raise(PROPOSER, { ...DRAFT, recommendedPath: 2 });
    await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
    await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act(PROPOSER, reference, 'request-conversion', {});
    const mp = await api.act('panel.chair@panel.example', reference, 'convert', {
      route: 'report', path: 2, pathReasons: 'Material effect on competition in supply', path2Criteria: [], timetable: { summary: 'Report to May, Authority decision in June' },
      proposedSolution: { summary: 'Fix the window at 5 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false },
    });
    expect(mp.state.id).toBe('S06');
    const ref = mp.reference;
    const drafted = await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-1', modification: ref, baseline: '5.18', text: LEGAL_TEXT });
    expect(drafted.status).toBe(201);
    await reportToRecommendation(ref, 'MR-1');
    expect((await api.get(AUTHORITY, ref)).outcome).toMatchObject({ status: 'recommendation' });

    // The Change Board only recommends on Path 2; the Authority needs the FMR first (fmr-attached).
    const noFmr = await api.raw(AUTHORITY, 'POST', `/api/v1/modifications/${ref}/actions/decide`, { payload: { outcome: 'approve', reasons: 'ok', decisionLetterDocumentId: 'DL-0' } });
    expect(noFmr.status).toBe(422);
    expect(noFmr.body).toMatchObject({ type: 'guard-failed', guards: ['fmr-attached'] });
    const byPanel = await api.raw('panel.chair@panel.example', 'POST', `/api/v1/modifications/${ref}/actions/decide`, { payload: { outcome: 'approve', reasons: 'ok', decisionLetterDocumentId: 'DL-0' } });
    expect(byPanel.status).toBe(403);
    expect(byPanel.body.clause).toBeDefined();
    await api.act('analyst@secas.example', ref, 'attach-final-modification-report', { documentId: 'FMR-1' });
    expect(((await api.get(AUTHORITY, ref)).timers as Record<string, unknown>).TM09).toBeDefined();

    // T40: the Authority sends the report back with directions (authority.sendBackTarget = ReportDrafting).
    const back = await api.act(AUTHORITY, ref, 'send-back', { reasons: 'Assess the impact on prepayment consumers' });
    expect(back.state.id).toBe('S06');
    await reportToRecommendation(ref, 'MR-2');
    await api.act('analyst@secas.example', ref, 'attach-final-modification-report', { documentId: 'FMR-2' });

    const approved = await api.act(AUTHORITY, ref, 'decide', { outcome: 'approve', reasons: 'Better facilitates SEC Objective (d)', decisionLetterDocumentId: 'DL-1' });
    expect(approved.state).toEqual({ id: 'S15', name: 'Approved' });
    expect((await api.get(AUTHORITY, ref)).outcome).toMatchObject({ by: 'authority', result: 'approved' });
    const twice = await api.raw(AUTHORITY, 'POST', `/api/v1/modifications/${ref}/actions/decide`, { payload: { outcome: 'reject', reasons: 'changed my mind', decisionLetterDocumentId: 'DL-2' } });
    expect(twice.status).toBe(409);

    await api.act('panel.chair@panel.example', ref, 'schedule-implementation', { implementationDate: '2026-06-25', releaseId: 'REL-2026-06' });
    await api.setClock('2026-06-25T09:00:00Z');
    const done = await api.act('analyst@secas.example', ref, 'mark-implemented', { secVersion: '5.19' });
    expect(done.state).toEqual({ id: 'S17', name: 'Implemented' });
    const events = (await api.raw(AUTHORITY, 'GET', `/api/v1/modifications/${ref}/events`)).body.events as { type: string }[];
    expect(events.filter((e) => e.type === 'SentBack')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'FinalModificationReportAttached')).toHaveLength(2);
  });
});
