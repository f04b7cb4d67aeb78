// Refinement Process (sec-process.md §5.4 T14–T26): Working Group, Proposed and Alternative
// Solutions, DCC assessments, consultations, representations and advice.
import type { ActorKind, TimerId } from '../rulebook/types.ts';
import { accept, refuse } from '../shared/decision.ts';
import { AUTHOR_PRIORITY, firstOf } from './actors.ts';
import { byWhen, emit, nonEmpty, type Precondition, type Specs, type Step } from './decide-support.ts';
import { GuardCheck } from './guards.ts';
import { currentVersion, openConsultation, type ModificationState, type WorkingGroupMember } from './state.ts';
import { endOfDate, startTimer } from './timers.ts';

const wgActive = (s: ModificationState): Precondition[] =>
  s.workingGroup ? [] : [{ guard: 'wg-active', detail: 'the Modification Proposal has no Working Group' }];

const membershipConditionsMet = (step: Step, met: readonly string[] | undefined): boolean =>
  step.ctx.rulebook.parameters.workingGroup.membershipConditions.value.every((c) => (met ?? []).includes(c));

const isMemberOrPending = (s: ModificationState, userId: string): boolean =>
  !!s.workingGroup && (s.workingGroup.members.some((m) => m.userId === userId)
    || s.workingGroup.nominations.some((n) => n.nomineeUserId === userId && n.status === 'pending'));

/** Every solution has legal text against a stated SEC baseline (guard legal-text-per-solution). */
export const legalTextPerSolution = (s: ModificationState): boolean =>
  s.solutions.length > 0 && s.solutions.every((x) => {
    const v = currentVersion(x);
    return !!v?.legalTextDocumentId && !!v.legalTextBaseline;
  });

const consultationKind = (s: ModificationState): 'refinement' | 'mrc' => (s.state === 'S09' ? 'mrc' : 'refinement');

const consultationOpenNow = (s: ModificationState, now: Date): boolean => {
  const c = openConsultation(s, consultationKind(s));
  return !!c && now.getTime() <= Date.parse(c.closesAt);
};

