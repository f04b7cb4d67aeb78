// Significant Code Reviews through the JSON API (sec-process.md §6.7, R-A-08; T46, T47):
// an MP suspended while an SCR Phase is live, its timers paused, resumed once the phase has
// ended (limb (d), 28 calendar days after the conclusion document); limb (a) by an SCR Draft
// Proposal; and an Authority-Led Variation whose D9A.11 decision ends its SCR Phase (limb (b)).
import { describe, expect, it } from 'vitest';
import { DRAFT, SCREENING, scenarioApi } from './api-client.ts';

const AUTHORITY = 'authority@ofgem.example';
const PROPOSER = 'proposer@large-supplier.example';

const api = scenarioApi('2026-03-02T09:00:00Z');

async function toRefinement(): Promise<string> {
  const { reference } = await api.raise(PROPOSER, DRAFT);
  await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
  await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
  await api.act(PROPOSER, reference, 'request-conversion', {});
  const mp = await api.act('panel.chair@panel.example', reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Refinement to June' }, workingGroupRequired: false });
  return mp.reference;
}

const startScr = async (subject: string, noticeDate: string, startBasis = 'notice', scope: string[] = [subject]) => {
  const res = await api.raw(AUTHORITY, 'POST', '/api/v1/significant-code-reviews', { payload: { subject, noticeDate, startBasis, scope } });
  expect(res.status).toBe(201);
  return res.body as { id: string; streamVersion: number; record: Record<string, unknown> };
};
const scr = async (id: string) => (await api.raw('analyst@secas.example', 'GET', `/api/v1/significant-code-reviews/${id}`)).body;

describe('SCR suspension through the JSON API', () => {
  it('T46/T47, A1.1 limb (d): suspended while the SCR Phase is live with timers paused, resumed after conclusion + 28 calendar days, then withdrawn (T43, T45)', async () => {
    await api.setClock('2026-03-02T09:00:00Z');
    const ref = await toRefinement();
    await api.act('analyst@secas.example', ref, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    const dueBefore = ((await api.get(PROPOSER, ref)).timers as Record<string, { dueAt: string }>).TM02!.dueAt;

    // Only the Authority gives notice of an SCR (A1.1).
    const panel = await api.raw('panel.chair@panel.example', 'POST', '/api/v1/significant-code-reviews', { payload: { subject: 'Meter exchange', noticeDate: '2026-03-02', startBasis: 'notice' } });
    expect(panel.status).toBe(403);
    expect(panel.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(panel.body.clause).toBe('A1.1');
    const bad = await api.raw(AUTHORITY, 'POST', '/api/v1/significant-code-reviews', { payload: { subject: 'x', noticeDate: '2026-02-30', startBasis: 'notice' } });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);

    const started = await startScr('Meter exchange notifications', '2026-03-02');
    expect(started.record).toMatchObject({ live: true, ended: false });
    const scrId = started.id;

    // scr-live: an unknown SCR is not in its phase.
    const unknown = await api.raw(AUTHORITY, 'POST', `/api/v1/modifications/${ref}/actions/suspend-for-scr`, { payload: { scrId: 'SCR-999', scopeItems: ['Meter exchange notifications'], reasons: 'In scope' } });
    expect(unknown.status).toBe(409);
    expect(unknown.body).toMatchObject({ type: 'guard-failed', guards: ['scr-live'] });

    await api.setClock('2026-03-04T09:00:00Z');
    // scr-in-scope: the subject must fall within the SCR's recorded scope (A1.1).
    const outside = await api.raw(AUTHORITY, 'POST', `/api/v1/modifications/${ref}/actions/suspend-for-scr`, { payload: { scrId, scopeItems: ['Alt HAN charging'], reasons: 'In scope?' } });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ type: 'guard-failed', guards: ['scr-in-scope'], clause: 'A1.1' });
    expect(outside.body.detail).toContain('Meter exchange notifications');
    const suspended = await api.act(AUTHORITY, ref, 'suspend-for-scr', { scrId, scopeItems: ['Meter exchange notifications'], reasons: 'Within the scope of the SCR' });
    expect(suspended.state.id).toBe('S21');
    const paused = (await api.get(PROPOSER, ref)).timers as Record<string, { status: string; remaining?: { amount: number; unit: string } }>;
    expect(paused.TM02).toMatchObject({ status: 'paused', remaining: { unit: 'WD' } });

    // The phase has not ended: the proposal may not resume (scr-ended-or-exempt).
    const early = await api.raw('panel.chair@panel.example', 'POST', `/api/v1/modifications/${ref}/actions/resume-after-scr`, { payload: { disposition: 'resume', reasons: 'SCR concluded' } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ guards: ['scr-ended-or-exempt'] });

    // Limb (d): the conclusion document dated 4 March ends the phase on 1 April (28 calendar days).
    const notAuthority = await api.raw('panel.chair@panel.example', 'POST', `/api/v1/significant-code-reviews/${scrId}/actions/record-conclusion`, { payload: { conclusionDocumentDate: '2026-03-04', documentId: 'CONC-1' } });
    expect(notAuthority.status).toBe(403);
    expect(notAuthority.body.clause).toBe('A1.1');
    const concluded = await api.raw(AUTHORITY, 'POST', `/api/v1/significant-code-reviews/${scrId}/actions/record-conclusion`, { payload: { conclusionDocumentDate: '2026-03-04', documentId: 'CONC-1' } }, { 'if-match': '"1"' });
    expect(concluded.status).toBe(200);
    expect(concluded.body.record).toMatchObject({ phaseEnd: '2026-04-01', endedBy: 'd', live: true });
    const again = await api.raw(AUTHORITY, 'POST', `/api/v1/significant-code-reviews/${scrId}/actions/record-no-modification-conclusion`, { payload: { conclusionDate: '2026-03-04', documentId: 'X', reasons: 'r' } }, { 'if-match': '"1"' });
    expect(again.status).toBe(412);

    // Timers stay paused while suspended: nothing fires weeks later.
    const later = await api.setClock('2026-03-31T12:00:00Z');
    expect(later.timersFired).toEqual([]);
    expect((await api.raw('panel.chair@panel.example', 'POST', `/api/v1/modifications/${ref}/actions/resume-after-scr`, { payload: { disposition: 'resume', reasons: 'r' } })).status).toBe(409);

    // When the phase ends the sweeper notes it once
    // on the SCR with the suspended proposals, and each becomes a resume-or-close task
    // ([Default] scr.autoResumeOnPhaseEnd = false: nothing resumes by itself).
    await api.setClock('2026-04-01T09:00:00Z');
    expect(await scr(scrId)).toMatchObject({ phaseEnd: '2026-04-01', live: false, ended: true, phaseEndNoted: { phaseEnd: '2026-04-01', endedBy: 'd', suspendedProposals: [ref] } });
    expect((await api.get(PROPOSER, ref)).state).toBe('S21');
    const panelActions = (await api.raw('panel.chair@panel.example', 'GET', `/api/v1/modifications/${ref}/actions`)).body as { actions: { command: string }[] };
    expect(panelActions.actions.map((a) => a.command)).toContain('resume-after-scr');
    await api.setClock('2026-04-02T09:00:00Z');
    const events = (await api.raw('analyst@secas.example', 'GET', `/api/v1/significant-code-reviews/${scrId}`)).body as { streamVersion: number };
    expect(events.streamVersion).toBe(3);
    const resumed = await api.act('panel.chair@panel.example', ref, 'resume-after-scr', { disposition: 'resume', reasons: 'SCR Phase ended (limb (d))' });
    expect(resumed.state.id).toBe('S05');
    const running = ((await api.get(PROPOSER, ref)).timers as Record<string, { status: string; dueAt: string }>).TM02!;
    expect(running.status).toBe('running');
    expect(Date.parse(running.dueAt)).toBeGreaterThan(Date.parse(dueBefore));

    // Terminal: withdrawn by the Proposer and not adopted within TM06.
    await api.act(PROPOSER, ref, 'withdraw', { reason: 'Superseded by the SCR outcome' });
    const tm06 = ((await api.get(PROPOSER, ref)).timers as Record<string, { dueAt: string }>).TM06!.dueAt;
    const fired = await api.setClock(new Date(Date.parse(tm06) + 1000).toISOString());
    expect(fired.timersFired).toEqual(expect.arrayContaining([expect.objectContaining({ timer: 'TM06' })]));
    expect((await api.get(PROPOSER, ref)).state).toBe('S20');
  });

  it('A1.1 limb (a): an SCR Draft Proposal submitted by the Authority ends the phase that day; T48 closes a suspended DP as subsumed', async () => {
    await api.setClock('2026-05-04T09:00:00Z');
    const { id } = await startScr('Prepayment arrangements', '2026-05-04', 'backstop-direction');
    const dp = await api.raise(PROPOSER, { ...DRAFT, title: 'Prepayment top-up' });
    // The Panel suspends on the Authority's scope view, which it must attach.
    const panelAlone = await api.raw('panel.chair@panel.example', 'POST', `/api/v1/modifications/${dp.reference}/actions/suspend-for-scr`, { payload: { scrId: id, scopeItems: ['Prepayment arrangements'], reasons: 'In scope' } });
    expect(panelAlone.status).toBe(422);
    expect(panelAlone.body.guards).toEqual(['scr-in-scope']);
    await api.act('panel.chair@panel.example', dp.reference, 'suspend-for-scr', { scrId: id, scopeItems: ['Prepayment arrangements'], authorityScopeViewDocumentId: 'OFG-SCOPE-1', reasons: 'In scope' });
    await api.setClock('2026-05-06T09:00:00Z');
    const scrDp = await api.raise(AUTHORITY, { ...DRAFT, title: 'SCR outcome: prepayment', submissionBasis: 'scr', scrId: id });
    expect(await scr(id)).toMatchObject({ phaseEnd: '2026-05-06', endedBy: 'a', scrDraftProposalRef: scrDp.reference, ended: true });
    const closed = await api.act(AUTHORITY, dp.reference, 'resume-after-scr', { disposition: 'close', reasons: 'Subsumed by the SCR Draft Proposal' });
    expect(closed.state.id).toBe('S22');
    // No direction can be recorded once the phase has ended.
    const late = await api.raw(AUTHORITY, 'POST', `/api/v1/significant-code-reviews/${id}/actions/record-backstop-direction`, { payload: { directionDate: '2026-05-06', documentId: 'BD-2' } });
    expect(late.status).toBe(409);
    expect(late.body.clause).toBe('A1.1');
  });

  it('A1.1, scr.exemptionsAllowed: the Authority exempts a proposal, which then cannot be held and, if held, may resume while the phase is live; SCR writes are idempotent', async () => {
    await api.setClock('2026-07-01T09:00:00Z');
    const key = { 'idempotency-key': 'scr-start-smart-charging' };
    const body = { payload: { subject: 'Smart charging', noticeDate: '2026-07-01', startBasis: 'notice', scope: ['Smart charging', 'Section H'] } };
    const first = await api.raw(AUTHORITY, 'POST', '/api/v1/significant-code-reviews', body, key);
    const repeat = await api.raw(AUTHORITY, 'POST', '/api/v1/significant-code-reviews', body, key);
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    const reused = await api.raw(AUTHORITY, 'POST', '/api/v1/significant-code-reviews', { payload: { ...body.payload, subject: 'Other' } }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('idempotency-key-reused');
    const id = first.body.id as string;
    const all = (await api.raw(AUTHORITY, 'GET', '/api/v1/significant-code-reviews')).body as { significantCodeReviews: { subject: string }[] };
    expect(all.significantCodeReviews.filter((r) => r.subject === 'Smart charging')).toHaveLength(1);

    const held = await api.raise(PROPOSER, { ...DRAFT, title: 'Charge point data' });
    const free = await api.raise(PROPOSER, { ...DRAFT, title: 'Charge point tariffs' });
    await api.act(AUTHORITY, held.reference, 'suspend-for-scr', { scrId: id, scopeItems: ['Section H'], reasons: 'In scope' });
    const exemptUrl = `/api/v1/significant-code-reviews/${id}/actions/exempt-proposal`;
    expect((await api.raw('panel.chair@panel.example', 'POST', exemptUrl, { payload: { reference: free.reference, reasons: 'r' } })).status).toBe(403);
    expect((await api.raw(AUTHORITY, 'POST', exemptUrl, { payload: { reference: 'DP999', reasons: 'r' } })).status).toBe(422);
    for (const ref of [free.reference, held.reference]) {
      const ok = await api.raw(AUTHORITY, 'POST', exemptUrl, { payload: { reference: ref, reasons: 'Not a matter for the review', documentId: 'OFG-EX-1' } });
      expect(ok.status).toBe(200);
    }
    expect((await api.raw(AUTHORITY, 'POST', exemptUrl, { payload: { reference: free.reference, reasons: 'again' } })).status).toBe(409);
    const refused = await api.raw(AUTHORITY, 'POST', `/api/v1/modifications/${free.reference}/actions/suspend-for-scr`, { payload: { scrId: id, scopeItems: ['Section H'], reasons: 'In scope' } });
    expect(refused.status).toBe(422);
    expect(refused.body.guards).toEqual(['scr-in-scope']);
    expect(await scr(id)).toMatchObject({ live: true, exemptions: [{ reference: free.reference }, { reference: held.reference }] });
    const resumed = await api.act('panel.chair@panel.example', held.reference, 'resume-after-scr', { disposition: 'resume', reasons: 'Exempted by the Authority' });
    expect(resumed.state.id).toBe('S01');
  });

  it('D9A.2, D9A.11, A1.1 limb (b): an Authority-Led Variation is directed, decided (ending the SCR Phase) and implemented; only the Authority acts', async () => {
    await api.setClock('2026-06-01T09:00:00Z');
    const { id } = await startScr('Data retention', '2026-06-01', 'alv-direction');
    const directed = await api.raw(AUTHORITY, 'POST', '/api/v1/authority-led-variations', { payload: { scrId: id, title: 'Retention periods', directionDate: '2026-06-01', documentId: 'DIR-1' } });
    expect(directed.status).toBe(201);
    const alvId = directed.body.id as string;
    expect(alvId).toBe(`${id}-ALV-1`);
    const alvUrl = `/api/v1/authority-led-variations/${alvId}`;
    expect((await api.raw(AUTHORITY, 'GET', alvUrl)).body).toMatchObject({ state: 'Directed', scrId: id });
    const byPanel = await api.raw('panel.chair@panel.example', 'POST', `${alvUrl}/actions/submit-for-decision`, { payload: { consultationDocumentId: 'CONS-1' } });
    expect(byPanel.status).toBe(403);
    expect(byPanel.body.clause).toBe('D9A.2');
    const noConsultation = await api.raw(AUTHORITY, 'POST', `${alvUrl}/actions/submit-for-decision`, { payload: {} });
    expect(noConsultation.status).toBe(422);
    expect(noConsultation.body.guards).toEqual(['alv-consultation-held']);
    const tooEarly = await api.raw(AUTHORITY, 'POST', `${alvUrl}/actions/decide`, { payload: { outcome: 'approve', reasons: 'r', decisionLetterDocumentId: 'DL-1' } });
    expect(tooEarly.status).toBe(409);
    await api.raw(AUTHORITY, 'POST', `${alvUrl}/actions/submit-for-decision`, { payload: { consultationDocumentId: 'CONS-1' } });
    await api.setClock('2026-06-10T09:00:00Z');
    const decided = await api.raw(AUTHORITY, 'POST', `${alvUrl}/actions/decide`, { payload: { outcome: 'approve', reasons: 'Better facilitates the objectives', decisionLetterDocumentId: 'DL-1' } });
    expect(decided.status).toBe(200);
    expect(decided.body.record).toMatchObject({ state: 'Approved', decision: { decisionDate: '2026-06-10' } });
    expect(await scr(id)).toMatchObject({ phaseEnd: '2026-06-10', endedBy: 'b', alvDecisionDate: '2026-06-10', ended: true });
    await api.raw(AUTHORITY, 'POST', `${alvUrl}/actions/schedule-implementation`, { payload: { implementationDate: '2026-06-25' } });
    expect((await api.raw(AUTHORITY, 'POST', `${alvUrl}/actions/mark-implemented`, { payload: { secVersion: '6.1' } })).status).toBe(409);
    await api.setClock('2026-06-25T09:00:00Z');
    const done = await api.raw(AUTHORITY, 'POST', `${alvUrl}/actions/mark-implemented`, { payload: { secVersion: '6.1' } });
    expect(done.body.record).toMatchObject({ state: 'Implemented', implementation: { secVersion: '6.1' } });
    const list = (await api.raw('proposer@small-supplier.example', 'GET', `/api/v1/authority-led-variations?scrId=${id}`)).body.authorityLedVariations as unknown[];
    expect(list).toHaveLength(1);
    // Bad input is a 4xx, never a 500.
    expect((await api.raw(AUTHORITY, 'POST', `${alvUrl}/actions/decide`, { payload: { outcome: 'maybe' } })).status).toBe(400);
    expect((await api.raw(AUTHORITY, 'POST', '/api/v1/authority-led-variations/NOPE/actions/decide', { payload: { outcome: 'approve', reasons: 'r', decisionLetterDocumentId: 'D' } })).status).toBe(404);
  });
});
