// Proof suite (security): every route, found from the application's own route table, answers
// with the security headers; every state-changing page route refuses a post without its CSRF
// token; GET changes nothing; sign-in secrets never reach the logs; disabling an account ends
// its sessions and tokens at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Services } from '../../src/app/services.ts';
import type { FastifyInstance } from 'fastify';
import { bearerFor, PageSession, startLoggedTestApp } from '../support/test-app.ts';

let t: Awaited<ReturnType<typeof startLoggedTestApp>>;
let services: Services;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startLoggedTestApp();
  ({ services, app } = t);
});
afterAll(async () => {
  await t?.close();
});

/** A concrete URL for a route pattern: parameters filled with plausible values. */
const concrete = (url: string) => url.replace(/:reference/g, 'DP001').replace(/:command/g, 'record-screening').replace(/:(\w+)/g, 'x').replace(/\*$/, 'x');

const eventCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(services.database.db)).rows[0]!.n);

describe('the HTTP surface', () => {
  it('lists its routes', () => {
    expect(app.routeCatalogue.length).toBeGreaterThan(40);
  });

  it('every GET route answers with CSP (nonce, object-src none, frame-ancestors none), nosniff and a referrer policy, never a 5xx', async () => {
    const page = new PageSession(app);
    await page.signIn('admin@secmod.example');
    const gets = app.routeCatalogue.filter((r) => r.method === 'GET');
    for (const r of gets) {
      const res = await app.inject({ method: 'GET', url: concrete(r.url), headers: { cookie: page.cookieHeader } });
      expect(res.statusCode, r.url).toBeLessThan(500);
      expect(res.headers['x-content-type-options'], r.url).toBe('nosniff');
      expect(String(res.headers['content-security-policy']), r.url).toContain("object-src 'none'");
      expect(String(res.headers['content-security-policy']), r.url).toContain("frame-ancestors 'none'");
      expect(res.headers['referrer-policy'], r.url).toBe('same-origin');
      if (String(res.headers['content-type']).startsWith('text/html')) expect(String(res.headers['content-security-policy']), r.url).toMatch(/'nonce-[0-9a-f]+'/);
    }
  });

  it('no GET changes state: a sweep over every GET route appends no event', async () => {
    const before = await eventCount();
    const page = new PageSession(app);
    await page.signIn('analyst@secas.example');
    const auth = await bearerFor(app, 'analyst@secas.example');
    for (const r of app.routeCatalogue.filter((x) => x.method === 'GET')) {
      await app.inject({ method: 'GET', url: concrete(r.url), headers: r.url.startsWith('/api/') ? { authorization: auth } : { cookie: page.cookieHeader } });
    }
    expect(await eventCount()).toBe(before);
  });

  it('every state-changing page route refuses a signed-in post without its CSRF token (403)', async () => {
    const page = new PageSession(app);
    await page.signIn('admin@secmod.example');
    const mutating = app.routeCatalogue.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !r.url.startsWith('/api/'));
    expect(mutating.length).toBeGreaterThan(3);
    for (const r of mutating) {
      const res = await app.inject({ method: r.method as 'POST', url: concrete(r.url), headers: { cookie: page.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b' });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('API routes need a bearer token: without one every mutating API route is 401 (or 400 for a malformed body), never a state change', async () => {
    const before = await eventCount();
    for (const r of app.routeCatalogue.filter((x) => x.url.startsWith('/api/') && x.method !== 'GET' && x.method !== 'HEAD' && x.url !== '/api/v1/session')) {
      const res = await app.inject({ method: r.method as 'POST', url: concrete(r.url), payload: {} });
      expect([400, 401], `${r.method} ${r.url}`).toContain(res.statusCode);
    }
    expect(await eventCount()).toBe(before);
  });
});

describe('sign-in secrets', () => {
  it('passwords, tokens and session ids never appear in the logs', async () => {
    t.logLines.length = 0;
    const page = new PageSession(app);
    await page.signIn('proposer@large-supplier.example', 'secmod-demo');
    await page.signIn('proposer@large-supplier.example', 'wrong-password-123');
    const auth = await bearerFor(app, 'proposer@large-supplier.example');
    await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: auth } });
    const log = t.logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain('secmod-demo');
    expect(log).not.toContain('wrong-password-123');
    expect(log).not.toContain(auth.slice('Bearer '.length));
    const session = /secmod_session=([^;]+)/.exec(page.cookieHeader)?.[1];
    expect(session && log.includes(session)).toBeFalsy();
  });

  it('disabling an account ends its sessions and API tokens server-side at once', async () => {
    const page = new PageSession(app);
    await page.signIn('wg.member@other-party.example');
    const auth = await bearerFor(app, 'wg.member@other-party.example');
    const user = await services.directory.findUserByEmail('wg.member@other-party.example');
    await services.directory.disableUser(user!.id, 'left the company', 'proof');
    expect((await page.get('/')).body).not.toContain('data-qa="principal-name"');
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: auth } })).statusCode).toBe(401);
    const again = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'wg.member@other-party.example', password: 'secmod-demo' } });
    expect(again.statusCode).toBe(401);
  });

  it('sign-in is limited per address as well as per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: '10.9.8.7', payload: { email: `nobody${i}@example.com`, password: 'wrong-password' } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
