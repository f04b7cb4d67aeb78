// Governance records, given/when/then: who may run each command, and the rule of each kind.
import { describe, expect, it } from 'vitest';
import { ACTORS } from '../modification/test-support.ts';
import type { Actor } from '../modification/context.ts';
import type { Decision } from '../shared/decision.ts';
import { decideGovernance, type GovernanceFacts } from './decide-record.ts';
import { GOVERNANCE_KINDS, GOVERNANCE_RULES, type GovernanceKind } from './record-kinds.ts';
import { appointmentTallyOf, replayGovernance, type GovernanceEvent, type GovernanceRecord } from './record-state.ts';

const NOW = new Date('2026-04-02T10:00:00Z');
const ctx = (actor: Actor, facts: GovernanceFacts = {}) => ({ now: NOW, today: '2026-04-02', actor, facts });
const accepted = (d: Decision<GovernanceEvent>): GovernanceEvent[] => {
  if (d.kind !== 'accepted') throw new Error(`${d.code}: ${d.message}`);
  return [...d.events];
};

class Record_ {
  readonly events: GovernanceEvent[] = [];
  constructor(readonly kind: GovernanceKind, readonly id: string) {}
  get state(): GovernanceRecord | undefined {
    return replayGovernance(this.events);
  }
  run(actor: Actor, command: string, payload: Record<string, unknown>, facts: GovernanceFacts = {}): this {
    this.events.push(...accepted(this.try(actor, command, payload, facts)));
    return this;
  }
  try(actor: Actor, command: string, payload: Record<string, unknown>, facts: GovernanceFacts = {}) {
    return decideGovernance(this.kind, command, payload, this.state, this.id, ctx(actor, facts));
  }
}

describe('governance records: entitlement by role', () => {
  it('every command of every kind refuses a user without one of its roles with 403 and the clause', () => {
    for (const kind of GOVERNANCE_KINDS) {
      for (const [command, rule] of Object.entries(GOVERNANCE_RULES[kind].commands)) {
        const refusal = decideGovernance(kind, command, {}, undefined, 'X-1', ctx(ACTORS.authority));
        expect(refusal, `${kind} ${command}`).toMatchObject({ kind: 'refusal', code: 'not-entitled', status: 403, clause: rule.clause });
      }
    }
  });
});

describe('R-C-03 disputes (C2.3(l)(ii))', () => {
  it('R-C-03 a dispute record accepts one or more external dispute references, each once', () => {
    const r = new Record_('disputes', 'DSP-001').run(ACTORS.secretariat, 'create', { title: 'Meter read dispute' });
    r.run(ACTORS.secretariat, 'link-external-dispute', { code: 'BSC', reference: 'TDD-12' }).run(ACTORS.panelChair, 'link-external-dispute', { code: 'REC', reference: 'D-7' });
    expect(r.state).toMatchObject({ kind: 'disputes', externalDisputes: [{ code: 'BSC' }, { code: 'REC' }] });
    expect(r.try(ACTORS.secretariat, 'link-external-dispute', { code: 'BSC', reference: 'TDD-12' })).toMatchObject({ code: 'conflict', status: 409 });
  });
});

describe('R-G-02 and R-G-03 Security Sub-Committee support and liaison (G7.18(g), (h))', () => {
  it('R-G-02 a request for SSC support or attendance is linked to the requesting body, and the SSC records who attended', () => {
    const r = new Record_('ssc-support-requests', 'SSR-001').run(ACTORS.tabasc, 'create', { requestingBody: 'tabasc', bodyRef: 'TABASC', kind: 'attendance' });
    expect(r.try(ACTORS.tabasc, 'record-attendance', { representative: 'A. Person', meetingDate: '2026-04-01' })).toMatchObject({ status: 403 });
    expect(r.try(ACTORS.ssc, 'record-attendance', { representative: 'A. Person', meetingDate: '2026-05-01' })).toMatchObject({ code: 'invalid-input', status: 422 });
    r.run(ACTORS.ssc, 'record-attendance', { representative: 'A. Person', meetingDate: '2026-04-01' });
    expect(r.state).toMatchObject({ requestingBody: 'tabasc', attendance: [{ representative: 'A. Person' }] });
  });
  it('R-G-03 liaison with the Alt HAN Forum is logged and linked to existing DPs or MPs only', () => {
    const r = new Record_('alt-han-liaison', 'AHL-001');
    expect(r.try(ACTORS.ssc, 'create', { summary: 'Alt HAN device keys', proposalRefs: ['DP999'] }, { unknownProposalRefs: ['DP999'] })).toMatchObject({ status: 422 });
    expect(r.try(ACTORS.ssc, 'create', { summary: 'x', proposalRefs: ['nonsense'] })).toMatchObject({ status: 422, clause: 'G7.18(h)' });
    r.run(ACTORS.forum, 'create', { summary: 'Alt HAN device keys', proposalRefs: ['dp014', 'MP015'] });
    expect(r.state).toMatchObject({ proposalRefs: ['DP014', 'MP015'] });
  });
});

