// Report Phase, Change Board, decisions and implementation (sec-process.md §5.4 T27–T42,
// T13/T37/T45 timer expiries) and the supplementary steps X03–X05.
import { closeBallot, decisionRule, votingParametersOf } from '../voting/index.ts';
import type { Ballot, Seat, Vote } from '../voting/types.ts';
import type { StateId } from '../rulebook/types.ts';
import { accept, refuse } from '../shared/decision.ts';
import { todayOf } from './actors.ts';
import type { CommandContext } from './context.ts';
import { allTimers, emit, nonEmpty, type Precondition, type Specs } from './decide-support.ts';
import { legalTextPerSolution } from './decide-refinement.ts';
import { GuardCheck } from './guards.ts';
import { legalTextDocuments, type BallotState, type ModificationState, type Result } from './state.ts';
import { endOfDate, startTimer, withinWindow } from './timers.ts';

const SSC_AUTHORS = ['ssc', 'ssc-member'];

const ballotOpen = (s: ModificationState): Precondition[] =>
  s.ballot && !s.ballot.closedAt ? [] : [{ guard: 'ballot-open', detail: 'the Change Board meeting for this item has not started' }];

/** The ballot's seats with the current suspension flags (M8.5(c)(i)) when the app supplies them. */
const currentSeats = (b: BallotState, ctx: CommandContext): Seat[] => b.seats.map((seat) => {
  const now = ctx.facts.changeBoardSeats?.find((x) => x.seatId === seat.seatId);
  return now ? { ...seat, suspended: now.suspended } : seat;
});

/** The seat the caller votes for: as member, or as the acting alternate when alternates are allowed. */
const seatOf = (b: BallotState, ctx: CommandContext): { seat: Seat; asAlternate: boolean } | undefined => {
  const seats = currentSeats(b, ctx);
  const own = seats.find((x) => x.memberId === ctx.actor.userId);
  if (own) return { seat: own, asAlternate: false };
  const alt = ctx.rulebook.parameters.changeBoard.alternatesAllowed.value ? seats.find((x) => x.alternateId === ctx.actor.userId) : undefined;
  return alt ? { seat: alt, asAlternate: true } : undefined;
};

const seatActive = (b: BallotState, ctx: CommandContext): Precondition[] => {
  const mine = seatOf(b, ctx);
  if (!mine) return [{ guard: 'seat-active', detail: 'the caller holds no Change Board seat on this ballot' }];
  if (!mine.seat.voting) return [{ guard: 'seat-active', detail: `seat ${mine.seat.seatId} is non-voting` }];
  if (mine.seat.suspended) return [{ guard: 'seat-active', detail: `seat ${mine.seat.seatId} is suspended while its Voting Group's Supplier Party is a Defaulting Party` }];
  return [];
};

const toBallot = (s: ModificationState, b: BallotState, seats: readonly Seat[]): Ballot => ({
  reference: s.references.mp ?? s.references.dp,
  purpose: b.purpose,
  solutionIds: b.solutionIds,
  proposedSolutionId: b.proposedSolutionId,
  seats,
  votes: b.votes.map((v): Vote => ({ seatId: v.seatId, castBy: v.castBy, asAlternate: v.asAlternate, solutionId: v.solutionId, choice: v.choice, rationale: v.rationale, objectives: v.objectives })),
  preferences: b.preferences,
  rulebookVersion: s.rulebookVersion,
});

const resultTarget = (r: Result): StateId => (r === 'approved' ? 'S15' : 'S18');
const opposite = (r: Result): Result => (r === 'approved' ? 'rejected' : 'approved');

