// The shape of a process rulebook version (sec-process.md §1.3 "What a rulebook version
// contains"). Everything here is data; deciders read it, never hard-code it.
import type { IsoDate } from '../calendar/iso-date.ts';

// ---------------------------------------------------------------- parameters (§7, §12)

/** Units of a parameter: durations (§7.1) and the other units used in §7.3. */
export type ParameterUnit = 'WD' | 'CD' | 'weeks' | 'months' | 'date' | '%';

/**
 * One configurable value. `value` is what this rulebook version uses; `default` is the
 * spec's default for the key (they differ only when a version overrides a default).
 * `source` is the provenance tag(s) from the spec; `cfg` the §12 open-question id.
 */
export interface Parameter<T> {
  readonly kind: 'parameter';
  readonly value: T;
  readonly default: T;
  readonly unit?: ParameterUnit;
  readonly source: string;
  readonly cfg?: string;
  /** The timer that uses this value (§7.2), e.g. `TM04`. */
  readonly timer?: string;
  readonly note?: string;
}

// ---------------------------------------------------------------- metadata (§1.3 item 1)

export type RulebookUsage = 'executable' | 'import-display-only';

export interface RulebookMetadata {
  readonly id: string;
  readonly title: string;
  readonly effectiveFrom: IsoDate;
  /** Last day in force; absent while open-ended. */
  readonly effectiveTo?: IsoDate;
  /** The SEC version the rulebook was written against. */
  readonly secBaseline: string;
  readonly usage: RulebookUsage;
  readonly sources: readonly string[];
  readonly summary: string;
}

// ---------------------------------------------------------------- clause map (§1.3 item 2)

export interface ClauseEntry {
  readonly heading: string;
  /** `sec`: the heading as the Code words it; `descriptive`: our summary of an unheaded clause. */
  readonly headingKind: 'sec' | 'descriptive';
  /** False where the clause number is not confirmed for this version (CFG-04). */
  readonly confirmed: boolean;
}

// ---------------------------------------------------------------- states (§5.2)

export type StateId =
  | 'S01' | 'S02' | 'S03' | 'S04' | 'S05' | 'S06' | 'S07' | 'S08' | 'S09' | 'S10' | 'S11'
  | 'S12' | 'S13' | 'S14' | 'S15' | 'S16' | 'S17' | 'S18' | 'S19' | 'S20' | 'S21' | 'S22';

export type StateName =
  | 'DraftSubmitted' | 'DevelopmentStage' | 'ProblemStatementAgreed' | 'AwaitingConversion'
  | 'RefinementProcess' | 'ReportDrafting' | 'PanelReportReview' | 'ReportConsultationPending'
  | 'ReportConsultationOpen' | 'AwaitingChangeBoard' | 'SelfGovernanceAppealWindow'
  | 'AppealedToAuthority' | 'AwaitingAuthorityDecision' | 'FastTrackObjectionWindow' | 'Approved'
  | 'ImplementationScheduled' | 'Implemented' | 'Rejected' | 'WithdrawalNotice' | 'Withdrawn'
  | 'SuspendedForScr' | 'Closed';

export type Phase = 'draft' | 'proposal' | 'either';

export interface StateDefinition {
  readonly id: StateId;
  readonly name: StateName;
  readonly phase: Phase;
  readonly meaning: string;
  readonly terminal: boolean;
  readonly source: string;
}

// ---------------------------------------------------------------- guards (§5.3)

export type GuardKind = 'rights' | 'state' | 'content';

export interface GuardDefinition {
  readonly id: string;
  readonly kind: GuardKind;
  /** 403 rights, 409 state, 422 content. */
  readonly status: 403 | 409 | 422;
  readonly passesWhen: string;
  readonly clauses: readonly string[];
  readonly source: string;
  /** Parameter keys the guard reads. */
  readonly parameters?: readonly string[];
}

// ---------------------------------------------------------------- actors and entitlements (§3, §4)

/** The columns of the §4.1 entitlement matrix, plus the scheduler. */
export type ActorKind =
  | 'party' | 'proposer' | 'defaulting-party' | 'citizens-advice' | 'dcc' | 'authority' | 'panel'
  | 'csc' | 'change-board' | 'working-group' | 'code-administrator' | 'ssc' | 'ssc-member'
  | 'smki-pma' | 'pma-member' | 'tabasc' | 'alt-han-forum' | 'system';

/** Y permitted; Y+ permitted under the note's condition; D duty; C configurable; N refused; `-` no role. */
export type EntitlementMark = 'Y' | 'Y+' | 'D' | 'C' | 'N' | '-';

