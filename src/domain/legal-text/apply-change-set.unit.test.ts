// Rule: a change set applies operation by operation to the Code version it was drafted against;
// anything that cannot apply cleanly is a conflict (never merged silently). A Release consolidates
// several change sets and reports two of them changing the same provision.
import { describe, expect, it } from 'vitest';
import { importCode } from './import-text.ts';
import { exportCode } from './export-text.ts';
import { applyChangeSet, applyRelease } from './apply.ts';
import { definitionsOf, indexCode } from './code-index.ts';
import type { ChangeOperation, ChangeSet } from './change-set.ts';
import type { Clause, CodeVersion, Paragraph } from './model.ts';
import { sec518Text } from '../../../test/fixtures/legal-text/index.ts';

const base = importCode(sec518Text(), { version: '5.18', excerpt: true });
const cs = (operations: ChangeOperation[], id = 'SECMP0049'): ChangeSet => ({ id, baseVersion: '5.18', operations });

const applied = (operations: ChangeOperation[]): CodeVersion => {
  const r = applyChangeSet(base, cs(operations));
  if (!r.ok) throw new Error(JSON.stringify(r.conflicts));
  return r.code;
};

const limb = (address: string, label: string, text: string): Paragraph => ({
  kind: 'paragraph', address, label, numbering: 'alpha', text, paragraphs: [], layout: { before: '', indent: '    ', gap: ' ' },
});

