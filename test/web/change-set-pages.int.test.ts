// Change sets in the portal: derived from a proposal's legal-text document (excerpt semantics),
// shown with operations, findings and redline, and rebased — previewed, then recorded (PRG).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT, SCREENING } from '../scenarios/api-client.ts';

const CA = 'analyst@secas.example';
const SEED = readFileSync(new URL('../../seeds/code/sec-5.18.txt', import.meta.url), 'utf8');
const C72 = 'C7.2 The Code Administrator shall perform those tasks and functions expressly ascribed to it under this Code, and any other tasks and functions as the Panel may assign to the Code Administrator from time to time. In particular, the Code Administrator shall:';

let t: TestApp;
let api: ApiCast;
let mp: string;
beforeAll(async () => {
  t = await startTestApp();
  api = new ApiCast(t.app);
  const { reference } = await api.raise('proposer@large-supplier.example', DRAFT);
  await api.act(CA, reference, 'record-screening', SCREENING);
  await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
  await api.act('proposer@large-supplier.example', reference, 'request-conversion', {});
  mp = (await api.act('panel.chair@panel.example', reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'None', timetable: { summary: 'Short' }, workingGroupRequired: true })).reference;
  await api.act('proposer@large-supplier.example', mp, 'amend-proposed-solution', { summary: 'Amend C7.2(f)', legalTextDocumentId: 'LT-CS', legalTextBaseline: '5.18', affectsDccSystems: false });
});
afterAll(async () => t.close());

const recordDocument = async (text: string) =>
  expect((await api.raw(CA, 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-CS', modification: mp, baseline: '5.18', text })).status).toBe(201);

describe('deriving a change set from a proposal’s legal text', () => {
  it('a document that changes nothing is refused on the legal-text page with the GOV.UK error summary', async () => {
    await recordDocument(`Section C – Governance\n\n${C72}\n`);
    const page = new PageSession(t.app);
    await page.signIn(CA);
    const res = await page.post(`/proposals/${mp}/legal-text/change-sets`, { _csrf: await page.csrfToken(`/proposals/${mp}/legal-text`), documentId: 'LT-CS' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Error:');
    expect(res.body).toContain('href="#derive-LT-CS"');
    expect(res.body).toContain('makes no change');
  });

  it('the Code Administrator records an excerpt as a change set that leaves the limbs it omits unchanged, and the proposal links to it', async () => {
    await recordDocument(`Section C – Governance\n\n${C72}\n    (f) facilitate a process whereby Parties can submit a <b>Draft Proposal</b> to the Code Administrator;\n`);
    const page = new PageSession(t.app);
    await page.signIn(CA);
    const res = await page.post(`/proposals/${mp}/legal-text/change-sets`, { _csrf: await page.csrfToken(`/proposals/${mp}/legal-text`), documentId: 'LT-CS' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/change-sets/LT-CS');
    const shown = await page.get('/change-sets/LT-CS');
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('data-qa="flash"');
    expect(shown.body.match(/data-qa="operation"/g)).toHaveLength(1);
    expect(shown.body).toContain('data-address="C7.2(f)"');
    expect(shown.body).toContain('data-qa="redline"');
    expect(shown.body).toContain('&lt;b&gt;');
    expect(shown.body).not.toContain('<b>Draft');
    const legal = await page.get(`/proposals/${mp}/legal-text`);
    expect(legal.body).toContain('href="/change-sets/LT-CS"');
    // The proposal's own redline of the excerpt reads the same way: C7.2(i), not quoted, is not deleted.
    expect(legal.body).toContain('without prejudice to the generality');
    expect(legal.body).not.toMatch(/<del[^>]*>(?:(?!<\/del>)[\s\S])*without prejudice/);
  });

  it('only the Code Administrator may derive a change set', async () => {
    const page = new PageSession(t.app);
    await page.signIn('proposer@large-supplier.example');
    const legal = await page.get(`/proposals/${mp}/legal-text`);
    expect(legal.body).not.toContain('data-qa="derive-change-set"');
    const res = await page.post(`/proposals/${mp}/legal-text/change-sets`, { _csrf: await page.csrfToken('/legal-text/check'), documentId: 'LT-CS' });
    expect(res.statusCode).toBe(403);
  });
});

describe('rebasing a change set in the portal', () => {
  beforeAll(async () => {
    // SEC 5.19: C7.2(f) amended by another modification.
    expect((await api.raw(CA, 'POST', '/api/v1/change-sets', { id: 'CS-OTHER', baseVersion: '5.18', operations: [{ kind: 'amend', target: 'C7.2(f)', text: 'facilitate the Draft Proposal process;' }] })).status).toBe(201);
    expect((await api.raw(CA, 'POST', '/api/v1/consolidations', { base: '5.18', version: '5.19', changeSets: ['CS-OTHER'], store: true })).status).toBe(201);
    expect((await api.raw(CA, 'POST', '/api/v1/code-versions', { version: '5.18.1', text: SEED })).status).toBe(201);
  });

  it('a preview shows the conflicts with both texts and offers no way to record them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/change-sets/LT-CS?onto=5.19' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-qa="rebase-preview"');
    expect(res.body).toContain('data-kind="target-changed"');
    expect(res.body).toContain('data-qa="old-base-text"');
    expect(res.body).toContain('facilitate the Draft Proposal process;');
    expect(res.body).not.toContain('data-qa="record-rebase"');
  });

  it('a conflicting rebase posted anyway is refused with the error summary; nothing is recorded', async () => {
    const page = new PageSession(t.app);
    await page.signIn(CA);
    const res = await page.post('/change-sets/LT-CS/rebase', { _csrf: await page.csrfToken('/change-sets/LT-CS?onto=5.18.1'), onto: '5.19' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#rebase-conflicts"');
    const missing = await page.post('/change-sets/LT-CS/rebase', { _csrf: await page.csrfToken('/change-sets/LT-CS'), onto: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#onto"');
    expect((await api.raw(CA, 'GET', '/api/v1/change-sets/LT-CS')).body.version).toBe(1);
  });

  it('rebasing onto an unchanged base moves every operation over and is recorded as a new version (Post/Redirect/Get)', async () => {
    const page = new PageSession(t.app);
    await page.signIn(CA);
    const preview = await page.get('/change-sets/LT-CS?onto=5.18.1');
    expect(preview.body).toContain('1 of 1 operation(s) move over cleanly');
    const token = /name="_csrf" value="([^"]+)"/.exec(preview.body)![1]!;
    const res = await page.post('/change-sets/LT-CS/rebase', { _csrf: token, onto: '5.18.1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/change-sets/LT-CS');
    const after = await page.get('/change-sets/LT-CS');
    expect(after.body).toContain('Rebased from SEC 5.18');
    expect(after.body).toContain('SEC 5.18.1');
  });
});

describe('the drafting checker on a Code version', () => {
  it('shows a stored Code version with the drafting checker’s findings, in the portal and the API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/code-versions/5.18' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-qa="(findings|no-findings)"/);
    const viaApi = await api.raw(CA, 'GET', '/api/v1/code-versions/5.18');
    expect(viaApi.status).toBe(200);
    expect(viaApi.body).toMatchObject({ version: '5.18', excerpt: true, findings: expect.any(Array) });
    expect((await t.app.inject({ method: 'GET', url: '/code-versions/9.99' })).statusCode).toBe(404);
    const cs = await t.app.inject({ method: 'GET', url: '/change-sets/LT-CS' });
    expect(cs.body).toContain('href="/code-versions/5.18.1"');
  });
});
