// Draft Proposal phase (sec-process.md §5.4 T01–T13): creation, critical-friend review,
// screening, the Development Stage under the Change Sub-Committee, conversion by the Panel
// at its initial consideration (D3.11) and the Fast-Track route.
import { cscActingBodyOn } from '../rulebook/acting-body.ts';
import { entitlementCell, entitlementRowsFor } from '../rulebook/entitlements.ts';
import type { ActorKind, TimerId, TransitionDefinition } from '../rulebook/types.ts';
import { accept, refuse, type Decision } from '../shared/decision.ts';
import { baseKindsOf, firstOf, SUBMITTER_PRIORITY, todayOf } from './actors.ts';
import type { PayloadOf } from './commands.ts';
import type { CommandContext } from './context.ts';
import { allTimers, byWhen, emit, nonEmpty, type Specs } from './decide-support.ts';
import { cellAllows } from './entitlement.ts';
import type { ModificationEvent } from './events.ts';
import { GuardCheck } from './guards.ts';
import type { SubmissionBasis } from './payload-schemas.ts';
import { dpReference, mpReference, type ModificationState, type Proposer } from './state.ts';
import { startTimer, withinWindow } from './timers.ts';

type Ctx = Pick<CommandContext, 'now' | 'rulebook' | 'facts'>;

/** Which bases each submitter may use (§4.2 notes 1 to 11; §6.9 duties; R-L-03). */
const BASES: Readonly<Partial<Record<ActorKind, readonly SubmissionBasis[]>>> = {
  party: ['voluntary', 'fast-track-candidate'],
  'defaulting-party': ['voluntary', 'fast-track-candidate'],
  dcc: ['voluntary', 'fast-track-candidate', 'scr', 'l8.11', 'l13.55', 'ag3.2.4'],
  'citizens-advice': ['voluntary', 'fast-track-candidate'],
  authority: ['scr'],
  panel: ['l10.24c', 'fast-track-candidate'],
  ssc: ['voluntary', 'fast-track-candidate'],
  'ssc-member': ['voluntary', 'fast-track-candidate'],
  'smki-pma': ['voluntary', 'fast-track-candidate', 'l1.17d', 'l1.17h'],
  'pma-member': ['voluntary', 'fast-track-candidate'],
  'alt-han-forum': ['voluntary', 'fast-track-candidate'],
};

const SPECIAL_SUBMITTERS: readonly ActorKind[] = ['ssc', 'ssc-member', 'smki-pma', 'pma-member'];

/** Could this kind submit a Draft Proposal on this basis (guard entitled-submitter; also adopter-entitled)? */
export const submitterAllowed = (kind: ActorKind, basis: SubmissionBasis, ctx: Ctx): boolean => {
  const [row] = entitlementRowsFor(ctx.rulebook.entitlements, 'create-draft-proposal');
  if (!row) return false;
  // A Defaulting Party is refused by not-defaulting (M8.5(b)), not here: read its Party cell.
  const column: ActorKind = kind === 'defaulting-party' ? 'party' : kind;
  if (!cellAllows(entitlementCell(row, column), column, ctx)) return false;
  if (kind === 'panel' && ctx.rulebook.parameters.entitlement.panelMaySubmit.value === 'any') return true;
  return (BASES[kind] ?? []).includes(basis);
};

/** True when a provision is inside a scope set: a Section letter (`G`) or a clause prefix (`L1`) or a named document. */
export const withinScope = (provision: string, scope: { provisions: readonly string[]; documents: readonly string[]; excludes?: readonly string[] }): boolean => {
  const p = provision.trim();
  if (scope.excludes?.some((x) => p.toLowerCase().includes(x.toLowerCase()))) return false;
  if (scope.documents.some((d) => d.toLowerCase() === p.toLowerCase())) return true;
  return scope.provisions.some((pre) => {
    if (!p.startsWith(pre)) return false;
    const rest = p.slice(pre.length);
    return /^[A-Z]+$/.test(pre) ? rest === '' || /^\d/.test(rest) : rest === '' || /^\D/.test(rest);
  });
};

export const scopeOk = (kind: ActorKind, provisions: readonly string[], ctx: Ctx): boolean => {
  const key = ctx.rulebook.parameters.entitlement.scopeSets.value[kind];
  if (!key) return true;
  const set = ctx.rulebook.reference.scopeSets[key as 'scope.soaa' | 'scope.smkiSecDocuments' | 'scope.dccki'];
  return !!set && provisions.every((p) => withinScope(p, set));
};

const isDccKiCps = (ctx: Ctx, provision: string): boolean =>
  (ctx.rulebook.reference.scopeSets['scope.dccki'].excludes ?? []).some((x) => provision.toLowerCase().includes(x.toLowerCase()));

