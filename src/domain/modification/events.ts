// Events of the modification stream: past-tense names, each carrying the clause references
// of the transition that produced it (RB-01 provenance; the app adds actor, rulebookVersion
// and ids as envelope metadata). Every `data` has `at` (ctx.now), `transition` (the §5.4 row,
// or the X-step of steps.ts), and `to` (the state after the event), so that evolve is a plain
// fold and a stream can be audited against the rulebook's table.
import type { Duration } from '../calendar/duration.ts';
import type { ActorKind, StateId, TimerId, TimerKind } from '../rulebook/types.ts';
import type { QuorumResult, Seat, VoteChoice } from '../voting/types.ts';
import type { SubmissionBasis } from './payload-schemas.ts';
import type { ObjectiveViews, PathId, Proposer, Result, ScreeningRecord, SolutionVersion, WorkingGroupMember } from './state.ts';

export interface TimerStart { readonly timer: TimerId; readonly kind: TimerKind; readonly dueAt: string }

/** Fields every event carries. */
export interface EventBase {
  readonly at: string;
  readonly transition: string;
  readonly to: StateId;
  readonly timersStarted?: readonly TimerStart[];
  readonly timersStopped?: readonly TimerId[];
}

type SolutionData = Omit<SolutionVersion, 'version' | 'at'>;

export interface EventDataMap {
  DraftProposalSubmitted: {
    reference: number; dpReference: string; rulebookVersion: string; title: string; problemStatement: string;
    affectedProvisions: readonly string[]; submissionBasis: SubmissionBasis; recommendedPath?: PathId; problemRef?: string;
    scrId?: string; bodyDecisionId?: string; proposer: Proposer; processVariant: 'standard' | 'x2.3d';
  };
  CriticalFriendReviewRecorded: { commentsDocumentId: string; summary?: string };
  CaSupportRecorded: { summary: string; documentId?: string; byUserId: string };
  ProblemStatementRevised: { version: number; text: string; final: boolean };
  ScreeningRecorded: Omit<ScreeningRecord, 'at'> & { submitterScopeConfirmed?: boolean };
  ProblemStatementAgreed: { problemStatementVersion: number; actingBody: 'panel' | 'change-sub-committee'; minutesDocumentId?: string };
  ConversionRequested: { note?: string };
  DraftProposalConverted: {
    mpReference: string; route: 'refinement' | 'report'; path: PathId; pathReasons?: string; path2Criteria: readonly string[];
    timetable: { summary: string }; timerOverrides: Readonly<Partial<Record<TimerId, Duration>>>;
    workingGroupRequired: boolean; urgencyView?: string; proposedSolution?: SolutionData;
  };
  SentBack: { from: StateId; by: 'panel' | 'authority'; reasons: string };
  FastTrackRaised: { mpReference: string; changeKind: string; panelDecision: { for: number; against: number; abstain: number }; solution: SolutionData };
  FastTrackObjected: { reasons: string; objectorUserId: string; objectorOrganisationId?: string };
  FastTrackApproved: Record<string, never>;
  WorkingGroupEstablished: { termsOfReferenceDocumentId?: string; members: readonly WorkingGroupMember[] };
  WorkingGroupMemberAppointed: { member: WorkingGroupMember; nominationId?: string };
  WorkingGroupMemberNominated: { nominationId: string; nomineeUserId: string; name: string; organisationId?: string; nominatedBy: ActorKind; admitted: boolean };
  ProposedSolutionAmended: { solutionId: string; version: number; solution: SolutionData };
  AlternativeSolutionRaised: { solutionId: string; solution: SolutionData; wgVote: { for: number; against: number; abstain?: number; rationale: string; objectives?: ObjectiveViews } };
  DccAssessmentRequested: { requestId: string; type: 'preliminary' | 'impact'; urgent: boolean };
  DccAssessmentRecorded: { requestId: string; type: 'preliminary' | 'impact'; costGbp: number; implementationEstimate: string; documentId: string };
  ConsultationOpened: { consultationId: string; kind: 'refinement' | 'mrc'; documentId: string; responseFormDocumentId?: string; closesAt: string };
  ConsultationResponded: { consultationId: string; respondentUserId: string; respondentOrganisationId?: string; respondentKind: ActorKind; response: string; documentId?: string };
  ConsultationClosed: { consultationId: string; kind: 'refinement' | 'mrc'; closedBy: 'system' | 'code-administrator'; summaryDocumentId?: string };
  RepresentationMade: {
    representationId: string; authorKind: ActorKind; authorUserId: string; authorOrganisationId?: string; phase: 'draft' | 'proposal';
    purposeAndEffect: string; evidenceDocumentIds: readonly string[]; evidenceSummary?: string; forumLimb?: 'i' | 'ii' | 'iii'; jointWith: readonly string[];
  };
  AdviceRecorded: { adviceId: string; by: 'tabasc' | 'ssc' | 'smki-pma'; addressedTo: readonly string[]; summary: string; documentId?: string; phase: 'draft' | 'proposal' };
  RefinementCompleted: { dccImpactAssessmentWaived: boolean; waiverReason?: string };
  ModificationReportIssued: { version: number; reportDocumentId: string; sections: readonly string[]; solutionIds: readonly string[]; representations: readonly { representationId: string; evidenceSummary: string }[] };
  ReportConsultationApproved: { opensOn: string; closesOn: string };
  BallotOpened: { ballotId: string; purpose: 'decision' | 'recommendation'; solutionIds: readonly string[]; proposedSolutionId: string; seats: readonly Seat[]; meetingId?: string };
  VoteCast: { ballotId: string; seatId: string; castBy: string; asAlternate: boolean; solutionId: string; choice: VoteChoice; rationale: string; objectives: ObjectiveViews; preferences?: readonly string[] };
  VoteClosed: {
    ballotId: string; outcome: 'adjourned' | 'decided'; purpose: 'decision' | 'recommendation'; quorum: QuorumResult;
    result?: Result; perSolution: Readonly<Record<string, Result>>; selectedSolutionId?: string; approvedNotSelected: readonly string[]; explanation: string;
    seats: readonly Seat[];
  };
  BaselineRechecked: { legalTextDocumentId: string; secVersion: string; findings?: string };
  AppealLodged: { appellantUserId: string; appellantOrganisationId?: string; grounds: readonly string[]; statement: string };
  SelfGovernanceDecisionFinalised: { result: Result; selectedSolutionId?: string };
  AppealDecided: { outcome: 'uphold' | 'overturn' | 'remit'; result?: Result; selectedSolutionId?: string; reasons: string; decisionDocumentId?: string };
  FinalModificationReportAttached: { documentId: string };
  AuthorityDecided: { result: Result; selectedSolutionId?: string; reasons: string; decisionLetterDocumentId: string };
  ImplementationScheduled: { implementationDate: string; releaseId?: string; frozenSolutionId?: string };
  ModificationImplemented: { secVersion: string };
  ProposalWithdrawn: { resumeState: StateId; reason?: string };
  ProposalAdopted: { proposer: Proposer };
  AdoptionWindowExpired: Record<string, never>;
  ProposalSuspendedForScr: { scrId: string; resumeState: StateId; reasons: string; paused: readonly { timer: TimerId; remaining: Duration }[]; scopeItems?: readonly string[]; authorityScopeViewDocumentId?: string };
  ProposalResumedAfterScr: { reasons: string; resumed: readonly TimerStart[] };
  ProposalClosedForScr: { reasons: string };
  UrgencyRequested: { reasons: string; criteria: readonly string[] };
  UrgencyDecided: { granted: boolean; reasons: string; timetable?: { summary: string }; timerOverrides: Readonly<Partial<Record<TimerId, Duration>>>; waivedGuards: readonly string[]; replaced: readonly TimerStart[] };
  PathDetermined: { path: PathId; previousPath?: PathId; reasons: string };
  /** An upload to the record (sec-process.md §8); `sha256` ties the stored bytes to the hash-chained log. */
  SupportingDocumentAttached: {
    documentId: string; sha256: string; bytes: number; mediaType: string; fileName: string; description?: string;
    uploadedBy: { userId: string; organisationId?: string }; secMaterials: true;
  };
}

