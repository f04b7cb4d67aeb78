// Rule: the tracked-changes model of a redline gives the new text when all changes are accepted
// and the old text when all are rejected, line breaks included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptAll, rejectAll, trackedChangesModel, trackedParagraphs } from './tracked-changes.ts';
import { diffText, redline } from './redline.ts';
import { importCode } from './import-text.ts';
import { sec518Text, sec518WithSecmp0049Text } from '../../../test/fixtures/legal-text/index.ts';
import { sentence } from '../../../test/fixtures/legal-text/arbitrary-code.ts';

describe('tracked changes model', () => {
  it('accept all = new text, reject all = old text (fast-check)', () => {
    const text = fc.array(fc.oneof(sentence, fc.constant('\n')), { maxLength: 8 }).map((p) => p.join(' '));
    fc.assert(fc.property(text, text, (a, b) => {
      const paragraphs = trackedParagraphs({ address: 'C1.1', kind: 'clause', status: 'changed', segments: diffText(a, b) });
      return acceptAll(paragraphs) === b && rejectAll(paragraphs) === a;
    }), { numRuns: 500 });
  });

  it('marks a deleted line break on the paragraph it ends', () => {
    const ps = trackedParagraphs({ address: 'C1.1', kind: 'clause', status: 'changed', segments: [
      { op: 'equal', text: 'one' }, { op: 'delete', text: '\n' }, { op: 'equal', text: ' two\n' }] });
    expect(ps.map((p) => p.mark)).toEqual(['delete', 'none']);
    expect(acceptAll(ps)).toBe('one two\n');
    expect(rejectAll(ps)).toBe('one\n two\n');
  });

  it('gives one heading and body paragraphs per SECMP0049 redline entry', () => {
    const r = redline(importCode(sec518Text(), { version: '5.18' }), importCode(sec518WithSecmp0049Text(), { version: '5.18+SECMP0049' }));
    const model = trackedChangesModel(r);
    expect(model).toHaveLength(r.entries.length);
    expect(model.find((e) => e.address === 'L8.11')?.heading.runs[0]?.text).toBe('L8.11 (amended)');
  });
});