const t01 = (ctx: Ctx): TransitionDefinition => {
  const row = ctx.rulebook.transitions.find((t) => t.id === 'T01');
  if (!row) throw new Error('Rulebook has no T01');
  return row;
};

/** T01: `POST /api/v1/draft-proposals`. */
export const decideCreate = (p: PayloadOf<'create-draft-proposal'>, ctx: CommandContext): Decision<ModificationEvent> => {
  const row = t01(ctx);
  if (ctx.reference === undefined || !Number.isInteger(ctx.reference) || ctx.reference < 1) {
    return refuse('invalid-input', 'No reference number was allocated for the Draft Proposal', 'D1.3', { status: 422 });
  }
  // R-L-11, §1.4: DCCKI CPS amendments follow L13.42, never Section D.
  if (p.affectedProvisions.some((x) => isDccKiCps(ctx, x))) {
    return refuse('invalid-input', 'DCCKI CPS changes follow the L13.42 procedure, not Section D: no Draft Proposal can be created for them', 'L13.42', { status: 422 });
  }
  const kinds = baseKindsOf(ctx.actor, ctx);
  const allowed = [...kinds].filter((k) => submitterAllowed(k, p.submissionBasis, ctx));
  const submitter = firstOf(allowed, SUBMITTER_PRIORITY) ?? firstOf(kinds, SUBMITTER_PRIORITY);
  const g = new GuardCheck(undefined, ctx)
    .check('entitled-submitter', allowed.length > 0, `the caller may not submit a Draft Proposal on basis ${p.submissionBasis}`)
    .check('not-defaulting', !ctx.facts.actorOrganisationDefaulting, 'a Defaulting Party cannot raise new Draft Proposals');
  if (submitter && SPECIAL_SUBMITTERS.includes(submitter) && ctx.rulebook.parameters.entitlement.scopeMismatchAction.value === 'refuse-at-creation') {
    g.check('scope-within-entitlement', scopeOk(submitter, p.affectedProvisions, ctx), 'an affected provision is outside the submitter\'s scope set');
  }
  if (submitter === 'ssc-member' || submitter === 'pma-member') {
    const body = submitter === 'ssc-member' ? 'ssc' : 'smki-pma';
    const d = ctx.facts.bodyDecision;
    g.check('body-declined-first', !!d && d.id === p.bodyDecisionId && d.body === body && d.decision === 'not-to-submit',
      `no linked decision of the ${body === 'ssc' ? 'SSC' : 'SMKI PMA'} not to submit`, body === 'ssc' ? 'G7.20(b)' : 'L1.19(b)');
  }
  g.check('ipr-accepted', p.iprAccepted === true, 'the SEC Materials notice was not accepted')
    .check('problem-statement-only', p.proposedSolution === undefined && p.legalTextDocumentId === undefined, 'a Draft Proposal carries a problem statement only, no solution or legal text');
  if (!g.ok || !submitter) return g.refusal(row);

  const proposer: Proposer = {
    userId: ctx.actor.userId,
    ...(ctx.actor.name ? { name: ctx.actor.name } : {}),
    ...(ctx.actor.organisationId ? { organisationId: ctx.actor.organisationId } : {}),
    kind: submitter,
    scope: submitter === 'ssc-member' || submitter === 'pma-member' ? 'user' : 'organisation',
  };
  const started = ctx.rulebook.parameters.dp.criticalFriendReviewEnabled.value ? [startTimer(ctx, 'TM01', undefined)] : [];
  return accept(emit({ ctx, row }, 'DraftProposalSubmitted', {
    reference: ctx.reference,
    dpReference: dpReference(ctx.reference),
    rulebookVersion: ctx.rulebook.metadata.id,
    title: p.title,
    problemStatement: p.problemStatement,
    affectedProvisions: p.affectedProvisions,
    submissionBasis: p.submissionBasis,
    ...(p.recommendedPath ? { recommendedPath: p.recommendedPath } : {}),
    ...(p.problemRef ? { problemRef: p.problemRef } : {}),
    ...(p.scrId ? { scrId: p.scrId } : {}),
    ...(p.bodyDecisionId ? { bodyDecisionId: p.bodyDecisionId } : {}),
    proposer,
    processVariant: submitter === 'smki-pma' && (p.submissionBasis === 'l1.17d' || p.submissionBasis === 'l1.17h') ? 'x2.3d' : 'standard',
  }, { to: 'S01', started }));
};

const SCREENS = ['tabasc', 'sscSoaa', 'sscMaterialSecurity', 'smkiPma', 'crossCode'] as const;