export type ModificationEventType = keyof EventDataMap;

export type ModificationEvent = {
  [T in ModificationEventType]: { readonly type: T; readonly data: Readonly<EventDataMap[T]> & EventBase; readonly clauseRefs: readonly string[] }
}[ModificationEventType];

export type EventOf<T extends ModificationEventType> = Extract<ModificationEvent, { type: T }>;

export const EVENT_TYPES: readonly ModificationEventType[] = [
  'DraftProposalSubmitted', 'CriticalFriendReviewRecorded', 'CaSupportRecorded', 'ProblemStatementRevised', 'ScreeningRecorded',
  'ProblemStatementAgreed', 'ConversionRequested', 'DraftProposalConverted', 'SentBack', 'FastTrackRaised', 'FastTrackObjected',
  'FastTrackApproved', 'WorkingGroupEstablished', 'WorkingGroupMemberAppointed', 'WorkingGroupMemberNominated',
  'ProposedSolutionAmended', 'AlternativeSolutionRaised', 'DccAssessmentRequested', 'DccAssessmentRecorded', 'ConsultationOpened',
  'ConsultationResponded', 'ConsultationClosed', 'RepresentationMade', 'AdviceRecorded', 'RefinementCompleted',
  'ModificationReportIssued', 'ReportConsultationApproved', 'BallotOpened', 'VoteCast', 'VoteClosed', 'BaselineRechecked',
  'AppealLodged', 'SelfGovernanceDecisionFinalised', 'AppealDecided', 'FinalModificationReportAttached', 'AuthorityDecided',
  'ImplementationScheduled', 'ModificationImplemented', 'ProposalWithdrawn', 'ProposalAdopted', 'AdoptionWindowExpired',
  'ProposalSuspendedForScr', 'ProposalResumedAfterScr', 'ProposalClosedForScr', 'UrgencyRequested', 'UrgencyDecided', 'PathDetermined',
  'SupportingDocumentAttached',
];

/** Builds an event; `clauseRefs` come from the transition row that produced it. */
export const makeEvent = <T extends ModificationEventType>(
  type: T,
  data: EventDataMap[T] & EventBase,
  clauseRefs: readonly string[],
): EventOf<T> => ({ type, data, clauseRefs: [...clauseRefs] }) as unknown as EventOf<T>;
