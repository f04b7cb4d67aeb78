// The obligations tracker (§6.9): R-L-07, R-L-10, R-L-11, R-AG-01.
import { describe, expect, it } from 'vitest';
import { CURRENT_RULEBOOK } from '../rulebook/registry.ts';
import { ACTORS } from '../modification/test-support.ts';
import type { Actor } from '../modification/context.ts';
import type { Decision } from '../shared/decision.ts';
import { decideDecision, decideTrigger, itemsClosedBy, openGoLive, reminderStatus, replayObligation, type ObligationEvent, type ObligationPayloadOf } from './obligations.ts';

const ctx = (actor: Actor, now = '2026-03-02T10:00:00Z') => ({ now: new Date(now), rulebook: CURRENT_RULEBOOK, actor });
const accepted = (d: Decision<ObligationEvent>): ObligationEvent[] => {
  if (d.kind !== 'accepted') throw new Error(JSON.stringify(d));
  return [...d.events];
};
const trigger = (p: Partial<ObligationPayloadOf<'record-trigger'>> & Pick<ObligationPayloadOf<'record-trigger'>, 'trigger'>): ObligationPayloadOf<'record-trigger'> => ({ summary: 'why', ...p });

describe('L8.11 (R-L-07)', () => {
  it('is open from go-live with a reminder every obligations.reminderIntervalWd Working Days', () => {
    const s = replayObligation(openGoLive('OBL-L8-11', { now: new Date('2018-11-01T09:00:00Z'), rulebook: CURRENT_RULEBOOK }))!;
    expect(s).toMatchObject({ kind: 'l8.11', owner: 'dcc', status: 'open', openedOn: '2018-11-01', clause: 'L8.11' });
    // 20 WD after Thu 1 Nov 2018 is Thu 29 Nov 2018.
    expect(reminderStatus(s, new Date('2018-11-29T12:00:00Z'), CURRENT_RULEBOOK)).toMatchObject({ remindersDue: 0, nextReminderAt: '2018-11-29T23:59:59.000Z', overdue: false });
    expect(reminderStatus(s, new Date('2018-11-30T12:00:00Z'), CURRENT_RULEBOOK)).toMatchObject({ remindersDue: 1, overdue: true, reminderIntervalWd: 20 });
  });
  it('is closed at once when an l8.11 Draft Proposal already exists', () => {
    const s = replayObligation(openGoLive('OBL-L8-11', { now: new Date(), rulebook: CURRENT_RULEBOOK }, { reference: 'DP003' }))!;
    expect(s).toMatchObject({ status: 'closed', closedBy: { kind: 'draft-proposal', reference: 'DP003' } });
    expect(reminderStatus(s, new Date('2030-01-01T00:00:00Z'), CURRENT_RULEBOOK).remindersDue).toBe(0);
  });
});

