// Rules of the drafting checker (sec-process.md §1.5), each with a case that must be found and a
// case that must not be.
import { describe, expect, it } from 'vitest';
import { checkText } from './drafting-checker.ts';
import type { CheckOptions, DraftingRule } from './drafting-checker.ts';
import { importCode } from './import-text.ts';
import type { ChangeSet } from './change-set.ts';

/** A complete (not excerpt) little Code, so that every rule is in play. */
const base = importCode([
  'Section A – Definitions and Interpretation',
  '',
  'A1.1 In this Code:',
  'Change Board\thas the meaning given to that expression in Section C2.3.',
  'Modification Proposal\thas the meaning given to that expression in Section D1.2.',
  'Panel\thas the meaning given to that expression in Section C2.3.',
  '',
  'Section C – Governance',
  '',
  'C2.3 The Panel shall:',
  '    (a) oversee Modification Proposals; and',
  '    (b) report to the Change Board.',
  '',
  'C7.2 The Code Administrator shall support the Panel.',
  '',
  'Section D – Modification Process',
  '',
  'D1.2 Any Party may submit a Modification Proposal.',
  '',
].join('\n'), { version: '5.18' });

const rules = (text: string, options: CheckOptions = {}, rule?: DraftingRule): string[] =>
  checkText(text, { baseCode: base, ...options }).filter((f) => rule === undefined || f.rule === rule).map((f) => `${f.line}:${f.rule}`);

