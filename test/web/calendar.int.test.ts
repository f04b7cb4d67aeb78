// The public calendar: running timers and scheduled implementations by month, with previous
// and next links, a 400 page for a bad month, and the iCalendar feed parsed back with a small
// RFC 5545 reader (CRLF, folding at 75 octets, TEXT escaping, stable UIDs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { escapeText, foldLine } from '../../src/web/pages/calendar/ics.ts';

const PANEL = 'panel.chair@panel.example';
const SCREENING = { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' };
const FAST_TRACK = { changeKind: 'typographical-error', panelDecision: { for: 9, against: 0, abstain: 0 }, summary: 'Correct a typo', legalTextDocumentId: 'LT-FT', legalTextBaseline: '5.18' };
const TRICKY = 'Typo, in H4.12; a\\b — “Working Days” é ü with a title long enough to need folding in the feed';

let t: TestApp;
let api: ApiCast;
let scheduled: string;
let objection: string;

/** Raises a Draft Proposal and the Panel makes it a Fast-Track (TM05 starts). */
async function fastTrack(title: string): Promise<string> {
  const { reference } = await api.raise('proposer@other-party.example', { ...DRAFT, title, submissionBasis: 'fast-track-candidate' });
  await api.act('analyst@secas.example', reference, 'record-screening', SCREENING);
  return (await api.act(PANEL, reference, 'raise-fast-track', FAST_TRACK)).reference;
}

beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  api = new ApiCast(t.app);
  await api.setClock('2026-03-02T09:00:00Z');
  scheduled = await fastTrack('Scheduled in a release');
  const dueAt = ((await api.get(PANEL, scheduled)).timers as Record<string, { dueAt: string }>).TM05!.dueAt;
  await api.setClock(new Date(Date.parse(dueAt) + 1000).toISOString());
  await api.act(PANEL, scheduled, 'schedule-implementation', { implementationDate: '2026-06-25', releaseId: 'REL-2026-06' });
  // Raised on Tuesday 24 March 2026: 15 Working Days, skipping Good Friday and Easter Monday.
  objection = await fastTrack(TRICKY);
});
afterAll(async () => t.close());

interface IcsEvent { [property: string]: string }

/** A tiny RFC 5545 reader: checks line endings and octet lengths, unfolds, unescapes TEXT. */
function parseIcs(body: string): { calendar: Record<string, string>; events: IcsEvent[] } {
  expect(body.endsWith('\r\n')).toBe(true);
  expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const physical = body.slice(0, -2).split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  const calendar: Record<string, string> = {};
  const events: IcsEvent[] = [];
  let current: IcsEvent | undefined;
  let depth = 0;
  for (const line of logical) {
    const colon = line.indexOf(':');
    expect(colon, line).toBeGreaterThan(0);
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      depth++;
      if (value === 'VEVENT') current = {};
      continue;
    }
    if (name === 'END') {
      depth--;
      if (value === 'VEVENT') { events.push(current!); current = undefined; }
      continue;
    }
    // A TEXT value never has an unescaped comma or semicolon.
    if (/^(SUMMARY|DESCRIPTION)$/.test(name)) expect(value.replace(/\\./g, '')).not.toMatch(/[,;]/);
    (current ?? calendar)[name] = /^(SUMMARY|DESCRIPTION|CATEGORIES)$/.test(name) ? unescape(value) : value;
  }
  expect(depth).toBe(0);
  return { calendar, events };
}

