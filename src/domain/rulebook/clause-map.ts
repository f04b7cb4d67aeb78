// Clause id → heading for `sec-5.18+secmp0049` (sec-process.md §1.3 item 2), used for the
// provenance on events and in the portal. Headings marked `sec` are worded as the seed
// (SECMP0049 draft legal text v0.4) cites them; `descriptive` ones summarise a clause the
// seed quotes without a heading. Ids starting `D:` name a Section D rule whose clause number
// is not confirmed for this version (CFG-04 `clauseMap.unconfirmedClauses`).
import type { ClauseEntry } from './types.ts';

const sec = (heading: string): ClauseEntry => ({ heading, headingKind: 'sec', confirmed: true });
const described = (heading: string): ClauseEntry => ({ heading, headingKind: 'descriptive', confirmed: true });
const unconfirmed = (heading: string): ClauseEntry => ({ heading, headingKind: 'descriptive', confirmed: false });

export const SECMP0049_CLAUSE_MAP: Readonly<Record<string, ClauseEntry>> = {
  // Section A
  'A1.1': sec('Definitions'),
  // Section C
  'C2.1': described('Establishment of the Panel'),
  'C2.3': described('Panel duties'),
  'C6.10': described('Establishment of Sub-Committees (the Change Board)'),
  'C7.2': described('Code Administrator tasks and functions'),
  // Section D (headings as cross-referenced in the seed)
  'D1.2': sec('Modifications'),
  'D1.3': sec('Persons Entitled to Submit Draft Proposals'),
  'D2.4': sec('Authority-initiated Modifications'),
  'D2.6': sec('Authority Determined Modifications'),
  'D2.7': sec('Self-Governance Modifications'),
  'D2A.1': sec('Establishment of the Change Sub-Committee'),
  'D3.11': sec('Initial Consideration by the Panel'),
  'D5.7': sec('Significant Code Review: Backstop Direction'),
  'D6.3': sec('Establishment of a Working Group'),
  'D6.5': described('Working Group membership conditions'),
  'D6.6': described('Working Group membership conditions'),
  'D6.15': sec('Alternative Solutions'),
  'D6.16': sec('Alternative Solutions'),
  'D7.1': sec('Modification Report'),
  'D7.3': sec('Content of the Modification Report'),
  'D7.8': described('Modification Report Consultation'),
  'D7.9': described('Modification Report Consultation response form'),
  'D8': described('Change Board and Change Board Decision'),
  'D9A.2': sec('Authority Power to Develop a Proposed Variation'),
  'D9A.11': sec('Authority Decision'),
  // Section D rules whose clause number is not confirmed for the 2018 layout
  'D:development-stage': unconfirmed('Development Stage and critical-friend review'),
  'D:fast-track': unconfirmed('Fast-Track Modifications'),
  'D:urgent-modifications': unconfirmed('Urgent Modifications'),
  'D:path-determination': unconfirmed('Authority Determinations (D4 in the 2013 layout)'),
  'D:dcc-assessments': unconfirmed('DCC Preliminary and Impact Assessments'),
  'D:refinement-consultation': unconfirmed('Refinement Consultation'),
  'D:send-back': unconfirmed('Send-back of a Draft Proposal or report'),
  'D:self-governance-appeals': unconfirmed('Appeals against Self-Governance decisions'),
  'D:authority-decision': unconfirmed('Authority decision on a Modification Proposal'),
  'D:implementation': unconfirmed('Implementation'),
  'D:withdrawal': unconfirmed('Withdrawal by the Proposer (D5 in the 2013 layout)'),
  'D:adoption': unconfirmed('Adoption of a withdrawn proposal'),
  'D:scr-suspension': unconfirmed('Suspension during a Significant Code Review Phase'),
  // Section F
  'F1.4': described('TABASC advice on Draft Proposals and Modification Proposals'),
  'F1.6': described('Code Administrator monitoring for TABASC'),
  // Section G
  'G7.18': described('Security Sub-Committee duties'),
  'G7.19': described('Code Administrator monitoring for the Security Sub-Committee'),
  'G7.20': described('Security Sub-Committee right to submit Draft Proposals on the SOAA'),
  'G7.21': described('Security Sub-Committee representation on Working Groups'),
  'G7.22': described('Security Sub-Committee representations in the Modification Report'),
  // Section L
  'L1.17': described('SMKI PMA duties'),
  'L1.18': described('Code Administrator monitoring for the SMKI PMA'),
  'L1.19': sec('Modification of the SMKI SEC Documents by the SMKI PMA'),
  'L8.11': described('DCC Draft Proposal on Certificate Signing Request prioritisation'),
  'L10.24': described('Recovery Costs threshold and Charging Methodology consideration'),
  'L13.42': described('DCCKI CPS amendment procedure'),
  'L13.55': described('DCC response to DCCKI PMA Functions notifications'),
  // Section M
  'M5.1': described('Intellectual property: SEC Materials'),
  'M8.1': described('Events of Default'),
  'M8.4': described('Consequences of an Event of Default'),
  'M8.5': described('Suspension of rights of a Defaulting Party'),
  // Section X, Section Z, Appendix AG
  'X2.3': described('Transitional variation of the modification process'),
  'Z1.6': described('Alt HAN Forum representations'),
  'AG 3.2.4': described('Problem requiring a change to the Code (Incident Management Policy)'),
};
