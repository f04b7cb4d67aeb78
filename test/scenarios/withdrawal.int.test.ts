// Withdrawal and adoption (sec-process.md §5.4 T43–T45) through the JSON API: a Modification
// Proposal withdrawn by its Proposer and adopted by another Party within TM06 (5 WD), then
// withdrawn again and left to run out; a Draft Proposal withdrawn with the 0 WD window,
// ending Withdrawn through the deadline sweeper.
import { describe, expect, it } from 'vitest';
import { DRAFT, SCREENING, scenarioApi } from './api-client.ts';

const PROPOSER = 'proposer@large-supplier.example';
const ADOPTER = 'proposer@other-party.example';

const api = scenarioApi('2026-03-02T09:00:00Z');

const timerDue = async (ref: string, timer: string) => ((await api.get(PROPOSER, ref)).timers as Record<string, { dueAt: string }>)[timer]!.dueAt;

describe('withdrawal and adoption through the JSON API', () => {
  it('T43, T44, T45: an MP withdrawn by its Proposer is adopted by another Party within TM06, and later withdrawn and not adopted', async () => {
    await api.setClock('2026-03-02T09:00:00Z');
    const { reference } = await api.raise(PROPOSER, DRAFT);
    await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
    await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act(PROPOSER, reference, 'request-conversion', {});
    const ref = (await api.act('panel.chair@panel.example', reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Refinement' }, workingGroupRequired: false })).reference;

    // Only the Proposer withdraws (proposer-only).
    const notProposer = await api.raw(ADOPTER, 'POST', `/api/v1/modifications/${ref}/actions/withdraw`, { payload: { reason: 'x' } });
    expect(notProposer.status).toBe(403);
    const withdrawn = await api.act(PROPOSER, ref, 'withdraw', { reason: 'Priorities changed' });
    expect(withdrawn.state).toEqual({ id: 'S19', name: 'WithdrawalNotice' });

    // A Defaulting Party may not adopt (M8.5(b), defaulting.mayAdopt = false).
    const defaulting = await api.raw('proposer@defaulting-supplier.example', 'POST', `/api/v1/modifications/${ref}/actions/adopt`, { payload: {} });
    expect(defaulting.status).toBe(403);

    await api.setClock('2026-03-04T09:00:00Z');
    const adopted = await api.act(ADOPTER, ref, 'adopt', { statement: 'We take it on' });
    expect(adopted.state.id).toBe('S05');
    const state = await api.get(ADOPTER, ref);
    expect(state.proposer).toMatchObject({ organisationId: 'helix-metering-services' });
    expect(state.proposerHistory).toHaveLength(2);
    // The former Proposer has no Proposer rights any more.
    expect((await api.raw(PROPOSER, 'POST', `/api/v1/modifications/${ref}/actions/withdraw`, { payload: {} })).status).toBe(403);

    await api.act(ADOPTER, ref, 'withdraw', { reason: 'No longer needed' });
    const dueAt = await timerDue(ref, 'TM06');
    const late = await api.setClock(new Date(Date.parse(dueAt) + 1000).toISOString());
    expect(late.timersFired).toEqual([expect.objectContaining({ timer: 'TM06' })]);
    expect((await api.get(ADOPTER, ref)).state).toBe('S20');
    const tooLate = await api.raw('proposer@small-supplier.example', 'POST', `/api/v1/modifications/${ref}/actions/adopt`, { payload: {} });
    expect(tooLate.status).toBe(409);
  });

  it('T45 with withdrawal.draftAdoptionWindowWd = 0: a withdrawn Draft Proposal cannot be adopted and the sweeper ends it Withdrawn', async () => {
    await api.setClock('2026-04-06T09:00:00Z');
    const { reference } = await api.raise(PROPOSER, { ...DRAFT, title: 'Short-lived idea' });
    await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
    await api.act(PROPOSER, reference, 'withdraw', {});
    const adopt = await api.raw(ADOPTER, 'POST', `/api/v1/modifications/${reference}/actions/adopt`, { payload: {} });
    expect(adopt.status).toBe(409);
    expect(adopt.body.guards).toEqual(['within-window']);
    const swept = await api.setClock('2026-04-06T09:00:01Z');
    expect(swept.timersFired).toEqual([expect.objectContaining({ timer: 'TM06', command: 'expire-timer' })]);
    expect((await api.get(PROPOSER, reference)).state).toBe('S20');
  });
});
