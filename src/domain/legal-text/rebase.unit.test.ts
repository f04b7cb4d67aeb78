// Rule (R-LT-01): a pending change set is re-applied onto a newer Code version; clean operations
// move over, operations whose target changed between the bases are conflicts with both texts, and
// the result lists what drafting must be checked. Rebasing onto an unchanged base is the identity.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importCode } from './import-text.ts';
import { applyChangeSet } from './apply.ts';
import { diffCodes } from './diff-codes.ts';
import { rebaseChangeSet } from './rebase.ts';
import { exportCode } from './export-text.ts';
import type { ChangeSet } from './change-set.ts';
import { sec518Text, sec518WithSecmp0049Text } from '../../../test/fixtures/legal-text/index.ts';
import { codePair } from '../../../test/fixtures/legal-text/arbitrary-code.ts';

const v518 = importCode(sec518Text(), { version: '5.18', excerpt: true });
const secmp0049 = diffCodes(v518, importCode(sec518WithSecmp0049Text(), { version: '5.18', excerpt: true }), { id: 'SECMP0049' });

/** SEC 5.19: another modification changed L8.11 (which SECMP0049 also amends) and G7.21 (which it does not). */
const v519 = ((): ReturnType<typeof importCode> => {
  const r = applyChangeSet(v518, {
    id: 'SECMP0050', baseVersion: '5.18', resultVersion: '5.19',
    operations: [
      { kind: 'amend', target: 'L8.11', set: { text: 'The DCC shall, within 20 Working Days, submit a Modification Proposal containing rules.' } },
      { kind: 'amend', target: 'G7.21', set: { text: 'The Security Sub-Committee may nominate a representative to any Working Group.' } },
      { kind: 'amend', target: 'L1.17(b)', set: { text: 'to propose variations to the SMKI SEC Documents;' } },
    ],
  });
  if (!r.ok) throw new Error('fixture');
  return r.code;
})();

describe('rebaseChangeSet', () => {
  it('moves clean operations over and reports the changed target with both texts', () => {
    const r = rebaseChangeSet(secmp0049, v518, v519);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ kind: 'target-changed', address: 'L8.11', changeSet: 'SECMP0049' });
    expect(r.conflicts[0]?.oldBaseText).toContain('as soon as is reasonably practicable, submit a Modification Proposal');
    expect(r.conflicts[0]?.newBaseText).toContain('within 20 Working Days');
    expect(r.changeSet.baseVersion).toBe('5.19');
    expect(r.changeSet.operations).toHaveLength(secmp0049.operations.length - 1);
    // The clean part applies to 5.19 and keeps 5.19's own change to G7.21.
    const applied = applyChangeSet(v519, r.changeSet);
    expect(applied.ok).toBe(true);
    if (applied.ok) {
      expect(exportCode(applied.code)).toContain('G7.21 The Security Sub-Committee may nominate');
      expect(exportCode(applied.code)).toContain('submit Draft Proposals in respect of the Security Obligations');
    }
  });

  it('lists provisions to check: a changed limb inside a clause the change set amends', () => {
    const r = rebaseChangeSet(secmp0049, v518, v519);
    expect(r.toCheck.map((c) => c.address)).toContain('L1.17(b)');
  });

  it('reports a target that no longer exists, and a new definition that the new base already has', () => {
    const cs: ChangeSet = {
      id: 'SECMP0049', baseVersion: '5.18', operations: [
        { kind: 'amend', target: 'G7.22(b)', set: { text: 'x' } },
        { kind: 'add-definition', term: 'Draft Proposal', text: 'y' },
      ],
    };
    const newer = applyChangeSet(v518, {
      id: 'X', baseVersion: '5.18', resultVersion: '5.19',
      operations: [{ kind: 'delete', target: 'G7.22(b)' }, { kind: 'add-definition', term: 'Draft Proposal', text: 'z' }],
    });
    if (!newer.ok) throw new Error('fixture');
    const r = rebaseChangeSet(cs, v518, newer.code);
    expect(r.conflicts.map((c) => [c.kind, c.address])).toEqual([['target-missing', 'G7.22(b)'], ['term-exists', 'A1.1[Draft Proposal]']]);
    expect(r.conflicts[0]?.oldBaseText).toContain('notwithstanding Section D7.3');
    expect(r.changeSet.operations).toEqual([]);
  });

  it('is the identity onto an unchanged base (fast-check)', () => {
    fc.assert(fc.property(codePair, ({ a, b }) => {
      const cs = diffCodes(a, b);
      const r = rebaseChangeSet(cs, a, a);
      expect(r.changeSet).toEqual(cs);
      expect(r.conflicts).toEqual([]);
      expect(r.toCheck).toEqual([]);
    }), { numRuns: 200 });
  });
});
