// Rule: diffCodes(base, next) is a change set that turns base into next: apply(base, diff) == next,
// for random Code trees and random edits (inserts, deletions, amendments at every level).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffCodes } from './diff-codes.ts';
import { applyChangeSet } from './apply.ts';
import { exportCode } from './export-text.ts';
import { importCode } from './import-text.ts';
import { codePair } from '../../../test/fixtures/legal-text/arbitrary-code.ts';
import { sec518Text, sec518WithSecmp0049Text } from '../../../test/fixtures/legal-text/index.ts';

describe('apply(base, diff(base, next)) == next', () => {
  it('for random Code versions (fast-check)', () => {
    fc.assert(fc.property(codePair, ({ a, b }) => {
      const r = applyChangeSet(a, diffCodes(a, b));
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.code).toEqual(b);
        expect(exportCode(r.code)).toBe(exportCode(b));
      }
    }), { numRuns: 300 });
  });

  it('for SECMP0049 on the SEC 5.18 fixture, as amendments and inserted definitions only', () => {
    const base = importCode(sec518Text(), { version: '5.18', excerpt: true });
    const next = importCode(sec518WithSecmp0049Text(), { version: '5.18+SECMP0049', excerpt: true });
    const cs = diffCodes(base, next, { id: 'SECMP0049' });
    expect(new Set(cs.operations.map((o) => o.kind))).toEqual(new Set(['amend-document', 'amend', 'insert']));
    expect(cs.operations.filter((o) => o.kind === 'insert').map((o) => o.kind === 'insert' && o.node.address)).toEqual([
      'A1.1[Change Sub-Committee]', 'A1.1[Draft Proposal]', 'A1.1[Proposed Solution]']);
    const r = applyChangeSet(base, cs);
    expect(r.ok && exportCode(r.code)).toBe(sec518WithSecmp0049Text());
  });

  it('is empty for identical versions', () => {
    const base = importCode(sec518Text(), { version: '5.18' });
    expect(diffCodes(base, base).operations).toEqual([]);
  });
});
