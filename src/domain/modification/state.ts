// The folded state of one modification stream (sec-process.md §5.1): one stream from Draft
// Proposal to Modification Proposal, the reference number kept on conversion, overlays
// (path, fastTrack, urgency, processVariant, scrId) held on the state rather than as states.
import type { Duration } from '../calendar/duration.ts';
import type { ActorKind, StateId, StateName, TimerId, TimerKind } from '../rulebook/types.ts';
import type { Seat, SecObjective, VoteChoice } from '../voting/types.ts';
import type { SubmissionBasis } from './payload-schemas.ts';

export type PathId = 1 | 2 | 3;
export type ObjectiveViews = Readonly<Partial<Record<SecObjective, 'better' | 'neutral' | 'worse'>>>;

/** Who the Proposer is. `scope: organisation`: any user of the Proposer organisation acts as Proposer. */
export interface Proposer {
  readonly userId: string;
  readonly name?: string;
  readonly organisationId?: string;
  readonly kind: ActorKind;
  /** `user` for individual special-entitlement submitters (SSC and SMKI PMA Members), else `organisation`. */
  readonly scope: 'organisation' | 'user';
}

export interface TimerState {
  readonly timer: TimerId;
  readonly kind: TimerKind;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly status: 'running' | 'paused';
  /** Remaining duration in the timer's own unit while paused (§7.2 "Timer behaviour"). */
  readonly remaining?: Duration;
}

export interface ProblemStatementVersion { readonly version: number; readonly text: string; readonly at: string; readonly final: boolean }

export interface ScreeningRecord {
  readonly outcome: 'complete' | 'invalid';
  readonly rescreen: boolean;
  readonly screens?: {
    readonly tabasc?: 'likely' | 'unlikely'; readonly sscSoaa?: 'likely' | 'unlikely';
    readonly sscMaterialSecurity?: 'likely' | 'unlikely'; readonly smkiPma?: 'likely' | 'unlikely';
    readonly crossCode?: 'impact' | 'none';
  };
  readonly crossCodeLinks: readonly { readonly code: string; readonly changeReference: string }[];
  readonly notifications: readonly string[];
  readonly reason?: string;
  readonly at: string;
}

export interface Representation {
  readonly representationId: string;
  readonly authorKind: ActorKind;
  readonly authorUserId: string;
  readonly authorOrganisationId?: string;
  readonly phase: 'draft' | 'proposal';
  readonly purposeAndEffect: string;
  readonly evidenceDocumentIds: readonly string[];
  readonly evidenceSummary?: string;
  readonly forumLimb?: 'i' | 'ii' | 'iii';
  readonly jointWith: readonly string[];
  readonly at: string;
}

export interface AdviceRecord {
  readonly adviceId: string;
  readonly by: 'tabasc' | 'ssc' | 'smki-pma';
  readonly addressedTo: readonly string[];
  readonly summary: string;
  readonly documentId?: string;
  readonly phase: 'draft' | 'proposal';
  readonly at: string;
}

export interface SolutionVersion {
  readonly version: number;
  readonly summary: string;
  readonly legalTextDocumentId?: string;
  readonly legalTextBaseline?: string;
  readonly affectsDccSystems: boolean;
  readonly byUserId: string;
  readonly at: string;
}

export interface Solution {
  readonly solutionId: string;
  readonly kind: 'proposed' | 'alternative';
  readonly versions: readonly SolutionVersion[];
  readonly wgVote?: { readonly for: number; readonly against: number; readonly abstain?: number; readonly rationale: string };
}

/** A document a party uploaded to the proposal's record; its bytes are stored by their SHA-256. */
export interface SupportingDocument {
  readonly documentId: string;
  readonly sha256: string;
  /** Length in bytes. */
  readonly bytes: number;
  /** Detected from the content, never taken from the name or the declared type. */
  readonly mediaType: string;
  /** The uploader's file name, sanitised; metadata only. */
  readonly fileName: string;
  readonly description?: string;
  readonly uploadedBy: { readonly userId: string; readonly organisationId?: string };
  /** The state the proposal was in when the document was attached. */
  readonly state: StateId;
  readonly at: string;
}