export const REPORT_SPECS: Specs = {
  'issue-modification-report': {
    // Repeat: refused 409 (the report is with the Panel); after a send-back a new MR version is issued.
    run: (p, step) => {
      const { s, ctx } = step;
      const included = new Map(p.representations.map((r) => [r.representationId, r.evidenceSummary]));
      const sscMissing = s.representations.filter((r) => SSC_AUTHORS.includes(r.authorKind)
        && !(nonEmpty(included.get(r.representationId)) || (included.has(r.representationId) && nonEmpty(r.evidenceSummary))));
      const required = ctx.rulebook.parameters.mr.requiredSections.value;
      const missingSections = required.filter((x) => !p.sections.includes(x));
      const forumMissing = ctx.rulebook.parameters.mr.includeForumRepresentations.value
        ? s.representations.filter((r) => r.authorKind === 'alt-han-forum' && !included.has(r.representationId)) : [];
      const g = new GuardCheck(s, ctx)
        .check('not-fast-track', !s.fastTrack, 'a Fast-Track modification has no Modification Report')
        .check('mr-ssc-representations', sscMissing.length === 0, `SSC representations missing from the report or without an evidence summary: ${sscMissing.map((r) => r.representationId).join(', ')}`)
        .check('mr-content-complete', missingSections.length === 0 && forumMissing.length === 0,
          `missing sections: ${missingSections.join(', ') || 'none'}; missing Alt HAN Forum representations: ${forumMissing.map((r) => r.representationId).join(', ') || 'none'}`)
        .check('legal-text-per-solution', legalTextPerSolution(s), 'every solution needs legal text against a stated SEC baseline')
        .check('legal-text-checked', ctx.facts.legalTextChecked === true, 'the legal-text drafting checks have not passed');
      if (!g.ok) return g.refusal(step.row);
      return accept(emit(step, 'ModificationReportIssued', {
        version: (s.modificationReport?.version ?? 0) + 1, reportDocumentId: p.reportDocumentId, sections: p.sections,
        solutionIds: s.solutions.map((x) => x.solutionId),
        representations: p.representations.map((r) => ({ representationId: r.representationId, evidenceSummary: nonEmpty(r.evidenceSummary) ? r.evidenceSummary : s.representations.find((x) => x.representationId === r.representationId)?.evidenceSummary ?? '' })),
      }));
    },
  },
  'approve-report-consultation': {
    // Repeat: refused 409.
    run: (p, step) => {
      if (p.closesOn < p.opensOn) return refuse('invalid-input', 'The MRC must close after it opens', 'D7.8', { status: 422 });
      return accept(emit(step, 'ReportConsultationApproved', { opensOn: p.opensOn, closesOn: p.closesOn }));
    },
  },
  'open-ballot': {
    // Repeat while open: refused 409.
    pre: (s) => (s.ballot && !s.ballot.closedAt ? [{ invalid: 'The ballot is already open', clause: 'D8' }] : []),
    run: (p, step) => {
      const { s, ctx } = step;
      const seats = (ctx.facts.changeBoardSeats ?? []).filter((x) => x.body === 'change-board');
      if (seats.length === 0) return refuse('invalid-input', 'The current Change Board seats are needed to open the ballot', 'D8', { status: 422 });
      const ids = [...s.solutions].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'proposed' ? -1 : 1)).map((x) => x.solutionId);
      if (ids.length === 0) return refuse('invalid-input', 'There is no solution to vote on', 'D8', { status: 422 });
      return accept(emit(step, 'BallotOpened', {
        ballotId: `BAL-${s.pastBallots.length + 1}`, purpose: s.path === 3 ? 'decision' : 'recommendation',
        solutionIds: ids, proposedSolutionId: ids.includes('proposed') ? 'proposed' : (ids[0] ?? 'proposed'), seats,
        ...(p.meetingId ? { meetingId: p.meetingId } : {}),
      }));
    },
  },
  'cast-vote': {
    // One vote per seat per solution: a repeat by the same seat on the same solution is refused 409 `conflict`.
    pre: (s, ctx) => {
      const open = ballotOpen(s);
      if (open.length || !s.ballot) return open;
      const active = seatActive(s.ballot, ctx);
      if (active.length) return active;
      const mine = seatOf(s.ballot, ctx);
      const b = s.ballot;
      return mine && b.solutionIds.every((id) => b.votes.some((v) => v.seatId === mine.seat.seatId && v.solutionId === id))
        ? [{ conflict: 'This seat has already voted on every solution', clause: 'D8' }] : [];
    },
    run: (p, step) => {
      const { s, ctx } = step;
      const b = s.ballot;
      const mine = b ? seatOf(b, ctx) : undefined;
      if (!b || !mine) return refuse('invalid-state', 'No ballot is open', 'D8', { status: 409 });
      if (!b.solutionIds.includes(p.solutionId)) return refuse('invalid-input', `Solution ${p.solutionId} is not on this ballot`, 'D8', { status: 422 });
      if (b.votes.some((v) => v.seatId === mine.seat.seatId && v.solutionId === p.solutionId)) {
        return refuse('conflict', `Seat ${mine.seat.seatId} has already voted on ${p.solutionId}: one vote per seat per solution`, 'D8', { status: 409 });
      }
      if (ctx.rulebook.parameters.changeBoard.rationaleRequired.value && !nonEmpty(p.rationale)) {
        return refuse('invalid-input', 'Every vote needs a rationale against the SEC Objectives', 'D8', { status: 422 });
      }
      return accept(emit(step, 'VoteCast', {
        ballotId: b.ballotId, seatId: mine.seat.seatId, castBy: ctx.actor.userId, asAlternate: mine.asAlternate, solutionId: p.solutionId,
        choice: p.choice, rationale: p.rationale, objectives: p.objectives ?? {}, ...(p.preferences ? { preferences: p.preferences } : {}),
      }));
    },
  },
  'close-vote': {
    // T33 (path 3) or T34 (paths 1, 2) when the quorum is met, else T35 (adjourned). Repeat after a decision: refused 409.
    applicable: (row, s) => (row.id === 'T33' ? s.path === 3 : row.id === 'T34' ? s.path !== 3 : true),
    offered: (row) => row.id !== 'T35',
    pre: (s) => ballotOpen(s),
    run: (_p, step) => {
      const { s, ctx, rows } = step;
      const b = s.ballot;
      if (!b) return refuse('invalid-state', 'No ballot is open', 'D8', { status: 409 });
      const seats = currentSeats(b, ctx);
      const rb = ctx.rulebook;
      const rule = decisionRule(rb.parameters.changeBoard.decisionRule.value, votingParametersOf(rb));
      const closure = closeBallot(toBallot(s, b, seats), rule);
      if (closure.kind === 'adjourned') {
        const t35 = rows.find((r) => r.id === 'T35') ?? step.row;
        return accept(emit({ ...step, row: t35 }, 'VoteClosed', {
          ballotId: b.ballotId, outcome: 'adjourned', purpose: b.purpose, quorum: closure.quorum, perSolution: {}, approvedNotSelected: [],
          explanation: closure.quorum.explanation, seats,
        }, { to: 'S10', started: [startTimer(ctx, 'TM12', s)] }));
      }
      // R-LT-01: a SEC version designated after the baseline needs a re-check of every legal-text document.
      const later = ctx.facts.secVersionsAfterBaseline ?? [];
      const missing = legalTextDocuments(s).flatMap((doc) => later.filter((v) => !s.baselineRechecks.some((r) => r.legalTextDocumentId === doc && r.secVersion === v)).map((v) => `${doc}@${v}`));
      const g = new GuardCheck(s, ctx).check('legal-text-baseline-rechecked', missing.length === 0, `baseline re-check missing for ${missing.join(', ')}`);
      if (!g.ok) return g.refusal(step.row);
      // The path may have been determined again (T51) after the ballot opened: the current path decides.
      const purpose = s.path === 3 ? 'decision' : 'recommendation';
      const perSolution: Record<string, Result> = Object.fromEntries(Object.entries(closure.outcome.perSolution).map(([id, r]) => [id, r.result]));
      const selected = closure.outcome.selectedSolutionId;
      const result: Result = selected ? 'approved' : 'rejected';
      const explanation = [closure.quorum.explanation, closure.outcome.explanation].join('\n');
      return accept(emit(step, 'VoteClosed', {
        ballotId: b.ballotId, outcome: 'decided', purpose, quorum: closure.quorum, result, perSolution,
        ...(selected ? { selectedSolutionId: selected } : {}), approvedNotSelected: closure.outcome.approvedNotSelected, explanation, seats,
      }, step.row.id === 'T33' ? { started: [startTimer(ctx, 'TM04', s)], stopped: ['TM12'] } : { stopped: ['TM12'] }));
    },
  },
  'record-baseline-recheck': {
    // Repeat: accepted (re-checked again).
    run: (p, step) => {
      if (!legalTextDocuments(step.s).includes(p.legalTextDocumentId)) return refuse('invalid-input', `${p.legalTextDocumentId} is not legal text of this Modification Proposal`, 'D:legal-text-baseline', { status: 422 });
      return accept(emit(step, 'BaselineRechecked', { legalTextDocumentId: p.legalTextDocumentId, secVersion: p.secVersion, ...(p.findings ? { findings: p.findings } : {}) }));
    },
  },
  'lodge-appeal': {
    // Repeat: refused 409 (already appealed).
    pre: (s, ctx) => (withinWindow(s, 'TM04', ctx.now) ? [] : [{ guard: 'within-window', detail: 'the appeal window (TM04) has closed' }]),
    run: (p, step) => {
      const { s, ctx } = step;
      const grounds = ctx.rulebook.parameters.appeal.grounds.value;
      const g = new GuardCheck(s, ctx).check('appeal-grounds', p.grounds.length > 0 && p.grounds.every((x) => grounds.includes(x)), `state at least one of: ${grounds.join(', ')}`);
      if (!g.ok) return g.refusal(step.row);
      return accept(emit(step, 'AppealLodged', {
        appellantUserId: ctx.actor.userId, ...(ctx.actor.organisationId ? { appellantOrganisationId: ctx.actor.organisationId } : {}), grounds: p.grounds, statement: p.statement,
      }, { stopped: ['TM04'] }));
    },
  },
  'expire-timer': {
    // T13 (TM05), T37 (TM04), T45 (TM06). Only when due. Idempotent for the sweeper: once fired, the state has moved on and a repeat is refused 409.
    select: (rows, p) => rows.find((r) => r.when?.timer === p.timer),
    pre: (s, ctx, row) => {
      const timer = row.when?.timer as 'TM04' | 'TM05' | 'TM06' | undefined;
      const t = timer ? s.timers[timer] : undefined;
      if (!t || t.status !== 'running') return [{ invalid: `Timer ${timer ?? '?'} is not running`, clause: row.clauses[0] }];
      if (ctx.now.getTime() < Date.parse(t.dueAt)) return [{ invalid: `Timer ${timer} is not yet due (${t.dueAt})`, clause: row.clauses[0] }];
      return [];
    },
    run: (_p, step) => {
      const { s, row } = step;
      if (row.id === 'T13') return accept(emit(step, 'FastTrackApproved', {}, { stopped: ['TM05'] }));
      if (row.id === 'T45') return accept(emit(step, 'AdoptionWindowExpired', {}, { stopped: allTimers(s) }));
      const result = s.outcome?.result ?? 'rejected';
      return accept(emit(step, 'SelfGovernanceDecisionFinalised', { result, ...(s.outcome?.selectedSolutionId ? { selectedSolutionId: s.outcome.selectedSolutionId } : {}) },
        { to: resultTarget(result), stopped: result === 'rejected' ? allTimers(s) : ['TM04'] }));
    },
  },
  'decide-appeal': {
    // Repeat: refused 409 (the appeal is decided).
    run: (p, step) => {
      const { s, ctx } = step;
      if (!ctx.rulebook.parameters.appeal.outcomes.value.includes(p.outcome)) return refuse('invalid-input', `Appeal outcome ${p.outcome} is not allowed`, 'D:self-governance-appeals', { status: 422 });
      if (p.outcome === 'remit') return accept(emit(step, 'AppealDecided', { outcome: 'remit', reasons: p.reasons, ...(p.decisionDocumentId ? { decisionDocumentId: p.decisionDocumentId } : {}) }, { to: 'S06' }));
      const provisional = s.outcome?.result ?? 'rejected';
      const result = p.outcome === 'uphold' ? provisional : opposite(provisional);
      const selected = result === 'approved'
        ? (p.outcome === 'uphold' ? s.outcome?.selectedSolutionId : p.approvedSolutionId ?? 'proposed') : undefined;
      if (selected && !s.solutions.some((x) => x.solutionId === selected)) return refuse('invalid-input', `No solution ${selected}`, 'D:self-governance-appeals', { status: 422 });
      return accept(emit(step, 'AppealDecided', {
        outcome: p.outcome, result, ...(selected ? { selectedSolutionId: selected } : {}), reasons: p.reasons, ...(p.decisionDocumentId ? { decisionDocumentId: p.decisionDocumentId } : {}),
      }, { to: resultTarget(result), ...(result === 'rejected' ? { stopped: allTimers(s) } : {}) }));
    },
  },
  'attach-final-modification-report': {
    // Repeat: accepted (a new FMR version); TM09 starts with the first.
    run: (p, step) => accept(emit(step, 'FinalModificationReportAttached', { documentId: p.documentId }, step.s.fmr ? {} : { started: [startTimer(step.ctx, 'TM09', step.s)] })),
  },
  decide: {
    // Repeat: refused 409 (decided).
    run: (p, step) => {
      const { s, ctx } = step;
      const g = new GuardCheck(s, ctx).check('fmr-attached', s.fmr !== undefined, 'no Final Modification Report is attached');
      if (!g.ok) return g.refusal(step.row);
      const result: Result = p.outcome === 'approve' ? 'approved' : 'rejected';
      const selected = result === 'approved' ? (p.approvedSolutionId ?? s.outcome?.selectedSolutionId ?? 'proposed') : undefined;
      if (selected && !s.solutions.some((x) => x.solutionId === selected)) return refuse('invalid-input', `No solution ${selected}`, 'D:authority-decision', { status: 422 });
      return accept(emit(step, 'AuthorityDecided', { result, ...(selected ? { selectedSolutionId: selected } : {}), reasons: p.reasons, decisionLetterDocumentId: p.decisionLetterDocumentId },
        { to: resultTarget(result), stopped: result === 'rejected' ? allTimers(s) : s.timers.TM09 ? ['TM09'] : [] }));
    },
  },
  'schedule-implementation': {
    // Repeat: refused 409 (already scheduled).
    run: (p, step) => accept(emit(step, 'ImplementationScheduled', {
      implementationDate: p.implementationDate, ...(p.releaseId ? { releaseId: p.releaseId } : {}),
      ...(step.s.outcome?.selectedSolutionId ? { frozenSolutionId: step.s.outcome.selectedSolutionId } : {}),
    }, { started: [startTimer(step.ctx, 'TM10', step.s, endOfDate(step.ctx, p.implementationDate))] })),
  },
  'mark-implemented': {
    // Repeat: refused 409 (Implemented is terminal).
    pre: (s, ctx) => (s.implementation && todayOf(ctx) < s.implementation.implementationDate
      ? [{ invalid: `The Implementation Date ${s.implementation.implementationDate} has not been reached`, clause: 'C2.3(d)' }] : []),
    run: (p, step) => accept(emit(step, 'ModificationImplemented', { secVersion: p.secVersion }, { stopped: allTimers(step.s) })),
  },
};
