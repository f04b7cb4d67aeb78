// The transitions table (sec-process.md §5.4) as data. A command that matches no row for the
// current state is refused with 409 invalid-state; one whose caller is not entitled under §4
// with 403 not-entitled. `send-back` and `close-vote` have several rows: the current state,
// the caller and the `when` payload select the row.
import { PRE_DECISION_STATES, stateRange } from './states.ts';
import type { TransitionDefinition } from './types.ts';

const P = PRE_DECISION_STATES;

export const TRANSITIONS: readonly TransitionDefinition[] = [
  {
    id: 'T01', from: [], to: ['S01'], command: 'create-draft-proposal',
    actors: ['party', 'dcc', 'citizens-advice', 'authority', 'panel', 'ssc', 'ssc-member', 'smki-pma', 'pma-member', 'alt-han-forum'],
    actorParameters: ['entitlement.d13List', 'entitlement.citizensAdviceMaySubmit', 'entitlement.panelMaySubmit', 'entitlement.altHanForumMaySubmit'],
    guards: ['entitled-submitter', 'not-defaulting', 'scope-within-entitlement', 'body-declined-first', 'ipr-accepted', 'problem-statement-only'],
    conditions: 'body-declined-first applies to members only. Payload: title, problem statement, affected SEC provisions, submission basis (voluntary, scr, l8.11, l13.55, ag3.2.4, l10.24c, fast-track-candidate), optional problemRef, scrId, bodyDecisionId. POST /api/v1/draft-proposals.',
    timers: { starts: ['TM01'] },
    clauses: ['D1.3', 'C7.2(f)', 'M8.5(b)', 'G7.20', 'L1.19', 'M5.1'],
    source: '[Seed C7.2(f), M8.5(b), G7.20, L1.19, M5.1]; [Public: C1]',
  },
  {
    id: 'T02', from: ['S01'], to: ['self'], command: 'record-critical-friend-review', actors: ['code-administrator'],
    guards: [], conditions: 'Comments document attached.', timers: { stops: ['TM01'] },
    clauses: ['D:development-stage'], parameters: ['dp.criticalFriendReviewEnabled'], source: '[Public: C1]',
  },
  {
    id: 'T03', from: ['S01'], to: ['S02'], command: 'record-screening', actors: ['code-administrator'],
    guards: ['screening-complete'], conditions: 'Submitter scope confirmed. Creates notifications to flagged bodies.',
    clauses: ['F1.6', 'G7.19', 'L1.18', 'C2.3(l)(i)'], source: '[Seed F1.6, G7.19, L1.18, C2.3(l)(i)]',
  },
  {
    id: 'T04', from: ['S01'], to: ['S22'], command: 'record-screening', when: { outcome: 'invalid' }, actors: ['code-administrator'],
    guards: [], conditions: 'Submitter not entitled or out of scope; reason recorded.', timers: { stops: ['TM01'] },
    clauses: ['D1.3', 'G7.20', 'L1.19'], parameters: ['entitlement.scopeMismatchAction'],
    source: '[Default] entitlement.scopeMismatchAction = close-at-screening',
  },
  {
    id: 'T05', from: stateRange('S02', 'S10'), to: ['self'], command: 'record-screening', when: { rescreen: 'true' }, actors: ['code-administrator'],
    guards: [], conditions: 'After a change to the problem statement or a solution.',
    clauses: ['F1.6', 'G7.19', 'L1.18'], parameters: ['screening.rescreenOnChange'],
    source: '[Seed F1.6, G7.19, L1.18]; [Default] screening.rescreenOnChange = true',
  },
  {
    id: 'T06', from: ['S02'], to: ['S03'], command: 'agree-problem-statement', actors: ['csc', 'panel'],
    actorParameters: ['csc.actingBody', 'csc.standUpDate'], guards: ['problem-statement-final'],
    conditions: 'The Panel only while csc.actingBody = panel.',
    clauses: ['D2A.1'], source: '[Seed A1.1 (D2A.1)]; [Public: C1, C2]',
  },
  {
    id: 'T07', from: ['S03'], to: ['S04'], command: 'request-conversion', actors: ['proposer'],
    guards: [], conditions: 'Agenda placement at the next Panel meeting (TM11).', timers: { starts: ['TM11'] },
    clauses: ['C7.2(f)'], source: '[Seed C7.2(f)]',
  },
  {
    id: 'T08', from: ['S04'], to: ['S05'], command: 'convert', when: { route: 'refinement' }, actors: ['panel'],
    guards: ['path-and-timetable-set', 'not-fast-track'],
    conditions: 'Payload: path, route, timetable, workingGroupRequired, urgency view. Creates the MP projection.',
    clauses: ['D3.11'], parameters: ['path.authorityCriteria'], source: '[Seed A1.1 "Modification Proposal" (D3.11)]; [Public: C1, C6, C18]',
  },
  {
    id: 'T09', from: ['S04'], to: ['S06'], command: 'convert', when: { route: 'report' }, actors: ['panel'],
    guards: ['path-and-timetable-set', 'not-fast-track'], conditions: 'As T08.',
    clauses: ['D3.11'], parameters: ['path.authorityCriteria'], source: '[Seed A1.1 (D3.11)]; [Public: C1, C7]',
  },
  {
    id: 'T10', from: ['S04'], to: ['S02'], command: 'send-back', actors: ['panel'],
    guards: [], conditions: 'Reason recorded (problem statement not fully understood).',
    clauses: ['D:send-back'], parameters: ['dp.panelMaySendBack'], source: '[Default] dp.panelMaySendBack = true',
  },
  {
    id: 'T11', from: stateRange('S01', 'S04'), to: ['S14'], command: 'raise-fast-track', actors: ['panel'],
    guards: ['screening-complete', 'panel-unanimous', 'fast-track-criteria'],
    conditions: 'Legal text attached; sets fastTrack = true, path = 3; creates the MP projection.',
    timers: { starts: ['TM05'] }, clauses: ['D:fast-track', 'D3.11'],
    parameters: ['fastTrack.requiresDevelopmentStage', 'fastTrack.panelUnanimityRequired', 'fastTrack.criteria'],
    source: '[Public: C25, C6, C7]; [Default] fastTrack.requiresDevelopmentStage = false [Analogy]',
  },
  {
    id: 'T12', from: ['S14'], to: ['S05'], command: 'object-to-fast-track',
    actors: ['party', 'proposer', 'defaulting-party', 'citizens-advice', 'dcc'], actorParameters: ['fastTrack.objectors'],
    guards: ['within-window'], conditions: 'Within TM05; reasons. Sets fastTrack = false.', timers: { stops: ['TM05'] },
    clauses: ['D:fast-track'], parameters: ['fastTrack.onObjection'], source: '[Analogy]; [Default] fastTrack.onObjection = refinement',
  },
  {
    id: 'T13', from: ['S14'], to: ['S15'], command: 'expire-timer', when: { timer: 'TM05' }, actors: ['system'],
    guards: [], conditions: 'No valid objection.', clauses: ['D:fast-track'], parameters: ['fastTrack.objectionWindowWd'],
    source: '[Analogy]; [Default] fastTrack.objectionWindowWd = 15 WD',
  },
  {
    id: 'T14', from: ['S05'], to: ['self'], command: 'establish-working-group', actors: ['panel'],
    guards: [], conditions: 'No active WG; terms of reference attached.',
    clauses: ['D6.3', 'G7.21'], parameters: ['workingGroup.termsOfReferenceRequired'], source: '[Seed G7.21 (D6.3)]; [Public: C2]',
  },
  {
    id: 'T15', from: ['S05'], to: ['self'], command: 'appoint-working-group-member', actors: ['panel', 'code-administrator'],
    actorParameters: ['workingGroup.appointingBody', 'workingGroup.caMayAppoint'],
    guards: ['wg-active', 'wg-membership-conditions'], clauses: ['D6.3', 'D6.5', 'D6.6', 'G7.21'],
    source: '[Seed G7.21]; [Default] workingGroup.appointingBody = panel, workingGroup.caMayAppoint = true',
  },
  {
    id: 'T16', from: ['S05'], to: ['self'], command: 'nominate-working-group-member',
    actors: ['ssc', 'proposer', 'party', 'citizens-advice', 'dcc'], actorParameters: ['workingGroup.nominators'],
    guards: ['wg-active', 'wg-membership-conditions'],
    conditions: 'SSC nominee: wg-membership-conditions only, then member at once. Others: pending nomination for T15.',
    clauses: ['G7.21', 'D6.5', 'D6.6'], source: '[Seed G7.21]; [Default] workingGroup.nominators = [proposer, party, citizens-advice, dcc]',
  },
  {
    id: 'T17', from: ['S05'], to: ['self'], command: 'amend-proposed-solution', actors: ['proposer'],
    guards: ['proposer-only', 'solution-amendable-state'], conditions: 'New solution version.',
    clauses: ['D6.15', 'A1.1'], parameters: ['solution.amendableStates', 'defaulting.existingProposals'],
    source: '[Seed A1.1 "Proposed Solution" (D6.15)]',
  },
  {
    id: 'T18', from: ['S05'], to: ['self'], command: 'raise-alternative-solution', actors: ['working-group'],
    guards: ['wg-active', 'wg-majority'], conditions: 'New Solution{kind: alternative}.',
    clauses: ['D6.16'], source: '[Seed A1.1 "Alternative Solution" (D6.16)]; [Public: C9]',
  },
  {
    id: 'T19', from: ['S05'], to: ['self'], command: 'request-dcc-assessment', actors: ['panel', 'working-group'],
    actorParameters: ['dcc.assessmentRequesters'], guards: ['no-open-dcc-request'],
    conditions: 'No open request of the same type; type ∈ {preliminary, impact}; urgent flag.',
    timers: { starts: ['TM07', 'TM08'] }, clauses: ['D:dcc-assessments'], parameters: ['dcc.urgentAssessmentWd'], source: '[Public: C20]',
  },
  {
    id: 'T20', from: ['S05'], to: ['self'], command: 'record-dcc-assessment', actors: ['dcc'],
    guards: [], conditions: 'An open request exists; cost and implementation estimates attached.',
    timers: { stops: ['TM07', 'TM08'] }, clauses: ['D:dcc-assessments'], source: '[Public: C20]',
  },
  {
    id: 'T21', from: ['S05'], to: ['self'], command: 'open-consultation', when: { kind: 'refinement' }, actors: ['code-administrator'],
    guards: ['no-open-consultation'], conditions: 'Questions document.', timers: { starts: ['TM02'] },
    clauses: ['D:refinement-consultation'], source: '[Public: C18]',
  },
  {
    id: 'T22', from: ['S05', 'S09'], to: ['self'], command: 'respond-to-consultation',
    actors: ['party', 'proposer', 'defaulting-party', 'citizens-advice', 'dcc', 'ssc'],
    actorParameters: ['mrc.additionalRespondents', 'defaulting.mayRespondToConsultations'],
    guards: ['consultation-open', 'mrc-respondent-eligible'], conditions: 'mrc-respondent-eligible for the MRC only.',
    clauses: ['D7.8', 'G7.18(f)', 'D:refinement-consultation'], source: '[Public: C8, C18]; [Seed G7.18(f)]',
  },
  {
    id: 'T23', from: ['S05'], to: ['self'], command: 'close-consultation', when: { kind: 'refinement' }, actors: ['code-administrator', 'system'],
    guards: [], conditions: 'Responses published.', timers: { stops: ['TM02'] },
    clauses: ['D:refinement-consultation'], parameters: ['consultation.autoClose'], source: '[Public: C18]; [Default] consultation.autoClose = true',
  },
  {
    id: 'T24', from: P, to: ['self'], command: 'make-representation',
    actors: ['ssc', 'ssc-member', 'alt-han-forum', 'party', 'proposer', 'defaulting-party', 'citizens-advice', 'dcc'],
    actorParameters: ['representations.partiesMay', 'representations.citizensAdviceMay', 'defaulting.mayRespondToConsultations'],
    guards: ['forum-criteria'], conditions: 'forum-criteria for the Forum. Representation with optional evidence.',
    clauses: ['G7.22(a)', 'Z1.6(a)'], source: '[Seed G7.22(a), Z1.6(a)]',
  },
  {
    id: 'T25', from: stateRange('S01', 'S13'), to: ['self'], command: 'record-advice', actors: ['tabasc', 'ssc', 'smki-pma'],
    guards: [], conditions: 'Advice addressed to Panel, CSC, Change Board and WG (all four can read it).',
    clauses: ['F1.4', 'G7.18(d)', 'L1.17(k)'], source: '[Seed F1.4, G7.18(d), L1.17(k)]',
  },
  {
    id: 'T26', from: ['S05'], to: ['S06'], command: 'complete-refinement', actors: ['panel'], actorParameters: ['refinement.completionDecider'],
    guards: ['no-open-consultation', 'no-open-dcc-request', 'dcc-ia-done-or-waived', 'legal-text-per-solution'],
    clauses: ['D:dcc-assessments', 'D7.1'], source: '[Public: C2, C20]; [Default] refinement.completionDecider = panel',
  },
  {
    id: 'T27', from: ['S06'], to: ['S07'], command: 'issue-modification-report', actors: ['code-administrator'],
    guards: ['not-fast-track', 'mr-ssc-representations', 'mr-content-complete', 'legal-text-per-solution', 'legal-text-checked'],
    clauses: ['D7.1', 'D7.3', 'G7.22(b)'], parameters: ['mr.requiredSections', 'mr.includeForumRepresentations'],
    source: '[Seed G7.22(b)]; [Public: C2, C7]',
  },
  {
    id: 'T28', from: ['S07'], to: ['S08'], command: 'approve-report-consultation', actors: ['panel'],
    guards: [], conditions: 'MRC timetable (open and close dates) set.', clauses: ['D7.8'], parameters: ['mrc.panelMaySkip'], source: '[Public: C2, C8]',
  },
  {
    id: 'T29', from: ['S07'], to: ['S06', 'S05'], command: 'send-back', actors: ['panel'],
    guards: [], conditions: 'Reasons and target state recorded.', clauses: ['D:send-back'], parameters: ['panel.maySendBackReport'],
    source: '[Default] panel.maySendBackReport = true',
  },
  {
    id: 'T30', from: ['S08'], to: ['S09'], command: 'open-consultation', when: { kind: 'mrc' }, actors: ['code-administrator'],
    guards: [], conditions: 'MRC document and D7.9 response form published.', timers: { starts: ['TM03'] },
    clauses: ['D7.8', 'D7.9'], source: '[Public: C8]',
  },
  {
    id: 'T31', from: ['S09'], to: ['S10'], command: 'close-consultation', when: { kind: 'mrc' }, actors: ['code-administrator', 'system'],
    guards: [], conditions: 'Responses collated on the Modification Register.', timers: { stops: ['TM03'], starts: ['TM12'] },
    clauses: ['D7.8'], parameters: ['consultation.autoClose'], source: '[Public: C8]',
  },
  {
    id: 'T32', from: ['S10'], to: ['self'], command: 'cast-vote', actors: ['change-board'],
    guards: ['ballot-open', 'seat-active'], conditions: 'One vote per seat per solution; rationale against SEC Objectives.',
    clauses: ['D8', 'M8.5(c)(i)'], parameters: ['changeBoard.rationaleRequired', 'changeBoard.alternatesAllowed'],
    source: '[Public: C3]; [Seed M8.5(c)(i)]',
  },
  {
    id: 'T33', from: ['S10'], to: ['S11'], command: 'close-vote', when: { path: '3' }, actors: ['change-board'],
    guards: ['quorum'], conditions: 'path = 3; decision rule applied (§10); provisional outcome per solution recorded and published.',
    timers: { starts: ['TM04'] }, clauses: ['D8', 'D2.7'], parameters: ['changeBoard.decisionRule', 'changeBoard.tieOutcome'],
    source: '[Public: C1 earlier version, C3]',
  },
  {
    id: 'T34', from: ['S10'], to: ['S13'], command: 'close-vote', when: { path: '1|2' }, actors: ['change-board'],
    guards: ['quorum'], conditions: 'path ∈ {1, 2}; decision rule applied (§10); recommendation per solution recorded. The CA then attaches the FMR, which starts TM09.',
    clauses: ['D8', 'D2.4', 'D2.6'], parameters: ['changeBoard.decisionRule', 'fmr.preparedBy'],
    source: '[Public: C1 earlier version]; [Seed front matter, footnote 1]',
  },
  {
    id: 'T35', from: ['S10'], to: ['self'], command: 'close-vote', when: { outcome: 'adjourned' }, actors: ['change-board'],
    guards: [], conditions: 'Quorum not met.', timers: { starts: ['TM12'] }, clauses: ['D8'], parameters: ['changeBoard.quorum'],
    source: '[Default] changeBoard.quorum = more than half of the voting, non-suspended seats',
  },
  {
    id: 'T36', from: ['S11'], to: ['S12'], command: 'lodge-appeal', actors: ['party', 'proposer', 'defaulting-party', 'citizens-advice', 'dcc'],
    actorParameters: ['appeal.eligibleAppellants', 'appeal.enabled'], guards: ['within-window', 'appeal-grounds'],
    conditions: 'Within TM04.', timers: { stops: ['TM04'] }, clauses: ['D:self-governance-appeals'],
    source: '[Analogy]; [Default] appeal.enabled = true',
  },
  {
    id: 'T37', from: ['S11'], to: ['S15', 'S18'], command: 'expire-timer', when: { timer: 'TM04' }, actors: ['system'],
    guards: [], conditions: 'No appeal lodged: the provisional outcome becomes final.', clauses: ['D:self-governance-appeals', 'D2.7'],
    parameters: ['appeal.windowWd'], source: '[Analogy]; [Default] appeal.windowWd = 15 WD',
  },
  {
    id: 'T38', from: ['S12'], to: ['S15', 'S18', 'S06'], command: 'decide-appeal', actors: ['authority'], actorParameters: ['appeal.decider'],
    guards: [], conditions: 'Outcome uphold (provisional outcome final), overturn (opposite outcome) or remit (back to ReportDrafting).',
    clauses: ['D:self-governance-appeals'], parameters: ['appeal.outcomes'], source: '[Analogy]; [Default] appeal.outcomes = [uphold, overturn, remit]',
  },
  {
    id: 'T39', from: ['S13'], to: ['S15', 'S18'], command: 'decide', actors: ['authority'],
    guards: ['fmr-attached'], conditions: 'Decision per solution; decision letter attached.', timers: { stops: ['TM09'] },
    clauses: ['D:authority-decision', 'D2.4', 'D2.6'], source: '[Public: C18, C27]; [Seed front matter, footnote 1]',
  },
  {
    id: 'T40', from: ['S13'], to: ['S06', 'S05'], command: 'send-back', actors: ['authority'],
    guards: [], conditions: 'Directions recorded.', timers: { stops: ['TM09'] }, clauses: ['D:send-back'],
    parameters: ['authority.sendBackEnabled', 'authority.sendBackTarget'],
    source: '[Analogy]; [Default] authority.sendBackEnabled = true, authority.sendBackTarget = ReportDrafting',
  },
  {
    id: 'T41', from: ['S15'], to: ['S16'], command: 'schedule-implementation', actors: ['panel'],
    guards: [], conditions: 'Implementation Date and/or SEC Release set; legal text of the approved solution frozen.',
    timers: { starts: ['TM10'] }, clauses: ['C2.3(d)'], parameters: ['release.calendar'], source: '[Seed C2.3(d)]; [Public: C19, C21, C22]',
  },
  {
    id: 'T42', from: ['S16'], to: ['S17'], command: 'mark-implemented', actors: ['code-administrator'],
    guards: [], conditions: 'Implementation Date reached; new SEC version id recorded.', timers: { stops: ['TM10'] },
    clauses: ['C2.3(d)', 'D:implementation'], parameters: ['implementation.autoMarkImplemented'], source: '[Public: C22]',
  },
  {
    id: 'T43', from: P, to: ['S19'], command: 'withdraw', actors: ['proposer'], guards: ['withdrawable-state'],
    conditions: 'Saves resumeState. Notice published. A Defaulting Party only where it is the Proposer.', timers: { starts: ['TM06'] },
    clauses: ['D:withdrawal'], parameters: ['withdrawal.allowedStates'], source: '[Public: C26]; [Default] withdrawal.allowedStates = S01 to S10',
  },
  {
    id: 'T44', from: ['S19'], to: ['resume-state'], command: 'adopt',
    actors: ['party', 'citizens-advice', 'dcc', 'ssc', 'ssc-member', 'smki-pma', 'pma-member'],
    actorParameters: ['withdrawal.adoptionEnabled', 'defaulting.mayAdopt'], guards: ['within-window', 'adopter-entitled'],
    conditions: 'Within TM06. Adopter becomes Proposer.', timers: { stops: ['TM06'] },
    clauses: ['D:adoption', 'M8.5(b)'], source: '[Default] withdrawal.adoptionEnabled = true',
  },
  {
    id: 'T45', from: ['S19'], to: ['S20'], command: 'expire-timer', when: { timer: 'TM06' }, actors: ['system'],
    guards: [], conditions: 'Not adopted.', clauses: ['D:withdrawal'],
    parameters: ['withdrawal.adoptionWindowWd', 'withdrawal.draftAdoptionWindowWd'],
    source: '[Default] withdrawal.adoptionWindowWd = 5 WD, withdrawal.draftAdoptionWindowWd = 0 WD',
  },
  {
    id: 'T46', from: P, to: ['S21'], command: 'suspend-for-scr', actors: ['authority', 'panel'],
    actorParameters: ['scr.suspensionDeciders', 'scr.suspensionEnabled'], guards: ['scr-live', 'scr-in-scope'],
    conditions: "Subject within the SCR's scope; the Panel records the Authority's scope view. Saves resumeState; links scrId. States per scr.suspendableStates.",
    timers: { pauses: 'all' }, clauses: ['A1.1', 'D:scr-suspension'], parameters: ['scr.suspendableStates'],
    source: '[Seed A1.1 "Significant Code Review Phase"]; [Analogy]; [Default] scr.suspensionEnabled = true',
  },
  {
    id: 'T47', from: ['S21'], to: ['resume-state'], command: 'resume-after-scr', when: { disposition: 'resume' }, actors: ['panel', 'authority', 'system'],
    actorParameters: ['scr.suspensionDeciders'], guards: ['scr-ended-or-exempt'], timers: { resumes: 'all' },
    clauses: ['A1.1', 'D:scr-suspension'], parameters: ['scr.autoResumeOnPhaseEnd'],
    source: '[Seed A1.1 "Significant Code Review Phase" (a) to (d)]; [Default] scr.suspensionDeciders = [authority, panel]',
  },
  {
    id: 'T48', from: ['S21'], to: ['S22'], command: 'resume-after-scr', when: { disposition: 'close' }, actors: ['panel', 'authority'],
    actorParameters: ['scr.suspensionDeciders'], guards: [], conditions: 'Subsumed by the SCR outcome; reason recorded.',
    timers: { cancels: 'all' }, clauses: ['A1.1', 'D:scr-suspension'], parameters: ['scr.closeOnSubsumption'],
    source: '[Default] scr.closeOnSubsumption = true',
  },
  {
    id: 'T49', from: stateRange('S01', 'S13'), to: ['self'], command: 'request-urgency', actors: ['proposer', 'panel'],
    actorParameters: ['urgency.requesters'], guards: [], conditions: "urgency = none; reasons against Ofgem's urgency criteria.",
    clauses: ['D:urgent-modifications'], source: '[Public: C25, C28]',
  },
  {
    id: 'T50', from: stateRange('S01', 'S13'), to: ['self'], command: 'decide-urgency', actors: ['authority'], actorParameters: ['urgency.decider'],
    guards: ['urgency-requested'],
    conditions: "If granted: the Authority's timetable overrides timers (RB-04), and guards marked as waivable in the rulebook may be waived by that timetable.",
    timers: { replaces: 'named' }, clauses: ['D:urgent-modifications'], parameters: ['urgency.waivableGuards'],
    source: '[Public: C1 earlier version, C25, C28]; [Default] urgency.waivableGuards',
  },
  {
    id: 'T51', from: stateRange('S05', 'S13'), to: ['self'], command: 'determine-path', actors: ['authority'],
    actorParameters: ['path.authorityMayDetermine'], guards: [], conditions: 'New path recorded with reasons.',
    clauses: ['D:path-determination'], parameters: ['path.deciders'], source: '[Public: C26 (D4 heading)]; [Default] path.authorityMayDetermine = true',
  },
];
