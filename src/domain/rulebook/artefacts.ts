// Required artefacts per stage (sec-process.md §1.3 item 9, §8). `gate` names the
// transition blocked until the artefact exists.
import type { ArtefactRequirement } from './types.ts';

export const ARTEFACTS: readonly ArtefactRequirement[] = [
  { stage: 'S01', artefact: 'Draft problem statement (Draft Proposal form) with IPR acceptance', producedBy: 'proposer', gate: 'T01', source: '[Public: C1, C25]; [Seed M5.1]' },
  { stage: 'S01', artefact: 'Critical-friend comments', producedBy: 'code-administrator', source: '[Public: C1]' },
  { stage: 'S01, then on change', artefact: 'Screening record (TABASC, SSC limbs (a) and (b), SMKI PMA, cross-code)', producedBy: 'code-administrator', gate: 'T03', source: '[Seed F1.6, G7.19, L1.18, C2.3(l)]' },
  { stage: 'S01 to S04', artefact: 'CA support log', producedBy: 'code-administrator', source: '[Seed C7.2(i)]' },
  { stage: 'S02', artefact: 'CSC papers, minutes and problem statement versions', producedBy: 'code-administrator / csc', gate: 'T06', source: '[Public: C1, C2]' },
  { stage: 'S01 to S10', artefact: 'Representations', producedBy: 'ssc, ssc-member, alt-han-forum, others per §4', gate: 'T27', source: '[Seed G7.22, Z1.6(a)]' },
  { stage: 'S01 to S13', artefact: 'Advice records', producedBy: 'tabasc, ssc, smki-pma', source: '[Seed F1.4, G7.18(d), L1.17(k)]' },
  { stage: 'S04 to S05/S06', artefact: 'Conversion decision (path and reasons, route, timetable, WG need)', producedBy: 'panel', gate: 'T08, T09', source: '[Seed A1.1 (D3.11)]; [Public: C1, C18]' },
  { stage: 'S05', artefact: 'WG terms of reference and membership', producedBy: 'panel / code-administrator', gate: 'T14', source: '[Seed G7.21]; [Default] workingGroup.termsOfReferenceRequired' },
  { stage: 'S05', artefact: 'WG meeting summaries', producedBy: 'code-administrator', source: '[Public: C18]' },
  { stage: 'S05', artefact: 'Solutions and legal text against a named SEC baseline', producedBy: 'proposer (Proposed), working-group (Alternative); legal text by code-administrator', gate: 'T26', source: '[Seed A1.1, front matter]; [Public: C9]' },
  { stage: 'S05', artefact: 'DCC Preliminary Assessment and Impact Assessment', producedBy: 'dcc', gate: 'T26', source: '[Public: C20]' },
  { stage: 'S05', artefact: 'Refinement Consultation and responses', producedBy: 'code-administrator / respondents', gate: 'T26', source: '[Public: C18]' },
  { stage: 'S06 to S07', artefact: 'Modification Report', producedBy: 'code-administrator', gate: 'T27', source: '[Public: C7]; [Seed G7.22(b)]' },
  { stage: 'S08 to S10', artefact: 'MRC document, response form and responses', producedBy: 'code-administrator / Parties other than the DCC', gate: 'T30, T31', source: '[Public: C8, C18]' },
  { stage: 'S10', artefact: 'Ballot record with rationale against the SEC Objectives', producedBy: 'change-board / secretariat', gate: 'T33, T34', source: '[Public: C3, C16]; [Default] changeBoard.rationaleRequired' },
  { stage: 'S11 or S13', artefact: 'Conclusions Report', producedBy: 'code-administrator', source: '[Public: C18]' },
  { stage: 'S13', artefact: 'Final Modification Report', producedBy: 'code-administrator', gate: 'T39', source: '[Seed front matter, footnote 1]' },
  { stage: 'S12', artefact: 'Appeal and appeal decision', producedBy: 'appellant / authority', gate: 'T36, T38', source: '[Default] appeal.enabled' },
  { stage: 'S13', artefact: 'Authority decision letter', producedBy: 'authority', gate: 'T39', source: '[Public: C18]' },
  { stage: 'S15 to S17', artefact: 'Implementation record, SEC Release notice, new consolidated SEC version', producedBy: 'panel / code-administrator', gate: 'T41, T42', source: '[Seed C2.3(d)]; [Public: C19, C21, C22]' },
];
