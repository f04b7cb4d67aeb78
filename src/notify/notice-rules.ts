// Who is told what (issue: Notifications): declarative rules, trigger → recipients →
// template, instead of notices spread across handlers. The SEC duties behind them: the Code
// Administrator brings screened proposals to TABASC, the SSC and the SMKI PMA (F1.6, G7.19,
// L1.18); consultations go to Parties (the MRC to Parties other than the DCC, D7.8); a ballot
// to the Change Board members whose seats are not suspended (M8.5(c)(i)).

export type RecipientSpec =
  | { readonly kind: 'role'; readonly roles: readonly string[] }
  | { readonly kind: 'proposer' }
  | { readonly kind: 'parties'; readonly exceptDcc: boolean }
  | { readonly kind: 'ballot-seats' };

export interface NoticeRule {
  readonly id: string;
  readonly on: string;
  /** Further condition on the event's data. */
  readonly when?: (data: Record<string, unknown>) => boolean;
  readonly recipients: readonly RecipientSpec[];
  readonly template: string;
  readonly subject: string;
  /** Shown to users who follow "significant changes only". */
  readonly significant: boolean;
  readonly clause?: string;
}

const screen = (data: Record<string, unknown>, key: string): boolean => (data.screens as Record<string, string> | undefined)?.[key] === 'likely';

export const NOTICE_RULES: readonly NoticeRule[] = [
  { id: 'dp-received-ca', on: 'DraftProposalSubmitted', recipients: [{ kind: 'role', roles: ['code-administrator'] }], template: 'draft-proposal-received', subject: 'New Draft Proposal {{ reference }}: {{ title }}', significant: true, clause: 'C7.2(f)' },
  { id: 'dp-received-proposer', on: 'DraftProposalSubmitted', recipients: [{ kind: 'proposer' }], template: 'draft-proposal-acknowledged', subject: 'We have received your Draft Proposal {{ reference }}', significant: true, clause: 'C7.2(f)' },
  { id: 'screening-tabasc', on: 'ScreeningRecorded', when: (d) => screen(d, 'tabasc'), recipients: [{ kind: 'role', roles: ['tabasc-representative'] }], template: 'screening-flagged', subject: '{{ reference }} may affect the Technical or Business Architecture', significant: true, clause: 'F1.6' },
  { id: 'screening-ssc', on: 'ScreeningRecorded', when: (d) => screen(d, 'sscSoaa') || screen(d, 'sscMaterialSecurity'), recipients: [{ kind: 'role', roles: ['ssc-representative', 'ssc-member'] }], template: 'screening-flagged', subject: '{{ reference }} may affect security', significant: true, clause: 'G7.19' },
  { id: 'screening-pma', on: 'ScreeningRecorded', when: (d) => screen(d, 'smkiPma'), recipients: [{ kind: 'role', roles: ['smki-pma-representative', 'smki-pma-member'] }], template: 'screening-flagged', subject: '{{ reference }} may affect the SMKI SEC Documents', significant: true, clause: 'L1.18' },
  { id: 'consultation-refinement', on: 'ConsultationOpened', when: (d) => d.kind === 'refinement', recipients: [{ kind: 'parties', exceptDcc: false }], template: 'consultation-opened', subject: 'Consultation open on {{ reference }} until {{ closesOn }}', significant: true },
  { id: 'consultation-mrc', on: 'ConsultationOpened', when: (d) => d.kind === 'mrc', recipients: [{ kind: 'parties', exceptDcc: true }], template: 'consultation-opened', subject: 'Modification Report Consultation on {{ reference }} until {{ closesOn }}', significant: true, clause: 'D7.8' },
  { id: 'ballot-opened', on: 'BallotOpened', recipients: [{ kind: 'ballot-seats' }], template: 'ballot-opened', subject: 'Change Board vote open on {{ reference }}', significant: true, clause: 'M8.5(c)(i)' },
  { id: 'vote-closed', on: 'VoteClosed', when: (d) => d.outcome === 'decided', recipients: [{ kind: 'proposer' }, { kind: 'ballot-seats' }], template: 'vote-closed', subject: 'Change Board {{ "decision" if purpose == "decision" else "recommendation" }} on {{ reference }}', significant: true },
  { id: 'decision-final', on: 'SelfGovernanceDecisionFinalised', recipients: [{ kind: 'proposer' }, { kind: 'role', roles: ['code-administrator'] }], template: 'decision', subject: '{{ reference }} is {{ result }}', significant: true },
  { id: 'authority-decided', on: 'AuthorityDecided', recipients: [{ kind: 'proposer' }, { kind: 'role', roles: ['code-administrator'] }], template: 'decision', subject: 'The Authority has {{ result }} {{ reference }}', significant: true },
  { id: 'appeal-lodged', on: 'AppealLodged', recipients: [{ kind: 'proposer' }, { kind: 'role', roles: ['authority-decision-maker', 'code-administrator'] }], template: 'appeal-lodged', subject: 'Appeal lodged against the decision on {{ reference }}', significant: true },
  { id: 'withdrawn', on: 'ProposalWithdrawn', recipients: [{ kind: 'parties', exceptDcc: false }], template: 'withdrawn', subject: '{{ reference }} has been withdrawn: it may be adopted', significant: true },
  { id: 'implemented', on: 'ModificationImplemented', recipients: [{ kind: 'proposer' }, { kind: 'parties', exceptDcc: false }], template: 'implemented', subject: '{{ reference }} is implemented in SEC {{ secVersion }}', significant: false },
];