describe('checkText', () => {
  it('clause-section-mismatch: a clause numbered in another section than the one amended', () => {
    expect(rules('Amend Section C2.3 as follows:\n\nD2.3 The Panel shall oversee.\n', {}, 'clause-section-mismatch')).toEqual(['3:clause-section-mismatch']);
    expect(checkText('Amend Section C2.3 as follows:\n\nD2.3 The Panel shall oversee.\n')[0]?.message).toContain('Did you mean C2.3?');
    expect(rules('Amend Section C2.3 as follows:\n\nC2.3 The Panel shall oversee.\n', {}, 'clause-section-mismatch')).toEqual([]);
  });

  it('clause-section-mismatch: not for a cross-reference wrapped onto the next line', () => {
    expect(rules("Section A 'Definitions and Interpretation'\nAdd the following new definitions:\nDraft Proposal has the meaning given in Section\nD1.2 (Modifications)\n", {}, 'clause-section-mismatch')).toEqual([]);
    expect(rules('Section C (Governance)\nC7.2 The Panel may refer to Section\nD1.2 (Modifications).\n', {}, 'clause-section-mismatch')).toEqual([]);
  });

  it('clause-missing-section-prefix: "1.19" under Section L', () => {
    expect(rules('Amend Sections L1.17 to L1.19 as follows:\n1.19 Notwithstanding Section D1.3:\n', {}, 'clause-missing-section-prefix')).toEqual(['2:clause-missing-section-prefix']);
    expect(rules('Amend Sections L1.17 to L1.19 as follows:\nL1.19 Notwithstanding Section D1.3:\n', {}, 'clause-missing-section-prefix')).toEqual([]);
    expect(rules("Appendix AG 'Incident Management Policy'\nAmend Section 3.2.4 as follows:\n3.2.4 If a Problem arises.\n", {}, 'clause-missing-section-prefix')).toEqual([]);
  });

  it('cross-reference-missing: a cited clause not in the base Code or the change set', () => {
    expect(rules('Amend Section C7.2 as follows:\nC7.2 The Code Administrator shall act under Section C9.9 and Section C2.3(a).\n', {}, 'cross-reference-missing')).toEqual(['2:cross-reference-missing']);
    const cs: ChangeSet = { id: 'SECMP0049', baseVersion: '5.18', operations: [
      { kind: 'insert', after: 'C7.2', node: { kind: 'clause', address: 'C9.9', number: 'C9.9', text: 'New.', paragraphs: [], definitions: [], layout: { before: '', indent: '', gap: ' ', partPrefix: '', afterPart: '', headingPrefix: '', afterHeading: '' } } }] };
    expect(rules('C7.2 The Code Administrator shall act under Section C9.9.\n', { changeSet: cs }, 'cross-reference-missing')).toEqual([]);
    expect(rules('C7.2 The Code Administrator shall act under Section C2.3(b).\n', {}, 'cross-reference-missing')).toEqual([]);
    // Without a base Code nothing can be missing.
    expect(checkText('C7.2 The Code Administrator shall act under Section C9.9.\n').filter((f) => f.rule === 'cross-reference-missing')).toEqual([]);
  });

  it('cross-reference-missing: only a warning, and only for quoted parts, against an excerpt', () => {
    const excerpt = { ...base, excerpt: true };
    const found = checkText('C7.2 The Code Administrator shall act under Section C2.9 and Section C5.1.\n', { baseCode: excerpt }).filter((f) => f.rule === 'cross-reference-missing');
    expect(found.map((f) => [f.severity, f.message.includes('C2.9')])).toEqual([['warning', true]]);
  });

  it('self-reference: a provision that cites itself, but not "this Section"', () => {
    expect(rules('C7.2 The Code Administrator shall:\n(i) without prejudice to Section C7.2(i), assist.\n', {}, 'self-reference')).toEqual(['2:self-reference']);
    expect(rules('C7.2 The Code Administrator shall:\n(i) without prejudice to Section C7.2(h), assist.\n', {}, 'self-reference')).toEqual([]);
    expect(rules('L10.24 For the purposes of this Section L10.24, the Panel decides.\n', {}, 'self-reference')).toEqual([]);
  });

  it('section-title-mismatch: "Section X (Title)" with a title that is not the section\'s', () => {
    expect(rules('the right to raise Draft Proposals under Section D\n(Modifications); and\n', {}, 'section-title-mismatch')).toEqual(['1:section-title-mismatch']);
    expect(rules("subject to Section D (Modification Process) and Section G (Security) and Section L 'Smart Metering Key Infrastructure and DCC Key\nInfrastructure'\n", {}, 'section-title-mismatch')).toEqual([]);
    expect(rules('Section A ‘Definitions and Interpretations’ and Section A (Definitions and Interpretation)\n', {}, 'section-title-mismatch')).toEqual([]);
  });

  it('modification-id-malformed and modification-id-mismatch', () => {
    const text = 'SECMP0049 Draft\nThis delivers the intent of SECMP00049.\nLike SECMP0006 did.\nSECMP0049 again.\n';
    expect(rules(text, {}, 'modification-id-malformed')).toEqual(['2:modification-id-malformed']);
    expect(checkText(text).find((f) => f.rule === 'modification-id-malformed')?.message).toContain('Did you mean SECMP0049?');
    expect(rules(text, {}, 'modification-id-mismatch')).toEqual(['3:modification-id-mismatch']);
    expect(rules('SECMP0049 and SECMP0049\n', {}, 'modification-id-malformed')).toEqual([]);
    expect(rules('SECMP0049 and SECMP0006\n', { documentModificationId: 'SECMP0006' }, 'modification-id-mismatch')).toEqual(['1:modification-id-mismatch']);
  });

  it('revision-residue: word-processor comment and tracked-change labels', () => {
    expect(rules('G7.20 Notwithstanding Section D1.3: Deleted: Modification\nFormatted: Font: Bold\nComment [AB1]: check\nMoved (insertion) [1]\n', {}, 'revision-residue'))
      .toEqual(['1:revision-residue', '2:revision-residue', '3:revision-residue']);
    expect(rules('Moved (insertion): here\n', {}, 'revision-residue')).toEqual(['1:revision-residue']);
    expect(rules('The deleted text was inserted into the formatted report.\n', {}, 'revision-residue')).toEqual([]);
  });

  it('undefined-term: a capitalised multi-word term that nothing defines (complete base only)', () => {
    const text = 'C2.3 The Panel shall refer each Modification Proposal to the Change Sub-Committee.\n';
    expect(rules(text, {}, 'undefined-term')).toEqual(['1:undefined-term']);
    expect(checkText(text, { baseCode: base }).find((f) => f.rule === 'undefined-term')?.message).toContain('"Change Sub-Committee"');
    const cs: ChangeSet = { id: 'SECMP0049', baseVersion: '5.18', operations: [{ kind: 'add-definition', term: 'Change Sub-Committee', text: 'means a committee.' }] };
    expect(rules(text, { changeSet: cs }, 'undefined-term')).toEqual([]);
    expect(rules('C2.3 The Panel shall refer Modification Proposals to the Change Board.\n', {}, 'undefined-term')).toEqual([]);
    expect(checkText(text, { baseCode: { ...base, excerpt: true } }).filter((f) => f.rule === 'undefined-term')).toEqual([]);
  });

  it('definition-missing-clause: a definition citing a clause that does not exist', () => {
    const text = "Section A 'Definitions and Interpretation'\nAdd the following new definitions into Section A1.1:\nDraft Proposal has the meaning given to that expression in Section D1.9 (Modifications).\n";
    expect(rules(text, {}, 'definition-missing-clause')).toEqual(['3:definition-missing-clause']);
    expect(rules(text.replace('D1.9', 'D1.2'), {}, 'definition-missing-clause')).toEqual([]);
    const cs: ChangeSet = { id: 'SECMP0049', baseVersion: '5.18', operations: [{ kind: 'add-definition', term: 'Change Sub-Committee', text: 'has the meaning given in Section D2A.1.' }] };
    expect(rules('The Change Sub-Committee is new.\n', { changeSet: cs }, 'definition-missing-clause')).toEqual(['1:definition-missing-clause']);
  });

  it('renamed-term-used: uses of a term that the change set renames', () => {
    const cs: ChangeSet = { id: 'SECMP0049', baseVersion: '5.18', operations: [{ kind: 'rename-term', from: 'Modification Proposal', to: 'Draft Proposal' }] };
    expect(rules('C2.3 The Panel shall oversee Modification Proposals.\n', { changeSet: cs }, 'renamed-term-used')).toEqual(['1:renamed-term-used']);
    expect(rules('C2.3 The Panel shall oversee Draft Proposals.\n', { changeSet: cs }, 'renamed-term-used')).toEqual([]);
  });

  it('list-missing-conjunction: no "and"/"or" before the last limb, unless the list was cut ("[…]")', () => {
    expect(rules('Z1.6 The Forum may:\n(a) act;\n(b) appoint advisers;\n(c) contract.\n', {}, 'list-missing-conjunction')).toEqual(['3:list-missing-conjunction']);
    expect(rules('Z1.6 The Forum may:\n(a) act;\n(b) appoint advisers; and\n(c) contract.\n', {}, 'list-missing-conjunction')).toEqual([]);
    expect(rules('Z1.6 The Forum may:\n(a) make representations on a Draft Proposal which:\n(i) affects Section Z; or\n(ii) relates to other parts; and\n(b) contract.\n', {}, 'list-missing-conjunction')).toEqual([]);
    expect(rules('C2.3 The Panel shall:\n[…]\n(d) oversee;\n[…]\n(l) establish arrangements.\n', {}, 'list-missing-conjunction')).toEqual([]);
  });

  it('unknown-code-version: a SEC version that is not designated', () => {
    expect(rules('drafted against the Smart Energy Code (SEC) version 5.181.\n', { knownVersions: ['5.18'] }, 'unknown-code-version')).toEqual(['1:unknown-code-version']);
    const footnote = checkText('drafted against SEC version 5.181.\n', { knownVersions: ['5.18'] })[0];
    expect(footnote).toMatchObject({ severity: 'warning', rule: 'unknown-code-version' });
    expect(footnote?.message).toContain('footnote marker 1');
    expect(rules('drafted against SEC version 4.7.\n', { knownVersions: ['5.18'] }, 'unknown-code-version')).toEqual(['1:unknown-code-version']);
    expect(rules('drafted against the Smart Energy Code (SEC) version 5.18.\nVersion 0.4\n', { knownVersions: ['5.18'] }, 'unknown-code-version')).toEqual([]);
  });

  it('reports each finding with its 1-based line and the line as excerpt', () => {
    const [f] = checkText('\n\nThis delivers SECMP00049.\n');
    expect(f).toEqual({ line: 3, rule: 'modification-id-malformed', severity: 'error', message: expect.any(String), excerpt: 'This delivers SECMP00049.' });
  });
});
