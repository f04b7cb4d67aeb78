// Consolidating a SEC Release in the portal (issue "Legal text engine", deliverable 5): change
// sets apply in order to their base; two changes to one provision are shown as conflicts and
// nothing is merged; storing the result as a new Code version is the Code Administrator's act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast } from '../scenarios/api-client.ts';

const CA = 'analyst@secas.example';
const PARTY = 'proposer@large-supplier.example';

let t: TestApp;
let api: ApiCast;
const record = async (id: string, operations: unknown[]) =>
  expect((await api.raw(CA, 'POST', '/api/v1/change-sets', { id, baseVersion: '5.18', operations })).status).toBe(201);
const versions = async () => (await api.raw(CA, 'GET', '/api/v1/code-versions')).body.versions as string[];
const query = (version: string, ...sets: string[]) => `/consolidations?base=5.18&version=${version}${sets.map((s) => `&changeSets=${s}`).join('')}`;

beforeAll(async () => {
  t = await startTestApp();
  api = new ApiCast(t.app);
  await record('REL-F', [{ kind: 'amend', target: 'C7.2(f)', text: 'facilitate a process whereby Parties can submit a Draft Proposal;' }]);
  await record('REL-L', [{ kind: 'amend', target: 'L8.11', text: 'The DCC shall, as soon as is reasonably practicable, submit a Draft Proposal.' }]);
  await record('REL-F2', [{ kind: 'amend', target: 'C7.2(f)', text: 'facilitate a process whereby any person can submit a Draft Proposal;' }]);
});
afterAll(async () => t.close());

describe('consolidating a SEC Release in the portal (deliverable 5)', () => {
  it('the legal-text index lists the stored SEC versions and the change sets, and links to consolidation', async () => {
    const page = new PageSession(t.app);
    await page.signIn(PARTY);
    const res = await page.get('/legal-text');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/code-versions/5.18"');
    expect(res.body).toContain('href="/change-sets/REL-F"');
    expect(res.body).toContain('href="/consolidations"');
    expect(res.body).toContain('data-qa="nav-legal-text"');
  });

  it('two change sets amending the same paragraph are shown as a conflict with the error summary, and nothing is merged or stored', async () => {
    const page = new PageSession(t.app);
    await page.signIn(CA);
    const res = await page.get(query('5.19', 'REL-F', 'REL-F2'));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Error:');
    expect(res.body).toContain('href="#consolidation-conflicts"');
    expect(res.body).toMatch(/data-qa="conflict" data-kind="overlap"/);
    expect(res.body).not.toContain('data-qa="store-consolidation"');
    const stored = await page.post('/consolidations', { _csrf: await page.csrfToken('/legal-text/check'), base: '5.18', version: '5.19', changeSets: ['REL-F', 'REL-F2'] });
    expect(stored.statusCode).toBe(422);
    expect(await versions()).not.toContain('5.19');
  });

  it('missing fields are named in the GOV.UK error summary', async () => {
    const page = new PageSession(t.app);
    await page.signIn(CA);
    const res = await page.get('/consolidations?base=&version=5.x');
    expect(res.statusCode).toBe(422);
    for (const field of ['#base', '#version', '#changeSets']) expect(res.body).toContain(`href="${field}"`);
  });

  it('a Party sees the preview of a clean release but may not store it (403)', async () => {
    const page = new PageSession(t.app);
    await page.signIn(PARTY);
    const preview = await page.get(query('5.19', 'REL-F', 'REL-L'));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('data-qa="redline"');
    expect(preview.body).not.toContain('data-qa="store-consolidation"');
    const res = await page.post('/consolidations', { _csrf: await page.csrfToken('/legal-text/check'), base: '5.18', version: '5.19', changeSets: ['REL-F', 'REL-L'] });
    expect(res.statusCode).toBe(403);
    expect(await versions()).not.toContain('5.19');
  });

  it('the Code Administrator previews a clean release and stores it as the next SEC version, with the changes applied in order', async () => {
    const page = new PageSession(t.app);
    await page.signIn(CA);
    const preview = await page.get(query('5.19', 'REL-F', 'REL-L'));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('2 change set(s) apply cleanly; 2 provision(s) change.');
    expect(preview.body).toContain('data-qa="store-consolidation"');
    const res = await page.post('/consolidations', { _csrf: await page.csrfToken('/legal-text/check'), base: '5.18', version: '5.19', changeSets: ['REL-F', 'REL-L'] });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/code-versions/5.19');
    const shown = await page.get('/code-versions/5.19');
    expect(shown.body).toContain('data-qa="flash"');
    expect(await versions()).toContain('5.19');
    const code = await api.raw(CA, 'GET', '/api/v1/code-versions/5.19');
    expect(code.status).toBe(200);
    // A second store under the same number is refused: versions are never overwritten.
    const again = await page.post('/consolidations', { _csrf: await page.csrfToken('/legal-text/check'), base: '5.18', version: '5.19', changeSets: ['REL-F', 'REL-L'] });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('already stored');
  });
});
