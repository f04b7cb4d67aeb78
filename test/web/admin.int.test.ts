// Administration pages: system administrators only (401 signed out, 403 for others), CSRF on
// every form, Party defaults recorded and lifted (M8.5) with the Change Board seat suspended,
// users added with GOV.UK validation and the password policy, roles assigned and ended, a
// user disabled (their sessions end), and the bodies, rulebook and releases views.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';

let t: TestApp;
let api: ApiCast;
let admin: PageSession;
beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  api = new ApiCast(t.app);
  await api.setClock('2026-03-02T09:00:00Z');
  admin = new PageSession(t.app);
  expect((await admin.signIn('admin@secmod.example')).statusCode).toBe(303);
});
afterAll(async () => t.close());

const PAGES = ['/admin', '/admin/organisations', '/admin/users', '/admin/users/new', '/admin/bodies', '/admin/rulebook', '/admin/releases'];
const orgId = async (name: string) => (await t.services.database.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const userId = async (email: string) => (await t.services.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('who may administer', () => {
  it('signed out: 401 pages; signed in without the role: 403, for every page and form', async () => {
    for (const url of PAGES) expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    const party = new PageSession(t.app);
    await party.signIn('proposer@large-supplier.example');
    for (const url of PAGES) expect((await party.get(url)).statusCode, url).toBe(403);
    const token = await party.csrfToken('/sign-in');
    const org = await orgId('Brightside Supply');
    expect((await party.post(`/admin/organisations/${org}/record-default`, { _csrf: token, eventOfDefaultRef: 'EOD-X' })).statusCode).toBe(403);
    expect((await party.post('/admin/users/new', { _csrf: token, name: 'X', email: 'x@example.com', password: 'long enough password' })).statusCode).toBe(403);
    // The nav shows Administration to administrators only.
    expect((await party.get('/')).body).not.toContain('data-qa="nav-admin"');
    expect((await admin.get('/')).body).toContain('data-qa="nav-admin"');
  });

  it('every administration page has a unique title and a CSRF token on its forms', async () => {
    const titles = new Set<string>();
    for (const url of PAGES) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(200);
      titles.add(/<title>([^<]+)<\/title>/.exec(res.body)![1]!);
      for (const form of res.body.match(/<form method="post"[^]*?<\/form>/g) ?? []) expect(form, url).toContain('name="_csrf"');
    }
    expect(titles.size).toBe(PAGES.length);
  });

  it('a form without the CSRF token is refused', async () => {
    const org = await orgId('Brightside Supply');
    const res = await admin.post(`/admin/organisations/${org}/record-default`, { eventOfDefaultRef: 'EOD-1' });
    expect(res.statusCode).toBe(403);
    expect(text((await admin.get('/admin/organisations')).body)).not.toContain('EOD-1');
  });
});

describe('organisations and Party defaults (M8.5)', () => {
  it('lists Party Category, Voting Group and default status', async () => {
    const html = (await admin.get('/admin/organisations')).body;
    const harbour = text(html.slice(html.indexOf(`data-organisation="${await orgId('Harbour Energy Supply')}"`)));
    expect(harbour).toMatch(/^[^]*?Small Supplier Party[^]*?Defaulting Party/);
    expect(html).toContain('Large Supplier Party');
  });

  it('records a default (the reference is required), suspends the Voting Group’s Change Board seat, and lifts it', async () => {
    const org = await orgId('Brightside Supply');
    const missing = await admin.post(`/admin/organisations/${org}/record-default`, { _csrf: await admin.csrfToken('/admin/organisations'), eventOfDefaultRef: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('<title>Error: Organisations');
    expect(missing.body).toContain(`href="#eventOfDefaultRef-${org}"`);

    const recorded = await admin.post(`/admin/organisations/${org}/record-default`, { _csrf: await admin.csrfToken('/admin/organisations'), eventOfDefaultRef: 'EOD-2026-7' });
    expect(recorded.statusCode).toBe(303);
    const after = await admin.get('/admin/organisations');
    expect(after.body).toContain('data-qa="flash"');
    expect(text(after.body)).toContain('M8.5');
    const events = await t.services.database.db.selectFrom('events').select(['type', 'metadata']).where('stream_id', '=', `organisation-${org}`).orderBy('position').execute();
    expect(events.at(-1)).toMatchObject({ type: 'PartyDefaultRecorded', metadata: expect.objectContaining({ clause: 'M8.5' }) });

    const bodies = (await admin.get('/admin/bodies')).body;
    const seat = [...bodies.matchAll(/<tr class="govuk-table__row" data-qa="seat">([^]*?)<\/tr>/g)].map((m) => text(m[1]!)).find((s) => s.includes('Small Supplier Party') && s.includes('Brightside'));
    expect(seat).toContain('Suspended');

    // A Defaulting Party's user cannot raise a Draft Proposal now.
    expect((await api.raw('proposer@small-supplier.example', 'POST', '/api/v1/draft-proposals', { payload: DRAFT })).status).toBe(403);

    const lifted = await admin.post(`/admin/organisations/${org}/lift-default`, { _csrf: await admin.csrfToken('/admin/organisations') });
    expect(lifted.statusCode).toBe(303);
    const events2 = await t.services.database.db.selectFrom('events').select(['type']).where('stream_id', '=', `organisation-${org}`).orderBy('position').execute();
    expect(events2.at(-1)!.type).toBe('PartyDefaultLifted');
    const seatAfter = [...(await admin.get('/admin/bodies')).body.matchAll(/<tr class="govuk-table__row" data-qa="seat">([^]*?)<\/tr>/g)].map((m) => text(m[1]!)).find((s) => s.includes('Brightside'));
    expect(seatAfter).toContain('Voting');
    expect((await api.raw('proposer@small-supplier.example', 'POST', '/api/v1/draft-proposals', { payload: DRAFT })).status).toBe(201);
    // Lifting again is a conflict shown on the page, not a 500.
    expect((await admin.post(`/admin/organisations/${org}/lift-default`, { _csrf: await admin.csrfToken('/admin/organisations') })).statusCode).toBe(409);
  });

  it('an unknown organisation is a 404 page', async () => {
    expect((await admin.post('/admin/organisations/nope/lift-default', { _csrf: await admin.csrfToken('/admin/organisations') })).statusCode).toBe(404);
  });
});

describe('users', () => {
  it('lists users with their roles', async () => {
    const html = text((await admin.get('/admin/users')).body);
    expect(html).toContain('cb@large-supplier.example');
    expect(html).toContain('Change Board member (large-supplier)');
  });

  it('validates a new user with the GOV.UK error summary and the password policy', async () => {
    const post = async (form: Record<string, string>) => admin.post('/admin/users/new', { _csrf: await admin.csrfToken('/admin/users/new'), ...form });
    const empty = await post({ name: '', email: '', password: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('<title>Error: Add a user');
    expect(empty.body).toContain('href="#name"');
    expect(empty.body).toContain('href="#email"');
    expect(empty.body).toContain('href="#password"');
    const short = await post({ name: 'Ada', email: 'ada@example.com', password: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Password must be at least 8 characters');
    expect(short.body).not.toContain('value="short"');
    expect((await post({ name: 'Ada', email: 'ada@example.com', password: 'password123' })).body).toContain('Password is too common');
    expect((await post({ name: 'Ada', email: 'not-an-email', password: 'a long passphrase' })).body).toContain('Enter an email address in the correct format');
    expect((await post({ name: 'Ada', email: 'analyst@secas.example', password: 'a long passphrase' })).body).toContain('already exists');
    expect((await post({ name: 'Ada', email: 'ada@example.com', password: 'a long passphrase', role: 'change-board-member' })).body).toContain('Select the Change Board seat');
    expect((await post({ name: 'Ada', email: 'ada@example.com', password: 'a long passphrase', role: 'emperor' })).statusCode).toBe(422);
    expect((await post({ name: 'Ada', email: 'ada@example.com', password: 'a long passphrase', organisationId: 'nope' })).body).toContain('Select an organisation from the list');
    expect((await post({ name: 'Ada', email: 'ada@example.com', password: 'a long passphrase', role: 'panel-member', from: '2026-02-30' })).body).toContain('real date');
  });

  it('adds a user who can then sign in; assigns and ends a role; disabling ends their sessions', async () => {
    const org = await orgId('Helix Metering Services');
    const added = await admin.post('/admin/users/new', { _csrf: await admin.csrfToken('/admin/users/new'), name: 'Grace Hopper', email: 'Grace@Helix.example', organisationId: org, password: 'a long passphrase', role: 'party-user', from: '' });
    expect(added.statusCode).toBe(303);
    const id = await userId('grace@helix.example');
    expect(added.headers.location).toBe(`/admin/users/${id}`);
    const grace = new PageSession(t.app);
    expect((await grace.signIn('grace@helix.example', 'a long passphrase')).statusCode).toBe(303);
    expect((await grace.get('/tasks')).statusCode).toBe(200);

    let page = await admin.get(`/admin/users/${id}`);
    expect(page.body).toContain('data-qa="flash"');
    expect(text(page.body)).toContain('Party user');

    const bad = await admin.post(`/admin/users/${id}/roles`, { _csrf: await admin.csrfToken(`/admin/users/${id}`), role: 'panel-member', seat: 'consumer' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Only Change Board members have a seat');
    const assigned = await admin.post(`/admin/users/${id}/roles`, { _csrf: await admin.csrfToken(`/admin/users/${id}`), role: 'working-group-member', seat: '', from: '' });
    expect(assigned.statusCode).toBe(303);
    page = await admin.get(`/admin/users/${id}`);
    const wgRow = /data-role="working-group-member">([^]*?)<\/tr>/.exec(page.body)![1]!;
    expect(text(wgRow)).toContain('In force');
    const assignmentId = /\/roles\/([\w-]+)\/end/.exec(wgRow)![1]!;
    const ended = await admin.post(`/admin/users/${id}/roles/${assignmentId}/end`, { _csrf: await admin.csrfToken(`/admin/users/${id}`) });
    expect(ended.statusCode).toBe(303);
    page = await admin.get(`/admin/users/${id}`);
    expect(text(/data-role="working-group-member">([^]*?)<\/tr>/.exec(page.body)![1]!)).toContain('Not in force');
    // The role ended in the projection, so the principal no longer has it.
    const roles = await t.services.database.db.selectFrom('role_assignments').select(['role', 'valid_to']).where('id', '=', assignmentId).executeTakeFirstOrThrow();
    expect(roles.valid_to).toBe('2026-03-01');
    expect((await admin.post(`/admin/users/${id}/roles/not-an-assignment/end`, { _csrf: await admin.csrfToken(`/admin/users/${id}`) })).statusCode).toBe(404);

    const noReason = await admin.post(`/admin/users/${id}/disable`, { _csrf: await admin.csrfToken(`/admin/users/${id}`), reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('href="#reason"');
    const disabled = await admin.post(`/admin/users/${id}/disable`, { _csrf: await admin.csrfToken(`/admin/users/${id}`), reason: 'Left Helix' });
    expect(disabled.statusCode).toBe(303);
    expect((await grace.get('/tasks')).statusCode).toBe(401);
    expect((await grace.signIn('grace@helix.example', 'a long passphrase')).statusCode).not.toBe(303);
    expect(text((await admin.get('/admin/users')).body)).toMatch(/Grace Hopper[^]*?Disabled/);
  });

  it('an administrator cannot disable their own account; an unknown user is a 404', async () => {
    const me = await userId('admin@secmod.example');
    const res = await admin.post(`/admin/users/${me}/disable`, { _csrf: await admin.csrfToken(`/admin/users/${me}`), reason: 'oops' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('You cannot disable your own account');
    expect((await admin.get('/admin/users/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/admin/users/%3Cscript%3E')).statusCode).toBe(404);
    const own = /\/roles\/([\w-]+)\/end/.exec((await admin.get(`/admin/users/${me}`)).body)![1]!;
    expect((await admin.post(`/admin/users/${me}/roles/${own}/end`, { _csrf: await admin.csrfToken(`/admin/users/${me}`) })).statusCode).toBe(409);
    expect((await admin.get('/admin')).statusCode).toBe(200);
  });
});

describe('read-only views', () => {
  it('bodies: the Panel, the CSC, the SSC, the SMKI PMA, TABASC and the Alt HAN Forum with their members', async () => {
    const html = text((await admin.get('/admin/bodies')).body);
    for (const body of ['SEC Panel', 'Change Sub-Committee', 'Security Sub-Committee', 'SMKI PMA', 'TABASC', 'Alt HAN Forum', 'Change Board']) expect(html).toContain(body);
    expect(html).toContain('Panel Chair');
    expect(html).toMatch(/Consumer[^]*?Voting/);
  });

  it('rulebook: every parameter with its value, unit, default and source', async () => {
    const html = (await admin.get('/admin/rulebook')).body;
    const row = /<tr class="govuk-table__row" data-qa="parameter"><th scope="row" class="govuk-table__header govuk-body-s">appeal.windowWd<\/th>([^]*?)<\/tr>/.exec(html);
    expect(row).not.toBeNull();
    expect(text(row![1]!)).toMatch(/15 WD/);
    expect([...html.matchAll(/data-qa="parameter"/g)].length).toBeGreaterThan(50);
  });

  it('releases: each release id scheduled in a proposal, with its proposals', async () => {
    expect((await admin.get('/admin/releases')).body).toContain('data-qa="no-releases"');
    const { reference } = await api.raise('proposer@other-party.example', { ...DRAFT, title: 'Release me', submissionBasis: 'fast-track-candidate' });
    await api.act('analyst@secas.example', reference, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    const mp = (await api.act('panel.chair@panel.example', reference, 'raise-fast-track', { changeKind: 'typographical-error', panelDecision: { for: 9, against: 0, abstain: 0 }, summary: 'Typo', legalTextDocumentId: 'LT-R', legalTextBaseline: '5.18' })).reference;
    const dueAt = ((await api.get('panel.chair@panel.example', mp)).timers as Record<string, { dueAt: string }>).TM05!.dueAt;
    await api.setClock(new Date(Date.parse(dueAt) + 1000).toISOString());
    await api.act('panel.chair@panel.example', mp, 'schedule-implementation', { implementationDate: '2026-11-05', releaseId: 'REL-2026-11' });
    const html = text((await admin.get('/admin/releases')).body);
    expect(html).toContain('Release REL-2026-11');
    expect(html).toContain(`${mp} : Release me`);
    expect(html).toContain('2026-11-05');
    expect(html).toContain('Scheduled');
  });
});
