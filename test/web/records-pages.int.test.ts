// The records pages (SCRs, ALVs, obligations, body decisions, governance records): every type
// lists, a record shows what is recorded and only the steps the user may take, forms are the
// GOV.UK pattern (error summary, Error: title, PRG, CSRF) and a refusal names its clause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { RECORD_TYPES } from '../../src/web/pages/records/record-types.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
});
afterAll(async () => t?.close());

const signedIn = async (email: string) => {
  const s = new PageSession(t.app);
  const res = await s.signIn(email);
  expect(res.statusCode).toBe(303);
  return s;
};

const submit = async (s: PageSession, url: string, form: Record<string, string>) => {
  const page = await s.get(url);
  expect(page.statusCode, url).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const formKey = /name="_formKey" value="([^"]+)"/.exec(page.body)![1]!;
  return s.post(url, { _csrf: csrf, _formKey: formKey, ...form });
};

describe('records pages', () => {
  it('every record type has a list page for a signed-in user; anonymous users are asked to sign in', async () => {
    const s = await signedIn('analyst@secas.example');
    const index = await s.get('/records');
    expect(index.statusCode).toBe(200);
    for (const type of RECORD_TYPES) {
      expect(index.body).toContain(`href="/records/${type.slug}"`);
      const list = await s.get(`/records/${type.slug}`);
      expect(list.statusCode, type.slug).toBe(200);
      expect(list.body).toContain(type.label.replace(/'/g, '&#39;'));
    }
    expect((await t.app.inject({ method: 'GET', url: '/records' })).statusCode).toBe(401);
    expect((await s.get('/records/no-such-type')).statusCode).toBe(404);
  });

  it('R-C-03 the Secretariat records a dispute and links another code\'s dispute through forms (PRG); invalid input shows the error summary', async () => {
    const s = await signedIn('secretariat@secas.example');
    const list = await s.get('/records/disputes');
    expect(list.body).toContain('href="/records/disputes/new/create"');
    const empty = await submit(s, '/records/disputes/new/create', { title: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toMatch(/<title>Error: /);
    const created = await submit(s, '/records/disputes/new/create', { title: 'Meter read dispute <script>alert(1)</script>', summary: 'Joint working' });
    expect(created.statusCode).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/records\/disputes\/DSP-\d{3}$/);
    const page = await s.get(location);
    expect(page.body).toContain('Meter read dispute &lt;script&gt;');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('data-command="link-external-dispute"');
    const linked = await submit(s, `${location}/link-external-dispute`, { code: 'BSC', reference: 'TDD-12' });
    expect(linked.statusCode).toBe(303);
    expect((await s.get(location)).body).toContain('TDD-12');
    const twice = await submit(s, `${location}/link-external-dispute`, { code: 'BSC', reference: 'TDD-12' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('SEC C2.3(l)(ii)');
  });

  it('a user without the role is not offered the step, and opening its form directly is refused with the clause', async () => {
    const secretariat = await signedIn('secretariat@secas.example');
    const created = await submit(secretariat, '/records/disputes/new/create', { title: 'Second dispute' });
    const location = created.headers.location as string;
    const party = await signedIn('proposer@large-supplier.example');
    const page = await party.get(location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-qa="no-actions"');
    expect((await party.get('/records/disputes')).body).not.toContain('/records/disputes/new/create');
    const form = await party.get(`${location}/link-external-dispute`);
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('C2.3(l)(ii)');
  });

  it('A1.1: the Authority gives notice of a Significant Code Review and exempts a proposal from the portal', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/v1/admin/clock', payload: { instant: '2026-05-01T09:00:00Z' }, headers: { authorization: await bearerFor(t.app, 'admin@secmod.example') } });
    const authority = await signedIn('authority@ofgem.example');
    const started = await submit(authority, '/records/significant-code-reviews/new/start', { subject: 'Smart charging', noticeDate: '2026-05-01', startBasis: 'notice', 'scope[0]': 'Smart charging' });
    expect(started.statusCode, started.body.slice(0, 2000)).toBe(303);
    const location = started.headers.location as string;
    const page = await authority.get(location);
    expect(page.body).toContain('Phase live');
    expect(page.body).toContain('data-command="exempt-proposal"');
    const unknown = await submit(authority, `${location}/exempt-proposal`, { reference: 'DP999', reasons: 'Not in scope' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('There is no Draft or Modification Proposal DP999');
  });
  it('TM13: when the SCR Phase ends, each proposal still held for it is an overdue resume-or-close task for the Panel (scr.autoResumeOnPhaseEnd = false)', async () => {
    const api = new ApiCast(t.app);
    await api.setClock('2026-06-01T09:00:00Z');
    const scr = await api.raw('authority@ofgem.example', 'POST', '/api/v1/significant-code-reviews', { payload: { subject: 'Data retention', noticeDate: '2026-06-01', startBasis: 'notice', scope: ['Data retention'] } });
    const scrId = scr.body.id as string;
    const dp = await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Retention of consumption data' });
    await api.act('authority@ofgem.example', dp.reference, 'suspend-for-scr', { scrId, scopeItems: ['Data retention'], reasons: 'In scope' });
    await api.raw('authority@ofgem.example', 'POST', `/api/v1/significant-code-reviews/${scrId}/actions/record-conclusion`, { payload: { conclusionDocumentDate: '2026-06-01', documentId: 'CONC-7' } });
    expect((await api.raw('analyst@secas.example', 'GET', `/api/v1/significant-code-reviews/${scrId}`)).body).toMatchObject({ phaseEnd: '2026-06-29' });
    const chair = await signedIn('panel.chair@panel.example');
    const before = await chair.get('/tasks');
    expect(before.body).not.toContain(`${scrId} Phase ended`);
    await api.setClock('2026-06-30T09:00:00Z');
    const after = await chair.get('/tasks');
    const row = new RegExp(`data-reference="${dp.reference}"[\\s\\S]*?${scrId} Phase ended: resume or close`);
    expect(after.body).toMatch(row);
    expect((await api.get('proposer@large-supplier.example', dp.reference)).state).toBe('S21');
  });
});
