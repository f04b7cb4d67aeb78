import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
});
afterAll(async () => t.close());

describe('manual clock (SECMOD_CLOCK=manual)', () => {
  it('only a system administrator may set it', async () => {
    const auth = await bearerFor(t.app, 'analyst@secas.example');
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/clock', headers: { authorization: auth }, payload: { instant: '2027-03-01T10:00:00Z' } });
    expect(res.statusCode).toBe(403);
  });

  it('a system administrator sets it and the service reads the new time', async () => {
    const auth = await bearerFor(t.app, 'admin@secmod.example');
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/clock', headers: { authorization: auth }, payload: { instant: '2027-03-01T10:00:00Z' } });
    expect(res.statusCode).toBe(200);
    const now = await t.app.inject({ method: 'GET', url: '/api/v1/admin/clock', headers: { authorization: auth } });
    expect(now.json()).toEqual({ mode: 'manual', now: '2027-03-01T10:00:00.000Z' });
  });

  it('a time that is not ISO 8601 is refused with 422', async () => {
    const auth = await bearerFor(t.app, 'admin@secmod.example');
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/clock', headers: { authorization: auth }, payload: { instant: 'next tuesday' } });
    expect(res.statusCode).toBe(422);
  });
});
