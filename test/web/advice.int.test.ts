// Advice from the Sub-Committees reaches the Panel, the Change Sub-Committee, the Change
// Board and Working Groups through the proposal's record (F1.4, G7.18(d), L1.17(k)).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';

let t: TestApp;
let api: ApiCast;
let ref: string;
beforeAll(async () => {
  t = await startTestApp();
  api = new ApiCast(t.app);
  ref = (await api.raise('proposer@large-supplier.example', DRAFT)).reference;
  await api.act('analyst@secas.example', ref, 'record-screening', { outcome: 'complete', tabasc: 'likely', sscSoaa: 'likely', sscMaterialSecurity: 'unlikely', smkiPma: 'likely', crossCode: 'none' });
});
afterAll(async () => t.close());

const READERS = ['panel.member@panel.example', 'csc.member@csc.example', 'cb@gas-network.example', 'wg.member@other-party.example'];

describe('advice to the bodies', () => {
  it.each([
    ['R-G-01 SSC advice on a Draft Proposal is readable by the Panel, CSC, Change Board and Working Group (G7.18(d))', 'ssc@ssc.example', 'ssc'],
    ['R-L-05 SMKI PMA advice on a Draft Proposal is readable by the Panel, CSC, Change Board and Working Group (L1.17(k))', 'pma@smki-pma.example', 'smki-pma'],
    ['R-F-01 TABASC advice on a Draft Proposal is readable by the Panel, CSC, Change Board and Working Group (F1.4(a))', 'tabasc@tabasc.example', 'tabasc'],
  ])('%s', async (_name, adviser, body) => {
    await api.act(adviser, ref, 'record-advice', { summary: `${body} advice on the exchange window` });
    for (const reader of READERS) {
      const advice = (await api.get(reader, ref)).advice as { by: string; summary: string; addressedTo: string[] }[];
      expect(advice.find((a) => a.by === body), reader).toMatchObject({ summary: `${body} advice on the exchange window` });
      expect(advice.find((a) => a.by === body)!.addressedTo).toEqual(expect.arrayContaining(['panel', 'change-sub-committee', 'change-board', 'working-group']));
    }
  });

  it('a Party cannot record Sub-Committee advice (F1.4, G7.18(d), L1.17(k))', async () => {
    const res = await api.raw('proposer@small-supplier.example', 'POST', `/api/v1/modifications/${ref}/actions/record-advice`, { payload: { summary: 'not advice' } });
    expect(res.status).toBe(403);
    expect(res.body.clause).toBeDefined();
  });
});

describe('bodies and releases', () => {
  it('GET /api/v1/bodies lists the bodies with members and the Change Board seats', async () => {
    const res = await api.raw('panel.member@panel.example', 'GET', '/api/v1/bodies');
    expect(res.status).toBe(200);
    const body = res.body as { bodies: { name: string; members: { name: string }[] }[]; changeBoard: { seats: { seat: string; suspended: boolean }[] } };
    expect(body.changeBoard.seats.length).toBeGreaterThanOrEqual(6);
    expect(body.bodies.some((b) => b.members.some((m) => m.name === 'Sol Security'))).toBe(true);
  });

  it('GET /api/v1/releases answers (empty until something is scheduled)', async () => {
    const res = await api.raw('panel.member@panel.example', 'GET', '/api/v1/releases');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ releases: [] });
  });
});
