// Rule: the JSON form of a change set is validated operation by operation (every problem named
// with its operation), and what it inserts exports and re-imports as itself (so a consolidated
// Code version stored as text keeps the new provisions).
import { describe, expect, it } from 'vitest';
import { importCode } from './import-text.ts';
import { exportCode } from './export-text.ts';
import { applyChangeSet } from './apply.ts';
import { indexCode } from './code-index.ts';
import { operationsFromInput, summariseOperation } from './change-set-input.ts';
import type { Clause, Paragraph } from './model.ts';
import { sec518Text } from '../../../test/fixtures/legal-text/index.ts';

const base = importCode(sec518Text(), { version: '5.18', excerpt: true });

describe('operationsFromInput', () => {
  it('reports every bad operation with its number, and refuses an empty change set', () => {
    const r = operationsFromInput([
      { kind: 'amend', target: 'C7.2(f)' },
      { kind: 'insert', address: 'C7.2(f)(i)(A)(1)', text: 'too deep' },
      { kind: 'rename-term', from: 'Proposer', to: 'Proposer' },
      { kind: 'merge' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.stringContaining('Operation 1 (amend) of C7.2(f) changes nothing'),
      expect.stringContaining('Operation 2 (insert)'),
      expect.stringContaining('Operation 3 (rename-term) renames "Proposer" to itself'),
      expect.stringContaining('Operation 4: "merge" is not an operation'),
    ]);
    expect(operationsFromInput([])).toEqual({ ok: false, errors: ['A change set needs at least one operation'] });
  });

  it('a new clause with a cross-heading and a limb survives export and re-import', () => {
    const r = operationsFromInput([
      { kind: 'insert', address: 'C7.3', after: 'C7.2', heading: 'Draft Proposals', text: 'The Code Administrator shall:' },
      { kind: 'insert', address: 'C7.3(a)', after: null, text: 'keep a list of Draft Proposals; and' },
      { kind: 'insert', address: 'C7.3(b)', after: 'C7.3(a)', text: 'publish it.' },
      { kind: 'add-definition', term: 'Draft Proposal', text: 'has the meaning given to that expression in Section D1.2 (Modifications).' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.operations.map(summariseOperation).map((s) => s.address)).toEqual(['C7.3', 'C7.3(a)', 'C7.3(b)', 'A1.1[Draft Proposal]']);
    const applied = applyChangeSet(base, { id: 'T', baseVersion: '5.18', operations: r.operations });
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    const again = indexCode(importCode(exportCode(applied.code), { version: '5.19', excerpt: true }));
    const c73 = again.get('C7.3') as Clause;
    expect(c73.heading).toBe('Draft Proposals');
    expect(c73.text).toBe('The Code Administrator shall:');
    expect(c73.paragraphs.map((p: Paragraph) => [p.label, p.text])).toEqual([['a', 'keep a list of Draft Proposals; and'], ['b', 'publish it.']]);
    expect(again.has('A1.1[Draft Proposal]')).toBe(true);
    expect(again.has('C7.2(i)')).toBe(true);
  });
});