export interface WorkingGroupMember { readonly userId: string; readonly name: string; readonly organisationId?: string; readonly via: 'proposer' | 'appointment' | 'ssc-nomination' }
export interface WorkingGroupNomination { readonly nominationId: string; readonly nomineeUserId: string; readonly name: string; readonly organisationId?: string; readonly nominatedBy: ActorKind; readonly status: 'pending' | 'appointed' }

export interface WorkingGroup {
  readonly establishedAt: string;
  readonly termsOfReferenceDocumentId?: string;
  readonly members: readonly WorkingGroupMember[];
  readonly nominations: readonly WorkingGroupNomination[];
}

export interface DccAssessment {
  readonly requestId: string;
  readonly type: 'preliminary' | 'impact';
  readonly urgent: boolean;
  readonly requestedAt: string;
  readonly result?: { readonly costGbp: number; readonly implementationEstimate: string; readonly documentId: string; readonly at: string };
}

export interface ConsultationResponse {
  readonly respondentUserId: string;
  readonly respondentOrganisationId?: string;
  readonly respondentKind: ActorKind;
  readonly response: string;
  readonly documentId?: string;
  readonly at: string;
}

export interface Consultation {
  readonly consultationId: string;
  readonly kind: 'refinement' | 'mrc';
  readonly documentId: string;
  readonly responseFormDocumentId?: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly closedAt?: string;
  readonly closedBy?: 'system' | 'code-administrator';
  readonly responses: readonly ConsultationResponse[];
}

export interface ModificationReport {
  readonly version: number;
  readonly reportDocumentId: string;
  readonly sections: readonly string[];
  readonly solutionIds: readonly string[];
  readonly representations: readonly { readonly representationId: string; readonly evidenceSummary: string }[];
  readonly issuedAt: string;
}

export interface BallotVote {
  readonly seatId: string;
  readonly castBy: string;
  readonly asAlternate: boolean;
  readonly solutionId: string;
  readonly choice: VoteChoice;
  readonly rationale: string;
  readonly objectives: ObjectiveViews;
  readonly at: string;
}

export interface BallotState {
  readonly ballotId: string;
  readonly purpose: 'decision' | 'recommendation';
  readonly solutionIds: readonly string[];
  readonly proposedSolutionId: string;
  readonly seats: readonly Seat[];
  readonly votes: readonly BallotVote[];
  readonly preferences: Readonly<Record<string, readonly string[]>>;
  readonly openedAt: string;
  readonly closedAt?: string;
  readonly result?: 'adjourned' | 'decided';
  readonly explanation?: string;
}

export type Result = 'approved' | 'rejected';

export interface Outcome {
  /** Who decided: the Change Board (Path 3, provisional until TM04), its recommendation (Paths 1, 2), the Authority, or the Panel (Fast-Track). */
  readonly by: 'change-board' | 'authority' | 'appeal' | 'fast-track';
  readonly status: 'provisional' | 'recommendation' | 'final';
  readonly result: Result;
  readonly selectedSolutionId?: string;
  readonly perSolution: Readonly<Record<string, Result>>;
  readonly explanation?: string;
  readonly at: string;
}

