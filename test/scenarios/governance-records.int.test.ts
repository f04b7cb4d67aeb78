// Governance records through the JSON API (sec-process.md §1.4, §9): R-C-03, R-G-02, R-G-03,
// R-L-08, R-L-09, R-M-02, R-M-05 — each kind created and acted on by the demo cast, refused
// with the clause when the role is wrong, idempotent with an Idempotency-Key, and in the
// OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from './api-client.ts';

let t: TestApp;
let api: ApiCast;
beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  api = new ApiCast(t.app);
  await api.setClock('2026-04-02T09:00:00Z');
});
afterAll(async () => t?.close());

const SECRETARIAT = 'secretariat@secas.example';
const PANEL_CHAIR = 'panel.chair@panel.example';

const create = async (email: string, kind: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api.raw(email, 'POST', `/api/v1/governance/${kind}`, { payload }, headers);
const act = async (email: string, kind: string, id: string, command: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api.raw(email, 'POST', `/api/v1/governance/${kind}/${id}/actions/${command}`, { payload }, headers);

describe('governance records through the JSON API', () => {
  it('R-C-03 a dispute record accepts one or more external dispute references (C2.3(l)(ii)); a repeat with the same key answers the same', async () => {
    const refused = await create('proposer@large-supplier.example', 'disputes', { title: 'Meter read dispute' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.clause).toBe('C2.3(l)(ii)');
    const key = { 'idempotency-key': 'dispute-meter-read' };
    const first = await create(SECRETARIAT, 'disputes', { title: 'Meter read dispute', summary: 'Joint working with the BSC' }, key);
    const again = await create(SECRETARIAT, 'disputes', { title: 'Meter read dispute', summary: 'Joint working with the BSC' }, key);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const id = first.body.id as string;
    expect(id).toBe('DSP-001');
    expect((await act(SECRETARIAT, 'disputes', id, 'link-external-dispute', { code: 'BSC', reference: 'TDD-12' })).status).toBe(200);
    const second = await act(PANEL_CHAIR, 'disputes', id, 'link-external-dispute', { code: 'REC', reference: 'D-7' }, { 'if-match': '"2"' });
    expect(second.status).toBe(200);
    expect((await act(SECRETARIAT, 'disputes', id, 'link-external-dispute', { code: 'BSC', reference: 'TDD-12' })).status).toBe(409);
    expect((await act(SECRETARIAT, 'disputes', id, 'link-external-dispute', { code: 'DCUSA', reference: 'X' }, { 'if-match': '"2"' })).status).toBe(412);
    const got = await api.raw('analyst@secas.example', 'GET', `/api/v1/governance/disputes/${id}`);
    expect(got.body).toMatchObject({ kind: 'disputes', externalDisputes: [{ code: 'BSC', reference: 'TDD-12' }, { code: 'REC', reference: 'D-7' }] });
    expect(got.headers.etag).toBe('"3"');
  });

  it('R-G-02 a request for SSC support or attendance is linked to the requesting body, and attendance is recorded by the SSC (G7.18(g))', async () => {
    const req = await create('tabasc@tabasc.example', 'ssc-support-requests', { requestingBody: 'tabasc', bodyRef: 'TABASC', kind: 'attendance', summary: 'Security architecture review' });
    expect(req.status).toBe(201);
    const id = req.body.id as string;
    expect((await act('tabasc@tabasc.example', 'ssc-support-requests', id, 'record-attendance', { representative: 'Sam Secure', meetingDate: '2026-04-01' })).status).toBe(403);
    const attended = await act('ssc@ssc.example', 'ssc-support-requests', id, 'record-attendance', { representative: 'Sam Secure', meetingDate: '2026-04-01' });
    expect(attended.body.record).toMatchObject({ requestingBody: 'tabasc', bodyRef: 'TABASC', attendance: [{ representative: 'Sam Secure', meetingDate: '2026-04-01' }] });
    expect((await create('tabasc@tabasc.example', 'ssc-support-requests', { requestingBody: 'panel', bodyRef: 'x', kind: 'support' })).status).toBe(400);
  });

  it('R-G-03 SSC liaison with the Alt HAN Forum is logged and linked to a DP or MP that exists (G7.18(h))', async () => {
    const { reference } = await api.raise('proposer@large-supplier.example', DRAFT);
    expect((await create('ssc@ssc.example', 'alt-han-liaison', { summary: 'Alt HAN device keys', proposalRefs: ['DP999'] })).status).toBe(422);
    const logged = await create('forum@alt-han.example', 'alt-han-liaison', { summary: 'Alt HAN device keys', proposalRefs: [reference] });
    expect(logged.status).toBe(201);
    const linked = await api.raw('ssc@ssc.example', 'GET', `/api/v1/governance/alt-han-liaison?proposalRef=${reference}`);
    expect((linked.body.records as unknown[]).length).toBe(1);
  });

  it('R-L-08 the Panel saves the Recovery Costs threshold only on a consultation covering Parties and the Authority (L10.24)', async () => {
    const partial = await create(SECRETARIAT, 'recovery-costs-consultations', { consulted: ['parties'], closedOn: '2026-03-01', documentId: 'RC-CONS-1' });
    const refused = await act(PANEL_CHAIR, 'recovery-costs-consultations', partial.body.id as string, 'set-threshold', { amountGbp: 500000 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ clause: 'L10.24', guards: ['threshold-consulted'] });
    const full = await create(SECRETARIAT, 'recovery-costs-consultations', { consulted: ['parties', 'authority'], closedOn: '2026-03-01', documentId: 'RC-CONS-2' });
    const set = await act(PANEL_CHAIR, 'recovery-costs-consultations', full.body.id as string, 'set-threshold', { amountGbp: 500000, reasons: 'After consultation' });
    expect(set.status).toBe(200);
    expect(set.body.record).toMatchObject({ threshold: { amountGbp: 500000 } });
  });

  it('R-L-09 the DCC refers payment dates; the Panel determines them per Party and in instalments (L10.24(a), (b))', async () => {
    expect((await create(PANEL_CHAIR, 'recovery-cost-referrals', { summary: 'Dates' })).status).toBe(403);
    const referral = await create('dcc@dcc.example', 'recovery-cost-referrals', { summary: 'Recovery Costs for the 2026 incident' });
    expect(referral.status).toBe(201);
    const determined = await act(PANEL_CHAIR, 'recovery-cost-referrals', referral.body.id as string, 'determine-payment-dates', {
      schedule: [
        { organisationId: 'northern-lights-energy', instalments: [{ dueOn: '2026-05-01', amountGbp: 1000 }, { dueOn: '2026-06-01', amountGbp: 1000 }] },
        { organisationId: 'brightside-supply', instalments: [{ dueOn: '2026-07-01', amountGbp: 500 }] },
      ],
    });
    expect(determined.status).toBe(200);
    expect(determined.body.record).toMatchObject({ determination: { schedule: { 'northern-lights-energy': [{}, {}], 'brightside-supply': [{ amountGbp: 500 }] } } });
  });

  it('R-M-02 while the default lasts, the Panel election electorate excludes the whole Voting Group (M8.5(a))', async () => {
    const e = (await api.raw('panel.chair@panel.example', 'GET', '/api/v1/panel-elections/electorate')).body as { voters: string[]; excluded: Record<string, string>; clause: string };
    expect(e.clause).toBe('M8.5(a)');
    expect(e.excluded['harbour-energy-supply']).toContain('Defaulting Party');
    expect(e.voters).not.toContain('harbour-energy-supply');
    expect(e.voters).toContain('northern-lights-energy');
  });

  it("R-M-05 in the appointment-request workflow a defaulting non-Supplier Party's view is recorded as disregarded under M8.5(c)(ii) and excluded from the count", async () => {
    await t.app.services.directory.recordPartyDefault('helix-metering-services', 'EOD-TEST-1', 'admin');
    const opened = await create(SECRETARIAT, 'change-board-appointment-requests', { action: 'remove', seatCategory: 'other-sec-party', memberName: 'Casey Member' });
    const id = opened.body.id as string;
    const helix = await act('proposer@other-party.example', 'change-board-appointment-requests', id, 'record-view', { view: 'support' });
    expect(helix.status).toBe(200);
    const record = helix.body.record as { tally: { support: number; oppose: number; views: { organisationId: string; counted: boolean; note?: string }[] } };
    expect(record.tally.views).toEqual([expect.objectContaining({ organisationId: 'helix-metering-services', counted: false, note: 'disregarded under M8.5(c)(ii)' })]);
    expect([record.tally.support, record.tally.oppose]).toEqual([0, 0]);
    expect((await act('proposer@other-party.example', 'change-board-appointment-requests', id, 'record-view', { organisationId: 'northern-lights-energy', view: 'oppose' })).status).toBe(403);
  });

  it('the OpenAPI document lists every governance route with the schema that validates it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/governance/disputes', '/api/v1/governance/disputes/{id}/actions/link-external-dispute', '/api/v1/governance/recovery-costs-consultations/{id}/actions/set-threshold', '/api/v1/panel-elections/electorate']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect((await api.raw(SECRETARIAT, 'GET', '/api/v1/governance/disputes/NOPE')).status).toBe(404);
    expect((await api.raw(SECRETARIAT, 'POST', '/api/v1/governance/disputes/DSP-001/actions/link-external-dispute', { payload: { code: 'BSC', reference: 'x'.repeat(61) } })).status).toBe(400);
  });
});
