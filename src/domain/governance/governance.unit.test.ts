import { describe, expect, it } from 'vitest';
import { evolveDispute, linkExternalDispute } from './dispute-links.ts';
import { logAltHanLiaison, recordSscAttendance, requestSscSupport } from './security-liaison.ts';
import { determinePaymentDates, setRecoveryCostsThreshold } from './recovery-costs.ts';

describe('records kept outside the lifecycle', () => {
  it('R-C-03 a dispute record accepts one or more external dispute references (C2.3(l)(ii))', () => {
    let d = evolveDispute(undefined, { type: 'DisputeRecorded', data: { disputeId: 'D1', title: 'Meter read dispute' } });
    for (const ref of [{ code: 'BSC', reference: 'TDD-12' }, { code: 'REC', reference: 'D-7' }]) {
      const decision = linkExternalDispute(d, ref);
      if (decision.kind !== 'accepted') throw new Error(decision.message);
      d = evolveDispute(d, decision.events[0]!);
    }
    expect(d.externalDisputes).toHaveLength(2);
    expect(linkExternalDispute(d, { code: 'BSC', reference: 'TDD-12' })).toMatchObject({ kind: 'refusal', code: 'conflict', clause: 'C2.3(l)(ii)' });
  });

  it('R-G-02 a request for SSC support or attendance is linked to the requesting body or Working Group (G7.18(g))', () => {
    expect(requestSscSupport({ requestId: 'R1', requestingBody: 'working-group', bodyRef: 'MP014', kind: 'attendance' })).toMatchObject({ kind: 'accepted' });
    expect(requestSscSupport({ requestId: 'R2', requestingBody: 'panel' as never, bodyRef: 'x', kind: 'support' })).toMatchObject({ kind: 'refusal', clause: 'G7.18(g)' });
    const r = { requestId: 'R1', requestingBody: 'tabasc' as const, bodyRef: 'TABASC', kind: 'attendance' as const, attendance: [] };
    expect(recordSscAttendance(r, 'ssc-rep', '2026-04-01')).toMatchObject({ kind: 'accepted' });
  });

  it('R-G-03 SSC liaison with the Alt HAN Forum can be logged and linked to a DP or MP (G7.18(h))', () => {
    expect(logAltHanLiaison({ entryId: 'L1', summary: 'Alt HAN device keys', at: '2026-04-01T10:00:00Z', proposalRefs: ['DP014', 'MP015'] })).toMatchObject({ kind: 'accepted' });
    expect(logAltHanLiaison({ entryId: 'L2', summary: 'x', at: '2026-04-01T10:00:00Z', proposalRefs: ['nonsense'] })).toMatchObject({ kind: 'refusal', clause: 'G7.18(h)' });
  });

  it('R-L-08 saving the Recovery Costs threshold requires a consultation covering the Parties and the Authority (L10.24)', () => {
    expect(setRecoveryCostsThreshold(500_000, undefined)).toMatchObject({ kind: 'refusal', guards: ['threshold-consulted'] });
    expect(setRecoveryCostsThreshold(500_000, { consultationId: 'C1', consulted: ['parties'], closedOn: '2026-01-10' })).toMatchObject({ kind: 'refusal', message: expect.stringContaining('authority') });
    expect(setRecoveryCostsThreshold(500_000, { consultationId: 'C1', consulted: ['parties', 'authority'], closedOn: '2026-01-10' })).toMatchObject({ kind: 'accepted' });
  });

  it('R-L-09 the Panel determines payment dates on a DCC referral, per Party and in instalments (L10.24(a),(b))', () => {
    const schedule = { 'northern-lights-energy': [{ dueOn: '2026-05-01', amountGbp: 1000 }, { dueOn: '2026-06-01', amountGbp: 1000 }], 'brightside-supply': [{ dueOn: '2026-07-01', amountGbp: 500 }] };
    expect(determinePaymentDates(undefined, { referralId: 'REF-1', schedule })).toMatchObject({ kind: 'refusal', clause: 'L10.24(a)' });
    const ok = determinePaymentDates({ referralId: 'REF-1', referredBy: 'dcc' }, { referralId: 'REF-1', schedule });
    expect(ok).toMatchObject({ kind: 'accepted' });
    expect(determinePaymentDates({ referralId: 'REF-1', referredBy: 'dcc' }, { referralId: 'REF-1', schedule: { x: [] } })).toMatchObject({ kind: 'refusal', clause: 'L10.24(b)' });
  });
});
