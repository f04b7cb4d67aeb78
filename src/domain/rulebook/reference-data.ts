// Reference lists the rulebook holds as data: SEC Objectives, Party Categories, the three
// paths, criteria lists and the scope sets that bound special submission rights.
import type { Criterion, PartyCategory, PathDefinition, ProcessVariant, SeatAllocation, SecObjective } from './types.ts';

/** The SEC Objectives (a) to (h), in short [Public: C16]. */
export const SEC_OBJECTIVES: Readonly<Record<SecObjective, string>> = {
  a: 'Efficient provision, installation, operation and interoperability of smart metering systems in Great Britain',
  b: 'Enabling the DCC to meet its licence objectives and obligations',
  c: 'Helping consumers manage their energy use through information from smart metering',
  d: 'Effective competition in energy supply',
  e: 'Innovation in network design and operation for secure and sustainable supply',
  f: 'Protection and security of data and systems',
  g: 'Efficient and transparent administration and implementation of the SEC',
  h: 'The Alt HAN arrangements',
};

/** Party Categories [Public: C14, C18]; kept by the Secretariat (`partyCategory.source`). */
export const PARTY_CATEGORIES: Readonly<Record<PartyCategory, string>> = {
  'large-supplier': 'Large Supplier Parties',
  'small-supplier': 'Small Supplier Parties',
  'electricity-network': 'Electricity Network Parties',
  'gas-network': 'Gas Network Parties',
  'other-sec-party': 'Other SEC Parties (not a Supplier, a Network Operator or the DCC)',
};

/** Paths 1–3 with their deciders (§6.1; `path.deciders`). */
export const PATHS: readonly PathDefinition[] = [
  { id: 1, name: 'Authority-initiated Modification', clause: 'D2.4', decider: 'authority', changeBoardRole: 'recommendation', raisedBy: 'The Authority, or the DCC at its direction, for the outcome of a Significant Code Review' },
  { id: 2, name: 'Authority Determined Modification', clause: 'D2.6', decider: 'authority', changeBoardRole: 'recommendation', raisedBy: 'Any entitled person' },
  { id: 3, name: 'Self-Governance Modification', clause: 'D2.7', decider: 'change-board', changeBoardRole: 'decision', raisedBy: 'Any entitled person' },
];

/** Path 2 materiality criteria (§6.2, `path.authorityCriteria`) [Analogy] (A4). */
export const PATH_2_CRITERIA: readonly Criterion[] = [
  { id: 'consumers', text: 'Likely to have a material effect on existing or future energy consumers' },
  { id: 'competition', text: 'Likely to have a material effect on competition in the supply of energy or related commercial activities' },
  { id: 'smart-metering-operation', text: "Likely to have a material effect on the operation of smart metering systems or the DCC's services" },
  { id: 'security-and-protection', text: 'Likely to have a material effect on security, data protection or consumer protection' },
  { id: 'governance', text: "Likely to have a material effect on the SEC's governance or modification procedures" },
  { id: 'undue-discrimination', text: 'Likely to discriminate unduly between Parties or classes of Parties' },
];

/** Self-Governance appeal grounds (§6.4, `appeal.grounds`) [Analogy] (A3, A4). */
export const APPEAL_GROUNDS: readonly Criterion[] = [
  { id: 'unfair-prejudice-to-party-or-class', text: 'The decision unfairly prejudices the interests of the appellant or a class of Parties' },
  { id: 'not-better-facilitating-objectives', text: 'The modification is not likely to better facilitate the SEC Objectives' },
  { id: 'inconsistent-with-authority-duties', text: "The decision is inconsistent with the Authority's principal objective and statutory duties" },
];

/** What may be Fast-Tracked (§6.5, `fastTrack.criteria`) [Analogy] (A4). */
export const FAST_TRACK_CRITERIA: readonly Criterion[] = [
  { id: 'typographical-error', text: 'Correction of a typographical error' },
  { id: 'incorrect-cross-reference', text: 'Correction of an incorrect cross-reference' },
  { id: 'formatting', text: 'Formatting changes' },
  { id: 'consequential-housekeeping', text: 'Consequential housekeeping changes' },
];

