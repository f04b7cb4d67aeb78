// Every parameter of sec-process.md §7 (7.1–7.3) and §12 (CFG-01 … CFG-85), and every other
// `[Default]` key of the spec, for rulebook `sec-5.18+secmp0049`. Typed for code use
// (`parameters.appeal.windowWd.value`); `listParameters` flattens them for the API.
// Each `source` repeats the spec's provenance tags; `cfg` is the §12 open-question id.
import type { IsoWeekday } from '../calendar/iso-date.ts';
import { param } from './parameter.ts';
import {
  APPEAL_GROUNDS, DEFAULT_CHANGE_BOARD_SEATS, FAST_TRACK_CRITERIA, MR_REQUIRED_SECTIONS, PATH_2_CRITERIA,
  SCOPE_DCCKI, SCOPE_SMKI_SEC_DOCUMENTS, SCOPE_SOAA,
} from './reference-data.ts';
import { PRE_DECISION_STATES } from './states.ts';
import type { ActorKind, DecisionRuleId, PathId, QuorumRule, StateName, TieOutcome } from './types.ts';

/** `calendar.workingDays`: which days are Working Days (§7.1). */
export interface WorkingDaysDefinition {
  readonly weekdays: readonly IsoWeekday[];
  readonly holidays: { readonly country: string; readonly state: string; readonly types: readonly ('public' | 'bank')[] };
  readonly description: string;
}

export type PinningPolicy = 'pin-at-creation' | 'latest-version' | 'per-item-migration';
export type ActingBody = 'panel' | 'change-sub-committee';

const ids = (list: readonly { id: string }[]): readonly string[] => list.map((c) => c.id);

