// Rule: import → export reproduces the input exactly (only CRLF line ends become LF).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importCode } from './import-text.ts';
import { exportCode } from './export-text.ts';
import { sec518Text, sec518WithSecmp0049Text } from '../../../test/fixtures/legal-text/index.ts';
import { codePair, secText } from '../../../test/fixtures/legal-text/arbitrary-code.ts';

const roundTrip = (text: string): string => exportCode(importCode(text, { version: '5.18' }));

describe('import → export is the identity', () => {
  it('on the SEC 5.18 fixture and its SECMP0049 version', () => {
    expect(roundTrip(sec518Text())).toBe(sec518Text());
    expect(roundTrip(sec518WithSecmp0049Text())).toBe(sec518WithSecmp0049Text());
  });

  it('keeps wrapped lines, tails, Markdown headings, trailing spaces and a missing final newline', () => {
    const text = [
      'Title page  ',
      '',
      '# Section G – Security',
      'Introductory words under the heading.',
      '',
      '## G7 Security Sub-Committee',
      '',
      '### Monitoring and Advice',
      'G7.19\tThe Security Sub-Committee shall establish a process under which the Code  ',
      'Administrator monitors Draft Proposals with a view to identifying those proposals that:',
      '    (a) are likely to affect the Security Obligations; or',
      '    (b) are likely to relate to other parts of the Code,',
      '  and the Code Administrator shall comply with such process.',
      '',
      '',
      'G7.20 Notwithstanding Section D1.3:',
      '(a) flat layout limb',
      'wrapped onto a second line;',
      '   ',
      '(b) last limb.',
    ].join('\n');
    expect(roundTrip(text)).toBe(text);
    expect(roundTrip(`${text}\n\n`)).toBe(`${text}\n\n`);
  });

  it('normalises CRLF line ends to LF (and nothing else)', () => {
    expect(roundTrip('C2.3 Text:\r\n    (a) limb;\r\n')).toBe('C2.3 Text:\n    (a) limb;\n');
  });

  it('holds for random SEC-shaped text (fast-check)', () => {
    fc.assert(fc.property(secText, (text) => roundTrip(text) === text), { numRuns: 500 });
  });

  it('holds for random Code versions exported to text (fast-check)', () => {
    fc.assert(fc.property(codePair, ({ a }) => {
      const text = exportCode(a);
      return roundTrip(text) === text;
    }), { numRuns: 200 });
  });
});
