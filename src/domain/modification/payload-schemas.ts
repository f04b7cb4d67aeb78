// The payload of every command (sec-process.md §5.4 "Guards and payload", §5.5), as JSON
// Schema for the API and OpenAPI, with the TypeScript type derived from the same value.
// Guards decide content rules (e.g. `ipr-accepted`, `problem-statement-only`); the schemas
// only bound shape and size, so that a refusal can cite its clause instead of a 400.
import {
  bool, id, intIn, isoDate, list, obj, oneOf, str, text,
  type JsonSchemaObject, type Schema, type Static,
} from './schema-builder.ts';

export type { JsonSchemaObject, Static };

const SHORT = 300;
const LONG = 20_000;
const DOCS = 50;

export const SUBMISSION_BASES = ['voluntary', 'scr', 'l8.11', 'l13.55', 'ag3.2.4', 'l10.24c', 'fast-track-candidate', 'l1.17d', 'l1.17h'] as const;
export type SubmissionBasis = (typeof SUBMISSION_BASES)[number];

const TIMER_IDS = ['TM01', 'TM02', 'TM03', 'TM04', 'TM05', 'TM06', 'TM07', 'TM08', 'TM09', 'TM10', 'TM11', 'TM12', 'TM13', 'TM14', 'TM15'] as const;
const SCREEN_OUTCOMES = ['likely', 'unlikely'] as const;
const OBJECTIVE_VIEWS = ['better', 'neutral', 'worse'] as const;
const objectiveViews = obj({
  a: oneOf(OBJECTIVE_VIEWS), b: oneOf(OBJECTIVE_VIEWS), c: oneOf(OBJECTIVE_VIEWS), d: oneOf(OBJECTIVE_VIEWS),
  e: oneOf(OBJECTIVE_VIEWS), f: oneOf(OBJECTIVE_VIEWS), g: oneOf(OBJECTIVE_VIEWS), h: oneOf(OBJECTIVE_VIEWS),
}, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 'Views against the SEC Objectives (a) to (h)');

const timerOverride = obj({
  timer: oneOf(TIMER_IDS),
  amount: intIn(0, 400),
  unit: oneOf(['WD', 'CD', 'weeks', 'months'] as const),
}, [], 'RB-04: replaces the rulebook default duration of this timer for this modification only');

const timetable = obj({
  summary: text(2000, 'The timetable as set by the Panel or the Authority'),
  overrides: list(timerOverride, 15),
}, ['overrides']);

const solutionText = {
  summary: text(LONG, 'The solution in words'),
  legalTextDocumentId: id('Legal-text document; one document may serve several solutions (R-LT-02)'),
  legalTextBaseline: str(20, 1, 'The SEC version the legal text was drafted against'),
  affectsDccSystems: bool('Whether the solution affects DCC systems (guard dcc-ia-done-or-waived)'),
};