const notificationsOf = (p: PayloadOf<'record-screening'>): string[] => {
  const out: string[] = [];
  if (p.tabasc === 'likely') out.push('tabasc');
  if (p.sscSoaa === 'likely' || p.sscMaterialSecurity === 'likely') out.push('ssc');
  if (p.smkiPma === 'likely') out.push('smki-pma');
  if (p.crossCode === 'impact') out.push('other-code-bodies');
  return out;
};

const draftTimers: readonly TimerId[] = ['TM01', 'TM11', 'TM15'];
const running = (s: ModificationState, ids: readonly TimerId[]): TimerId[] => ids.filter((t) => s.timers[t] !== undefined);

export const DRAFT_SPECS: Specs = {
  'record-critical-friend-review': {
    // Repeat: accepted (further comments); TM01 is stopped by the first review.
    run: (p, step) => accept(emit(step, 'CriticalFriendReviewRecorded', { commentsDocumentId: p.commentsDocumentId, ...(p.summary ? { summary: p.summary } : {}) }, { stopped: running(step.s, ['TM01']) })),
  },
  'record-ca-support': {
    // Repeat: accepted (the support log grows); the first entry assigns the CA analyst (R-C-05).
    run: (p, step) => accept(emit(step, 'CaSupportRecorded', { summary: p.summary, ...(p.documentId ? { documentId: p.documentId } : {}), byUserId: step.ctx.actor.userId })),
  },
  'revise-problem-statement': {
    // Repeat: accepted (a new version each time).
    run: (p, step) => {
      const version = (step.s.problemStatements[step.s.problemStatements.length - 1]?.version ?? 0) + 1;
      return accept(emit(step, 'ProblemStatementRevised', { version, text: p.problemStatement, final: p.final ?? false }));
    },
  },
  'record-screening': {
    // S01: T03, or T04 with outcome invalid; S02–S10: T05 re-screen. Repeat in S01 is a re-screen (T05) once in S02.
    select: (rows, p, s) => (s.state === 'S01'
      ? rows.find((r) => (p.outcome === 'invalid' ? r.id === 'T04' : r.id === 'T03'))
      : p.outcome === 'invalid' ? undefined : rows[0]),
    run: (p, step) => {
      const { s, row } = step;
      if (row.id === 'T04') {
        if (!nonEmpty(p.reason)) return refuse('invalid-input', 'Closing at screening needs the reason recorded', row.clauses[0], { status: 422 });
        return accept(emit(step, 'ScreeningRecorded', { outcome: 'invalid', rescreen: false, crossCodeLinks: [], notifications: [], reason: p.reason }, { stopped: allTimers(s) }));
      }
      const g = new GuardCheck(s, step.ctx).check('screening-complete', SCREENS.every((k) => p[k] !== undefined),
        `outcomes are needed for every screen: ${SCREENS.filter((k) => p[k] === undefined).join(', ') || 'none missing'}`);
      if (!g.ok) return g.refusal(row);
      if (row.id === 'T03' && SPECIAL_SUBMITTERS.includes(s.proposer.kind) && p.submitterScopeConfirmed !== true) {
        return refuse('invalid-input', "Confirm that the submission is within the submitter's scope set, or close it at screening (T04)", 'G7.20', { status: 422 });
      }
      const screens = { tabasc: p.tabasc, sscSoaa: p.sscSoaa, sscMaterialSecurity: p.sscMaterialSecurity, smkiPma: p.smkiPma, crossCode: p.crossCode };
      return accept(emit(step, 'ScreeningRecorded', {
        outcome: 'complete', rescreen: row.id === 'T05', screens, crossCodeLinks: p.crossCodeLinks ?? [], notifications: notificationsOf(p),
        ...(p.submitterScopeConfirmed !== undefined ? { submitterScopeConfirmed: p.submitterScopeConfirmed } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
      }, row.id === 'T03' ? { started: [startTimer(step.ctx, 'TM15', s)] } : {}));
    },
  },
  'agree-problem-statement': {
    // Repeat: refused 409 (the DP is no longer in the Development Stage).
    run: (p, step) => {
      const latest = step.s.problemStatements[step.s.problemStatements.length - 1];
      const g = new GuardCheck(step.s, step.ctx).check('problem-statement-final', latest !== undefined && latest.version === p.problemStatementVersion,
        `the decision must reference the final (latest) problem statement version ${latest?.version ?? '–'}`);
      if (!g.ok) return g.refusal(step.row);
      return accept(emit(step, 'ProblemStatementAgreed', {
        problemStatementVersion: p.problemStatementVersion, actingBody: cscActingBodyOn(step.ctx.rulebook, todayOf(step.ctx)),
        ...(p.minutesDocumentId ? { minutesDocumentId: p.minutesDocumentId } : {}),
      }, { stopped: running(step.s, ['TM15']) }));
    },
  },
  'request-conversion': {
    // Repeat: refused 409.
    run: (p, step) => accept(emit(step, 'ConversionRequested', p.note ? { note: p.note } : {}, { started: [startTimer(step.ctx, 'TM11', step.s)] })),
  },
  convert: {
    // Repeat: refused 409 (no longer AwaitingConversion).
    select: (rows, p) => byWhen('route', p.route)(rows),
    run: (p, step) => {
      const { s, ctx } = step;
      const g = new GuardCheck(s, ctx)
        .check('path-and-timetable-set', p.path !== undefined && p.timetable !== undefined, 'the decision needs a path, a route and a timetable')
        .check('not-fast-track', !s.fastTrack, 'a Fast-Track modification has no Refinement Process and no Modification Report');
      if (!g.ok || p.path === undefined || p.timetable === undefined) return g.refusal(step.row);
      const criteria = ctx.rulebook.parameters.path.authorityCriteria.value;
      const unknown = (p.path2Criteria ?? []).filter((c) => !criteria.includes(c));
      if (unknown.length) return refuse('invalid-input', `Unknown Path 2 criteria: ${unknown.join(', ')}`, 'D2.6', { status: 422 });
      const overrides = Object.fromEntries((p.timetable.overrides ?? []).map((o) => [o.timer, { amount: o.amount, unit: o.unit }]));
      return accept(emit(step, 'DraftProposalConverted', {
        mpReference: mpReference(s.reference), route: p.route, path: p.path,
        ...(p.pathReasons ? { pathReasons: p.pathReasons } : {}),
        path2Criteria: p.path2Criteria ?? [],
        timetable: { summary: p.timetable.summary },
        timerOverrides: overrides,
        workingGroupRequired: p.workingGroupRequired ?? false,
        ...(p.urgencyView ? { urgencyView: p.urgencyView } : {}),
        ...(p.proposedSolution ? { proposedSolution: { ...p.proposedSolution, affectsDccSystems: p.proposedSolution.affectsDccSystems ?? false, byUserId: s.proposer.userId } } : {}),
      }, { stopped: running(s, draftTimers) }));
    },
  },
  'raise-fast-track': {
    // Repeat: refused 409 (the MP is in the objection window).
    pre: (s, ctx) => (ctx.rulebook.parameters.fastTrack.requiresDevelopmentStage.value && s.state === 'S01'
      ? [{ invalid: 'A Fast-Track needs the Development Stage first (fastTrack.requiresDevelopmentStage)', clause: 'D:fast-track' }]
      : []),
    run: (p, step) => {
      const { s, ctx } = step;
      const fp = ctx.rulebook.parameters.fastTrack;
      const d = p.panelDecision;
      const g = new GuardCheck(s, ctx)
        .check('screening-complete', s.screening?.outcome === 'complete', 'the Draft Proposal has not been screened')
        .check('panel-unanimous', !fp.panelUnanimityRequired.value || (d.for > 0 && d.against === 0 && d.abstain === 0), `Panel vote ${d.for} for, ${d.against} against, ${d.abstain} abstaining is not unanimous`)
        .check('fast-track-criteria', fp.criteria.value.includes(p.changeKind), `${p.changeKind} is not one of ${fp.criteria.value.join(', ')}`);
      if (!g.ok) return g.refusal(step.row);
      return accept(emit(step, 'FastTrackRaised', {
        mpReference: mpReference(s.reference), changeKind: p.changeKind, panelDecision: { for: d.for, against: d.against, abstain: d.abstain },
        solution: { summary: p.summary, legalTextDocumentId: p.legalTextDocumentId, legalTextBaseline: p.legalTextBaseline, affectsDccSystems: p.affectsDccSystems ?? false, byUserId: ctx.actor.userId },
      }, { started: [startTimer(ctx, 'TM05', { ...s, phase: 'proposal' })], stopped: running(s, draftTimers) }));
    },
  },
  'object-to-fast-track': {
    // Repeat: refused 409 (the MP has left the objection window for the Refinement Process).
    pre: (s, ctx) => {
      const out = [];
      if (!withinWindow(s, 'TM05', ctx.now)) out.push({ guard: 'within-window', detail: 'the Fast-Track objection window (TM05) has closed' });
      if (ctx.rulebook.parameters.fastTrack.onObjection.value !== 'refinement') out.push({ invalid: `fastTrack.onObjection = ${ctx.rulebook.parameters.fastTrack.onObjection.value} is not supported`, clause: 'D:fast-track' });
      return out;
    },
    run: (p, step) => accept(emit(step, 'FastTrackObjected', {
      reasons: p.reasons, objectorUserId: step.ctx.actor.userId, ...(step.ctx.actor.organisationId ? { objectorOrganisationId: step.ctx.actor.organisationId } : {}),
    }, { stopped: ['TM05'] })),
  },
};
