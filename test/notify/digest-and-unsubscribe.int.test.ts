// Per-user preferences and unsubscribe links, through a real SMTP server in the test process:
// a user on the daily digest gets exactly one email a day at the digest time (07:00 London by
// the application clock), listing their notices grouped by proposal; every email has a plain-text
// part and a signed unsubscribe link (also as List-Unsubscribe); GET on the link changes nothing,
// the POST (with its CSRF token, without signing in) turns that kind of email off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { PageSession, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { header, subjectOf, textPart, type SmtpSink, startTestAppWithMail } from './smtp-sink.ts';

let t: TestApp;
let api: ApiCast;
let smtp: SmtpSink;

beforeAll(async () => {
  const mail = await startTestAppWithMail({ SECMOD_CLOCK: 'manual', SECMOD_DIGEST_TIME: '07:00' });
  t = mail;
  smtp = mail.smtp;
  api = new ApiCast(t.app);
  await api.setClock('2026-03-02T09:00:00Z');
});
afterAll(async () => {
  await t.close();
});

const drain = () => t.services.deliveryWorker!.drain();
const to = (email: string) => smtp.received.filter((m) => m.to.includes(email));
const db = () => t.services.database.db;
const LARGE = 'proposer@large-supplier.example';
let digestLink = '';

