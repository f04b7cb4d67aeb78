// A Fast-Track Self-Governance Modification (sec-process.md §6.5; T11, T13) through the JSON
// API: only the Panel raises it, unanimously, for a housekeeping change; no objection within
// TM05 (15 WD), so the deadline sweeper approves it when the clock passes; it is scheduled and
// implemented. It never has a Refinement Process or a Modification Report.
import { describe, expect, it } from 'vitest';
import { DRAFT, SCREENING, scenarioApi } from './api-client.ts';

const PANEL = 'panel.chair@panel.example';
const FAST_TRACK = { changeKind: 'typographical-error', panelDecision: { for: 9, against: 0, abstain: 0 }, summary: 'Correct "Workng Days" in H4.12', legalTextDocumentId: 'LT-FT', legalTextBaseline: '5.18' };

const api = scenarioApi('2026-03-02T09:00:00Z');

describe('Fast-Track through the JSON API', () => {
  it('T11, T13 (TM05): raised by the Panel, approved by the sweeper when the objection window expires, then implemented', async () => {
    const { reference } = await api.raise('proposer@other-party.example', { ...DRAFT, title: 'Typo in H4.12', submissionBasis: 'fast-track-candidate' });
    await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);

    // Only the Panel may raise a Fast-Track (C25), unanimously, for a configured housekeeping kind.
    const byParty = await api.raw('proposer@other-party.example', 'POST', `/api/v1/modifications/${reference}/actions/raise-fast-track`, { payload: FAST_TRACK });
    expect(byParty.status).toBe(403);
    expect(byParty.body.type).toBe('not-entitled');
    const split = await api.raw(PANEL, 'POST', `/api/v1/modifications/${reference}/actions/raise-fast-track`, { payload: { ...FAST_TRACK, changeKind: 'policy-change', panelDecision: { for: 8, against: 1, abstain: 0 } } });
    expect(split.status).toBe(422);
    expect(split.body.guards).toEqual(['panel-unanimous', 'fast-track-criteria']);

    const raised = await api.act(PANEL, reference, 'raise-fast-track', FAST_TRACK);
    expect(raised.state).toEqual({ id: 'S14', name: 'FastTrackObjectionWindow' });
    const ref = raised.reference;
    expect(ref).toMatch(/^MP\d{3}$/);
    expect(await api.get(PANEL, ref)).toMatchObject({ fastTrack: true, path: 3 });

    // No Refinement Process and no Modification Report on a Fast-Track (C6, C7).
    expect((await api.raw(PANEL, 'POST', `/api/v1/modifications/${ref}/actions/complete-refinement`, { payload: {} })).status).toBe(409);

    const dueAt = ((await api.get(PANEL, ref)).timers as Record<string, { dueAt: string }>).TM05!.dueAt;
    const before = await api.setClock(new Date(Date.parse(dueAt) - 60_000).toISOString());
    expect(before.timersFired).toEqual([]);
    expect((await api.get(PANEL, ref)).state).toBe('S14');
    const after = await api.setClock(new Date(Date.parse(dueAt) + 1000).toISOString());
    expect(after.timersFired).toEqual([expect.objectContaining({ timer: 'TM05', command: 'expire-timer' })]);
    expect((await api.get(PANEL, ref)).state).toBe('S15');

    // An objection after the window is refused (within-window).
    const late = await api.raw('proposer@small-supplier.example', 'POST', `/api/v1/modifications/${ref}/actions/object-to-fast-track`, { payload: { reasons: 'Not housekeeping' } });
    expect(late.status).toBe(409);

    const date = new Date(Date.parse(dueAt) + 7 * 86_400_000).toISOString().slice(0, 10);
    await api.act(PANEL, ref, 'schedule-implementation', { implementationDate: date, releaseId: 'REL-AD-HOC' });
    await api.setClock(`${date}T09:00:00Z`);
    const done = await api.act('analyst@secas.example', ref, 'mark-implemented', { secVersion: '5.19' });
    expect(done.state).toEqual({ id: 'S17', name: 'Implemented' });
  });

  it('T12: an objection within TM05 takes the proposal off the Fast-Track route into the Refinement Process', async () => {
    await api.setClock('2026-07-01T09:00:00Z');
    const { reference } = await api.raise('proposer@other-party.example', { ...DRAFT, title: 'Another typo', submissionBasis: 'fast-track-candidate' });
    await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
    const raised = await api.act(PANEL, reference, 'raise-fast-track', FAST_TRACK);
    const objected = await api.act('proposer@small-supplier.example', raised.reference, 'object-to-fast-track', { reasons: 'Changes meaning' });
    expect(objected.state.id).toBe('S05');
    expect(await api.get(PANEL, raised.reference)).toMatchObject({ fastTrack: false });
  });
});
