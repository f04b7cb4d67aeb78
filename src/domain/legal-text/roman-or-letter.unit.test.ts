// Rule: "(i)" is the lettered limb after "(h)", and a roman sub-limb under a limb that introduces a
// list with a colon; likewise "(v)" after "(iv)" or "(u)".
import { describe, expect, it } from 'vitest';
import { importCode } from './import-text.ts';
import { indexCode } from './code-index.ts';
import { resolveNumbering } from './numbering.ts';
import type { Paragraph } from './model.ts';

const limbs = (text: string): string[] => [...indexCode(importCode(text, { version: '1' })).values()]
  .filter((n): n is Paragraph => n.kind === 'paragraph')
  .map((p) => `${p.address}:${p.numbering}`);

describe('(i) as a letter or a roman numeral', () => {
  it('is the letter i after (h)', () => {
    expect(limbs('G7.18 The Sub-Committee shall:\n(g) act;\n(h) liaise; and\n(i) provide support.\n')).toEqual(
      ['G7.18(g):alpha', 'G7.18(h):alpha', 'G7.18(i):alpha']);
  });

  it('is roman i under a limb that ends with a colon', () => {
    expect(limbs('L10.24 Where:\n(b) the Panel may determine that:\n(i) different Parties; and\n(ii) instalments; and\n(c) the Panel shall.\n')).toEqual(
      ['L10.24(b):alpha', 'L10.24(b)(i):roman', 'L10.24(b)(ii):roman', 'L10.24(c):alpha']);
  });

  it('is the letter i when the limb before does not introduce a list (an excerpt skipping (g) and (h))', () => {
    expect(limbs('C7.2 The Code Administrator shall:\n(f) facilitate a process;\n(i) provide support.\n')).toEqual(['C7.2(f):alpha', 'C7.2(i):alpha']);
  });

  it('resolves (v) and (x) from the open list', () => {
    expect(resolveNumbering('v', { openAlpha: 'd', openRoman: 'iv', alphaIntroducesList: false })).toBe('roman');
    expect(resolveNumbering('v', { openAlpha: 'u', alphaIntroducesList: false })).toBe('alpha');
    expect(resolveNumbering('x', { openAlpha: 'w', openRoman: 'ii', alphaIntroducesList: false })).toBe('alpha');
    expect(resolveNumbering('x', { openAlpha: 'c', openRoman: 'ix', alphaIntroducesList: false })).toBe('roman');
    expect(resolveNumbering('ii', { alphaIntroducesList: false })).toBe('roman');
    expect(resolveNumbering('A', { alphaIntroducesList: false })).toBe('upper');
  });
});
