// Subscriptions ("follow"), through a real SMTP server: a follower of Path 3 proposals hears of
// the significant events only (stage changes, consultations, …) when they chose "significant
// changes only", and of every event when they chose "everything"; a follower of Path 2 hears
// nothing of a Path 3 proposal; followers of a proposal, a Party Category and a register search
// are matched too. The Follow form on the proposal page and /account/subscriptions follow and
// unfollow with Post/Redirect/Get; the API under /api/v1/me/subscriptions does the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, PageSession, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { subjectOf, textPart, type SmtpSink, startTestAppWithMail } from './smtp-sink.ts';

let t: TestApp;
let api: ApiCast;
let smtp: SmtpSink;

beforeAll(async () => {
  const mail = await startTestAppWithMail({ SECMOD_CLOCK: 'manual' });
  t = mail;
  smtp = mail.smtp;
  api = new ApiCast(t.app);
  await api.setClock('2026-03-02T09:00:00Z');
});
afterAll(async () => {
  await t.close();
});

const drain = () => t.services.deliveryWorker!.drain();
const subjectsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email)).map((m) => subjectOf(m.raw));
const words = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1 $2');

// None of these has a role that brings notices of the events below, so all they get is from following.
const SIGNIFICANT = 'panel.member@panel.example';
const EVERYTHING = 'consumer@citizens-advice.example';
const PATH_2 = 'ssc.member@ssc.example';

async function follow(email: string, kind: string, target: string, level?: string) {
  return api.raw(email, 'POST', '/api/v1/me/subscriptions', { kind, target, ...(level ? { level } : {}) });
}

