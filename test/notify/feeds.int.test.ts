// Atom feeds of the register and of a proposal (issue: Notifications, documents and feeds,
// item 5), parsed back with a strict little XML parser (no packages): well-formed, valid Atom
// 1.0 structure, and a Party's markup or control characters come back as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string => {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & in ${JSON.stringify(s.slice(0, 60))}`);
  return s.replace(ENTITY, (_, n: string | undefined, d: string | undefined, x: string | undefined) => (n ? NAMED[n]! : String.fromCodePoint(Number.parseInt(d ?? x!, d ? 10 : 16))));
};
// Characters XML 1.0 allows.
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** A strict parser for the subset feeds use: declaration, elements, attributes, text. Throws on anything not well-formed. */
function parseXml(xml: string): XmlElement {
  if (ILLEGAL.test(xml)) throw new Error('a character XML 1.0 does not allow');
  let i = 0;
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>\s*/.exec(xml);
  if (!decl) throw new Error('no XML declaration');
  i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const NAME = '[A-Za-z_][\\w.:-]*';
  const startTag = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
  const endTag = new RegExp(`^</(${NAME})\\s*>`);
  while (i < xml.length) {
    const rest = xml.slice(i);
    if (rest.startsWith('</')) {
      const m = endTag.exec(rest);
      if (!m) throw new Error(`bad end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new Error(`</${m[1]}> does not close <${open?.name}>`);
      i += m[0].length;
    } else if (rest.startsWith('<')) {
      const m = startTag.exec(rest);
      if (!m) throw new Error(`bad start tag at ${i}: ${rest.slice(0, 40)}`);
      const attributes: Record<string, string> = {};
      for (const a of m[2]!.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g'))) {
        if (a[1]! in attributes) throw new Error(`duplicate attribute ${a[1]}`);
        attributes[a[1]!] = decode(a[2]!);
      }
      const el: XmlElement = { name: m[1]!, attributes, children: [], text: '' };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else if (root) throw new Error('two root elements');
      else root = el;
      if (m[3] !== '/') stack.push(el);
      i += m[0].length;
    } else {
      const next = rest.indexOf('<');
      const text = next === -1 ? rest : rest.slice(0, next);
      if (text.includes('>')) throw new Error('bare > in text');
      if (stack.length) stack[stack.length - 1]!.text += decode(text);
      else if (text.trim() !== '') throw new Error('text outside the root element');
      i += text.length;
    }
  }
  if (stack.length || !root) throw new Error('unclosed elements');
  return root;
}

const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Atom 1.0 (RFC 4287) rules the feeds must meet. */
function checkAtom(feed: XmlElement): void {
  expect(feed.name).toBe('feed');
  expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
  for (const required of ['id', 'title', 'updated']) expect(child(feed, required), required).toBeDefined();
  expect(child(feed, 'updated')!.text).toMatch(RFC3339);
  expect(child(feed, 'id')!.text).toMatch(/^[a-z][a-z0-9+.-]*:/);
  expect(child(child(feed, 'author')!, 'name')!.text.length).toBeGreaterThan(0);
  expect(feed.children.find((c) => c.name === 'link' && c.attributes.rel === 'self')?.attributes.href).toMatch(/^https?:\/\//);
  const ids = new Set<string>();
  for (const entry of feed.children.filter((c) => c.name === 'entry')) {
    for (const required of ['id', 'title', 'updated', 'content']) expect(child(entry, required), required).toBeDefined();
    expect(child(entry, 'updated')!.text).toMatch(RFC3339);
    expect(child(entry, 'content')!.attributes.type).toBe('text');
    expect(child(entry, 'link')!.attributes.href).toMatch(/^https:\/\/secmod\.test\/proposals\/(DP|MP)\d{3}$/);
    const id = child(entry, 'id')!.text;
    expect(id).toMatch(/^tag:secmod\.test,2026:/);
    expect(ids.has(id)).toBe(false);
    ids.add(id);
  }
}

let t: TestApp;
let api: ApiCast;
const NASTY = 'Feeds <b>&amp; "quotes"</b> ]]> \u0001\u0008 end';

beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual', SECMOD_PUBLIC_URL: 'https://secmod.test' });
  api = new ApiCast(t.app);
  await api.setClock('2026-03-02T09:00:00Z');
});
afterAll(async () => t.close());

describe('Atom feeds', () => {
  it('the parser used here refuses what is not well-formed', () => {
    expect(() => parseXml('<?xml version="1.0" encoding="utf-8"?><a><b></a></b>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="utf-8"?><a>x & y</a>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="utf-8"?><a>\u0001</a>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="utf-8"?><a x="1" x="2"/>')).toThrow();
    expect(parseXml('<?xml version="1.0" encoding="utf-8"?><a t="&lt;">&amp;<b/></a>').text).toBe('&');
  });

  it('the register feed is valid Atom, public, newest first, and a Party’s title comes back as text', async () => {
    const first = await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'First in the feed' });
    const raised = await api.raw('proposer@small-supplier.example', 'POST', '/api/v1/draft-proposals', { payload: { ...DRAFT, title: NASTY } });
    // Control characters may be refused by the payload schema; then the feed must still cope with markup.
    const nasty = raised.status === 201 ? (raised.body as { reference: string }).reference : (await api.raise('proposer@small-supplier.example', { ...DRAFT, title: 'Feeds <b>&amp; "quotes"</b> ]]> end' })).reference;
    await api.setClock('2026-03-03T09:00:00Z');
    await api.act('analyst@secas.example', first.reference, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });

    const res = await t.app.inject({ method: 'GET', url: '/feeds/register.atom' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers['last-modified']).toBeTruthy();
    const feed = parseXml(res.body);
    checkAtom(feed);
    expect(res.body).not.toContain('<b>');
    const entries = feed.children.filter((c) => c.name === 'entry');
    const titles = entries.map((e) => child(e, 'title')!.text);
    expect(titles[0]).toBe(`${first.reference}: First in the feed`);
    const nastyTitle = titles.find((x) => x.startsWith(`${nasty}:`))!;
    expect(nastyTitle).toContain('<b>&amp; "quotes"</b> ]]>');
    expect(child(entries[0]!, 'content')!.text).toMatch(/^Stage: /);
    expect(child(feed, 'updated')!.text).toBe(child(entries[0]!, 'updated')!.text);
  });

  it('a proposal’s feed lists its events, newest first, with the stage each left it in', async () => {
    const dp = await api.raise('proposer@gas-network.example', { ...DRAFT, title: 'History <i>feed</i>' });
    await api.act('analyst@secas.example', dp.reference, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('proposer@gas-network.example', dp.reference, 'withdraw', { reason: 'Done <now>' });
    for (const url of [`/feeds/proposals/${dp.reference}.atom`, `/feeds/proposals/${dp.reference.replace('DP', '')}.atom`]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      const feed = parseXml(res.body);
      checkAtom(feed);
      expect(child(feed, 'title')!.text).toBe(`${dp.reference}: History <i>feed</i>`);
      const entries = feed.children.filter((c) => c.name === 'entry');
      expect(entries.map((e) => child(e, 'title')!.text)).toEqual([`${dp.reference}: Proposal Withdrawn`, `${dp.reference}: Screening Recorded`, `${dp.reference}: Draft Proposal Submitted`]);
      expect(child(entries[2]!, 'content')!.text).toMatch(/Stage: Draft Submitted/);
      // Free text of events (the withdrawal reason) stays out of the public feed.
      expect(res.body).not.toContain('now');
    }
  });

  it('an unknown or malformed proposal feed is a 404, never a 500', async () => {
    for (const url of ['/feeds/proposals/MP999.atom', '/feeds/proposals/..%2Fregister.atom', '/feeds/proposals/DP001.rss', '/feeds/proposals/%3Cscript%3E.atom']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
