import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('demo inbox (demo mode, no SMTP)', () => {
  it("shows a user the notices they would have been emailed, and only theirs", async () => {
    const { reference } = await new ApiCast(t.app).raise('proposer@large-supplier.example', DRAFT);
    await t.services.deliveryWorker!.drain();
    const proposer = new PageSession(t.app);
    await proposer.signIn('proposer@large-supplier.example');
    const mine = (await proposer.get('/demo-inbox')).body;
    expect(mine).toContain(`We have received your Draft Proposal ${reference}`);
    expect(mine).not.toContain(`New Draft Proposal ${reference}`);
    const admin = new PageSession(t.app);
    await admin.signIn('admin@secmod.example');
    expect((await admin.get('/demo-inbox')).body).toContain(`New Draft Proposal ${reference}`);
    expect((await t.app.inject({ method: 'GET', url: '/demo-inbox' })).statusCode).toBe(401);
  });
});