export interface EntitlementCell {
  readonly mark: EntitlementMark;
  /** Permitted and also obliged (the DCC's "Y+ D" on creating a Draft Proposal). */
  readonly duty?: boolean;
  /** §4.2 note number. */
  readonly note?: number;
  /** For `C` cells (and conditional ones): the parameter that decides. */
  readonly parameter?: string;
}

export interface EntitlementRow {
  /** Kebab-case command; `create-draft-proposal` stands for `POST /api/v1/draft-proposals`. */
  readonly command: string;
  /** Distinguishes rows of one command (`refinement` / `mrc`, `draft` / `report`). */
  readonly variant?: string;
  readonly cells: Readonly<Partial<Record<ActorKind, EntitlementCell>>>;
}

// ---------------------------------------------------------------- timers (§7.2)

export type TimerId =
  | 'TM01' | 'TM02' | 'TM03' | 'TM04' | 'TM05' | 'TM06' | 'TM07' | 'TM08' | 'TM09' | 'TM10'
  | 'TM11' | 'TM12' | 'TM13' | 'TM14' | 'TM15';

export type TimerKind = 'soft' | 'hard' | 'scheduling';

export interface TimerDefinition {
  readonly id: TimerId;
  /** Parameter key(s) holding the duration; TM06 has an MP and a DP key. */
  readonly keys: readonly string[];
  readonly unit: ParameterUnit | 'months/WD';
  readonly kind: TimerKind;
  readonly startsOn: string;
  /** The command issued at expiry (by `system` for hard timers), or what happens for soft ones. */
  readonly onExpiry: { readonly command?: string; readonly effect: string };
  readonly transitions?: readonly string[];
  readonly source: string;
}

// ---------------------------------------------------------------- transitions (§5.4)

/** `self`: state unchanged; `resume-state`: the state saved on entering S19 or S21. */
export type StateTarget = StateId | 'self' | 'resume-state';

export interface TransitionDefinition {
  readonly id: string;
  /** Empty for T01 (creation). */
  readonly from: readonly StateId[];
  /** One entry, or the alternatives the command selects between (e.g. T37 S15 or S18). */
  readonly to: readonly StateTarget[];
  readonly command: string;
  /** Selects between rows of one command, e.g. `{ route: 'refinement' }`. */
  readonly when?: Readonly<Record<string, string>>;
  readonly actors: readonly ActorKind[];
  /** Parameters that widen or narrow the actor list, e.g. `workingGroup.caMayAppoint`. */
  readonly actorParameters?: readonly string[];
  /** Guard ids from the §5.3 catalogue. */
  readonly guards: readonly string[];
  /** Other conditions and payload the row states in prose. */
  readonly conditions?: string;
  readonly timers?: {
    readonly starts?: readonly TimerId[];
    readonly stops?: readonly TimerId[];
    readonly pauses?: 'all';
    readonly resumes?: 'all';
    readonly cancels?: 'all';
    readonly replaces?: 'named';
  };
  /** Clause ids from the clause map. */
  readonly clauses: readonly string[];
  readonly parameters?: readonly string[];
  readonly source: string;
}

// ---------------------------------------------------------------- reference data

export type PartyCategory = 'large-supplier' | 'small-supplier' | 'electricity-network' | 'gas-network' | 'other-sec-party';
export type SeatCategory = PartyCategory | 'consumer' | 'dcc' | 'chair';
export type SecObjective = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h';
export type PathId = 1 | 2 | 3;
export type DecisionRuleId = 'category-majority' | 'simple-majority' | 'weighted' | 'unanimity';
export type TieOutcome = 'reject' | 'approve';

export interface SeatAllocation {
  readonly category: SeatCategory;
  /** A number of seats, or one per Voting Group (Large Suppliers, M8.5(c)(i)). */
  readonly seats: number | 'one-per-voting-group';
  readonly voting: boolean;
  readonly appointedBy: string;
}

export interface QuorumRule {
  /** More than `fraction` of the counted seats must have voted on every solution. */
  readonly rule: 'more-than-fraction';
  readonly fraction: number;
  readonly of: 'voting-non-suspended-seats';
  readonly onEverySolution: boolean;
}

export interface PathDefinition {
  readonly id: PathId;
  readonly name: string;
  readonly clause: string;
  readonly decider: 'authority' | 'change-board';
  readonly changeBoardRole: 'recommendation' | 'decision';
  readonly raisedBy: string;
}

export interface Criterion {
  readonly id: string;
  readonly text: string;
}

export interface ProcessVariant {
  readonly id: 'standard' | 'x2.3d';
  readonly description: string;
  readonly source: string;
}

export interface ArtefactRequirement {
  readonly stage: string;
  readonly artefact: string;
  readonly producedBy: string;
  readonly gate?: string;
  readonly source: string;
}