describe('the calendar page', () => {
  it('lists the month’s deadlines per week with links to the proposals, and previous and next months', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/calendar?month=2026-04' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Calendar: April 2026 – secmod</title>');
    expect(res.body).toContain('Fast-Track objection window ends');
    expect(res.body).toContain(`href="/proposals/${objection}"`);
    expect(res.body).toContain('Thursday 16 April 2026');
    expect(res.body).toContain('href="/calendar?month=2026-03"');
    expect(res.body).toContain('href="/calendar?month=2026-05"');
    expect(res.body).toContain('Week beginning Monday 13 April 2026');
    expect(res.body).toContain('href="/calendar.ics"');
  });

  it('shows scheduled implementations with their release', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/calendar?month=2026-06' });
    expect(res.body).toContain('Implementation Date');
    expect(res.body).toContain('Release REL-2026-06');
    expect(res.body).toContain(`href="/proposals/${scheduled}"`);
    expect(res.body).toContain('Thursday 25 June 2026');
  });

  it('defaults to the current month, and says when nothing is scheduled', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/calendar' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Calendar: March 2026');
    expect((await t.app.inject({ method: 'GET', url: '/calendar?month=2031-01' })).body).toContain('data-qa="calendar-empty"');
    // December rolls over to January of the next year.
    expect((await t.app.inject({ method: 'GET', url: '/calendar?month=2026-12' })).body).toContain('href="/calendar?month=2027-01"');
  });

  it.each(['2026-13', 'March', '2026-3', '1999-12', '<script>', '2026-03-01', '99999-01'])('a bad month (%s) is a 400 GOV.UK page, never a 500', async (month) => {
    const res = await t.app.inject({ method: 'GET', url: `/calendar?month=${encodeURIComponent(month)}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).not.toContain('<script>');
  });

  it('a repeated month parameter is a 400, not a 500', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/calendar?month=2026-03&month=2026-04' })).statusCode).toBe(400);
  });
});

describe('the iCalendar feed', () => {
  it('is valid iCalendar with an event per running timer and implementation, escaped and folded', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/calendar.ics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const { calendar, events } = parseIcs(res.body);
    expect(calendar).toMatchObject({ VERSION: '2.0', PRODID: expect.stringContaining('secmod') });
    for (const e of events) {
      expect(e.UID).toMatch(/^mod-\d+-[\w]+@secmod$/);
      expect(e.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
      expect(e['DTSTART;VALUE=DATE']).toMatch(/^\d{8}$/);
    }
    expect(new Set(events.map((e) => e.UID)).size).toBe(events.length);
    const window = events.find((e) => e.SUMMARY === `${objection}: Fast-Track objection window ends – ${TRICKY}`);
    expect(window, JSON.stringify(events.map((e) => e.SUMMARY))).toBeDefined();
    expect(window!['DTSTART;VALUE=DATE']).toBe('20260416');
    expect(window!['DTEND;VALUE=DATE']).toBe('20260417');
    expect(window!.URL).toContain(`/proposals/${objection}`);
    const impl = events.find((e) => e.UID === `mod-${Number(scheduled.slice(2))}-implementation@secmod`);
    expect(impl).toMatchObject({ 'DTSTART;VALUE=DATE': '20260625' });
    expect(impl!.DESCRIPTION).toContain('Release REL-2026-06');
    // The raw feed folds the long summary.
    expect(res.body).toMatch(/\r\n [^\r]/);
  });

  it('keeps each UID stable for its proposal and timer', async () => {
    const a = parseIcs((await t.app.inject({ method: 'GET', url: '/calendar.ics' })).body).events.map((e) => e.UID).sort();
    const b = parseIcs((await t.app.inject({ method: 'GET', url: '/calendar.ics' })).body).events.map((e) => e.UID).sort();
    expect(b).toEqual(a);
    expect(a).toContain(`mod-${Number(objection.slice(2))}-tm05@secmod`);
  });

  it('escapes TEXT and folds without splitting a UTF-8 character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`SUMMARY:${'é'.repeat(80)}`);
    expect(folded).not.toContain('\uFFFD');
  });
  it('a personal feed (per user) lists the proposals the user proposed, follows or can act on, behind a signed address; a forged one is 404', async () => {
    const { PageSession } = await import('../support/test-app.ts');
    const feedOf = async (email: string) => {
      const session = new PageSession(t.app);
      await session.signIn(email);
      const url = /href="(?:https?:\/\/[^/"]+)?(\/calendar\/personal\.ics\?token=[^"]+)"/.exec((await session.get('/calendar')).body)![1]!;
      const feed = await t.app.inject({ method: 'GET', url });
      expect(feed.statusCode).toBe(200);
      expect(feed.headers['content-type']).toContain('text/calendar');
      return { url, refs: new Set(parseIcs(feed.body).events.map((e) => /(DP|MP)\d+/.exec(e.SUMMARY ?? '')?.[0])) };
    };
    // Helix proposed both Fast-Tracks: both are in its feed.
    const helix = await feedOf('proposer@other-party.example');
    expect(helix.refs.has(objection)).toBe(true);
    // An SSC member is not involved in either unless it can act or follows.
    const canAct = async (ref: string) => ((await api.raw('ssc.member@ssc.example', 'GET', `/api/v1/modifications/${ref}/actions`)).body as { actions: unknown[] }).actions.length > 0;
    const before = await feedOf('ssc.member@ssc.example');
    expect(await canAct(objection)).toBe(false);
    expect(before.refs.has(objection)).toBe(false);
    const followed = await api.raw('ssc.member@ssc.example', 'POST', '/api/v1/me/subscriptions', { kind: 'proposal', target: objection });
    expect(followed.status).toBeLessThan(300);
    expect((await feedOf('ssc.member@ssc.example')).refs.has(objection)).toBe(true);
    const token = new URL(helix.url, 'http://x').searchParams.get('token')!;
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await t.app.inject({ method: 'GET', url: `/calendar/personal.ics?token=${forged}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/calendar/personal.ics' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/calendar' })).body).not.toContain('personal.ics');
  });
});
