import { describe, expect, it } from 'vitest';
import { renderAtom, xmlEscape } from './atom.ts';

describe('Atom rendering', () => {
  it('escapes markup and replaces characters XML 1.0 cannot carry', () => {
    expect(xmlEscape(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlEscape('a\u0001b\u0008c\uFFFEd\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(xmlEscape('tab\tnewline\n😀')).toBe('tab\tnewline\n😀');
  });

  it('writes a feed with id, title, updated, author, and entries with text content', () => {
    const xml = renderAtom({
      id: 'tag:secmod.test,2026:register', title: 'Register <x>', updated: new Date('2026-03-02T09:00:00Z'), selfLink: 'https://secmod.test/feeds/register.atom',
      alternateLink: 'https://secmod.test/register?a=1&b=2', author: 'SECAS',
      entries: [{ id: 'tag:secmod.test,2026:modification/1', title: 'DP001: <script>', updated: new Date('2026-03-02T09:00:00Z'), link: 'https://secmod.test/proposals/DP001', content: 'Stage: Draft Submitted.' }],
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(xml).toContain('<updated>2026-03-02T09:00:00.000Z</updated>');
    expect(xml).toContain('href="https://secmod.test/register?a=1&amp;b=2"');
    expect(xml).toContain('<title type="text">DP001: &lt;script&gt;</title>');
    expect(xml).toContain('<content type="text">Stage: Draft Submitted.</content>');
    expect(xml).not.toContain('<script>');
  });
});