describe('applyChangeSet', () => {
  it('amends the text of a clause and of a paragraph, leaving the rest untouched', () => {
    const code = applied([
      { kind: 'amend', target: 'L8.11', set: { text: 'The DCC shall submit a Draft Proposal.' } },
      { kind: 'amend', target: 'C7.2(f)', set: { text: 'facilitate a process for Draft Proposals;' } },
    ]);
    const index = indexCode(code);
    expect((index.get('L8.11') as Clause).text).toBe('The DCC shall submit a Draft Proposal.');
    expect((index.get('C7.2(f)') as Paragraph).text).toBe('facilitate a process for Draft Proposals;');
    expect(code.version).toBe('5.18+SECMP0049');
    expect(exportCode(code).split('\n').length).toBe(sec518Text().split('\n').length);
  });

  it('inserts a paragraph after another and a clause after another, and deletes', () => {
    const code = applied([
      { kind: 'insert', after: 'C7.2(f)', node: limb('C7.2(g)', 'g', 'maintain the Modification Register;') },
      { kind: 'insert', after: 'G7.19', node: { kind: 'clause', address: 'G7.19A', number: 'G7.19A', text: 'New clause.', paragraphs: [], definitions: [], layout: { before: '\n', indent: '', gap: ' ', partPrefix: '', afterPart: '', headingPrefix: '', afterHeading: '' } } },
      { kind: 'delete', target: 'G7.21' },
    ]);
    const c72 = indexCode(code).get('C7.2') as Clause;
    expect(c72.paragraphs.map((p) => p.label)).toEqual(['f', 'g', 'i']);
    const g = code.sections.find((s) => s.address === 'G');
    expect(g?.clauses.map((c) => c.address)).toEqual(['G7.18', 'G7.19', 'G7.19A', 'G7.20', 'G7.22']);
    expect(exportCode(code)).toContain('\nG7.19A New clause.\n');
  });

  it('adds a definition to A1.1 in alphabetical order, and amends one', () => {
    const code = applied([
      { kind: 'add-definition', term: 'Draft Proposal', text: 'has the meaning given to that expression in Section D1.2 (Modifications).' },
      { kind: 'add-definition', term: 'Change Sub-Committee', text: 'has the meaning given to that expression in Section D2A.1.' },
      { kind: 'amend-definition', term: 'Alternative Solution', text: 'has the meaning given to that expression in Section D6.16 (Alternative Solutions).' },
    ]);
    expect([...definitionsOf(code).keys()]).toEqual([
      'Alternative Solution', 'Authority Determined Modification', 'Authority-initiated Modification', 'Change Sub-Committee',
      'Draft Proposal', 'Modification Proposal', 'Proposer', 'Self-Governance Modification', 'Significant Code Review Phase']);
    expect(definitionsOf(code).get('Alternative Solution')?.references).toEqual(['D6.16']);
    expect(exportCode(code)).toContain('\nDraft Proposal\thas the meaning given to that expression in Section D1.2 (Modifications).\n');
  });

  it('renames a defined term everywhere it is used (plurals too), and moves it into order', () => {
    const code = applied([{ kind: 'rename-term', from: 'Modification Proposal', to: 'Change Proposal' }]);
    const text = exportCode(code);
    expect(text).not.toMatch(/Modification Proposal/);
    expect(text).toContain('monitors Change Proposals with a view');
    expect(text).toContain('Change Proposal\thas the meaning');
    expect([...definitionsOf(code).keys()].slice(0, 4)).toEqual(['Alternative Solution', 'Authority Determined Modification', 'Authority-initiated Modification', 'Change Proposal']);
    expect(indexCode(code).has('A1.1[Change Proposal]')).toBe(true);
  });

  it('does not rename a term inside a longer defined term', () => {
    const code = importCode('A1.1 Definitions:\nModification Report\tmeans a report.\nFinal Modification Report\tmeans the final Modification Report.\n', { version: '5.18' });
    const r = applyChangeSet(code, cs([{ kind: 'rename-term', from: 'Modification Report', to: 'MR' }]));
    expect(r.ok && exportCode(r.code)).toBe('A1.1 Definitions:\nFinal Modification Report\tmeans the final MR.\nMR\tmeans a report.\n');
  });

  it('reports two operations on the same paragraph as a conflict', () => {
    const r = applyChangeSet(base, cs([
      { kind: 'amend', target: 'C7.2(f)', set: { text: 'one' } },
      { kind: 'amend', target: 'C7.2(f)', set: { text: 'two' } },
    ]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.conflicts).toEqual([expect.objectContaining({ kind: 'overlap', operation: 1, address: 'C7.2(f)', other: { changeSet: 'SECMP0049', operation: 0 } })]);
  });

  it('reports deleting a clause whose paragraph another operation amends', () => {
    const r = applyChangeSet(base, cs([
      { kind: 'amend', target: 'G7.22(a)(ii)', set: { text: 'x' } },
      { kind: 'delete', target: 'G7.22' },
    ]));
    expect(!r.ok && r.conflicts.map((c) => c.kind)).toEqual(['overlap']);
  });

  it('reports a missing target, a taken address, an existing term and a wrong base version', () => {
    const r = applyChangeSet(base, cs([
      { kind: 'amend', target: 'C7.2(z)', set: { text: 'x' } },
      { kind: 'insert', after: 'C7.2(f)', node: limb('C7.2(i)', 'i', 'duplicate') },
      { kind: 'insert', after: 'C9.9', node: limb('C7.2(j)', 'j', 'after a missing sibling') },
      { kind: 'add-definition', term: 'Proposer', text: 'again' },
      { kind: 'amend-definition', term: 'Nobody', text: 'x' },
    ]));
    expect(!r.ok && r.conflicts.map((c) => [c.kind, c.address])).toEqual([
      ['target-missing', 'C7.2(z)'], ['address-taken', 'C7.2(i)'], ['target-missing', 'C9.9'], ['term-exists', 'A1.1[Proposer]'], ['term-missing', 'A1.1[Nobody]']]);
    const wrongBase = applyChangeSet(base, { ...cs([]), baseVersion: '5.17' });
    expect(!wrongBase.ok && wrongBase.conflicts[0]?.kind).toBe('base-version');
  });
});

describe('applyRelease', () => {
  it('consolidates change sets that touch different provisions', () => {
    const r = applyRelease(base, {
      version: '5.19',
      changeSets: [
        cs([{ kind: 'amend', target: 'L8.11', set: { text: 'A.' } }], 'SECMP0049'),
        cs([{ kind: 'amend', target: 'M5.1', set: { text: 'B.' } }, { kind: 'add-definition', term: 'Draft Proposal', text: 'C.' }], 'SECMP0050'),
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.code.version).toBe('5.19');
    const index = indexCode(r.code);
    expect((index.get('L8.11') as Clause).text).toBe('A.');
    expect((index.get('M5.1') as Clause).text).toBe('B.');
  });

  it('reports two change sets changing the same provision instead of letting the second win', () => {
    const r = applyRelease(base, {
      version: '5.19',
      changeSets: [
        cs([{ kind: 'amend', target: 'L8.11', set: { text: 'A.' } }], 'SECMP0049'),
        cs([{ kind: 'amend', target: 'L8.11', set: { text: 'B.' } }], 'SECMP0050'),
        cs([{ kind: 'delete', target: 'G7.22' }], 'SECMP0051'),
        cs([{ kind: 'amend', target: 'G7.22(b)', set: { text: 'C.' } }], 'SECMP0052'),
      ],
    });
    expect(!r.ok && r.conflicts.map((c) => [c.changeSet, c.kind, c.address])).toEqual([
      ['SECMP0050', 'overlap', 'L8.11'],
      ['SECMP0052', 'target-missing', 'G7.22(b)'],
    ]);
  });
});