export interface ModificationState {
  readonly reference: number;
  readonly references: { readonly dp: string; readonly mp?: string };
  readonly phase: 'draft' | 'proposal';
  readonly state: StateId;
  readonly stateName: StateName;
  /** RB-02: the rulebook version pinned at creation. */
  readonly rulebookVersion: string;
  /** Number of events folded (stream version). */
  readonly version: number;
  readonly createdAt: string;
  readonly convertedAt?: string;
  readonly proposer: Proposer;
  readonly proposerHistory: readonly Proposer[];
  readonly title: string;
  readonly problemStatements: readonly ProblemStatementVersion[];
  readonly agreedProblemStatementVersion?: number;
  readonly affectedProvisions: readonly string[];
  readonly submissionBasis: SubmissionBasis;
  readonly recommendedPath?: PathId;
  readonly problemRef?: string;
  readonly bodyDecisionId?: string;
  readonly iprAcceptedAt: string;
  readonly processVariant: 'standard' | 'x2.3d';
  readonly caAnalystUserId?: string;
  readonly caSupportLog: readonly { readonly summary: string; readonly documentId?: string; readonly byUserId: string; readonly at: string }[];
  readonly criticalFriendReviews: readonly { readonly commentsDocumentId: string; readonly summary?: string; readonly at: string }[];
  readonly screening?: ScreeningRecord;
  readonly screenings: readonly ScreeningRecord[];
  readonly representations: readonly Representation[];
  readonly advice: readonly AdviceRecord[];
  // overlays (§5.1)
  readonly path?: PathId;
  readonly pathReasons?: string;
  readonly route?: 'refinement' | 'report';
  readonly fastTrack: boolean;
  readonly urgency: 'none' | 'requested' | 'granted' | 'refused';
  readonly waivedGuards: readonly string[];
  readonly scrId?: string;
  readonly timetable?: { readonly summary: string; readonly by: 'panel' | 'authority' };
  /** RB-04: per-modification timer durations set by a Panel or Authority timetable. */
  readonly timerOverrides: Readonly<Partial<Record<TimerId, Duration>>>;
  readonly mrcTimetable?: { readonly opensOn: string; readonly closesOn: string };
  readonly workingGroupRequired?: boolean;
  readonly workingGroup?: WorkingGroup;
  readonly solutions: readonly Solution[];
  readonly dccAssessments: readonly DccAssessment[];
  readonly dccImpactAssessmentWaived?: boolean;
  readonly consultations: readonly Consultation[];
  readonly modificationReport?: ModificationReport;
  readonly ballot?: BallotState;
  readonly pastBallots: readonly BallotState[];
  readonly baselineRechecks: readonly { readonly legalTextDocumentId: string; readonly secVersion: string; readonly at: string }[];
  readonly outcome?: Outcome;
  readonly fmr?: { readonly documentId: string; readonly attachedAt: string };
  readonly appeal?: { readonly appellantUserId: string; readonly appellantOrganisationId?: string; readonly grounds: readonly string[]; readonly lodgedAt: string; readonly outcome?: 'uphold' | 'overturn' | 'remit' };
  readonly implementation?: { readonly implementationDate: string; readonly releaseId?: string; readonly frozenSolutionId?: string; readonly secVersion?: string; readonly implementedAt?: string };
  readonly withdrawal?: { readonly resumeState: StateId; readonly withdrawnAt: string; readonly reason?: string };
  readonly suspension?: { readonly resumeState: StateId; readonly scrId: string; readonly at: string };
  readonly closure?: { readonly reason: string; readonly at: string };
  readonly sendBacks: readonly { readonly from: StateId; readonly to: StateId; readonly by: 'panel' | 'authority'; readonly reasons: string; readonly at: string }[];
  /** Documents uploaded to the record (sec-process.md §8), SEC Materials under M5.1 (R-M-01). */
  readonly supportingDocuments: readonly SupportingDocument[];
  readonly timers: Readonly<Partial<Record<TimerId, TimerState>>>;
}

export const dpReference = (n: number): string => `DP${String(n).padStart(3, '0')}`;
export const mpReference = (n: number): string => `MP${String(n).padStart(3, '0')}`;

/** The current version of a solution. */
export const currentVersion = (s: Solution): SolutionVersion | undefined => s.versions[s.versions.length - 1];

export const openConsultation = (state: ModificationState, kind?: 'refinement' | 'mrc'): Consultation | undefined =>
  state.consultations.find((c) => c.closedAt === undefined && (kind === undefined || c.kind === kind));

export const runningTimer = (state: ModificationState, timer: TimerId): TimerState | undefined => {
  const t = state.timers[timer];
  return t?.status === 'running' ? t : undefined;
};

/** Legal-text documents of the MP's solutions (each once, R-LT-02). */
export const legalTextDocuments = (state: ModificationState): string[] =>
  [...new Set(state.solutions.map((s) => currentVersion(s)?.legalTextDocumentId).filter((d): d is string => d !== undefined))];