export const PAYLOAD_SCHEMA_DEFINITIONS = {
  'create-draft-proposal': obj({
    title: text(SHORT),
    problemStatement: text(LONG),
    affectedProvisions: list(text(100), 200, 1),
    submissionBasis: oneOf(SUBMISSION_BASES, 'l1.17d / l1.17h: SMKI PMA submissions after an L1.17(d) or (h) review follow the X2.3(d) variant'),
    recommendedPath: intIn<1 | 2 | 3>(1, 3),
    problemRef: id(),
    scrId: id(),
    bodyDecisionId: id(),
    iprAccepted: bool('The submitter accepts the SEC Materials notice (M5.1)'),
    proposedSolution: text(LONG, 'Not allowed on a Draft Proposal (problem-statement-only); accepted by the schema only so that the guard can refuse it with its clause'),
    legalTextDocumentId: id('Not allowed on a Draft Proposal (problem-statement-only)'),
  }, ['recommendedPath', 'problemRef', 'scrId', 'bodyDecisionId', 'proposedSolution', 'legalTextDocumentId']),
  'record-critical-friend-review': obj({ commentsDocumentId: id(), summary: str(LONG) }, ['summary']),
  'record-ca-support': obj({ summary: text(LONG), documentId: id() }, ['documentId']),
  'revise-problem-statement': obj({ problemStatement: text(LONG), final: bool('Marks this version as the final problem statement') }, ['final']),
  'record-screening': obj({
    outcome: oneOf(['complete', 'invalid'] as const),
    tabasc: oneOf(SCREEN_OUTCOMES, 'F1.6'),
    sscSoaa: oneOf(SCREEN_OUTCOMES, 'G7.19(a)'),
    sscMaterialSecurity: oneOf(SCREEN_OUTCOMES, 'G7.19(b)'),
    smkiPma: oneOf(SCREEN_OUTCOMES, 'L1.18'),
    crossCode: oneOf(['impact', 'none'] as const, 'C2.3(l)(i)'),
    crossCodeLinks: list(obj({ code: text(100), changeReference: text(100) }), 20),
    submitterScopeConfirmed: bool(),
    reason: text(LONG),
  }, ['tabasc', 'sscSoaa', 'sscMaterialSecurity', 'smkiPma', 'crossCode', 'crossCodeLinks', 'submitterScopeConfirmed', 'reason']),
  'agree-problem-statement': obj({ problemStatementVersion: intIn(1, 1000), minutesDocumentId: id() }, ['minutesDocumentId']),
  'request-conversion': obj({ note: str(LONG) }, ['note']),
  convert: obj({
    route: oneOf(['refinement', 'report'] as const),
    path: intIn<1 | 2 | 3>(1, 3),
    pathReasons: text(LONG),
    path2Criteria: list(text(100), 10),
    timetable,
    workingGroupRequired: bool(),
    urgencyView: str(LONG),
    proposedSolution: obj(solutionText, ['legalTextDocumentId', 'legalTextBaseline', 'affectsDccSystems']),
    minutesDocumentId: id(),
  }, ['path', 'pathReasons', 'path2Criteria', 'timetable', 'workingGroupRequired', 'urgencyView', 'proposedSolution', 'minutesDocumentId']),
  'send-back': obj({
    reasons: text(LONG),
    target: oneOf(['DevelopmentStage', 'ReportDrafting', 'RefinementProcess'] as const),
  }, ['target']),
  'raise-fast-track': obj({
    changeKind: text(100, 'One of fastTrack.criteria'),
    panelDecision: obj({ for: intIn(0, 100), against: intIn(0, 100), abstain: intIn(0, 100), minutesDocumentId: id() }, ['minutesDocumentId']),
    ...solutionText,
  }, ['affectsDccSystems']),
  'object-to-fast-track': obj({ reasons: text(LONG) }),
  'establish-working-group': obj({ termsOfReferenceDocumentId: id() }, ['termsOfReferenceDocumentId']),
  'appoint-working-group-member': obj({
    memberUserId: id(), name: text(SHORT), organisationId: id(),
    conditionsMet: list(text(100), 20),
    nominationId: id(),
  }, ['organisationId', 'nominationId']),
  'nominate-working-group-member': obj({
    nomineeUserId: id(), name: text(SHORT), organisationId: id(),
    conditionsMet: list(text(100), 20),
  }, ['organisationId', 'conditionsMet']),
  'amend-proposed-solution': obj(solutionText, ['legalTextDocumentId', 'legalTextBaseline', 'affectsDccSystems']),
  'raise-alternative-solution': obj({
    ...solutionText,
    wgVote: obj({ for: intIn(0, 200), against: intIn(0, 200), abstain: intIn(0, 200), rationale: text(LONG), objectives: objectiveViews }, ['abstain', 'objectives']),
  }, ['legalTextDocumentId', 'legalTextBaseline', 'affectsDccSystems']),
  'request-dcc-assessment': obj({
    type: oneOf(['preliminary', 'impact'] as const),
    urgent: bool(),
    urgentWd: intIn(0, 200, 'Urgent timescale set per request (dcc.urgentAssessmentWd)'),
    questions: str(LONG),
  }, ['urgent', 'urgentWd', 'questions']),
  'record-dcc-assessment': obj({
    type: oneOf(['preliminary', 'impact'] as const),
    costGbp: intIn(0, 1_000_000_000),
    implementationEstimate: text(LONG),
    documentId: id(),
  }),
  'open-consultation': obj({
    kind: oneOf(['refinement', 'mrc'] as const),
    documentId: id(),
    responseFormDocumentId: id(),
    closesOn: isoDate('Refinement: overrides consultation.refinement.defaultWd for this consultation'),
  }, ['responseFormDocumentId', 'closesOn']),
  'respond-to-consultation': obj({ response: text(LONG), documentId: id() }, ['documentId']),
  'close-consultation': obj({ kind: oneOf(['refinement', 'mrc'] as const), summaryDocumentId: id() }, ['summaryDocumentId']),
  'make-representation': obj({
    purposeAndEffect: text(LONG),
    evidenceDocumentIds: list(id(), DOCS),
    evidenceSummary: str(LONG),
    forumLimb: oneOf(['i', 'ii', 'iii'] as const, 'Z1.6(a) limb, required for the Alt HAN Forum'),
    jointWith: list(id(), 20),
  }, ['evidenceDocumentIds', 'evidenceSummary', 'forumLimb', 'jointWith']),
  'record-advice': obj({ summary: text(LONG), documentId: id() }, ['documentId']),
  'complete-refinement': obj({ dccImpactAssessmentWaived: bool(), waiverReason: text(LONG), minutesDocumentId: id() }, ['dccImpactAssessmentWaived', 'waiverReason', 'minutesDocumentId']),
  'issue-modification-report': obj({
    reportDocumentId: id(),
    sections: list(text(100), 50),
    representations: list(obj({ representationId: id(), evidenceSummary: str(LONG) }), 200),
  }),
  'approve-report-consultation': obj({ opensOn: isoDate(), closesOn: isoDate(), minutesDocumentId: id() }, ['minutesDocumentId']),
  'open-ballot': obj({ meetingId: id() }, ['meetingId']),
  'cast-vote': obj({
    solutionId: id(),
    choice: oneOf(['approve', 'reject', 'abstain'] as const),
    rationale: str(LONG),
    objectives: objectiveViews,
    preferences: list(id(), 20),
  }, ['objectives', 'preferences']),
  'close-vote': obj({ minutesDocumentId: id() }, ['minutesDocumentId']),
  'record-baseline-recheck': obj({ legalTextDocumentId: id(), secVersion: text(20), findings: str(LONG) }, ['findings']),
  'lodge-appeal': obj({ grounds: list(text(100), 10), statement: text(LONG) }),
  'decide-appeal': obj({
    outcome: oneOf(['uphold', 'overturn', 'remit'] as const),
    approvedSolutionId: id('For overturn of a rejection: the solution approved (default the Proposed Solution)'),
    reasons: text(LONG),
    decisionDocumentId: id(),
  }, ['approvedSolutionId', 'decisionDocumentId']),
  'attach-final-modification-report': obj({ documentId: id() }),
  decide: obj({
    outcome: oneOf(['approve', 'reject'] as const),
    approvedSolutionId: id(),
    reasons: text(LONG),
    decisionLetterDocumentId: id(),
  }, ['approvedSolutionId']),
  'schedule-implementation': obj({ implementationDate: isoDate(), releaseId: id() }, ['releaseId']),
  'mark-implemented': obj({ secVersion: text(20) }),
  withdraw: obj({ reason: str(LONG) }, ['reason']),
  adopt: obj({ statement: str(LONG) }, ['statement']),
  'suspend-for-scr': obj({
    scrId: id(),
    scopeItems: list(text(200), 50, 1),
    authorityScopeViewDocumentId: id(),
    reasons: text(LONG),
  }, ['authorityScopeViewDocumentId']),
  'resume-after-scr': obj({ disposition: oneOf(['resume', 'close'] as const), reasons: text(LONG) }),
  'request-urgency': obj({ reasons: text(LONG), criteria: list(text(100), 10) }, ['criteria']),
  'decide-urgency': obj({
    granted: bool(),
    reasons: text(LONG),
    timetable,
    waivedGuards: list(text(100), 10),
  }, ['timetable', 'waivedGuards']),
  'determine-path': obj({ path: intIn<1 | 2 | 3>(1, 3), reasons: text(LONG) }),
  'expire-timer': obj({ timer: oneOf(['TM04', 'TM05', 'TM06'] as const) }),
} satisfies Record<string, Schema<unknown>>;

export type CommandName = keyof typeof PAYLOAD_SCHEMA_DEFINITIONS;
export type PayloadOf<C extends CommandName> = Static<(typeof PAYLOAD_SCHEMA_DEFINITIONS)[C]>;

/** JSON Schema per command payload (request validation and OpenAPI). */
export const PAYLOAD_SCHEMAS: Readonly<Record<CommandName, JsonSchemaObject>> = PAYLOAD_SCHEMA_DEFINITIONS;
