// Rules: the redline aligns clauses by address and diffs words only inside changed clauses;
// joining equal+delete segments gives the old text and equal+insert the new text; the HTML is
// escaped and uses <ins>/<del>.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importCode } from './import-text.ts';
import { exportCode } from './export-text.ts';
import { diffText, newTextOf, oldTextOf, redline, redlineUnits, tokenize } from './redline.ts';
import { renderRedlineHtml } from './redline-html.ts';
import { sec518Text, sec518WithSecmp0049Text } from '../../../test/fixtures/legal-text/index.ts';
import { codePair, sentence } from '../../../test/fixtures/legal-text/arbitrary-code.ts';

const base = importCode(sec518Text(), { version: '5.18', excerpt: true });
const next = importCode(sec518WithSecmp0049Text(), { version: '5.18+SECMP0049', excerpt: true });

describe('redline', () => {
  it('lists only the provisions SECMP0049 changes, with word-level segments', () => {
    const r = redline(base, next);
    const byAddress = new Map(r.entries.map((e) => [e.address, e]));
    expect(byAddress.get('A1.1[Draft Proposal]')?.status).toBe('inserted');
    expect(byAddress.get('L8.11')?.status).toBe('changed');
    expect(byAddress.has('G7.21')).toBe(false); // unchanged: not diffed, not listed
    expect(byAddress.get('L8.11')?.segments.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: 'Modification' }, { op: 'insert', text: 'Draft' }]);
    expect(r.entries.filter((e) => e.status === 'deleted')).toEqual([]);
  });

  it('rebuilds the old and the new text of every entry', () => {
    const olds = new Map(redlineUnits(base).map((u) => [u.address, u.text]));
    const news = new Map(redlineUnits(next).map((u) => [u.address, u.text]));
    for (const e of redline(base, next).entries) {
      expect(oldTextOf(e.segments)).toBe(olds.get(e.address) ?? '');
      expect(newTextOf(e.segments)).toBe(news.get(e.address) ?? '');
    }
  });

  it('equal+delete = old and equal+insert = new for any two texts (fast-check)', () => {
    const text = fc.array(fc.oneof(sentence, fc.constantFrom('\n', '  ', '\t', '“SEC Materials”', 'D2A.1')), { maxLength: 8 }).map((p) => p.join(' '));
    fc.assert(fc.property(text, text, (a, b) => {
      const segments = diffText(a, b);
      return oldTextOf(segments) === a && newTextOf(segments) === b;
    }), { numRuns: 500 });
  });

  it('equal+delete = old and equal+insert = new for random Code versions (fast-check)', () => {
    fc.assert(fc.property(codePair, ({ a, b }) => {
      const olds = new Map(redlineUnits(a).map((u) => [u.address, u.text]));
      const news = new Map(redlineUnits(b).map((u) => [u.address, u.text]));
      return redline(a, b).entries.every((e) => oldTextOf(e.segments) === (e.status === 'inserted' ? '' : olds.get(e.address))
        && newTextOf(e.segments) === (e.status === 'deleted' ? '' : news.get(e.address)));
    }), { numRuns: 200 });
  });

  it('shows a replaced word as one deletion and one insertion, not the space around it', () => {
    const segments = diffText('the Panel shall consider each', 'the Panel must promptly consider each');
    expect(segments).toEqual([
      { op: 'equal', text: 'the Panel ' }, { op: 'delete', text: 'shall' }, { op: 'insert', text: 'must promptly' },
      { op: 'equal', text: ' consider each' }]);
  });

  it('at character level changes only the characters outside a longest common subsequence of each run', () => {
    const segments = diffText('the Panel shall consider', 'the Panel must promptly consider', 'character');
    expect(oldTextOf(segments)).toBe('the Panel shall consider');
    expect(newTextOf(segments)).toBe('the Panel must promptly consider');
    // "shall" → "must promptly" share "sl": 3 characters deleted, 11 inserted.
    expect(segments.filter((s) => s.op !== 'equal').reduce((n, s) => n + s.text.length, 0)).toBe(14);
  });

  it('equal+delete = old and equal+insert = new at character level too (fast-check)', () => {
    const text = fc.array(fc.oneof(sentence, fc.constantFrom('\n', '  ', '\t', '“SEC Materials”', 'D2A.1')), { maxLength: 8 }).map((p) => p.join(' '));
    fc.assert(fc.property(text, text, (a, b) => {
      const segments = diffText(a, b, 'character');
      return oldTextOf(segments) === a && newTextOf(segments) === b;
    }), { numRuns: 300 });
  });

  it('keeps every character in its tokens (diffWords would not)', () => {
    const s = 'the Panel’s  decision;\n(a) D2A.1\t“x”';
    expect(tokenize(s).join('')).toBe(s);
  });

  it('renders escaped HTML with <ins> and <del> and GOV.UK classes', () => {
    const html = renderRedlineHtml({
      baseVersion: '5.18', newVersion: '5.19',
      entries: [{ address: 'C7.2(f)', kind: 'clause', status: 'changed', segments: [
        { op: 'equal', text: 'a <b> & ' }, { op: 'delete', text: '"old"' }, { op: 'insert', text: 'new' }] }],
    });
    expect(html).toContain('a &lt;b&gt; &amp; <del class="app-redline__del"><span class="govuk-visually-hidden">start of deleted text, </span>&quot;old&quot;');
    expect(html).toContain('<ins class="app-redline__ins">');
    expect(html).toContain('<strong class="govuk-tag govuk-tag--blue">Changed</strong>');
    expect(html).toContain('id="redline-C7-2-f"');
    expect(html).not.toContain('<b>');
  });

  // Speed is measured in `npm run bench`, not asserted here; this proves the alignment.
  it('aligns clauses first: only the 20 changed clauses of a 2,000-clause Code are word-diffed', () => {
    // ~200,000 words, 20 edits: clause alignment means only 20 clauses are word-diffed.
    const clauses: string[] = [];
    for (let i = 1; i <= 2000; i++) clauses.push(`C${Math.ceil(i / 100)}.${i} ${'the Panel shall consider each Draft Proposal in respect of the Code and '.repeat(8)}end.`);
    const oldText = `Section C – Governance\n\n${clauses.join('\n\n')}\n`;
    const edited = clauses.map((c, i) => (i % 100 === 7 ? c.replace('consider each', 'promptly consider every') : c));
    const newText = `Section C – Governance\n\n${edited.join('\n\n')}\n`;
    const a = importCode(oldText, { version: '1' });
    const b = importCode(newText, { version: '2' });
    const r = redline(a, b);
    expect(r.entries).toHaveLength(20);
    expect(r.entries.every((e) => e.status === 'changed')).toBe(true);
    expect(exportCode(b)).toBe(newText);
  });
});
