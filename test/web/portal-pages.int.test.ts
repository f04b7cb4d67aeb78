// Portal pages render the same rules as the API: the register, the proposal page's actions,
// and the Raise a Draft Proposal journey (with the Defaulting Party refusal and its clause).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';

let t: TestApp;
let api: ApiCast;
let reference: string;
beforeAll(async () => {
  t = await startTestApp();
  api = new ApiCast(t.app);
  reference = (await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Register test <script>alert(1)</script>' })).reference;
});
afterAll(async () => t.close());

describe('Modification Register (public)', () => {
  it('lists Draft Proposals without signing in, escaping what Parties typed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/register' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/proposals/${reference}"`);
    expect(res.body).toContain('Register test &lt;script&gt;');
    expect(res.body).not.toContain('<script>alert(1)');
  });

  it('filters by text search and stage, and exports CSV and JSON', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/register?q=notification+window' })).body).toContain(reference);
    expect((await t.app.inject({ method: 'GET', url: '/register?q=nothingmatchesthis' })).body).toContain('data-qa="register-empty"');
    expect((await t.app.inject({ method: 'GET', url: '/register?stage=S05' })).body).not.toContain(`href="/proposals/${reference}"`);
    const csv = await t.app.inject({ method: 'GET', url: '/register.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('reference,title,proposer,party_category,stage,path,fast_track,next_deadline,target_release,updated_at');
    expect(csv.body).toContain(`${reference},Register test <script>alert(1)</script>,Northern Lights Energy,large-supplier,DraftSubmitted`);
    const json = await t.app.inject({ method: 'GET', url: '/register.json' });
    expect(json.json().items[0]).toMatchObject({ reference, state: { id: 'S01' } });
  });

  it('filters by the area screening flagged (F1.6, G7.19, L1.18), in the page and the API', async () => {
    const flagged = (await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Architecture change' })).reference;
    await api.act('analyst@secas.example', flagged, 'record-screening', { outcome: 'complete', tabasc: 'likely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    const page = (await t.app.inject({ method: 'GET', url: '/register?impactedArea=tabasc' })).body;
    expect(page).toContain(`href="/proposals/${flagged}"`);
    expect(page).not.toContain(`href="/proposals/${reference}"`);
    expect((await t.app.inject({ method: 'GET', url: '/register?impactedArea=security' })).body).not.toContain(`href="/proposals/${flagged}"`);
    const listed = (await api.raw('analyst@secas.example', 'GET', '/api/v1/modifications?impactedArea=tabasc')).body as { items: { reference: string; targetRelease: string | null }[] };
    expect(listed.items.map((i) => i.reference)).toEqual([flagged]);
    expect(listed.items[0]!.targetRelease).toBeNull();
    expect((await api.raw('analyst@secas.example', 'GET', '/api/v1/modifications?impactedArea=nonsense')).status).toBe(400);
  });

  it('ignores a bad filter value instead of failing', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/register?stage=bad&path=9&page=-4&sort=x&partyCategory=%3Cscript%3E' })).statusCode).toBe(200);
  });

  it('a NUL character in the query is a 400 GOV.UK page, never a 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/register?q=%00' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('proposal page', () => {
  it('offers exactly the actions GET /api/v1/modifications/{ref}/actions returns for that user', async () => {
    for (const email of ['analyst@secas.example', 'proposer@large-supplier.example', 'ssc@ssc.example', 'proposer@small-supplier.example']) {
      const fromApi = ((await api.raw(email, 'GET', `/api/v1/modifications/${reference}/actions`)).body.actions as { command: string }[]).map((a) => a.command).sort();
      const page = new PageSession(t.app);
      await page.signIn(email);
      const html = (await page.get(`/proposals/${reference}`)).body;
      const fromPage = [...html.matchAll(/data-command="([^"]+)"/g)].map((m) => m[1]).sort();
      expect(fromPage, email).toEqual(fromApi);
    }
  });

  it('shows the timeline with the clause of each step', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/proposals/${reference}` });
    expect(res.body).toContain('Draft Proposal Submitted');
    expect(res.body).toContain('data-qa="stage-ribbon"');
  });

  it('an unknown reference is a GOV.UK 404 page', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/proposals/DP999' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/proposals/nonsense' })).statusCode).toBe(404);
  });
});

describe('Raise a Draft Proposal', () => {
  const answers = { title: 'Portal raised', problemStatement: 'A problem worth solving.', affectedProvisions: 'D1.3\nG7.22', submissionBasis: 'voluntary', recommendedPath: '' };

  it('validates each question with the GOV.UK error summary', async () => {
    const page = new PageSession(t.app);
    await page.signIn('proposer@small-supplier.example');
    const res = await page.post('/proposals/new', { _csrf: await page.csrfToken('/proposals/new'), title: '', problemStatement: '', affectedProvisions: '', submissionBasis: 'nope' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<title[^>]*>Error: Raise a Draft Proposal/);
    for (const field of ['#title', '#problemStatement', '#affectedProvisions', '#submissionBasis']) expect(res.body).toContain(`href="${field}"`);
  });

  it('checks answers, needs the SEC Materials notice accepted (M5.1), then raises the Draft Proposal', async () => {
    const page = new PageSession(t.app);
    await page.signIn('proposer@small-supplier.example');
    const check = await page.post('/proposals/new', { _csrf: await page.csrfToken('/proposals/new'), ...answers });
    expect(check.body).toContain('Check your answers');
    const token = /name="_csrf" value="([^"]+)"/.exec(check.body)![1]!;
    const without = await page.post('/proposals/new/submit', { _csrf: token, ...answers });
    expect(without.statusCode).toBe(422);
    expect(without.body).toContain('SEC Materials notice (SEC M5.1)');
    const raised = await page.post('/proposals/new/submit', { _csrf: token, ...answers, iprAccepted: 'yes' });
    expect(raised.statusCode).toBe(303);
    expect(raised.headers.location).toMatch(/^\/proposals\/DP\d{3}$/);
  });

  it('a Defaulting Party is refused and sees why, citing M8.5(b)', async () => {
    const page = new PageSession(t.app);
    await page.signIn('proposer@defaulting-supplier.example');
    const check = await page.post('/proposals/new', { _csrf: await page.csrfToken('/proposals/new'), ...answers });
    const token = /name="_csrf" value="([^"]+)"/.exec(check.body)![1]!;
    const refused = await page.post('/proposals/new/submit', { _csrf: token, ...answers, iprAccepted: 'yes' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('M8.5(b)');
  });
});
