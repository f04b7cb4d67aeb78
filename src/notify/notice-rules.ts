// Who is told what (issue: Notifications): declarative rules, trigger → recipients →
// template, instead of notices spread across handlers. The SEC duties behind them: the Code
// Administrator brings screened proposals to TABASC, the SSC and the SMKI PMA (F1.6, G7.19,
// L1.18); consultations go to Parties (the MRC to Parties other than the DCC, D7.8); a ballot
// to the Change Board members whose seats are not suspended (M8.5(c)(i)).
// Followers (subscriptions.ts) are recipients like any other: the follower rules at the end
// tell them of a proposal's events, "significant" ones (stage changes, consultations,
// decisions, appeals, implementation) to everyone who follows it, the rest only to those who
// follow "everything". A person hears of one event once: the first rule that reaches them wins.

export type RecipientSpec =
  | { readonly kind: 'role'; readonly roles: readonly string[] }
  | { readonly kind: 'proposer' }
  | { readonly kind: 'parties'; readonly exceptDcc: boolean }
  | { readonly kind: 'ballot-seats' }
  /** Users whose subscriptions match the proposal (at the levels the rule's significance reaches). */
  | { readonly kind: 'followers' };

/** Facts about an event the policy works out before matching rules. */
export interface EventFacts {
  /** The event left the proposal in another stage than the one before it. */
  readonly stageChanged: boolean;
  readonly eventType: string;
}

export interface NoticeRule {
  readonly id: string;
  /** The event type, or '*' for any event of a proposal. */
  readonly on: string;
  /** Further condition on the event's data. */
  readonly when?: (data: Record<string, unknown>, facts: EventFacts) => boolean;
  readonly recipients: readonly RecipientSpec[];
  readonly template: string;
  readonly subject: string;
  /** Shown to users who follow "significant changes only". */
  readonly significant: boolean;
  readonly clause?: string;
  /** What the notice is about, for the unsubscribe and preferences pages. */
  readonly label?: string;
}

/** Events that are significant for followers even where the stage does not change. */
export const SIGNIFICANT_EVENTS: ReadonlySet<string> = new Set([
  'ConsultationOpened', 'BallotOpened', 'VoteClosed', 'SelfGovernanceDecisionFinalised', 'AuthorityDecided', 'AppealLodged', 'AppealDecided',
  'ImplementationScheduled', 'ModificationImplemented', 'ProposalWithdrawn', 'ProposalAdopted',
]);

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
  // Followers. Significant: whatever moves a proposal to another stage, and these events.
  { id: 'follow-significant', on: '*', when: (_d, f) => f.stageChanged || SIGNIFICANT_EVENTS.has(f.eventType), recipients: [{ kind: 'followers' }], template: 'followed-proposal', subject: '{{ reference }}: {{ eventName }}', significant: true, label: 'Significant changes to proposals you follow' },
  { id: 'follow-everything', on: '*', recipients: [{ kind: 'followers' }], template: 'followed-proposal', subject: '{{ reference }}: {{ eventName }}', significant: false, label: 'Every event of proposals you follow' },
];

/** Label of a rule for people (the unsubscribe and preferences pages). */
export function ruleLabel(id: string): string | undefined {
  const rule = NOTICE_RULES.find((r) => r.id === id);
  if (!rule) return undefined;
  return rule.label ?? `${rule.on.replace(/([a-z])([A-Z])/g, '$1 $2')} notices${rule.clause ? ` (SEC ${rule.clause})` : ''}`;
}

/**
 * A deadline is near: whoever must act before it is reminded this many Working Days before a
 * running timer falls due (deadline-reminders.ts, run by the deadline sweeper). "Must act" is
 * read per timer as the commands that timer is waiting for; a user is reminded when one of them
 * is among its available actions now. Meeting timers (TM11, TM12, TM15) and the obligation
 * reminder (TM14, the obligations tracker) have no command here.
 */
export const DEADLINE_REMINDER = {
  id: 'deadline-reminder',
  workingDaysBefore: 2,
  mustAct: {
    TM01: ['record-critical-friend-review', 'record-screening'],
    TM02: ['respond-to-consultation'],
    TM03: ['respond-to-consultation'],
    TM04: ['lodge-appeal'],
    TM05: ['object-to-fast-track'],
    TM06: ['adopt'],
    TM07: ['record-dcc-assessment'],
    TM08: ['record-dcc-assessment'],
    TM09: ['decide'],
    TM10: ['mark-implemented'],
    TM13: ['resume-after-scr'],
  } as Readonly<Partial<Record<string, readonly string[]>>>,
  template: 'deadline-reminder',
  subject: '{{ reference }}: {{ data.timerLabel }} on {{ data.dueOn }}',
  significant: true,
} as const;
