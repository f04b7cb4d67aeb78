// The drafting checker on the seed (SECMP0049 draft legal text v0.4) against the SEC 5.18 fixture
// and the SECMP0049 change set derived from it. Every finding is asserted, so a rule that starts
// to raise false alarms (or stops finding a real issue) fails here.
import { describe, expect, it } from 'vitest';
import { checkText } from './drafting-checker.ts';
import { importCode } from './import-text.ts';
import { diffCodes } from './diff-codes.ts';
import { sec518Text, sec518WithSecmp0049Text, secmp0049SeedText } from '../../../test/fixtures/legal-text/index.ts';

const base = importCode(sec518Text(), { version: '5.18', excerpt: true });
const changeSet = diffCodes(base, importCode(sec518WithSecmp0049Text(), { version: '5.18', excerpt: true }), { id: 'SECMP0049' });
const findings = checkText(secmp0049SeedText(), { baseCode: base, changeSet, knownVersions: ['5.17', '5.18', '5.19'], documentModificationId: 'SECMP0049' });

describe('drafting checker on the SECMP0049 seed', () => {
  it('finds exactly these issues', () => {
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.rule}`)).toEqual([
      '22 error modification-id-malformed', // "SECMP00049" — real
      '87 warning unknown-code-version', // "version 5.181" = 5.18 + footnote marker 1 — text-extraction artefact
      '145 warning modification-id-mismatch', // footnote cites SECMP0006 — real (copied from another modification)
      '210 error clause-section-mismatch', // "D2.3" under "Amend Section C2.3" — real
      '269 error self-reference', // C7.2(i) cites Section C7.2(i) — real
      '423 error revision-residue', // "Deleted: Modification" — real
      '511 warning list-missing-conjunction', // L1.17(d)(v) — real but already in the Code
      '529 error revision-residue', // "Deleted: Modification" — real
      '550 warning list-missing-conjunction', // L1.17(f)(i) — real but already in the Code
      '627 error clause-missing-section-prefix', // "1.19" for L1.19 — real
      '713 warning cross-reference-missing', // L13.42 — false alarm: not quoted in the excerpt
      '721 warning cross-reference-missing', // M5.2 — false alarm: not quoted in the excerpt
      '739 warning cross-reference-missing', // M8.4(e) — false alarm: not quoted in the excerpt
      '744 warning section-title-mismatch', // Section D (Modifications) — real, already in the Code
      '782 warning list-missing-conjunction', // Z1.6(a)(ii) — real but already in the Code
    ]);
  });

  it('explains the interesting ones', () => {
    const at = (line: number): string => findings.find((f) => f.line === line)?.message ?? '';
    expect(at(22)).toBe('"SECMP00049" is not a modification reference of the form SECMP followed by four digits. Did you mean SECMP0049?');
    expect(at(87)).toContain('reads as 5.18 followed by footnote marker 1');
    expect(at(145)).toContain('cites SECMP0006');
    expect(at(210)).toBe('Clause D2.3 is numbered in Section D, but this part amends Section C (C2.3). Did you mean C2.3?');
    expect(at(269)).toBe('C7.2(i) cites itself ("Section C7.2(i)"); check which provision is meant.');
    expect(at(627)).toBe('Clause number "1.19" has no section letter; in Section L it should read "L1.19".');
    expect(at(744)).toBe('Section D is cited as "Modifications"; its title is "Modification Process".');
    expect(findings.find((f) => f.line === 423)?.excerpt).toBe('G7.20 Notwithstanding Section D1.3 (Persons Entitled to Submit Draft Proposals): Deleted: Modification');
  });
});