describe('R-L-08 and R-L-09 Recovery Costs (L10.24)', () => {
  it('R-L-08 the threshold is saved only on a consultation covering the Parties and the Authority, by the Panel', () => {
    const partial = new Record_('recovery-costs-consultations', 'RCT-001').run(ACTORS.secretariat, 'create', { consulted: ['parties'], closedOn: '2026-03-01' });
    expect(partial.try(ACTORS.panelChair, 'set-threshold', { amountGbp: 500000 })).toMatchObject({ code: 'guard-failed', guards: ['threshold-consulted'] });
    const full = new Record_('recovery-costs-consultations', 'RCT-002').run(ACTORS.secretariat, 'create', { consulted: ['parties', 'authority'], closedOn: '2026-03-01' });
    expect(full.try(ACTORS.secretariat, 'set-threshold', { amountGbp: 500000 })).toMatchObject({ status: 403 });
    full.run(ACTORS.panelChair, 'set-threshold', { amountGbp: 500000 });
    expect(full.state).toMatchObject({ threshold: { amountGbp: 500000 } });
    expect(full.try(ACTORS.panelChair, 'set-threshold', { amountGbp: 1 })).toMatchObject({ status: 409 });
  });
  it('R-L-09 the DCC refers; the Panel determines dates per Party, in instalments, once', () => {
    const r = new Record_('recovery-cost-referrals', 'RCR-001');
    expect(r.try(ACTORS.panelChair, 'create', { summary: 'Dates for the 2026 recovery' })).toMatchObject({ status: 403 });
    r.run(ACTORS.dcc, 'create', { summary: 'Dates for the 2026 recovery' });
    const schedule = [
      { organisationId: 'northern-lights-energy', instalments: [{ dueOn: '2026-05-01', amountGbp: 1000 }, { dueOn: '2026-06-01', amountGbp: 1000 }] },
      { organisationId: 'brightside-supply', instalments: [{ dueOn: '2026-07-01', amountGbp: 500 }] },
    ];
    expect(r.try(ACTORS.panelChair, 'determine-payment-dates', { schedule: [...schedule, schedule[0]] })).toMatchObject({ status: 422 });
    r.run(ACTORS.panelChair, 'determine-payment-dates', { schedule });
    expect(r.state).toMatchObject({ determination: { schedule: { 'brightside-supply': [{ amountGbp: 500 }] } } });
    expect(r.try(ACTORS.panelChair, 'determine-payment-dates', { schedule })).toMatchObject({ status: 409 });
  });
});

describe('R-M-05 Change Board appointment requests (M8.5(c)(ii))', () => {
  const org = (id: string, defaulting: boolean, partyCategory: 'other-sec-party' | 'small-supplier' = 'other-sec-party') => ({ organisation: { id, partyCategory, defaulting, isParty: true } });
  it("R-M-05 a defaulting non-Supplier Party's view is recorded as disregarded under M8.5(c)(ii) and excluded from the count", () => {
    const r = new Record_('change-board-appointment-requests', 'CBA-001').run(ACTORS.secretariat, 'create', { action: 'remove', seatCategory: 'other-sec-party', memberName: 'C. Member' });
    r.run(ACTORS.secretariat, 'record-view', { organisationId: 'quarry-metering', view: 'support' }, org('quarry-metering', true));
    r.run(ACTORS.otherParty, 'record-view', { organisationId: 'helix-metering-services', view: 'oppose' }, org('helix-metering-services', false));
    const state = r.state as Extract<GovernanceRecord, { kind: 'change-board-appointment-requests' }>;
    const tally = appointmentTallyOf(state);
    expect(tally.views.find((v) => v.organisationId === 'quarry-metering')).toMatchObject({ counted: false, note: 'disregarded under M8.5(c)(ii)' });
    expect([tally.support, tally.oppose]).toEqual([0, 1]);
  });
  it("a Party user records only its own organisation's view, once, and only for the seat's Party Category", () => {
    const r = new Record_('change-board-appointment-requests', 'CBA-002').run(ACTORS.secretariat, 'create', { action: 'appoint', seatCategory: 'other-sec-party', memberName: 'D. Member' });
    expect(r.try(ACTORS.otherParty, 'record-view', { organisationId: 'quarry-metering', view: 'support' }, org('quarry-metering', false))).toMatchObject({ status: 403 });
    expect(r.try(ACTORS.smallSupplier, 'record-view', { organisationId: 'brightside-supply', view: 'support' }, org('brightside-supply', false, 'small-supplier'))).toMatchObject({ status: 422 });
    r.run(ACTORS.otherParty, 'record-view', { organisationId: 'helix-metering-services', view: 'support' }, org('helix-metering-services', false));
    expect(r.try(ACTORS.otherParty, 'record-view', { organisationId: 'helix-metering-services', view: 'oppose' }, org('helix-metering-services', false))).toMatchObject({ status: 409 });
  });
});
