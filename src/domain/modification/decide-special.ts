// Special routes (sec-process.md §5.4 T43–T51): withdrawal and adoption, Significant Code
// Review suspension, urgency and the Authority's path determination.
import type { TimerId } from '../rulebook/types.ts';
import { accept, refuse } from '../shared/decision.ts';
import { firstOf, SUBMITTER_PRIORITY } from './actors.ts';
import { allTimers, emit, type Precondition, type Specs } from './decide-support.ts';
import { scopeOk, submitterAllowed } from './decide-draft.ts';
import { GuardCheck } from './guards.ts';
import type { Proposer } from './state.ts';
import { calendarOf, pausedTimers, remainingOf, resumeTimer, runningTimers, startTimer, withinWindow } from './timers.ts';

/** Scope items not found in the SCR's recorded scope (compared without case or surrounding spaces). */
const outsideScope = (items: readonly string[], scope: readonly string[]): string[] => {
  const recorded = new Set(scope.map((x) => x.trim().toLowerCase()));
  return items.filter((x) => !recorded.has(x.trim().toLowerCase()));
};

export const SPECIAL_SPECS: Specs = {
  withdraw: {
    // Repeat: refused 409 (already in WithdrawalNotice).
    run: (p, step) => {
      const { s, ctx, kinds } = step;
      const g = new GuardCheck(s, ctx)
        .check('withdrawable-state', ctx.rulebook.parameters.withdrawal.allowedStates.value.includes(s.state), `withdrawal is not allowed in ${s.stateName}`)
        .check('proposer-only', kinds.has('proposer'), 'only the Proposer may withdraw');
      if (!g.ok) return g.refusal(step.row);
      // TM06: withdrawal.adoptionWindowWd for an MP, withdrawal.draftAdoptionWindowWd (0 WD: due at once) for a DP.
      return accept(emit(step, 'ProposalWithdrawn', { resumeState: s.state, ...(p.reason ? { reason: p.reason } : {}) },
        { started: [startTimer(ctx, 'TM06', s)] }));
    },
  },
  adopt: {
    // Repeat: refused 409 (adopted: the proposal is back in its resume state).
    pre: (s, ctx) => (withinWindow(s, 'TM06', ctx.now) ? [] : [{ guard: 'within-window', detail: 'the adoption window (TM06) has closed' }]),
    run: (_p, step) => {
      const { s, ctx, entitled } = step;
      const candidates = entitled.filter((k) => submitterAllowed(k, s.submissionBasis, ctx) && scopeOk(k, s.affectedProvisions, ctx));
      const kind = firstOf(candidates, SUBMITTER_PRIORITY);
      const g = new GuardCheck(s, ctx).check('adopter-entitled',
        kind !== undefined && (!ctx.facts.actorOrganisationDefaulting || ctx.rulebook.parameters.defaulting.mayAdopt.value),
        'the adopter must be entitled to submit a Draft Proposal on this subject and not be a Defaulting Party');
      if (!g.ok || !kind || !s.withdrawal) return g.refusal(step.row);
      const proposer: Proposer = {
        userId: ctx.actor.userId, ...(ctx.actor.name ? { name: ctx.actor.name } : {}),
        ...(ctx.actor.organisationId ? { organisationId: ctx.actor.organisationId } : {}),
        kind, scope: kind === 'ssc-member' || kind === 'pma-member' ? 'user' : 'organisation',
      };
      return accept(emit(step, 'ProposalAdopted', { proposer }, { to: s.withdrawal.resumeState, stopped: ['TM06'] }));
    },
  },
  'suspend-for-scr': {
    // Repeat: refused 409 (already suspended).
    pre: (s, ctx) => (ctx.rulebook.parameters.scr.suspendableStates.value.includes(s.state) ? [] : [{ invalid: `${s.stateName} is not suspendable (scr.suspendableStates)`, clause: 'D:scr-suspension' }]),
    run: (p, step) => {
      const { s, ctx } = step;
      const scr = ctx.facts.scr;
      const g = new GuardCheck(s, ctx).check('scr-live', !!scr && scr.id === p.scrId && scr.live && !scr.ended, `Significant Code Review ${p.scrId} is not in its phase`);
      if (!g.ok) return g.refusal(step.row);
      const outside = outsideScope(p.scopeItems, scr?.scope ?? []);
      const byPanelAlone = !step.entitled.includes('authority') && !p.authorityScopeViewDocumentId;
      g.check('scr-in-scope', outside.length === 0, outside.length
        ? `${outside.map((x) => `"${x}"`).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in the recorded scope of ${p.scrId}${scr?.scope?.length ? ` (${scr.scope.join('; ')})` : ' (no scope is recorded)'}`
        : '')
        .check('scr-in-scope', scr?.exempt !== true, `The Authority has exempted this proposal from ${p.scrId}`)
        .check('scr-in-scope', !byPanelAlone, "The Panel suspends on the Authority's view of the scope: attach it (authorityScopeViewDocumentId)");
      if (!g.ok) return g.refusal(step.row);
      const paused = runningTimers(s).map((t) => ({ timer: t.timer, remaining: remainingOf(ctx, t, s) }));
      return accept(emit(step, 'ProposalSuspendedForScr', { scrId: p.scrId, resumeState: s.state, reasons: p.reasons, paused, scopeItems: p.scopeItems, ...(p.authorityScopeViewDocumentId ? { authorityScopeViewDocumentId: p.authorityScopeViewDocumentId } : {}) }));
    },
  },
  'resume-after-scr': {
    // T47 (resume) or T48 (close). Repeat: refused 409. The row's actors count: the System
    // (scr.autoResumeOnPhaseEnd) may resume (T47) but never close (T48).
    rowActors: true,
    select: (rows, p) => rows.find((r) => r.when?.disposition === p.disposition),
    run: (p, step) => {
      const { s, ctx, row } = step;
      if (!s.suspension) return refuse('invalid-state', 'The proposal is not suspended', row.clauses[0], { status: 409 });
      if (row.id === 'T48') {
        if (!ctx.rulebook.parameters.scr.closeOnSubsumption.value) return refuse('invalid-state', 'Closing on subsumption is switched off (scr.closeOnSubsumption)', row.clauses[0], { status: 409 });
        return accept(emit(step, 'ProposalClosedForScr', { reasons: p.reasons }, { stopped: allTimers(s) }));
      }
      const scr = ctx.facts.scr;
      const g = new GuardCheck(s, ctx).check('scr-ended-or-exempt',
        !!scr && scr.id === s.suspension.scrId && (scr.ended || (scr.exempt === true && ctx.rulebook.parameters.scr.exemptionsAllowed.value)),
        `Significant Code Review ${s.suspension.scrId} has not ended and the proposal is not exempted`);
      if (!g.ok) return g.refusal(row);
      const resumed = pausedTimers(s).map((t) => resumeTimer(ctx, t));
      return accept(emit(step, 'ProposalResumedAfterScr', { reasons: p.reasons, resumed }, { to: s.suspension.resumeState, started: resumed }));
    },
  },
  'request-urgency': {
    // Repeat: refused 409 (urgency already requested or decided).
    pre: (s) => (s.urgency === 'none' ? [] : [{ invalid: `Urgency has already been ${s.urgency}`, clause: 'D:urgent-modifications' }]),
    run: (p, step) => accept(emit(step, 'UrgencyRequested', { reasons: p.reasons, criteria: p.criteria ?? [] })),
  },
  'decide-urgency': {
    // Repeat: refused 409 (urgency-requested fails once decided).
    pre: (s): Precondition[] => (s.urgency === 'requested' ? [] : [{ guard: 'urgency-requested', detail: 'urgency has not been requested' }]),
    run: (p, step) => {
      const { s, ctx } = step;
      const waivable = ctx.rulebook.parameters.urgency.waivableGuards.value;
      const waived = p.granted ? (p.waivedGuards ?? []) : [];
      const notWaivable = waived.filter((x) => !waivable.includes(x));
      if (notWaivable.length) return refuse('invalid-input', `Guards that cannot be waived: ${notWaivable.join(', ')}`, 'D:urgent-modifications', { status: 422 });
      const overrides = p.granted ? Object.fromEntries((p.timetable?.overrides ?? []).map((o) => [o.timer, { amount: o.amount, unit: o.unit }])) : {};
      // RB-04: the urgent timetable replaces the duration of the running timers it names, from their start.
      const cal = calendarOf(ctx.rulebook);
      const replaced = runningTimers(s).flatMap((t) => {
        const o = overrides[t.timer];
        return o ? [{ timer: t.timer as TimerId, kind: t.kind, dueAt: cal.deadlineAfter(new Date(t.startedAt), o).toISOString() }] : [];
      });
      return accept(emit(step, 'UrgencyDecided', {
        granted: p.granted, reasons: p.reasons, ...(p.granted && p.timetable ? { timetable: { summary: p.timetable.summary } } : {}),
        timerOverrides: overrides, waivedGuards: waived, replaced,
      }, { started: replaced }));
    },
  },
  'determine-path': {
    // Repeat: accepted (the Authority may determine the path again).
    run: (p, step) => accept(emit(step, 'PathDetermined', { path: p.path, ...(step.s.path ? { previousPath: step.s.path } : {}), reasons: p.reasons })),
  },
};
