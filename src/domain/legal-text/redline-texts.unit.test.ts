// Rule: redlineTexts(a, b) gives exactly the entries of redline(importCode(a), importCode(b)),
// importing only the stretches around differences when it can and both texts whole when it cannot.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importCode } from './import-text.ts';
import { exportCode } from './export-text.ts';
import { redline, type RedlineGranularity } from './redline.ts';
import { firstDifference, redlineTexts, traceRedlineTexts } from './redline-texts.ts';
import { sec518Text, sec518WithSecmp0049Text } from '../../../test/fixtures/legal-text/index.ts';
import { codePair, secText, sentence } from '../../../test/fixtures/legal-text/arbitrary-code.ts';

const viaImport = (a: string, b: string, granularity: RedlineGranularity = 'word') =>
  redline(importCode(a, { version: 'a' }), importCode(b, { version: 'b' }), { granularity });
const viaTexts = (a: string, b: string, granularity: RedlineGranularity = 'word') =>
  redlineTexts(a, b, { baseVersion: 'a', newVersion: 'b', granularity });

/** Lines the importer reads in different ways, for edits that change the structure. */
const LINES = ['', 'C1.9 the Panel shall consider', 'C2.1 any Party may', '3.1 the DCC shall', '(a) the Code', '    (i) the Panel', '(v) notify',
  'Section G – Security', 'Appendix AG – Incident Management Policy', 'Monitoring and Advice', 'G7 Security Sub-Committee',
  'Draft Proposal\tmeans a proposal', 'A1.1 In this Code:', '  and the Code Administrator shall comply.', 'Section C – Governance.'];

type Edit = { kind: 'word'; at: number; text: string } | { kind: 'insert' | 'replace'; at: number; line: string } | { kind: 'delete'; at: number };

const edit = fc.oneof(
  fc.record({ kind: fc.constant('word' as const), at: fc.nat(), text: sentence }),
  fc.record({ kind: fc.constantFrom('insert' as const, 'replace' as const), at: fc.nat(), line: fc.oneof(fc.constantFrom(...LINES), sentence) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

/** Apply random edits to a text: change words within a line, insert, replace or delete lines. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const lines = text.split('\n');
  for (const e of edits) {
    const at = e.at % Math.max(lines.length, 1);
    if (e.kind === 'word') {
      const words = (lines[at] ?? '').split(' ');
      words.splice(e.at % Math.max(words.length, 1), 1, e.text);
      lines[at] = words.join(' ');
    } else if (e.kind === 'insert') lines.splice(at, 0, e.line);
    else if (e.kind === 'replace') lines[at] = e.line;
    else lines.splice(at, 1);
  }
  return lines.join('\n');
}

describe('redlineTexts', () => {
  it('gives the same entries as redline(importCode(a), importCode(b)) for random Code pairs (fast-check)', () => {
    fc.assert(fc.property(codePair, fc.constantFrom<RedlineGranularity>('word', 'character'), ({ a, b }, g) => {
      const ta = exportCode(a);
      const tb = exportCode(b);
      expect(viaTexts(ta, tb, g)).toEqual(viaImport(ta, tb, g));
    }), { numRuns: 120 });
  }, 120_000);

  it('gives the same entries for random edits of a random Code: words, clauses, limbs, headings, definitions (fast-check)', () => {
    fc.assert(fc.property(codePair, fc.array(edit, { minLength: 1, maxLength: 6 }), ({ a }, edits) => {
      const ta = exportCode(a);
      const tb = applyEdits(ta, edits);
      expect(viaTexts(ta, tb)).toEqual(viaImport(ta, tb));
    }), { numRuns: 400 });
  }, 120_000);

  it('gives the same entries for random edits of random SEC-like lines, CRLF included (fast-check)', () => {
    fc.assert(fc.property(secText, fc.array(edit, { maxLength: 4 }), fc.boolean(), (ta, edits, crlf) => {
      const tb0 = applyEdits(ta, edits);
      const tb = crlf ? tb0.replace(/\n/g, '\r\n') : tb0;
      expect(viaTexts(ta, tb)).toEqual(viaImport(ta, tb));
    }), { numRuns: 400 });
  }, 120_000);

  it('gives the same entries as the import for the SECMP0049 fixture', () => {
    expect(viaTexts(sec518Text(), sec518WithSecmp0049Text())).toEqual(viaImport(sec518Text(), sec518WithSecmp0049Text()));
  });

  it('imports only the stretches around changed clauses when words change', () => {
    const clauses: string[] = [];
    for (let i = 1; i <= 2000; i++) clauses.push(`C${Math.ceil(i / 100)}.${i} the Panel shall consider each Draft Proposal in respect of the Code and end.`);
    const oldText = `Section C – Governance\n\n${clauses.join('\n\n')}\n`;
    const newText = `Section C – Governance\n\n${clauses.map((c, i) => (i % 100 === 7 ? c.replace('consider each', 'promptly consider every') : c)).join('\n\n')}\n`;
    const trace = traceRedlineTexts(oldText, newText);
    expect(trace.whole).toBe(false);
    expect(trace.stretches).toBe(20);
    expect(trace.redline.entries).toEqual(viaImport(oldText, newText).entries);
  });

  it('reads clauses inside an appendix with the appendix addresses', () => {
    const oldText = 'Section C – Governance\n\nC1.1 the Panel shall.\n\nAppendix AG – Incident Management Policy\n\n3.1 the DCC shall notify.\n\n3.2 any Party may.\n';
    const newText = oldText.replace('any Party may', 'any Party must');
    const trace = traceRedlineTexts(oldText, newText);
    expect(trace.whole).toBe(false);
    expect(trace.redline.entries.map((e) => e.address)).toEqual(['AG 3.2']);
  });

  it('imports both texts whole when a clause is inserted, and still agrees with the import', () => {
    const oldText = 'C1.1 the Panel shall.\n\nC1.2 any Party may.\n\nC1.3 the DCC shall.\n';
    const newText = 'C1.1 the Panel shall.\n\nC1.2 any Party may.\n\nC1.2A a new clause.\n\nC1.3 the DCC shall.\n';
    const trace = traceRedlineTexts(oldText, newText);
    expect(trace.whole).toBe(true);
    expect(trace.redline.entries).toEqual(viaImport(oldText, newText).entries);
  });

  it('returns no entries for identical texts without importing them', () => {
    const text = 'C1.1 the Panel shall.\n';
    expect(traceRedlineTexts(text, text)).toEqual({ redline: { baseVersion: '', newVersion: '', entries: [] }, stretches: 0, whole: false });
  });

  it('finds the first differing character at any offset', () => {
    fc.assert(fc.property(fc.string({ maxLength: 9000 }), fc.string({ maxLength: 9000 }), fc.string({ maxLength: 50 }), (prefix, x, y) => {
      const a = prefix + x;
      const b = prefix + y;
      let expected = 0;
      while (expected < Math.min(a.length, b.length) && a[expected] === b[expected]) expected++;
      return firstDifference(a, b, 0, 0) === expected;
    }), { numRuns: 200 });
  });
});
