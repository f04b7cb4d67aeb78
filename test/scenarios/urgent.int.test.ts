// An Urgent Modification (sec-process.md §6.6; T49, T50) through the JSON API: the Proposer
// requests urgency, the Authority grants it with a timetable that replaces the default
// timer durations (RB-04) and waives a waivable guard; the proposal runs on the urgent
// timetable to the Authority's decision (Path 2) and is rejected.
import { describe, expect, it } from 'vitest';
import { CHANGE_BOARD, DRAFT, SCREENING, scenarioApi } from './api-client.ts';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';
const AUTHORITY = 'authority@ofgem.example';
const PROPOSER = 'proposer@elec-network.example';

const api = scenarioApi('2026-03-02T09:00:00Z'); // a Monday

describe('Urgent Modification through the JSON API', () => {
  it('T49, T50, RB-04: urgency requested by the Proposer and granted by the Authority with a timetable; decided by the Authority', async () => {
    const { reference } = await api.raise(PROPOSER, DRAFT);
    await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
    await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act(PROPOSER, reference, 'request-conversion', {});
    const mp = await api.act('panel.chair@panel.example', reference, 'convert', {
      route: 'refinement', path: 2, pathReasons: 'Material consumer impact', timetable: { summary: 'Standard' }, workingGroupRequired: false,
      proposedSolution: { summary: 'Fix the window at 5 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false },
    });
    const ref = mp.reference;

    // Only the Proposer (or the Panel) may request urgency; only the Authority decides it (C25, C28).
    expect((await api.raw('proposer@gas-network.example', 'POST', `/api/v1/modifications/${ref}/actions/request-urgency`, { payload: { reasons: 'x' } })).status).toBe(403);
    const notRequested = await api.raw(AUTHORITY, 'POST', `/api/v1/modifications/${ref}/actions/decide-urgency`, { payload: { granted: true, reasons: 'x' } });
    expect(notRequested.status).toBe(409);
    expect(notRequested.body.guards).toEqual(['urgency-requested']);
    await api.act(PROPOSER, ref, 'request-urgency', { reasons: 'Imminent consumer detriment from failed exchanges', criteria: ['significant-commercial-impact'] });
    const byPanel = await api.raw('panel.chair@panel.example', 'POST', `/api/v1/modifications/${ref}/actions/decide-urgency`, { payload: { granted: true, reasons: 'x' } });
    expect(byPanel.status).toBe(403);
    // mr-ssc-representations is never waivable (§6.6).
    const notWaivable = await api.raw(AUTHORITY, 'POST', `/api/v1/modifications/${ref}/actions/decide-urgency`, { payload: { granted: true, reasons: 'x', waivedGuards: ['mr-ssc-representations'] } });
    expect(notWaivable.status).toBe(422);
    expect(notWaivable.body.clause).toBeDefined();

    await api.act(AUTHORITY, ref, 'decide-urgency', {
      granted: true, reasons: 'Meets the urgency criteria', waivedGuards: ['mr-content-complete'],
      timetable: { summary: 'Urgent: 3 WD consultation', overrides: [{ timer: 'TM02', amount: 3, unit: 'WD' }] },
    });
    expect(await api.get(AUTHORITY, ref)).toMatchObject({ urgency: 'granted', waivedGuards: ['mr-content-complete'] });

    // RB-04: the Refinement Consultation closes after 3 WD instead of 15; the sweeper closes it.
    await api.act('analyst@secas.example', ref, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    const dueAt = ((await api.get(AUTHORITY, ref)).timers as Record<string, { dueAt: string }>).TM02!.dueAt;
    expect(dueAt).toBe('2026-03-05T23:59:59.000Z');
    const swept = await api.setClock('2026-03-06T08:00:00Z');
    expect(swept.timersFired).toEqual([expect.objectContaining({ timer: 'TM02', command: 'close-consultation' })]);
    await api.act('panel.chair@panel.example', ref, 'complete-refinement', {});
    expect((await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-1', modification: ref, baseline: '5.18', text: LEGAL_TEXT })).status).toBe(201);

    // The waived guard (mr-content-complete) lets a report without the D7.3 sections through.
    const issued = await api.act('analyst@secas.example', ref, 'issue-modification-report', { reportDocumentId: 'MR-U', sections: [], representations: [] });
    expect(issued.state.id).toBe('S07');
    await api.act('panel.chair@panel.example', ref, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-11' });
    await api.act('analyst@secas.example', ref, 'open-consultation', { kind: 'mrc', documentId: 'MRC-U' });
    await api.act('analyst@secas.example', ref, 'close-consultation', { kind: 'mrc' });
    await api.act('secretariat@secas.example', ref, 'open-ballot', {});
    for (const member of CHANGE_BOARD) await api.act(member, ref, 'cast-vote', { solutionId: 'proposed', choice: 'reject', rationale: 'Does not better facilitate (a)', objectives: { a: 'worse' } });
    expect((await api.act('secretariat@secas.example', ref, 'close-vote', {}, { onBehalfOf: 'change-board' })).state.id).toBe('S13');
    await api.act('analyst@secas.example', ref, 'attach-final-modification-report', { documentId: 'FMR-U' });
    const rejected = await api.act(AUTHORITY, ref, 'decide', { outcome: 'reject', reasons: 'Not better facilitating', decisionLetterDocumentId: 'DL-U' });
    expect(rejected.state).toEqual({ id: 'S18', name: 'Rejected' });
    // A second urgency request is refused: urgency has been decided.
    expect((await api.raw(PROPOSER, 'POST', `/api/v1/modifications/${ref}/actions/request-urgency`, { payload: { reasons: 'again' } })).status).toBe(409);
  });
});