/** D7.3 content of the Modification Report (CFG-58, `mr.requiredSections`) [Analogy] (A7); [Seed G7.22(b)]. */
export const MR_REQUIRED_SECTIONS: readonly Criterion[] = [
  { id: 'proposer-and-problem-statement', text: 'Proposer and problem statement' },
  { id: 'solutions-and-legal-text', text: 'Each solution and its legal text' },
  { id: 'working-group-conclusions', text: 'Working Group conclusions' },
  { id: 'objectives-assessment', text: 'Assessment against each SEC Objective' },
  { id: 'dcc-assessment-and-costs', text: 'DCC assessment and costs' },
  { id: 'consultation-summary', text: 'Consultation summary' },
  { id: 'implementation-approach-and-date', text: 'Implementation approach and date' },
  { id: 'path-and-reasons', text: 'Path and reasons' },
  { id: 'cross-code-impacts', text: 'Cross-code impacts' },
  { id: 'ssc-representations', text: 'All Security Sub-Committee representations with evidence summaries (G7.22(b))' },
  { id: 'other-representations-and-advice', text: 'Other representations and advice' },
];

/**
 * Scope sets (CFG-14, `entitlement.scopeSets`): the provisions inside which the SSC and the
 * SMKI PMA (and their members) may submit Draft Proposals. The CA maintains them; these
 * defaults name the SEC Sections and documents the seed points to.
 */
export interface ScopeSet {
  readonly description: string;
  /** SEC Sections or clause prefixes, e.g. `G` (all of Section G) or `L13`. */
  readonly provisions: readonly string[];
  /** Subsidiary documents by name. */
  readonly documents: readonly string[];
  readonly excludes?: readonly string[];
  readonly source: string;
}

export const SCOPE_SOAA: ScopeSet = {
  description: 'Security Obligations and Assurance Arrangements',
  provisions: ['G'],
  documents: ['Security Controls Framework', 'SOAA subsidiary documents listed by the Code Administrator'],
  source: '[Seed G7.19(a), G7.20]',
};

export const SCOPE_SMKI_SEC_DOCUMENTS: ScopeSet = {
  description: 'SMKI SEC Documents',
  provisions: ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10', 'L11', 'L12'],
  documents: [
    'SMKI Compliance Policy', 'SMKI RAPP', 'Device Certificate Policy', 'Organisation Certificate Policy',
    'IKI Certificate Policy', 'SMKI Recovery Procedure',
  ],
  source: '[Seed L1.17(b),(d), L1.19]',
};

export const SCOPE_DCCKI: ScopeSet = {
  description: 'DCCKI SEC Documents',
  provisions: ['L13'],
  documents: ['DCCKI RAPP', 'DCCKI Certificate Policy'],
  // DCCKI CPS changes follow L13.42, never Section D (§1.4).
  excludes: ['DCCKI CPS'],
  source: '[Seed L1.17(f),(k), L13.55(b)]',
};

/** Default Change Board seats (§10.3, `changeBoard.seats`). */
export const DEFAULT_CHANGE_BOARD_SEATS: readonly SeatAllocation[] = [
  { category: 'large-supplier', seats: 'one-per-voting-group', voting: true, appointedBy: 'That Voting Group' },
  { category: 'small-supplier', seats: 2, voting: true, appointedBy: 'The Party Category' },
  { category: 'electricity-network', seats: 1, voting: true, appointedBy: 'The Party Category' },
  { category: 'gas-network', seats: 1, voting: true, appointedBy: 'The Party Category' },
  { category: 'other-sec-party', seats: 2, voting: true, appointedBy: 'The Party Category' },
  { category: 'consumer', seats: 1, voting: true, appointedBy: 'Citizens Advice' },
  { category: 'dcc', seats: 1, voting: false, appointedBy: 'The DCC' },
  { category: 'chair', seats: 1, voting: false, appointedBy: 'The Panel' },
];

/** Process variants (§1.3 item 8, §6.8). */
export const PROCESS_VARIANTS: readonly ProcessVariant[] = [
  { id: 'standard', description: 'Section D as it stands', source: '§1.3' },
  { id: 'x2.3d', description: 'Section D as varied by X2.3(d), for SMKI PMA Draft Proposals after an L1.17(d) or (h) review; overrides in `variant.x23d.overrides`', source: '[Seed L1.17(d),(h)]' },
];
