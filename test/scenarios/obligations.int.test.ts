// The mandatory Draft Proposal obligations (sec-process.md §6.9) and body decisions not to
// submit (§5.5) through the JSON API: items open on their triggers, remind the owner every
// obligations.reminderIntervalWd Working Days and close by themselves when a Draft Proposal
// with the right basis is submitted (or, for L10.24(c), on the Panel's "not submit").
import { describe, expect, it } from 'vitest';
import { DRAFT, scenarioApi } from './api-client.ts';

const DCC = 'dcc@dcc.example';
type Item = { id: string; kind: string; owner: string; status: string; closedBy?: { kind: string; reference?: string }; reminders: { remindersDue: number; nextReminderAt?: string; overdue: boolean } };

const api = scenarioApi('2026-03-02T09:00:00Z');

const item = async (id: string) => (await api.raw('analyst@secas.example', 'GET', `/api/v1/obligations/${id}`)).body as unknown as Item;
const trigger = (email: string, payload: Record<string, unknown>) => api.raw(email, 'POST', '/api/v1/obligations/triggers', { payload });

describe('obligations tracker', () => {
  it('R-L-07 (L8.11): the DCC item is open from go-live with overdue reminders, and closes when a DP with basis l8.11 is submitted', async () => {
    const open = (await api.raw('analyst@secas.example', 'GET', '/api/v1/obligations?status=open&owner=dcc')).body.obligations as Item[];
    const l811 = open.find((o) => o.kind === 'l8.11')!;
    expect(l811).toMatchObject({ id: 'OBL-L8-11', owner: 'dcc', status: 'open', reminders: { overdue: true } });
    expect(l811.reminders.remindersDue).toBeGreaterThan(80);
    expect(Date.parse(l811.reminders.nextReminderAt!)).toBeGreaterThan(Date.parse('2026-03-02T09:00:00Z'));
    const dp = await api.raise(DCC, { ...DRAFT, title: 'CSR prioritisation rules', affectedProvisions: ['L8.11'], submissionBasis: 'l8.11' });
    expect(await item('OBL-L8-11')).toMatchObject({ status: 'closed', closedBy: { kind: 'draft-proposal', reference: dp.reference }, reminders: { remindersDue: 0 } });
  });

  it('R-L-11 (L13.55, L13.42): a DCCKI recommendation opens a DCC item closed by its l13.55 DP; a DCCKI CPS change is refused pointing to L13.42', async () => {
    const cps = await trigger(DCC, { trigger: 'dccki-recommendation', summary: 'Change the CPS', recommendationRef: 'REC-CPS', documentKind: 'dccki-cps' });
    expect(cps.status).toBe(422);
    expect(cps.body.clause).toBe('L13.42');
    const cpsDp = await api.raw(DCC, 'POST', '/api/v1/draft-proposals', { payload: { ...DRAFT, affectedProvisions: ['DCCKI CPS section 4'], submissionBasis: 'l13.55' } });
    expect(cpsDp.status).toBe(422);
    expect(cpsDp.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(cpsDp.body.clause).toBe('L13.42');
    expect(cpsDp.body.detail).toMatch(/L13\.42/);
    const party = await trigger('proposer@large-supplier.example', { trigger: 'dccki-recommendation', summary: 'x', recommendationRef: 'REC-1' });
    expect(party.status).toBe(403);
    expect(party.body.clause).toBe('L13.55(b)(i)');
    const opened = await trigger(DCC, { trigger: 'dccki-recommendation', summary: 'Rotate DCCKI keys yearly', recommendationRef: 'REC-1', documentKind: 'dccki-sec-document' });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    expect((await trigger(DCC, { trigger: 'dccki-recommendation', summary: 'again', recommendationRef: 'REC-1' })).status).toBe(409);
    await api.raise(DCC, { ...DRAFT, title: 'DCCKI key rotation', affectedProvisions: ['L13.10'], submissionBasis: 'l13.55', problemRef: 'REC-1' });
    expect(await item(id)).toMatchObject({ kind: 'l13.55', status: 'closed', closedBy: { kind: 'draft-proposal' } });
  });

  it('R-AG-01 (AG 3.2.4): a Problem flagged "Code change required" opens a DCC item closed only by a DP with basis ag3.2.4 and that problemRef', async () => {
    const opened = await trigger('analyst@secas.example', { trigger: 'problem-code-change', summary: 'Alerts lost on failover', problemRef: 'PRB-1' });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await api.raise(DCC, { ...DRAFT, title: 'Another problem', submissionBasis: 'ag3.2.4', problemRef: 'PRB-2' });
    expect((await item(id)).status).toBe('open');
    await api.raise(DCC, { ...DRAFT, title: 'Alert failover', submissionBasis: 'ag3.2.4', problemRef: 'PRB-1' });
    expect((await item(id)).status).toBe('closed');
  });

  it('R-L-10 (L10.24(c)): Recovery Costs above the threshold open a Panel item closed by its "not submit" decision, or by a DP with basis l10.24c', async () => {
    expect((await trigger('secretariat@secas.example', { trigger: 'recovery-costs-threshold-exceeded', summary: 'At threshold', recoveryCostsGbp: 100_000, thresholdGbp: 100_000 })).status).toBe(422);
    const first = await trigger('secretariat@secas.example', { trigger: 'recovery-costs-threshold-exceeded', summary: 'Supplier failure', recoveryCostsGbp: 150_000, thresholdGbp: 100_000, panelMeetingOn: '2026-03-20' });
    expect(first.status).toBe(201);
    const id = first.body.id as string;
    expect(first.body.obligation).toMatchObject({ owner: 'panel', kind: 'l10.24c', status: 'open' });
    const byDcc = await api.raw(DCC, 'POST', `/api/v1/obligations/${id}/actions/record-decision`, { payload: { decision: 'not-submit', reasons: 'x' } });
    expect(byDcc.status).toBe(403);
    expect(byDcc.body.clause).toBe('L10.24(c)');
    const decided = await api.raw('panel.chair@panel.example', 'POST', `/api/v1/obligations/${id}/actions/record-decision`, { payload: { decision: 'not-submit', reasons: 'One-off costs' } }, { 'if-match': '"1"' });
    expect(decided.status).toBe(200);
    expect(decided.body.obligation).toMatchObject({ status: 'closed', closedBy: { kind: 'decision', decision: 'not-submit' } });
    expect((await api.raw('panel.chair@panel.example', 'POST', `/api/v1/obligations/${id}/actions/record-decision`, { payload: { decision: 'not-submit', reasons: 'again' } }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await api.raw('panel.chair@panel.example', 'POST', `/api/v1/obligations/${id}/actions/record-decision`, { payload: { decision: 'not-submit', reasons: 'again' } })).status).toBe(409);

    const second = await trigger('panel.chair@panel.example', { trigger: 'recovery-costs-threshold-exceeded', summary: 'Second failure', recoveryCostsGbp: 250_000, thresholdGbp: 100_000 });
    await api.raise('panel.chair@panel.example', { ...DRAFT, title: 'Charging Methodology: recovery costs', affectedProvisions: ['K3.1'], submissionBasis: 'l10.24c' });
    expect(await item(second.body.id as string)).toMatchObject({ status: 'closed', closedBy: { kind: 'draft-proposal' } });
    expect((await api.raw('analyst@secas.example', 'GET', '/api/v1/obligations?status=open')).body.obligations).toEqual([]);
    expect((await trigger(DCC, { trigger: 'volcano' })).status).toBe(400);
  });
});

describe('body decisions (G7.20(b), L1.19(b))', () => {
  it('G7.20(b): an SSC Member may submit an SOAA Draft Proposal only once the SSC has recorded its decision not to', async () => {
    const soaa = { ...DRAFT, title: 'SOAA audit frequency', affectedProvisions: ['G5.2'] };
    const without = await api.raw('ssc.member@ssc.example', 'POST', '/api/v1/draft-proposals', { payload: soaa });
    expect(without.status).toBe(403);
    expect(without.body).toMatchObject({ guards: ['body-declined-first'], clause: 'G7.20(b)' });
    const byParty = await api.raw('proposer@large-supplier.example', 'POST', '/api/v1/body-decisions', { payload: { decision: 'not-to-submit', subject: 'SOAA audit frequency', decisionDate: '2026-03-01' } });
    expect(byParty.status).toBe(403);
    expect(byParty.body.clause).toBe('G7.20(b)');
    const wrongBody = await api.raw('ssc@ssc.example', 'POST', '/api/v1/body-decisions', { payload: { body: 'smki-pma', decision: 'not-to-submit', subject: 'x', decisionDate: '2026-03-01' } });
    expect(wrongBody.status).toBe(403);
    expect(wrongBody.body.clause).toBe('L1.19(b)');
    const future = await api.raw('ssc@ssc.example', 'POST', '/api/v1/body-decisions', { payload: { decision: 'not-to-submit', subject: 'x', decisionDate: '2027-01-01' } });
    expect(future.status).toBe(422);
    const recorded = await api.raw('ssc@ssc.example', 'POST', '/api/v1/body-decisions', { payload: { decision: 'not-to-submit', subject: 'SOAA audit frequency', affectedProvisions: ['G5.2'], decisionDate: '2026-03-01', minutesDocumentId: 'SSC-MIN-12' } });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ bodyDecisionId: 'BD-001', body: 'ssc', decision: 'not-to-submit' });
    const created = await api.raw('ssc.member@ssc.example', 'POST', '/api/v1/draft-proposals', { payload: { ...soaa, bodyDecisionId: 'BD-001' } });
    expect(created.status).toBe(201);
    // An SMKI PMA Member cannot rely on the SSC's decision (L1.19(b)).
    const pma = await api.raw('pma.member@smki-pma.example', 'POST', '/api/v1/draft-proposals', { payload: { ...DRAFT, affectedProvisions: ['L1.5'], bodyDecisionId: 'BD-001' } });
    expect(pma.status).toBe(403);
    expect(pma.body.clause).toBe('L1.19(b)');
    expect((await api.raw('analyst@secas.example', 'GET', '/api/v1/body-decisions?body=ssc')).body.bodyDecisions).toHaveLength(1);
  });
});