export const REFINEMENT_SPECS: Specs = {
  'establish-working-group': {
    // Repeat: refused 409 (a Working Group is already established).
    pre: (s) => (s.workingGroup ? [{ invalid: 'A Working Group is already established for this Modification Proposal', clause: 'D6.3' }] : []),
    run: (p, step) => {
      const { s, ctx } = step;
      if (ctx.rulebook.parameters.workingGroup.termsOfReferenceRequired.value && !p.termsOfReferenceDocumentId) {
        return refuse('invalid-input', 'Terms of reference must be attached (workingGroup.termsOfReferenceRequired)', 'D6.3', { status: 422 });
      }
      const members: WorkingGroupMember[] = ctx.rulebook.parameters.workingGroup.proposerIsMember.value
        ? [{ userId: s.proposer.userId, name: s.proposer.name ?? s.proposer.userId, ...(s.proposer.organisationId ? { organisationId: s.proposer.organisationId } : {}), via: 'proposer' }]
        : [];
      return accept(emit(step, 'WorkingGroupEstablished', { ...(p.termsOfReferenceDocumentId ? { termsOfReferenceDocumentId: p.termsOfReferenceDocumentId } : {}), members }));
    },
  },
  'appoint-working-group-member': {
    // Repeat for the same person: refused 409 (already a member).
    pre: (s) => wgActive(s),
    run: (p, step) => {
      const { s } = step;
      if (s.workingGroup?.members.some((m) => m.userId === p.memberUserId)) return refuse('invalid-state', `${p.name} is already a Working Group member`, 'D6.3', { status: 409 });
      if (p.nominationId && !s.workingGroup?.nominations.some((n) => n.nominationId === p.nominationId && n.status === 'pending')) {
        return refuse('invalid-input', `No pending nomination ${p.nominationId}`, 'D6.3', { status: 422 });
      }
      const g = new GuardCheck(s, step.ctx).check('wg-membership-conditions', membershipConditionsMet(step, p.conditionsMet), 'the D6.5 and D6.6 membership conditions are not all met');
      if (!g.ok) return g.refusal(step.row);
      return accept(emit(step, 'WorkingGroupMemberAppointed', {
        member: { userId: p.memberUserId, name: p.name, ...(p.organisationId ? { organisationId: p.organisationId } : {}), via: 'appointment' },
        ...(p.nominationId ? { nominationId: p.nominationId } : {}),
      }));
    },
  },
  'nominate-working-group-member': {
    // Repeat for the same nominee: refused 409 (already a member or pending).
    pre: (s) => wgActive(s),
    run: (p, step) => {
      const { s, entitled } = step;
      if (isMemberOrPending(s, p.nomineeUserId)) return refuse('invalid-state', `${p.name} is already a member or nominee of the Working Group`, 'D6.3', { status: 409 });
      const bySsc = entitled.includes('ssc');
      if (bySsc) {
        // G7.21: the SSC's nominee becomes a member at once, subject only to D6.5 and D6.6.
        const g = new GuardCheck(s, step.ctx).check('wg-membership-conditions', membershipConditionsMet(step, p.conditionsMet), 'the D6.5 and D6.6 membership conditions are not all met');
        if (!g.ok) return g.refusal(step.row);
      }
      const nominatedBy: ActorKind = bySsc ? 'ssc' : firstOf(entitled, ['proposer', 'citizens-advice', 'dcc', 'party', 'defaulting-party']) ?? 'party';
      return accept(emit(step, 'WorkingGroupMemberNominated', {
        nominationId: `NOM-${(s.workingGroup?.nominations.length ?? 0) + 1}`,
        nomineeUserId: p.nomineeUserId, name: p.name, ...(p.organisationId ? { organisationId: p.organisationId } : {}),
        nominatedBy, admitted: bySsc,
      }));
    },
  },
  'amend-proposed-solution': {
    // Repeat: accepted, a new version each time (R-A-03).
    run: (p, step) => {
      const { s, ctx, kinds } = step;
      const g = new GuardCheck(s, ctx)
        .check('proposer-only', kinds.has('proposer'), 'only the Proposer may change the Proposed Solution')
        .check('solution-amendable-state', ctx.rulebook.parameters.solution.amendableStates.value.includes(s.stateName), `the Proposed Solution cannot be amended in ${s.stateName}`);
      if (!g.ok) return g.refusal(step.row);
      const existing = s.solutions.find((x) => x.solutionId === 'proposed');
      return accept(emit(step, 'ProposedSolutionAmended', {
        solutionId: 'proposed', version: (existing?.versions.length ?? 0) + 1,
        solution: {
          summary: p.summary, ...(p.legalTextDocumentId ? { legalTextDocumentId: p.legalTextDocumentId } : {}),
          ...(p.legalTextBaseline ? { legalTextBaseline: p.legalTextBaseline } : {}), affectsDccSystems: p.affectsDccSystems ?? false, byUserId: ctx.actor.userId,
        },
      }));
    },
  },
  'raise-alternative-solution': {
    // Repeat: accepted, another Alternative Solution (zero or more, R-A-04).
    pre: (s) => wgActive(s),
    run: (p, step) => {
      const { s, ctx } = step;
      const v = p.wgVote;
      const cast = v.for + v.against + (v.abstain ?? 0);
      const g = new GuardCheck(s, ctx).check('wg-majority', v.for > v.against && v.for * 2 > cast && nonEmpty(v.rationale),
        `a majority of the Working Group must support the alternative with a rationale (${v.for} for, ${v.against} against, ${v.abstain ?? 0} abstaining)`);
      if (!g.ok) return g.refusal(step.row);
      const n = s.solutions.filter((x) => x.kind === 'alternative').length + 1;
      return accept(emit(step, 'AlternativeSolutionRaised', {
        solutionId: `alternative-${n}`,
        solution: {
          summary: p.summary, ...(p.legalTextDocumentId ? { legalTextDocumentId: p.legalTextDocumentId } : {}),
          ...(p.legalTextBaseline ? { legalTextBaseline: p.legalTextBaseline } : {}), affectsDccSystems: p.affectsDccSystems ?? false, byUserId: ctx.actor.userId,
        },
        wgVote: { for: v.for, against: v.against, ...(v.abstain !== undefined ? { abstain: v.abstain } : {}), rationale: v.rationale, ...(v.objectives ? { objectives: v.objectives } : {}) },
      }));
    },
  },
  'request-dcc-assessment': {
    // Repeat of the same type while open: refused 409 (no-open-dcc-request).
    run: (p, step) => {
      const { s, ctx } = step;
      const g = new GuardCheck(s, ctx).check('no-open-dcc-request', !s.dccAssessments.some((a) => a.type === p.type && !a.result), `a ${p.type} assessment request is already outstanding`);
      if (!g.ok) return g.refusal(step.row);
      const timer: TimerId = p.type === 'preliminary' ? 'TM07' : 'TM08';
      const urgentWd = p.urgent ? (p.urgentWd ?? ctx.rulebook.parameters.dcc.urgentAssessmentWd.value) : null;
      const started = urgentWd !== null && urgentWd !== undefined
        ? startTimer(ctx, timer, { ...s, timerOverrides: { ...s.timerOverrides, [timer]: { amount: urgentWd, unit: 'WD' } } })
        : startTimer(ctx, timer, s);
      return accept(emit(step, 'DccAssessmentRequested', { requestId: `DCC-${s.dccAssessments.length + 1}`, type: p.type, urgent: p.urgent ?? false }, { started: [started] }));
    },
  },
  'record-dcc-assessment': {
    // Repeat: refused 409 (no open request of that type remains).
    run: (p, step) => {
      const open = step.s.dccAssessments.find((a) => a.type === p.type && !a.result);
      if (!open) return refuse('invalid-state', `There is no open ${p.type} assessment request`, 'D:dcc-assessments', { status: 409 });
      return accept(emit(step, 'DccAssessmentRecorded', { requestId: open.requestId, type: p.type, costGbp: p.costGbp, implementationEstimate: p.implementationEstimate, documentId: p.documentId },
        { stopped: [p.type === 'preliminary' ? 'TM07' : 'TM08'] }));
    },
  },
  'open-consultation': {
    // T21 (refinement, S05) or T30 (mrc, S08) by state and `kind`. Repeat: refused 409 (no-open-consultation / state moved on).
    select: (rows, p) => byWhen('kind', p.kind)(rows),
    pre: (s, _ctx, row) => (row.id === 'T21' && openConsultation(s, 'refinement') ? [{ guard: 'no-open-consultation', detail: 'a Refinement Consultation is already open' }] : []),
    run: (p, step) => {
      const { s, ctx, row } = step;
      const timer: TimerId = row.id === 'T21' ? 'TM02' : 'TM03';
      const closesOn = row.id === 'T21' ? p.closesOn : s.mrcTimetable?.closesOn;
      const started = startTimer(ctx, timer, s, closesOn ? endOfDate(ctx, closesOn) : undefined);
      if (Date.parse(started.dueAt) < ctx.now.getTime()) return refuse('invalid-input', 'The consultation would close before it opens', row.clauses[0], { status: 422 });
      return accept(emit(step, 'ConsultationOpened', {
        consultationId: `CON-${s.consultations.length + 1}`, kind: p.kind, documentId: p.documentId,
        ...(p.responseFormDocumentId ? { responseFormDocumentId: p.responseFormDocumentId } : {}), closesAt: started.dueAt,
      }, { started: [started] }));
    },
  },
  'respond-to-consultation': {
    // Repeat: accepted (a further response; the latest stands).
    variant: consultationKind,
    pre: (s, ctx, _row, entitled) => {
      const out: Precondition[] = [];
      if (!consultationOpenNow(s, ctx.now)) out.push({ guard: 'consultation-open', detail: 'no consultation is open for responses' });
      if (s.state === 'S09' && !entitled.some((k) => k !== 'dcc')) out.push({ guard: 'mrc-respondent-eligible', detail: 'the MRC consults Parties other than the DCC and the configured additional respondents' });
      return out;
    },
    run: (p, step) => {
      const c = openConsultation(step.s, consultationKind(step.s));
      if (!c) return refuse('invalid-state', 'No consultation is open', step.row.clauses[0], { status: 409 });
      const a = step.ctx.actor;
      return accept(emit(step, 'ConsultationResponded', {
        consultationId: c.consultationId, respondentUserId: a.userId, ...(a.organisationId ? { respondentOrganisationId: a.organisationId } : {}),
        respondentKind: firstOf(step.entitled, AUTHOR_PRIORITY) ?? 'party', response: p.response, ...(p.documentId ? { documentId: p.documentId } : {}),
      }));
    },
  },
  'close-consultation': {
    // T23 (refinement) or T31 (mrc). Repeat: refused 409 (nothing open / state moved on) — the sweeper treats that as done.
    select: (rows, p) => byWhen('kind', p.kind)(rows),
    pre: (s, ctx, row, entitled) => {
      const kind = row.id === 'T31' ? 'mrc' : 'refinement';
      const c = openConsultation(s, kind);
      if (!c) return [{ invalid: `No ${kind === 'mrc' ? 'Modification Report' : 'Refinement'} Consultation is open`, clause: row.clauses[0] }];
      if (entitled.length === 1 && entitled[0] === 'system') {
        if (!ctx.rulebook.parameters.consultation.autoClose.value) return [{ invalid: 'Automatic closing is switched off (consultation.autoClose)', clause: row.clauses[0] }];
        if (ctx.now.getTime() < Date.parse(c.closesAt)) return [{ invalid: 'The consultation is not yet due to close', clause: row.clauses[0] }];
      }
      return [];
    },
    run: (p, step) => {
      const kind = step.row.id === 'T31' ? 'mrc' : 'refinement';
      const c = openConsultation(step.s, kind);
      if (!c) return refuse('invalid-state', 'No consultation is open', step.row.clauses[0], { status: 409 });
      const timer: TimerId = kind === 'mrc' ? 'TM03' : 'TM02';
      return accept(emit(step, 'ConsultationClosed', {
        consultationId: c.consultationId, kind, closedBy: step.entitled.includes('code-administrator') ? 'code-administrator' : 'system',
        ...(p.summaryDocumentId ? { summaryDocumentId: p.summaryDocumentId } : {}),
      }, { stopped: [timer], started: kind === 'mrc' ? [startTimer(step.ctx, 'TM12', step.s)] : [] }));
    },
  },
  'make-representation': {
    // Repeat: accepted (several representations, R-G-08).
    run: (p, step) => {
      const { s, ctx, entitled } = step;
      const authorKind = firstOf(entitled, AUTHOR_PRIORITY) ?? 'party';
      const g = new GuardCheck(s, ctx).check('forum-criteria', authorKind !== 'alt-han-forum' || p.forumLimb !== undefined,
        'the Alt HAN Forum must state which Z1.6(a) limb (i), (ii) or (iii) applies');
      if (!g.ok) return g.refusal(step.row);
      return accept(emit(step, 'RepresentationMade', {
        representationId: `REP-${s.representations.length + 1}`, authorKind, authorUserId: ctx.actor.userId,
        ...(ctx.actor.organisationId ? { authorOrganisationId: ctx.actor.organisationId } : {}), phase: s.phase,
        purposeAndEffect: p.purposeAndEffect, evidenceDocumentIds: p.evidenceDocumentIds ?? [],
        ...(nonEmpty(p.evidenceSummary) ? { evidenceSummary: p.evidenceSummary } : {}),
        ...(p.forumLimb ? { forumLimb: p.forumLimb } : {}), jointWith: p.jointWith ?? [],
      }));
    },
  },
  'record-advice': {
    // Repeat: accepted (advice may be given more than once).
    run: (p, step) => accept(emit(step, 'AdviceRecorded', {
      adviceId: `ADV-${step.s.advice.length + 1}`,
      by: (firstOf(step.entitled, ['tabasc', 'ssc', 'smki-pma']) ?? 'tabasc') as 'tabasc' | 'ssc' | 'smki-pma',
      addressedTo: ['panel', 'change-sub-committee', 'change-board', 'working-group'],
      summary: p.summary, ...(p.documentId ? { documentId: p.documentId } : {}), phase: step.s.phase,
    })),
  },
  'complete-refinement': {
    // Repeat: refused 409 (the MP is in ReportDrafting).
    run: (p, step) => {
      const { s, ctx } = step;
      const dccImpacted = ctx.rulebook.parameters.dcc.impactAssessmentRequired.value === 'always'
        || s.solutions.some((x) => currentVersion(x)?.affectsDccSystems);
      const iaDone = s.dccAssessments.some((a) => a.type === 'impact' && a.result);
      const g = new GuardCheck(s, ctx)
        .check('no-open-consultation', openConsultation(s) === undefined, 'a consultation is still open')
        .check('no-open-dcc-request', !s.dccAssessments.some((a) => !a.result), 'a DCC assessment request is outstanding')
        .check('dcc-ia-done-or-waived', !dccImpacted || iaDone || p.dccImpactAssessmentWaived === true, 'the solution affects DCC systems: a DCC Impact Assessment or a Panel waiver is needed')
        .check('legal-text-per-solution', legalTextPerSolution(s), 'every solution needs legal text against a stated SEC baseline');
      if (!g.ok) return g.refusal(step.row);
      return accept(emit(step, 'RefinementCompleted', { dccImpactAssessmentWaived: p.dccImpactAssessmentWaived ?? false, ...(p.waiverReason ? { waiverReason: p.waiverReason } : {}) }));
    },
  },
};
