// Rule: every provision has a stable address (C7.2(f), G7.22(a)(ii), AG 3.2.4, A1.1[Term](a)),
// headings are attached to their clauses, and A1.1 definitions are parsed with their
// cross-references.
import { describe, expect, it } from 'vitest';
import { importCode } from './import-text.ts';
import { definitionsOf, indexCode } from './code-index.ts';
import { parentAddress, parseAddress, isWithin } from './address.ts';
import { findCitations } from './cross-references.ts';
import { sec518Text } from '../../../test/fixtures/legal-text/index.ts';
import type { Clause, Paragraph } from './model.ts';

const code = importCode(sec518Text(), { version: '5.18', excerpt: true });
const index = indexCode(code);

describe('Code model: addresses', () => {
  it('addresses sections, clauses, limbs, appendix clauses and definitions', () => {
    for (const a of ['A', 'C', 'G', 'AG', 'C2.3', 'C7.2(f)', 'G7.22(a)(ii)', 'L1.17(d)(vi)', 'AG 3.2.4', 'A1.1[Proposer]', 'A1.1[Significant Code Review Phase](d)']) {
      expect(index.has(a), a).toBe(true);
    }
    expect(code.sections.map((s) => s.address)).toEqual(['A', 'C', 'F', 'G', 'L', 'M', 'Z', 'AG']);
    expect(code.sections.find((s) => s.address === 'L')?.title).toBe('Smart Metering Key Infrastructure and DCC Key Infrastructure');
  });

  it('gives clauses their part heading and cross-heading', () => {
    const g718 = index.get('G7.18') as Clause;
    expect(g718.partHeading).toBe('G7 Security Sub-Committee');
    expect(g718.heading).toBe('Monitoring and Advice');
    expect((index.get('L1.19') as Clause).heading).toBe('Modification of the SMKI SEC Documents by the SMKI PMA');
    expect((index.get('G7.20') as Clause).heading).toBeUndefined();
  });

  it('keeps the text after a list as the tail of the provision that owns it', () => {
    expect((index.get('G7.19') as Clause).tail?.trim()).toBe('and the Code Administrator shall comply with such process.');
    expect((index.get('L1.17(d)') as Paragraph).tail?.trim()).toMatch(/^and \(where the SMKI PMA considers/);
  });

  it('parses definitions (term → text) with the clauses they cite', () => {
    const defs = definitionsOf(code);
    expect([...defs.keys()]).toContain('Significant Code Review Phase');
    expect(defs.get('Proposer')?.text).toBe('has the meaning given to that expression in Section D1.3 (Persons Entitled to Submit Modification Proposals).');
    expect(defs.get('Proposer')?.references).toEqual(['D1.3']);
    expect(defs.get('Significant Code Review Phase')?.references).toEqual(['D5.7', 'D9A.2', 'D9A.11']);
  });

  it('parses and relates addresses', () => {
    expect(parseAddress('A1.1[Draft Proposal](a)(ii)')).toEqual({ section: 'A', clause: 'A1.1', term: 'Draft Proposal', labels: ['a', 'ii'] });
    expect(parseAddress('AG 3.2.4')).toEqual({ section: 'AG', clause: 'AG 3.2.4', labels: [] });
    expect(parentAddress('G7.22(a)(ii)')).toBe('G7.22(a)');
    expect(parentAddress('G7.22')).toBe('G');
    expect(parentAddress('AG 3.2.4')).toBe('AG');
    expect(isWithin('C2.3(a)', 'C2.3')).toBe(true);
    expect(isWithin('C2.30', 'C2.3')).toBe(false);
    expect(isWithin('AG 3.2.4', 'A')).toBe(false);
  });

  it('finds citations, including lists and limbs, but not bare section citations', () => {
    const cites = findCitations('notwithstanding Section X2.3(a), (b) and (c), be subject to Section D (Modification Process) as varied by Sections D6.5 and D6.6 or this Section L10.24');
    expect(cites.map((c) => c.address)).toEqual(['X2.3(a)', 'X2.3(b)', 'X2.3(c)', 'D6.5', 'D6.6', 'L10.24']);
    expect(cites.at(-1)?.self).toBe(true);
    expect(findCitations('in accordance with Sections L9;')[0]).toMatchObject({ address: 'L9', part: true });
  });
});