describe('triggers', () => {
  it('L13.55: a DCCKI recommendation recorded by the DCC opens a DCC item; a DCCKI CPS change is refused pointing to L13.42 (R-L-11)', () => {
    const [opened] = accepted(decideTrigger(trigger({ trigger: 'dccki-recommendation', recommendationRef: 'REC-1', documentKind: 'dccki-sec-document' }), 'OBL-001', ctx(ACTORS.dcc)));
    expect(opened).toMatchObject({ type: 'ObligationOpened', data: { kind: 'l13.55', owner: 'dcc', recommendationRef: 'REC-1' } });
    expect(decideTrigger(trigger({ trigger: 'dccki-recommendation', recommendationRef: 'REC-2', documentKind: 'dccki-cps' }), 'OBL-002', ctx(ACTORS.dcc))).toMatchObject({ status: 422, clause: 'L13.42' });
    expect(decideTrigger(trigger({ trigger: 'dccki-recommendation', recommendationRef: 'REC-3' }), 'OBL-002', ctx(ACTORS.proposer))).toMatchObject({ code: 'not-entitled', status: 403, clause: 'L13.55(b)(i)' });
    expect(decideTrigger(trigger({ trigger: 'dccki-recommendation', recommendationRef: 'REC-1' }), 'OBL-002', ctx(ACTORS.dcc), { duplicateOf: 'OBL-001' })).toMatchObject({ status: 409 });
  });
  it('AG 3.2.4: a Problem flagged "Code change required" opens an item that only a DP with that problemRef closes (R-AG-01)', () => {
    expect(decideTrigger(trigger({ trigger: 'problem-code-change' }), 'OBL-003', ctx(ACTORS.dcc))).toMatchObject({ status: 422, clause: 'AG 3.2.4' });
    accepted(decideTrigger(trigger({ trigger: 'problem-code-change', problemRef: 'PRB-7' }), 'OBL-003', ctx(ACTORS.analyst)));
    const open = [{ id: 'OBL-003', kind: 'ag3.2.4' as const, problemRef: 'PRB-7', openedAt: '2026-01-01' }];
    expect(itemsClosedBy({ submissionBasis: 'ag3.2.4', problemRef: 'PRB-8' }, open)).toEqual([]);
    expect(itemsClosedBy({ submissionBasis: 'ag3.2.4' }, open)).toEqual([]);
    expect(itemsClosedBy({ submissionBasis: 'ag3.2.4', problemRef: 'PRB-7' }, open)).toEqual(['OBL-003']);
    expect(itemsClosedBy({ submissionBasis: 'voluntary', problemRef: 'PRB-7' }, open)).toEqual([]);
  });
  it('L10.24(c): Recovery Costs above the threshold open a Panel item; at or below the threshold nothing opens (R-L-10)', () => {
    expect(decideTrigger(trigger({ trigger: 'recovery-costs-threshold-exceeded', recoveryCostsGbp: 100, thresholdGbp: 100 }), 'OBL-4', ctx(ACTORS.secretariat))).toMatchObject({ status: 422, clause: 'L10.24(c)' });
    const h = accepted(decideTrigger(trigger({ trigger: 'recovery-costs-threshold-exceeded', recoveryCostsGbp: 150, thresholdGbp: 100, panelMeetingOn: '2026-03-20' }), 'OBL-4', ctx(ACTORS.secretariat)));
    const s = replayObligation(h)!;
    expect(s).toMatchObject({ owner: 'panel', kind: 'l10.24c', panelMeetingOn: '2026-03-20' });
    expect(reminderStatus(s, new Date('2026-03-21T10:00:00Z'), CURRENT_RULEBOOK)).toMatchObject({ dueOn: '2026-03-20', overdue: true });
    expect(decideDecision({ decision: 'not-submit', reasons: 'r' }, s, ctx(ACTORS.dcc))).toMatchObject({ code: 'not-entitled', status: 403 });
    const submit = accepted(decideDecision({ decision: 'submit', reasons: 'Change the methodology' }, s, ctx(ACTORS.panelChair)));
    expect(replayObligation([...h, ...submit])?.status).toBe('open');
    const closed = accepted(decideDecision({ decision: 'not-submit', reasons: 'Costs are one-off' }, replayObligation([...h, ...submit]), ctx(ACTORS.secretariat)));
    const after = replayObligation([...h, ...submit, ...closed])!;
    expect(after).toMatchObject({ status: 'closed', closedBy: { kind: 'decision', decision: 'not-submit' } });
    expect(decideDecision({ decision: 'not-submit', reasons: 'again' }, after, ctx(ACTORS.panelChair))).toMatchObject({ status: 409 });
  });
  it('a DCC duty cannot be closed by a decision, only by its Draft Proposal', () => {
    const s = replayObligation(openGoLive('OBL-L8-11', { now: new Date(), rulebook: CURRENT_RULEBOOK }));
    expect(decideDecision({ decision: 'not-submit', reasons: 'r' }, s, ctx(ACTORS.panelChair))).toMatchObject({ code: 'invalid-state', status: 409, clause: 'L8.11' });
    expect(itemsClosedBy({ submissionBasis: 'l8.11' }, [{ id: 'OBL-L8-11', kind: 'l8.11', openedAt: '2018-11-01' }])).toEqual(['OBL-L8-11']);
  });
});