describe('notification preferences', () => {
  it('the API reads and sets them; unknown values are refused with a detail', async () => {
    const before = await api.raw(LARGE, 'GET', '/api/v1/me/notification-preferences');
    expect(before.body).toEqual({ mode: 'immediate', muted: [], digestTime: '07:00' });
    const set = await api.raw(LARGE, 'PUT', '/api/v1/me/notification-preferences', { mode: 'digest' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ mode: 'digest', muted: [] });
    const bad = await api.raw(LARGE, 'PUT', '/api/v1/me/notification-preferences', { mode: 'weekly' });
    expect(bad.status).toBe(400);
    const unknownRule = await api.raw(LARGE, 'PUT', '/api/v1/me/notification-preferences', { mode: 'digest', muted: ['no-such-rule'] });
    expect(unknownRule.status).toBe(422);
    expect(unknownRule.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknownRule.body.detail).toMatch(/no-such-rule/);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences' })).statusCode).toBe(401);
  });

  it('the page saves them with Post/Redirect/Get, refuses a post without its CSRF token, and shows an error summary', async () => {
    const page = new PageSession(t.app);
    await page.signIn('proposer@gas-network.example');
    const form = await page.get('/account/notifications');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('How do you want to get notices?');
    expect(form.body).toMatch(/value="immediate"[^>]*checked/);
    const token = await page.csrfToken('/account/notifications');
    expect((await page.post('/account/notifications', { mode: 'digest' })).statusCode).toBe(403);
    const saved = await page.post('/account/notifications', { _csrf: token, mode: 'digest' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account/notifications');
    const after = await page.get('/account/notifications');
    expect(after.body).toMatch(/value="digest"[^>]*checked/);
    expect(after.body).toContain('Your notification preferences are saved');
    const wrong = await page.post('/account/notifications', { _csrf: await page.csrfToken('/account/notifications'), mode: '' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('govuk-error-summary');
    expect(wrong.body).toMatch(/<title>Error: /);
    // Back to immediate for the rest of the suite.
    await page.post('/account/notifications', { _csrf: await page.csrfToken('/account/notifications'), mode: 'immediate' });
  });
});

describe('the daily digest', () => {
  let a = '';
  let b = '';

  it('holds a digest user’s notices while everyone else’s go at once', async () => {
    smtp.received.length = 0;
    a = (await api.raise(LARGE, { ...DRAFT, title: 'Digest proposal A' })).reference;
    b = (await api.raise(LARGE, { ...DRAFT, title: 'Digest proposal B' })).reference;
    await api.act(LARGE, a, 'withdraw', { reason: 'Superseded by B' });
    await drain();
    expect(to(LARGE)).toEqual([]);
    // The Code Administrator (immediate) was told of both at once.
    expect(to('analyst@secas.example').map((m) => subjectOf(m.raw)).sort()).toEqual([`New Draft Proposal ${a}: Digest proposal A`, `New Draft Proposal ${b}: Digest proposal B`]);
    const held = await db().selectFrom('outbox').select(['channel', 'delivered_at']).where('recipient', '=', LARGE).execute();
    expect(held).toHaveLength(3);
    expect(held.every((r) => r.channel === 'digest' && r.delivered_at === null)).toBe(true);
  });

  it('sends nothing before 07:00 London, then exactly one digest grouped by proposal, with a plain-text part', async () => {
    await api.setClock('2026-03-03T06:59:00Z');
    await drain();
    expect(to(LARGE)).toEqual([]);
    await api.setClock('2026-03-03T07:00:00Z');
    await drain();
    const digests = to(LARGE);
    expect(digests).toHaveLength(1);
    const raw = digests[0]!.raw;
    expect(subjectOf(raw)).toBe('Your secmod digest for 2026-03-03: 3 notices on 2 proposals');
    expect(raw).toMatch(/Content-Type: text\/html/i);
    const text = textPart(raw)!;
    expect(text).toBeDefined();
    // Grouped by proposal: A's two notices under A, then B's under B.
    const at = (s: string) => text.indexOf(s);
    expect(at(`${a} "Digest proposal A"`)).toBeGreaterThan(-1);
    expect(at(`${a} "Digest proposal A"`)).toBeLessThan(at(`- We have received your Draft Proposal ${a}`));
    expect(at(`- We have received your Draft Proposal ${a}`)).toBeLessThan(at(`- ${a} has been withdrawn: it may be adopted`));
    expect(at(`- ${a} has been withdrawn: it may be adopted`)).toBeLessThan(at(`${b} "Digest proposal B"`));
    expect(at(`${b} "Digest proposal B"`)).toBeLessThan(at(`- We have received your Draft Proposal ${b}`));
    expect(text.match(/^- /gm)).toHaveLength(3);
    expect(text).toContain(`https://secmod.test/proposals/${a}`);
    expect(text).toMatch(/To stop these emails: https:\/\/secmod\.test\/unsubscribe\?token=[\w-]+\.[\w-]+/);
    expect(header(raw, 'List-Unsubscribe')).toMatch(/^<https:\/\/secmod\.test\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
    digestLink = /To stop these emails: (\S+)/.exec(text)![1]!;
    const row = await db().selectFrom('outbox').select(['delivery_key', 'template_version']).where('recipient', '=', LARGE).where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(row.delivery_key).toMatch(/^digest:[\w-]+:2026-03-03$/);
    expect(row.template_version).toBe(1);
  });

  it('is sent once a day: later rounds that day send nothing, and the next notice waits for tomorrow’s digest', async () => {
    await drain();
    await api.setClock('2026-03-03T12:00:00Z');
    const c = (await api.raise(LARGE, { ...DRAFT, title: 'Digest proposal C' })).reference;
    await drain();
    await t.services.notify.digests.assembleDue();
    await drain();
    expect(to(LARGE)).toHaveLength(1);
    await api.setClock('2026-03-04T07:05:00Z');
    await drain();
    expect(to(LARGE)).toHaveLength(2);
    const second = textPart(to(LARGE)[1]!.raw)!;
    expect(second).toContain(`- We have received your Draft Proposal ${c}`);
    expect(second).not.toContain(a);
  });
});

describe('unsubscribe links', () => {
  const SMALL = 'proposer@small-supplier.example';
  let link = '';

  it('every immediate email carries its own signed link, also as List-Unsubscribe', async () => {
    smtp.received.length = 0;
    await api.raise(SMALL, { ...DRAFT, title: 'Unsubscribe test' });
    await drain();
    const [mail] = to(SMALL);
    const text = textPart(mail!.raw)!;
    link = /To stop these emails: (https:\/\/secmod\.test\/unsubscribe\?token=\S+)/.exec(text)![1]!;
    expect(header(mail!.raw, 'List-Unsubscribe')).toBe(`<${link}>`);
    expect(text).toContain('Choose how you get notices: https://secmod.test/account/notifications');
  });

  it('GET shows what it turns off and a form, and changes nothing; a post without the CSRF token is refused', async () => {
    const path = link.replace('https://secmod.test', '');
    const anonymous = new PageSession(t.app);
    for (let i = 0; i < 2; i++) {
      const page = await anonymous.get(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Stop these emails');
      expect(page.body).toContain('Draft Proposal Submitted notices');
    }
    expect(await db().selectFrom('notification_preferences').selectAll().where('user_id', '=', (await t.services.directory.findUserByEmail(SMALL))!.id).execute()).toEqual([]);
    expect((await anonymous.post(path, {})).statusCode).toBe(403);
    expect(await db().selectFrom('notification_preferences').selectAll().execute()).toHaveLength(2); // large (digest) and gas-network only
  });

  it('the POST turns that notice off for that user only, without signing in; a tampered link is refused', async () => {
    const path = link.replace('https://secmod.test', '');
    const anonymous = new PageSession(t.app);
    const token = await anonymous.csrfToken(path);
    const done = await anonymous.post(path, { _csrf: token });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(path);
    const after = await anonymous.get(path);
    expect(after.body).toContain('You are unsubscribed');
    expect(after.body).toContain('These emails are off');
    const small = (await api.raw(SMALL, 'GET', '/api/v1/me/notification-preferences')).body;
    expect(small).toMatchObject({ mode: 'immediate', muted: ['dp-received-proposer'] });

    smtp.received.length = 0;
    const again = await api.raise(SMALL, { ...DRAFT, title: 'After unsubscribing' });
    await api.act(SMALL, again.reference, 'withdraw', { reason: 'Test' });
    await drain();
    // No more acknowledgements; other notices still come.
    expect(to(SMALL).map((m) => subjectOf(m.raw))).toEqual([`${again.reference} has been withdrawn: it may be adopted`]);

    const tampered = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await anonymous.get(tampered)).statusCode).toBe(404);
    expect((await anonymous.get('/unsubscribe?token=nonsense')).statusCode).toBe(404);
    expect((await anonymous.get('/unsubscribe')).statusCode).toBe(404);
  });

  it('the digest’s link turns the digest, and so all notice email, off', async () => {
    const path = digestLink.replace('https://secmod.test', '');
    const anonymous = new PageSession(t.app);
    expect((await anonymous.get(path)).body).toContain('the daily digest');
    await anonymous.post(path, { _csrf: await anonymous.csrfToken(path) });
    expect((await api.raw(LARGE, 'GET', '/api/v1/me/notification-preferences')).body).toMatchObject({ mode: 'off' });
    const count = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE recipient = ${LARGE}`.execute(db())).rows[0]!.n);
    await api.raise(LARGE, { ...DRAFT, title: 'Nothing for me' });
    expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE recipient = ${LARGE}`.execute(db())).rows[0]!.n)).toBe(count);
  });
});
