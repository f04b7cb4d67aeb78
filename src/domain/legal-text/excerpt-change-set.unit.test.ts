// Rule: a change set derived from a legal-text EXCERPT compares only the provisions the excerpt
// contains; absent provisions are unchanged, and deletion is explicit ("[Deleted]").
import { describe, expect, it } from 'vitest';
import { importCode } from './import-text.ts';
import { applyChangeSet } from './apply.ts';
import { indexCode } from './code-index.ts';
import { changeSetFromExcerpt } from './excerpt-change-set.ts';
import type { Clause, Definition, Paragraph } from './model.ts';
import { sec518Text, sec518WithSecmp0049Text } from '../../../test/fixtures/legal-text/index.ts';

const base = importCode(sec518Text(), { version: '5.18', excerpt: true });
const C72 = 'C7.2 The Code Administrator shall perform those tasks and functions expressly ascribed to it under this Code, and any other tasks and functions as the Panel may assign to the Code Administrator from time to time. In particular, the Code Administrator shall:';
const excerpt = (text: string) => importCode(text, { version: '5.18 as amended', excerpt: true });
const derive = (text: string) => changeSetFromExcerpt(base, excerpt(text), { id: 'SECMP0049' });
const applied = (text: string) => {
  const r = applyChangeSet(base, derive(text).changeSet);
  if (!r.ok) throw new Error(JSON.stringify(r.conflicts));
  return indexCode(r.code);
};

describe('changeSetFromExcerpt', () => {
  it('an excerpt that omits a limb leaves it unchanged (C7.2 showing only (f) does not delete C7.2(i))', () => {
    const { changeSet } = derive(`Section C – Governance\n\n${C72}\n    (f) facilitate a process whereby Parties can submit a Draft Proposal to the Code Administrator;\n`);
    expect(changeSet.operations).toEqual([{ kind: 'amend', target: 'C7.2(f)', set: { text: 'facilitate a process whereby Parties can submit a Draft Proposal to the Code Administrator;' } }]);
    const index = applied(`Section C – Governance\n\n${C72}\n    (f) facilitate a process whereby Parties can submit a Draft Proposal to the Code Administrator;\n`);
    expect(index.has('C7.2(i)')).toBe(true);
    expect(index.has('F1.4')).toBe(true);
  });

  it('an excerpt that quotes provisions unchanged makes no operations', () => {
    const c72 = indexCode(base).get('C7.2') as Clause;
    const f = c72.paragraphs[0]!;
    expect(derive(`Section C – Governance\n\n${C72}\n    (f) ${f.text}\n`).changeSet.operations).toEqual([]);
  });

  it('a limb whose whole text is "[Deleted]" is deleted explicitly', () => {
    const { changeSet } = derive(`Section C – Governance\n\n${C72}\n    (i) [Deleted]\n`);
    expect(changeSet.operations).toEqual([{ kind: 'delete', target: 'C7.2(i)' }]);
    const index = applied(`Section C – Governance\n\n${C72}\n    (i) [Deleted]\n`);
    expect(index.has('C7.2(i)')).toBe(false);
    expect(index.has('C7.2(f)')).toBe(true);
  });

  it('a clause marked "[Deleted]" is deleted with its limbs; "[Not used]" is an amendment, not a deletion', () => {
    expect(derive('Section F – Smart Metering System Requirements\n\nF1.4 [Deleted]\n').changeSet.operations).toEqual([{ kind: 'delete', target: 'F1.4' }]);
    const notUsed = derive('Section F – Smart Metering System Requirements\n\nF1.6 [Not used]\n').changeSet.operations;
    expect(notUsed).toEqual([{ kind: 'amend', target: 'F1.6', set: { text: '[Not used]' } }]);
  });

  it('"[Deleted]" on a provision the base does not have is reported, not applied', () => {
    const r = derive(`Section C – Governance\n\n${C72}\n    (z) [Deleted]\n`);
    expect(r.changeSet.operations).toEqual([]);
    expect(r.unmatchedDeletions).toEqual(['C7.2(z)']);
  });

  it('a new limb goes after the sibling the excerpt shows before it', () => {
    const r = derive(`Section C – Governance\n\n${C72}\n    (f) ${(indexCode(base).get('C7.2(f)') as Paragraph).text}\n    (g) publish the Modification Register;\n`);
    expect(r.changeSet.operations).toEqual([expect.objectContaining({ kind: 'insert', after: 'C7.2(f)', node: expect.objectContaining({ address: 'C7.2(g)', text: 'publish the Modification Register;' }) })]);
    const index = applied(`Section C – Governance\n\n${C72}\n    (g) publish the Modification Register;\n`);
    const c72 = index.get('C7.2') as Clause;
    expect(c72.paragraphs.map((p) => p.label)).toEqual(['f', 'g', 'i']);
  });

  it('a new definition goes into A1.1 in alphabetical order; omitted definitions are unchanged', () => {
    const index = applied('Section A – Definitions and Interpretation\n\nA1.1 In this Code, except where the context otherwise requires, the expressions in the left hand column below shall have the meanings given to them in the right hand column below:\nDraft Proposal\thas the meaning given to that expression in Section D1.2 (Modifications).\n');
    const a11 = index.get('A1.1') as Clause;
    const terms = a11.definitions.map((d: Definition) => d.term);
    expect(terms).toContain('Proposer');
    expect(terms.indexOf('Draft Proposal')).toBe(terms.indexOf('Authority-initiated Modification') + 1);
  });

  it('the full amended text as an excerpt reproduces the same provisions as diffing the two versions', () => {
    const next = importCode(sec518WithSecmp0049Text(), { version: '5.18+SECMP0049' });
    const r = applyChangeSet(base, changeSetFromExcerpt(base, next, { id: 'SECMP0049' }).changeSet);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const got = indexCode(r.code);
    for (const [address, node] of indexCode(next)) {
      if (node.kind === 'section') continue;
      expect((got.get(address) as Clause | undefined)?.text, address).toBe(node.text);
    }
  });
});