describe('following a path', () => {
  it('“significant changes only” brings the stage changes and the consultation; “everything” brings every event; another path nothing', async () => {
    expect((await follow(SIGNIFICANT, 'path', '3')).status).toBe(201);
    expect((await follow(EVERYTHING, 'path', '3', 'everything')).status).toBe(201);
    expect((await follow(PATH_2, 'path', '2', 'everything')).status).toBe(201);
    const dp = await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Followed on Path 3' });
    const ref = dp.reference;
    await api.act('analyst@secas.example', ref, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('csc.member@csc.example', ref, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act('proposer@large-supplier.example', ref, 'request-conversion', {});
    await drain();
    // No path yet: a path's followers hear nothing of a Draft Proposal.
    expect(subjectsTo(SIGNIFICANT)).toEqual([]);
    expect(subjectsTo(EVERYTHING)).toEqual([]);

    const mp = (await api.act('panel.chair@panel.example', ref, 'convert', { route: 'refinement', path: 3, pathReasons: 'Minor', timetable: { summary: 'Refinement' }, workingGroupRequired: true })).reference;
    await api.act('panel.chair@panel.example', mp, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
    await api.act('proposer@large-supplier.example', mp, 'amend-proposed-solution', { summary: 'Fix the window at 5 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false });
    await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    await api.act('proposer@other-party.example', mp, 'respond-to-consultation', { response: 'Supportive' });
    await drain();

    const events = await t.services.database.db.selectFrom('events').select(['type', 'data', 'stream_version']).where('stream_id', '=', `modification-${mp.slice(2).replace(/^0+/, '')}`).orderBy('stream_version').execute();
    const sinceConversion = events.slice(events.findIndex((e) => e.type === 'DraftProposalConverted'));
    expect(sinceConversion.length).toBe(5);
    expect(subjectsTo(EVERYTHING)).toEqual(sinceConversion.map((e) => `${mp}: ${words(e.type)}`));
    expect(subjectsTo(SIGNIFICANT)).toEqual([`${mp}: Draft Proposal Converted`, `${mp}: Consultation Opened`]);
    expect(subjectsTo(PATH_2)).toEqual([]);

    const mail = smtp.received.find((m) => m.to.includes(SIGNIFICANT))!;
    const text = textPart(mail.raw)!;
    expect(text).toContain('You follow Path 3 proposals.');
    expect(text).toContain(`https://secmod.test/proposals/${mp}`);
    expect(text).toMatch(/To stop these emails: https:\/\/secmod\.test\/unsubscribe\?token=/);
  });

  it('a follower who is told of an event by their role is not told twice; the unsubscribe link of a follow ends that follow', async () => {
    smtp.received.length = 0;
    // A Party user follows everything of Path 3, and also gets consultations as a Party.
    expect((await follow('proposer@gas-network.example', 'path', '3', 'everything')).status).toBe(201);
    const ref = (await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Second on Path 3' })).reference;
    await api.act('analyst@secas.example', ref, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('csc.member@csc.example', ref, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act('proposer@large-supplier.example', ref, 'request-conversion', {});
    const mp = (await api.act('panel.chair@panel.example', ref, 'convert', { route: 'refinement', path: 3, pathReasons: 'Minor', timetable: { summary: 'Refinement' }, workingGroupRequired: false })).reference;
    await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'refinement', documentId: 'RC-2' });
    await drain();
    const gas = subjectsTo('proposer@gas-network.example').filter((s) => s.includes(mp));
    expect(gas).toContain(`${mp}: Draft Proposal Converted`);
    expect(gas.filter((s) => s.startsWith(`Consultation open on ${mp} until`))).toHaveLength(1);
    expect(gas).not.toContain(`${mp}: Consultation Opened`);

    const mail = smtp.received.find((m) => m.to.includes(EVERYTHING) && subjectOf(m.raw) === `${mp}: Draft Proposal Converted`)!;
    const link = /To stop these emails: https:\/\/secmod\.test(\S+)/.exec(textPart(mail.raw)!)![1]!;
    const anonymous = new PageSession(t.app);
    const confirm = await anonymous.get(link);
    expect(confirm.body).toContain('Path 3 proposals');
    expect((await api.raw(EVERYTHING, 'GET', '/api/v1/me/subscriptions')).body.subscriptions).toHaveLength(1);
    await anonymous.post(link, { _csrf: await anonymous.csrfToken(link) });
    expect((await api.raw(EVERYTHING, 'GET', '/api/v1/me/subscriptions')).body.subscriptions).toEqual([]);
  });
});

describe('following a proposal, a Party Category and a register search', () => {
  it('each reaches its follower; a search matches the register’s filters', async () => {
    smtp.received.length = 0;
    const gas = (await api.raise('proposer@gas-network.example', { ...DRAFT, title: 'Gas meter reading windows' })).reference;
    const elec = (await api.raise('proposer@elec-network.example', { ...DRAFT, title: 'Electricity tariff switching' })).reference;
    expect((await follow('pma.member@smki-pma.example', 'proposal', gas, 'everything')).status).toBe(201);
    expect((await follow('tabasc@tabasc.example', 'party-category', 'electricity-network', 'everything')).status).toBe(201);
    expect((await follow('forum@alt-han.example', 'search', '/register?q=meter&sort=newest', 'everything')).status).toBe(201);
    for (const ref of [gas, elec]) await api.act('analyst@secas.example', ref, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await drain();
    expect(subjectsTo('pma.member@smki-pma.example')).toEqual([`${gas}: Screening Recorded`]);
    expect(subjectsTo('tabasc@tabasc.example')).toEqual([`${elec}: Screening Recorded`]);
    expect(subjectsTo('forum@alt-han.example')).toEqual([`${gas}: Screening Recorded`]);
    const saved = (await api.raw('forum@alt-han.example', 'GET', '/api/v1/me/subscriptions')).body.subscriptions as { target: string; description: string }[];
    expect(saved[0]!.target).toBe('q=meter');
    expect(saved[0]!.description).toContain('matching "meter"');
  });

  it('the API refuses what cannot be followed, with a problem detail', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ kind: 'proposal', target: 'MP999' }, 404, /no Draft or Modification Proposal/],
      [{ kind: 'path', target: '4' }, 422, /Path 1, 2 or 3/],
      [{ kind: 'party-category', target: 'pirates' }, 422, /Party Category/],
      [{ kind: 'search', target: 'sort=newest' }, 422, /at least one register filter/],
    ];
    for (const [body, status, detail] of cases) {
      const res = await api.raw('panel.member@panel.example', 'POST', '/api/v1/me/subscriptions', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
    }
    expect((await api.raw('panel.member@panel.example', 'POST', '/api/v1/me/subscriptions', { kind: 'planet', target: 'x' })).status).toBe(400);
    // Following again changes the level (200), and DELETE removes only one's own.
    const again = await follow(SIGNIFICANT, 'path', '3', 'everything');
    expect(again.status).toBe(200);
    expect(again.body.level).toBe('everything');
    const other = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/subscriptions/${again.body.id as string}`, headers: { authorization: await bearerFor(t.app, EVERYTHING) } });
    expect(other.statusCode).toBe(404);
    const own = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/subscriptions/${again.body.id as string}`, headers: { authorization: await bearerFor(t.app, SIGNIFICANT) } });
    expect(own.statusCode).toBe(204);
  });
});

describe('the Follow button and the subscriptions page', () => {
  it('follows a proposal from its page, lists it, and removes it, each with Post/Redirect/Get', async () => {
    const ref = (await api.raise('proposer@other-party.example', { ...DRAFT, title: 'Followed from its page' })).reference;
    const page = new PageSession(t.app);
    await page.signIn('secretariat@secas.example');
    const proposal = await page.get(`/proposals/${ref}`);
    expect(proposal.body).toContain('Follow this proposal');
    const token = await page.csrfToken(`/proposals/${ref}`);
    const followed = await page.post('/account/subscriptions', { _csrf: token, kind: 'proposal', proposalReference: ref, level: 'significant', returnTo: `/proposals/${ref}` });
    expect(followed.statusCode).toBe(303);
    expect(followed.headers.location).toBe(`/proposals/${ref}`);
    expect((await page.get(`/proposals/${ref}`)).body).toContain(`You follow ${ref}`);
    const list = await page.get('/account/subscriptions');
    expect(list.body).toContain(`${ref} &quot;Followed from its page&quot;`);
    const id = ((await api.raw('secretariat@secas.example', 'GET', '/api/v1/me/subscriptions')).body.subscriptions as { id: string }[])[0]!.id;
    expect((await page.post(`/account/subscriptions/${id}/remove`, {})).statusCode).toBe(403);
    const removed = await page.post(`/account/subscriptions/${id}/remove`, { _csrf: await page.csrfToken('/account/subscriptions') });
    expect(removed.statusCode).toBe(303);
    expect((await page.get('/account/subscriptions')).body).toContain('You do not follow anything yet');
    // A mistake is shown in the error summary; an open redirect is not possible.
    const wrong = await page.post('/account/subscriptions', { _csrf: await page.csrfToken('/account/subscriptions'), kind: 'path', pathNumber: '' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('govuk-error-summary');
    expect(wrong.body).toContain('href="#pathNumber"');
    const away = await page.post('/account/subscriptions', { _csrf: await page.csrfToken('/account/subscriptions'), kind: 'path', pathNumber: '1', returnTo: 'https://evil.example/' });
    expect(away.headers.location).toBe('/account/subscriptions');
    expect((await t.app.inject({ method: 'GET', url: '/account/subscriptions' })).statusCode).toBe(401);
  });
});