export const SECMP0049_PARAMETERS = {
  rulebook: {
    effectiveFrom: param('2018-11-01', '[Public: C4, C20]; exact date [Default]', { unit: 'date', cfg: 'CFG-01' }),
    pinningPolicy: param<PinningPolicy>('pin-at-creation', '[Default] RB-02', { cfg: 'CFG-02' }),
    legacyInFlight: param<'remain-on-sec-legacy-2013' | 'migrate-at-next-state-change'>('remain-on-sec-legacy-2013', '[Default] RB-02', { cfg: 'CFG-03' }),
  },
  clauseMap: {
    unconfirmedClauses: param('Section D (clause to be confirmed)', '[Default] §1.3 item 2', { cfg: 'CFG-04' }),
  },
  calendar: {
    workingDays: param<WorkingDaysDefinition>({
      weekdays: [1, 2, 3, 4, 5],
      holidays: { country: 'GB', state: 'ENG', types: ['public', 'bank'] },
      description: 'Monday to Friday, excluding bank and public holidays in England and Wales',
    }, '[Default] §7.1 (the Section A definition of Working Day is to be confirmed)', { cfg: 'CFG-05' }),
    timezone: param('Europe/London', '[Default] §7.1', { cfg: 'CFG-05' }),
    countFrom: param<'next-working-day'>('next-working-day', '[Default] §7.1', {
      cfg: 'CFG-05', note: '"N WD after event E" ends at the end of the Nth Working Day after the day of E; the day of E is not counted',
    }),
    deadlineTime: param('23:59:59', '[Default] §7.1', { cfg: 'CFG-05', note: 'Local time on the last day' }),
    calendarDayPeriods: param<'never-converted'>('never-converted', '[Seed A1.1 "Significant Code Review Phase" (d)]', {
      cfg: 'CFG-05', note: 'Periods expressed in days without "Working" are calendar days and are never converted',
    }),
  },
  reference: {
    format: param('^(DP|MP)\\d{3}$', 'Pattern [Public: C18, C19]; format [Default]', {
      cfg: 'CFG-06', note: 'DP or MP plus three zero-padded digits; number kept on conversion',
    }),
  },
  actors: {
    bodyDecisionRecorders: param<Readonly<Record<string, string>>>({
      panel: 'secretariat', 'change-sub-committee': 'secretariat', 'change-board': 'secretariat',
      'working-group': 'code-administrator', ssc: 'ssc-secretary', 'smki-pma': 'smki-pma-secretary',
      tabasc: 'tabasc-secretary', 'alt-han-forum': 'forum-secretary',
    }, '[Default] §3.1', { cfg: 'CFG-07' }),
  },
  entitlement: {
    d13List: param<readonly string[]>(['all-parties', 'citizens-advice', 'authority-for-scr', 'panel-limited'], '[Seed C7.2(f)]; [Public: C1, C27]; [Default] §4.2 note 1', { cfg: 'CFG-10' }),
    citizensAdviceMaySubmit: param(true, '[Public: C27] (other codes); [Default] §4.2 note 3', { cfg: 'CFG-11' }),
    panelMaySubmit: param<'charging-methodology-and-fast-track' | 'any'>('charging-methodology-and-fast-track', '[Seed L10.24(c)]; [Public: C25]; [Default] §4.2 note 6', { cfg: 'CFG-12' }),
    altHanForumMaySubmit: param(false, '[Seed Z1.6]; [Default] §4.2 note 11', { cfg: 'CFG-13' }),
    scopeSets: param<Readonly<Partial<Record<ActorKind, string>>>>({
      ssc: 'scope.soaa', 'ssc-member': 'scope.soaa', 'smki-pma': 'scope.smkiSecDocuments', 'pma-member': 'scope.smkiSecDocuments',
    }, '[Seed G7.20, L1.19, L1.17(k)]; [Default] §4.2 notes 7, 9', { cfg: 'CFG-14', note: 'Which scope set bounds each special submitter' }),
    scopeMismatchAction: param<'close-at-screening' | 'refuse-at-creation'>('close-at-screening', '[Default] T04', { cfg: 'CFG-15' }),
    memberDeclineMatching: param<'ca-confirms-at-screening' | 'same-subject-id-required'>('ca-confirms-at-screening', '[Seed G7.20(b), L1.19(b)]; [Default] §4.2 note 8', { cfg: 'CFG-16' }),
  },
  scope: {
    soaa: param(SCOPE_SOAA, '[Seed G7.19(a), G7.20]; CA-maintained list [Default]', { cfg: 'CFG-14' }),
    smkiSecDocuments: param(SCOPE_SMKI_SEC_DOCUMENTS, '[Seed L1.17(b),(d), L1.19]; CA-maintained list [Default]', { cfg: 'CFG-14' }),
    dccki: param(SCOPE_DCCKI, '[Seed L1.17(k), L13.55]; CA-maintained list [Default]', { cfg: 'CFG-14' }),
  },
  proposer: {
    includesSpecialEntitlements: param(true, '[Seed A1.1, G7.20, L1.19]; [Default] §2 "Proposer"', { cfg: 'CFG-17' }),
  },
  representations: {
    partiesMay: param(true, '[Default] §4.2 note 29', { cfg: 'CFG-18' }),
    citizensAdviceMay: param(true, '[Default] §4.2 note 29', { cfg: 'CFG-18' }),
  },
  mrc: {
    additionalRespondents: param<readonly ActorKind[]>(['ssc', 'citizens-advice'], '[Public: C8]; [Seed G7.18(f)]; [Default] §4.2 note 26', { cfg: 'CFG-19' }),
    panelMaySkip: param(false, '[Public: C8]; [Default]', { cfg: 'CFG-60' }),
  },
  partyCategory: {
    source: param<'registry-attribute' | 'computed'>('registry-attribute', '[Public: C14]; [Default] §2 "Party Categories"', { cfg: 'CFG-20' }),
  },
  votingGroup: {
    definition: param<'party-plus-affiliates'>('party-plus-affiliates', '[Seed M8.5]; [Default] §2 "Voting Group"', { cfg: 'CFG-20' }),
  },
  csc: {
    actingBody: param<ActingBody>('panel', '[Public: C1, C2]; [Default] RB-05', {
      cfg: 'CFG-30', note: 'panel from the rulebook effective date until csc.standUpDate, then change-sub-committee',
    }),
    standUpDate: param('2019-04-08', '[Public: C19]; exact date [Default]', { unit: 'date', cfg: 'CFG-30' }),
    membership: param<'same-as-change-board' | 'own-seat-list'>('same-as-change-board', '[Public: C4]; [Default] §10.3', { cfg: 'CFG-31' }),
    decisionRule: param<DecisionRuleId>('simple-majority', '[Default] §10.3', { cfg: 'CFG-31' }),
    meetingCadence: param(1, '[Default] TM15', { unit: 'months', timer: 'TM15', note: 'Next monthly CSC meeting' }),
  },
  dp: {
    criticalFriendReviewEnabled: param(true, '[Public: C1]; [Default]', { cfg: 'CFG-32' }),
    criticalFriendReviewTargetWd: param(5, '[Public: C1]', { unit: 'WD', timer: 'TM01' }),
    panelMaySendBack: param(true, '[Default] T10', { cfg: 'CFG-33' }),
  },
  screening: {
    rescreenOnChange: param(true, '[Seed F1.6, G7.19, L1.18]; [Default] T05', { cfg: 'CFG-34' }),
  },
  path1: {
    skipDevelopmentStage: param(false, '[Default] §6.1', { cfg: 'CFG-35' }),
  },
  path: {
    deciders: param<Readonly<Record<PathId, 'authority' | 'change-board'>>>({ 1: 'authority', 2: 'authority', 3: 'change-board' }, '[Public: C1 earlier version, C3, C25]; [Default] §6.1', { cfg: 'CFG-40' }),
    authorityMayDetermine: param(true, '[Public: C26] (D4 heading); [Default] §4.2 note 19', { cfg: 'CFG-41' }),
    authorityCriteria: param(ids(PATH_2_CRITERIA), '[Analogy] (A4); [Default] §6.2', { cfg: 'CFG-42' }),
  },
  fastTrack: {
    panelUnanimityRequired: param(true, '[Analogy]; [Default] §6.5', { cfg: 'CFG-43' }),
    criteria: param(ids(FAST_TRACK_CRITERIA), '[Analogy] (A4); [Default] §6.5', { cfg: 'CFG-44' }),
    objectors: param<readonly ActorKind[]>(['party', 'proposer', 'defaulting-party', 'citizens-advice', 'dcc'], '[Analogy] (A2); [Default] §4.2 note 16', {
      cfg: 'CFG-45', note: 'Any Party (the DCC included) and Citizens Advice, Defaulting Parties included',
    }),
    onObjection: param<'refinement' | 'end' | 'panel-reroutes'>('refinement', '[Analogy] (A2); [Default] §6.5', { cfg: 'CFG-45' }),
    requiresDevelopmentStage: param(false, '[Default] §6.5', { cfg: 'CFG-46' }),
    objectionWindowWd: param(15, '[Default] [Analogy] (A2, BSC P353)', { unit: 'WD', timer: 'TM05' }),
  },
  urgency: {
    requesters: param<readonly ActorKind[]>(['proposer', 'panel'], '[Public: C25]; [Default] §4.2 note 17', { cfg: 'CFG-47' }),
    decider: param<ActorKind>('authority', '[Public: C1 earlier version, C25, C28]; [Default] §4.2 note 18', { cfg: 'CFG-47' }),
    waivableGuards: param<readonly string[]>(['no-open-dcc-request', 'dcc-ia-done-or-waived', 'mr-content-complete'], '[Default] §6.6', {
      cfg: 'CFG-47', note: 'mr-ssc-representations and not-defaulting are never waivable',
    }),
  },
  workingGroup: {
    appointingBody: param<ActorKind>('panel', '[Seed G7.21]; [Default] §4.2 note 20', { cfg: 'CFG-50' }),
    caMayAppoint: param(true, '[Seed G7.21]; [Default] §4.2 note 20', { cfg: 'CFG-50' }),
    membershipConditions: param<readonly string[]>(['declared-organisation', 'relevant-expertise', 'conflict-of-interest-declared'], '[Seed G7.21]; [Default] §4.2 note 22', { cfg: 'CFG-51' }),
    nominators: param<readonly ActorKind[]>(['proposer', 'party', 'citizens-advice', 'dcc'], '[Public: C10] (legacy rights); [Default] §4.2 note 21', { cfg: 'CFG-52' }),
    proposerIsMember: param(true, '[Default] §3.2', { cfg: 'CFG-52' }),
    termsOfReferenceRequired: param(true, '[Default] §8', { cfg: 'CFG-52' }),
  },
  solution: {
    amendableStates: param<readonly StateName[]>(['RefinementProcess'], '[Seed A1.1]; [Default] §5.3', { cfg: 'CFG-53' }),
  },
  dcc: {
    assessmentRequesters: param<readonly ActorKind[]>(['panel', 'working-group'], '[Public: C20]; [Default] §4.2 note 25', { cfg: 'CFG-54' }),
    impactAssessmentRequired: param<'when-dcc-impacted' | 'always'>('when-dcc-impacted', '[Public: C20]; [Default] §5.3', { cfg: 'CFG-54', note: 'The Panel may waive' }),
    urgentAssessmentWd: param<number | null>(null, '[Public: C20]; [Default] §6.6', { unit: 'WD', cfg: 'CFG-55', note: 'Set by the Panel per request' }),
    preliminaryAssessmentWd: param(20, 'Timescales exist in Section D [Public: C20]; value [Default]', { unit: 'WD', timer: 'TM07', note: 'Urgent: per request' }),
    impactAssessmentWd: param(40, '[Public: C20]; value [Default]', { unit: 'WD', timer: 'TM08', note: 'Urgent: per request' }),
  },
  refinement: {
    completionDecider: param<ActorKind>('panel', '[Default] §4.2 note 33', { cfg: 'CFG-56' }),
  },
  consultation: {
    autoClose: param(true, '[Default] T23', { cfg: 'CFG-57' }),
    refinement: {
      defaultWd: param(15, '[Default] [Analogy] (A7, CACoP standard consultation period)', { unit: 'WD', timer: 'TM02', note: 'Overridable per consultation' }),
    },
    mrc: {
      defaultWd: param(15, 'Panel sets the timetable [Public: C8]; fallback [Default] [Analogy] (A7)', { unit: 'WD', timer: 'TM03', note: 'Used only when the Panel sets no timetable' }),
    },
  },
  mr: {
    requiredSections: param(ids(MR_REQUIRED_SECTIONS), '[Analogy] (A7); [Seed G7.22(b)]; [Default]', { cfg: 'CFG-58' }),
    includeForumRepresentations: param(true, '[Seed Z1.6(a)]; [Default] §8', { cfg: 'CFG-59' }),
  },
  panel: {
    maySendBackReport: param(true, '[Default] §4.2 note 36', { cfg: 'CFG-61' }),
    meetingCadence: param(1, 'Monthly meetings [Public: C13]', { unit: 'months', timer: 'TM11', note: 'Next monthly Panel meeting' }),
    paperDayOffsetWd: param(5, 'Paper day 5 WD before the meeting [Public: C1 earlier version]', { unit: 'WD', timer: 'TM11' }),
  },
  changeBoard: {
    seats: param(DEFAULT_CHANGE_BOARD_SEATS, '[Seed M8.5(c)]; [Default] §10.3', { cfg: 'CFG-70' }),
    alternatesAllowed: param(true, '[Default] §10.3', { cfg: 'CFG-70' }),
    consumerSeatVotes: param(true, '[Default] §10.3', { cfg: 'CFG-70' }),
    alternateMaySitForSuspendedSeat: param(false, '[Seed M8.5(c)(i)]; [Default] §10.4', { cfg: 'CFG-70' }),
    quorum: param<QuorumRule>({ rule: 'more-than-fraction', fraction: 0.5, of: 'voting-non-suspended-seats', onEverySolution: true }, '[Default] §10.5', {
      cfg: 'CFG-71', note: 'More than half of the voting, non-suspended seats have cast a vote on every solution',
    }),
    suspendedSeatsCountForQuorum: param(false, '[Seed M8.5(c)(i)]; [Default] §10.4', { cfg: 'CFG-71' }),
    decisionRule: param<DecisionRuleId>('category-majority', '[Analogy] (A6); [Public: C29]; [Default] §10.6', { cfg: 'CFG-72' }),
    tieOutcome: param<TieOutcome>('reject', '[Default] §10.6', { cfg: 'CFG-72' }),
    chairCastingVote: param(false, 'secmod parameter for the simple-majority rule (§10.6 "if configured")', { cfg: 'CFG-72' }),
    seatWeights: param<Readonly<Record<string, number>>>({}, 'secmod parameter for the weighted rule (§10.6); seats not listed weigh 1', { cfg: 'CFG-72' }),
    multipleApprovalResolution: param<'preference-vote' | 'highest-approval-margin'>('preference-vote', '[Default] §10.7', { cfg: 'CFG-73' }),
    preferenceTieBreak: param<'proposed-solution'>('proposed-solution', '[Default] §10.7', { cfg: 'CFG-73' }),
    rationaleRequired: param(true, '[Public: C16]; [Default] §10.7', { cfg: 'CFG-74' }),
    meetingCadence: param(1, '"Next Change Board" [Public: C8]; cadence [Default]', { unit: 'months', cfg: 'CFG-75', timer: 'TM12' }),
  },
  appeal: {
    enabled: param(true, '[Analogy] (A3, A4); [Default] §6.4', { cfg: 'CFG-76' }),
    eligibleAppellants: param<readonly ActorKind[]>(['party', 'citizens-advice'], '[Analogy] (A3, A4); [Default] §6.4', { cfg: 'CFG-76' }),
    grounds: param(ids(APPEAL_GROUNDS), '[Analogy] (A3, A4); [Default] §6.4', { cfg: 'CFG-76' }),
    decider: param<ActorKind>('authority', '[Analogy]; [Default] §6.4', { cfg: 'CFG-76' }),
    outcomes: param<readonly ('uphold' | 'overturn' | 'remit')[]>(['uphold', 'overturn', 'remit'], '[Analogy]; [Default] §6.4', { cfg: 'CFG-76' }),
    windowWd: param(15, '[Default] [Analogy] (A3, BSC self-governance appeals)', { unit: 'WD', timer: 'TM04', note: 'From publication of the decision' }),
  },
  authority: {
    sendBackEnabled: param(true, '[Analogy] (A5); [Default] §6.3', { cfg: 'CFG-77' }),
    sendBackTarget: param<StateName>('ReportDrafting', '[Analogy] (A5); [Default] T40', { cfg: 'CFG-77' }),
    decisionTargetWeeks: param(5, '[Public: C27]', { unit: 'weeks', timer: 'TM09', note: 'KPI only' }),
    decisionTargetShare: param(90, '[Public: C27]', { unit: '%', note: 'Share of decisions within authority.decisionTargetWeeks' }),
  },
  fmr: {
    preparedBy: param<ActorKind>('code-administrator', '[Seed front matter, footnote 1]; [Default] §6.3', { cfg: 'CFG-78' }),
    includesConclusionsReport: param(true, '[Public: C18]; [Default] §6.3', { cfg: 'CFG-78' }),
  },
  withdrawal: {
    allowedStates: param(PRE_DECISION_STATES, '[Public: C26] (D5 heading); [Default] §4.2 note 40', { cfg: 'CFG-79', note: 'S01 to S10' }),
    adoptionEnabled: param(true, '[Default] §4.2 note 41', { cfg: 'CFG-79' }),
    adoptionWindowWd: param(5, '[Default] T45', { unit: 'WD', cfg: 'CFG-79', timer: 'TM06', note: 'Modification Proposals' }),
    draftAdoptionWindowWd: param(0, '[Default] T45', { unit: 'WD', cfg: 'CFG-79', timer: 'TM06', note: 'Draft Proposals; 0 executes expire-timer at once' }),
  },
  scr: {
    suspensionEnabled: param(true, '[Analogy] (A1); [Default] §6.7', { cfg: 'CFG-80' }),
    suspendableStates: param(PRE_DECISION_STATES, '[Analogy]; [Default] §5.1', { cfg: 'CFG-80', note: 'S01 to S10' }),
    suspensionDeciders: param<readonly ActorKind[]>(['authority', 'panel'], '[Analogy]; [Default] §4.2 note 42', { cfg: 'CFG-80' }),
    exemptionsAllowed: param(true, '[Seed A1.1]; [Default] §5.3', { cfg: 'CFG-80' }),
    closeOnSubsumption: param(true, '[Default] T48', { cfg: 'CFG-80' }),
    autoResumeOnPhaseEnd: param(false, '[Default] §6.7', { cfg: 'CFG-80' }),
    phaseEndAfterConclusionDays: param(28, '[Seed A1.1]; [Public: C5]', { unit: 'CD', timer: 'TM13', note: 'Calendar days: never converted to Working Days' }),
  },
  alv: {
    consultationStep: param(true, '[Seed A1.1]; [Default] §6.7', { cfg: 'CFG-81', note: "Run by the CA on the Authority's timetable" }),
  },
  variant: {
    x23d: {
      overrides: param<Readonly<Record<string, unknown>>>({}, '[Seed L1.17(d)]; [Default] §6.8', { cfg: 'CFG-82', note: 'Same as standard until X2.3(d) is confirmed' }),
    },
  },
  implementation: {
    autoMarkImplemented: param(false, '[Default] TM10', { cfg: 'CFG-83' }),
    date: param<string | null>(null, '[Seed C2.3(d)]', { unit: 'date', timer: 'TM10', note: 'The scheduled date, set per modification by schedule-implementation' }),
  },
  release: {
    calendar: param<{ readonly months: readonly number[]; readonly adHoc: boolean }>({ months: [6, 11], adHoc: true }, '[Public: C19, C21, C22]; other months [Default]', {
      cfg: 'CFG-84', note: 'June and November releases, plus ad hoc releases set by the Panel',
    }),
  },
  defaulting: {
    existingProposals: param<'continue-flagged'>('continue-flagged', '[Seed M8.5]; [Default] §11.3', { cfg: 'CFG-85' }),
    mayAdopt: param(false, '[Seed M8.5]; [Default] §11.3', { cfg: 'CFG-85' }),
    mayRespondToConsultations: param(true, '[Seed M8.5]; [Default] §11.3', { cfg: 'CFG-85', note: 'Also decides whether it may make representations' }),
    extendDpBarToVotingGroup: param(false, '[Seed M8.5(b)]; [Default] §11.3', { cfg: 'CFG-85' }),
    suspensionDecider: param<ActorKind>('panel', '[Seed M8.5 lead-in]; [Default] §11.3', { cfg: 'CFG-85' }),
  },
  obligations: {
    reminderIntervalWd: param(20, '[Default] §6.9', { unit: 'WD', timer: 'TM14' }),
  },
  eventOfDefault: {
    chargesCureWd: param(3, '[Public: C11]', { unit: 'WD', note: 'After a J2.1 notice' }),
    creditSupportCureWd: param(3, '[Public: C11]', { unit: 'WD', note: 'After a J3.14 notice' }),
    otherSumsCureWd: param(5, '[Public: C11]', { unit: 'WD', note: 'After a notice referring to M8' }),
  },
  subCommittee: {
    termMonths: param(24, '[Public: C23]', { unit: 'months', note: 'Half of the seats elected each year' }),
  },
  legacy: {
    mpSubmissionLeadWd: param(5, '[Public: C1 earlier version]', {
      unit: 'WD', note: 'Rulebook sec-legacy-2013 only: MP form due 5 WD before the Panel paper day; kept for displaying legacy records',
    }),
  },
};

export type RulebookParameters = typeof SECMP0049_PARAMETERS;
