// Rule: the legal-text redline in Word carries real tracked changes (w:ins / w:del with author and
// date, revision tracking on), and accepting all of them gives the new text.
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { renderRedlineDocx } from './legal-text-docx.ts';
import { importCode } from '../domain/legal-text/import-text.ts';
import { newTextOf, oldTextOf, redline } from '../domain/legal-text/redline.ts';
import { acceptAll, rejectAll } from '../domain/legal-text/tracked-changes.ts';
import type { RevisionKind, TrackedParagraph, TrackedRun } from '../domain/legal-text/tracked-changes.ts';
import { sec518Text, sec518WithSecmp0049Text } from '../../test/fixtures/legal-text/index.ts';

const unescapeXml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Read word/document.xml back into tracked paragraphs (the subset of WordprocessingML we write). */
function readParagraphs(xml: string): TrackedParagraph[] {
  const out: TrackedParagraph[] = [];
  for (const p of xml.matchAll(/<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)) {
    const body = p[1] ?? '';
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? '';
    const markRpr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(pPr)?.[1] ?? '';
    const mark: RevisionKind = /<w:del\b/.test(markRpr) ? 'delete' : /<w:ins\b/.test(markRpr) ? 'insert' : 'none';
    const role = /<w:pStyle w:val="Heading/.test(pPr) ? 'heading' : 'body';
    const runs: TrackedRun[] = [];
    const content = body.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, '');
    for (const r of content.matchAll(/<w:ins\b[^>]*>([\s\S]*?)<\/w:ins>|<w:del\b[^>]*>([\s\S]*?)<\/w:del>|<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g)) {
      const revision: RevisionKind = r[1] !== undefined ? 'insert' : r[2] !== undefined ? 'delete' : 'none';
      const inner = r[1] ?? r[2] ?? r[3] ?? '';
      const text = [...inner.matchAll(/<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)<\/w:(?:t|delText)>|<w:tab\/>/g)]
        .map((t) => (t[0] === '<w:tab/>' ? '\t' : unescapeXml(t[1] ?? ''))).join('');
      runs.push({ revision, text });
    }
    out.push({ role, runs, mark, endsLine: true });
  }
  return out;
}

describe('renderRedlineDocx', () => {
  const base = importCode(sec518Text(), { version: '5.18' });
  const next = importCode(sec518WithSecmp0049Text(), { version: '5.18+SECMP0049' });
  const r = redline(base, next);

  it('writes w:ins and w:del with author and date, with revision tracking on', async () => {
    const zip = await JSZip.loadAsync(await renderRedlineDocx(r, { author: 'SECAS', date: '2018-07-06T00:00:00Z' }));
    const xml = await zip.file('word/document.xml')?.async('string') ?? '';
    const settings = await zip.file('word/settings.xml')?.async('string') ?? '';
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="SECAS" w:date="2018-07-06T00:00:00Z">/);
    expect(xml).toMatch(/<w:del w:id="\d+" w:author="SECAS" w:date="2018-07-06T00:00:00Z">/);
    expect(xml).toContain('<w:delText');
    expect(settings).toContain('<w:trackRevisions');
  });

  it('accept all changes = the new text; reject all = the old text', async () => {
    const zip = await JSZip.loadAsync(await renderRedlineDocx(r, { author: 'SECAS', date: '2018-07-06T00:00:00Z' }));
    const paragraphs = readParagraphs(await zip.file('word/document.xml')?.async('string') ?? '');
    // Body paragraphs, grouped under each entry's heading (the first heading is the title).
    const groups: TrackedParagraph[][] = [];
    for (const p of paragraphs.slice(1)) {
      if (p.role === 'heading') groups.push([]);
      else groups[groups.length - 1]?.push(p);
    }
    expect(groups).toHaveLength(r.entries.length);
    r.entries.forEach((e, i) => {
      expect(acceptAll(groups[i] ?? [])).toBe(newTextOf(e.segments));
      expect(rejectAll(groups[i] ?? [])).toBe(oldTextOf(e.segments));
    });
  });
});
