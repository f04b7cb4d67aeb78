// The platform's HTTP contract: sign-in, sessions, CSRF, API authentication, errors,
// headers, health and metrics — through app.inject on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, PageSession, startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('sign-in and sessions', () => {
  it('a demo user signs in and sees their name; the session cookie is HttpOnly and SameSite=Lax', async () => {
    const page = new PageSession(t.app);
    const res = await page.signIn('proposer@large-supplier.example');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('secmod_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const home = await page.get('/');
    expect(home.body).toContain('data-qa="principal-name">Lara Large');
    expect(home.headers['cache-control']).toBe('no-store');
  });

  it('sign-in rotates the session id, and sign-out ends the session server-side', async () => {
    const page = new PageSession(t.app);
    await page.signIn('analyst@secas.example');
    const first = page.cookieHeader;
    await page.signIn('analyst@secas.example');
    expect(page.cookieHeader).not.toBe(first);
    const oldSession = /secmod_session=([^;]+)/.exec(first)![1]!;
    const stale = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `secmod_session=${oldSession}` } });
    expect(stale.body).not.toContain('data-qa="principal-name"');
    const token = await page.csrfToken('/');
    const signOut = await page.post('/sign-out', { _csrf: token });
    expect(signOut.statusCode).toBe(303);
    expect((await page.get('/')).body).not.toContain('data-qa="principal-name"');
  });

  it('a wrong password shows the GOV.UK error summary and an Error: title', async () => {
    const page = new PageSession(t.app);
    const res = await page.signIn('proposer@small-supplier.example', 'wrong-password');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toMatch(/<title[^>]*>Error: Sign in/);
  });

  it('sign-in is rate limited: 429 after repeated failures for one account', async () => {
    const page = new PageSession(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await page.signIn('proposer@gas-network.example', `wrong-${i}`)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses[5]).toBe(429);
    // Even the right password is refused while the limit holds.
    expect((await page.signIn('proposer@gas-network.example')).statusCode).toBe(429);
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'proposer@gas-network.example', password: 'secmod-demo' } });
    expect(api.statusCode).toBe(429);
    expect(api.headers['retry-after']).toBeDefined();
  });

  it('a form posted without its CSRF token is refused with 403', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=proposer%40large-supplier.example&password=secmod-demo',
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie'] ?? '').not.toContain('secmod_session=');
  });
});

describe('JSON API authentication', () => {
  it('no session → 401 problem+json on the API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, title: 'Sign in required' });
  });

  it('a bearer token from POST /api/v1/session identifies the user; a revoked one does not', async () => {
    const auth = await bearerFor(t.app, 'authority@ofgem.example');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: auth } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'authority@ofgem.example', organisation: { id: 'ofgem' } });
    const stored = await t.services.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.some((r) => auth.endsWith(r.token_hash))).toBe(false);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { authorization: auth } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: auth } })).statusCode).toBe(401);
  });

  it('a Defaulting Party user is shown as defaulting (M8.5)', async () => {
    const auth = await bearerFor(t.app, 'proposer@defaulting-supplier.example');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: auth } });
    expect(me.json()).toMatchObject({ organisation: { id: 'harbour-energy-supply', defaulting: true } });
  });
});

describe('errors never leak internals', () => {
  it('malformed JSON → 400 problem+json', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('an unknown API route → 404 problem+json; an unknown page → GOV.UK 404 page', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ status: 404 });
    const page = await t.app.inject({ method: 'GET', url: '/nothing-here' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('govuk-heading-l');
  });

  it('a body over the limit → 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413 });
  });

  it('a request failing its schema → 400 with a human detail', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/password/);
  });
});

describe('security headers', () => {
  it('pages carry a CSP with a per-request nonce, object-src none and frame-ancestors none', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const b = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const csp = String(a.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toBe(String(b.headers['content-security-policy']));
    const nonce = /'nonce-([0-9a-f]+)'/.exec(csp)![1]!;
    expect(a.body).toContain(`nonce="${nonce}"`);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['referrer-policy']).toBe('same-origin');
    expect(a.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('operations', () => {
  it('/health checks the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('/metrics serves Prometheus text with request counts', async () => {
    await t.app.inject({ method: 'GET', url: '/health' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('secmod_http_requests_total{method="GET",route="/health",status="200"}');
  });

  it('the manual clock is refused unless SECMOD_CLOCK=manual', async () => {
    const auth = await bearerFor(t.app, 'admin@secmod.example');
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/clock', headers: { authorization: auth }, payload: { instant: '2026-01-05T09:00:00Z' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('SECMOD_CLOCK=manual');
  });
});

describe('text the database cannot store', () => {
  it('a NUL character in a JSON body is a 400, not a 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'a\u0000@b.c', password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('NUL');
  });

  it('a NUL character in a Draft Proposal is refused before it reaches PostgreSQL', async () => {
    const auth = await bearerFor(t.app, 'proposer@large-supplier.example');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/draft-proposals',
      headers: { authorization: auth },
      payload: { payload: { title: 'x\u0000y', problemStatement: 'p', affectedProvisions: ['D1.3'], submissionBasis: 'voluntary', iprAccepted: true } },
    });
    expect(res.statusCode).toBe(400);
  });
});
