// Folding events into state. Pure and total: evolve never refuses, it only records what
// decide accepted; replaying a stream always rebuilds the same state (RB-01).
import { STATES } from '../rulebook/states.ts';
import type { StateId, StateName, TimerId } from '../rulebook/types.ts';
import type { EventBase, ModificationEvent } from './events.ts';
import { currentVersion, type ModificationState, type Solution, type TimerState } from './state.ts';

const NAMES: Readonly<Record<string, StateName>> = Object.fromEntries(STATES.map((s) => [s.id, s.name]));
export const stateNameOf = (id: StateId): StateName => NAMES[id] as StateName;

const applyTimers = (timers: ModificationState['timers'], d: EventBase): ModificationState['timers'] => {
  if (!d.timersStarted?.length && !d.timersStopped?.length) return timers;
  const next: Partial<Record<TimerId, TimerState>> = { ...timers };
  for (const t of d.timersStopped ?? []) delete next[t];
  for (const t of d.timersStarted ?? []) next[t.timer] = { timer: t.timer, kind: t.kind, startedAt: d.at, dueAt: t.dueAt, status: 'running' };
  return next;
};

const replaceSolution = (solutions: readonly Solution[], s: Solution): Solution[] =>
  solutions.some((x) => x.solutionId === s.solutionId) ? solutions.map((x) => (x.solutionId === s.solutionId ? s : x)) : [...solutions, s];

const create = (e: Extract<ModificationEvent, { type: 'DraftProposalSubmitted' }>): ModificationState => {
  const d = e.data;
  return {
    reference: d.reference,
    references: { dp: d.dpReference },
    phase: 'draft',
    state: d.to,
    stateName: stateNameOf(d.to),
    rulebookVersion: d.rulebookVersion,
    version: 1,
    createdAt: d.at,
    proposer: d.proposer,
    proposerHistory: [d.proposer],
    title: d.title,
    problemStatements: [{ version: 1, text: d.problemStatement, at: d.at, final: false }],
    affectedProvisions: d.affectedProvisions,
    submissionBasis: d.submissionBasis,
    ...(d.recommendedPath ? { recommendedPath: d.recommendedPath } : {}),
    ...(d.problemRef ? { problemRef: d.problemRef } : {}),
    ...(d.bodyDecisionId ? { bodyDecisionId: d.bodyDecisionId } : {}),
    ...(d.scrId ? { scrId: d.scrId } : {}),
    iprAcceptedAt: d.at,
    processVariant: d.processVariant,
    caSupportLog: [],
    criticalFriendReviews: [],
    screenings: [],
    representations: [],
    advice: [],
    fastTrack: false,
    urgency: 'none',
    waivedGuards: [],
    timerOverrides: {},
    solutions: [],
    dccAssessments: [],
    consultations: [],
    pastBallots: [],
    baselineRechecks: [],
    sendBacks: [],
    supportingDocuments: [],
    timers: applyTimers({}, d),
  };
};

const fold = (s: ModificationState, e: ModificationEvent): ModificationState => {
  const d = e.data;
  switch (e.type) {
    case 'DraftProposalSubmitted':
      return s;
    case 'CriticalFriendReviewRecorded':
      return { ...s, criticalFriendReviews: [...s.criticalFriendReviews, { commentsDocumentId: e.data.commentsDocumentId, ...(e.data.summary ? { summary: e.data.summary } : {}), at: d.at }] };
    case 'CaSupportRecorded':
      return {
        ...s,
        caAnalystUserId: s.caAnalystUserId ?? e.data.byUserId,
        caSupportLog: [...s.caSupportLog, { summary: e.data.summary, ...(e.data.documentId ? { documentId: e.data.documentId } : {}), byUserId: e.data.byUserId, at: d.at }],
      };
    case 'ProblemStatementRevised':
      return { ...s, problemStatements: [...s.problemStatements, { version: e.data.version, text: e.data.text, at: d.at, final: e.data.final }] };
    case 'ScreeningRecorded': {
      const { at, transition: _t, to: _to, timersStarted: _ts, timersStopped: _tp, submitterScopeConfirmed: _c, ...rest } = e.data;
      const record = { ...rest, at };
      return { ...s, screening: record, screenings: [...s.screenings, record], ...(rest.outcome === 'invalid' ? { closure: { reason: rest.reason ?? 'Invalid submission', at } } : {}) };
    }
    case 'ProblemStatementAgreed':
      return { ...s, agreedProblemStatementVersion: e.data.problemStatementVersion };
    case 'ConversionRequested':
      return s;
    case 'DraftProposalConverted': {
      const p = e.data.proposedSolution;
      return {
        ...s,
        phase: 'proposal',
        references: { ...s.references, mp: e.data.mpReference },
        convertedAt: d.at,
        route: e.data.route,
        path: e.data.path,
        ...(e.data.pathReasons ? { pathReasons: e.data.pathReasons } : {}),
        timetable: { summary: e.data.timetable.summary, by: 'panel' },
        timerOverrides: { ...s.timerOverrides, ...e.data.timerOverrides },
        workingGroupRequired: e.data.workingGroupRequired,
        solutions: p ? [{ solutionId: 'proposed', kind: 'proposed', versions: [{ ...p, version: 1, at: d.at }] }] : s.solutions,
      };
    }
    case 'SentBack':
      return { ...s, sendBacks: [...s.sendBacks, { from: e.data.from, to: d.to, by: e.data.by, reasons: e.data.reasons, at: d.at }], ballot: undefined, outcome: undefined, fmr: undefined };
    case 'FastTrackRaised':
      return {
        ...s,
        phase: 'proposal',
        references: { ...s.references, mp: e.data.mpReference },
        convertedAt: d.at,
        fastTrack: true,
        path: 3,
        solutions: [{ solutionId: 'proposed', kind: 'proposed', versions: [{ ...e.data.solution, version: 1, at: d.at }] }],
      };
    case 'FastTrackObjected':
      return { ...s, fastTrack: false, route: 'refinement' };
    case 'FastTrackApproved':
      return { ...s, outcome: { by: 'fast-track', status: 'final', result: 'approved', selectedSolutionId: 'proposed', perSolution: { proposed: 'approved' }, at: d.at } };
    case 'WorkingGroupEstablished':
      return { ...s, workingGroup: { establishedAt: d.at, ...(e.data.termsOfReferenceDocumentId ? { termsOfReferenceDocumentId: e.data.termsOfReferenceDocumentId } : {}), members: e.data.members, nominations: [] } };
    case 'WorkingGroupMemberAppointed': {
      const wg = s.workingGroup;
      if (!wg) return s;
      return {
        ...s,
        workingGroup: {
          ...wg,
          members: [...wg.members, e.data.member],
          nominations: wg.nominations.map((n) => (n.nominationId === e.data.nominationId ? { ...n, status: 'appointed' as const } : n)),
        },
      };
    }
    case 'WorkingGroupMemberNominated': {
      const wg = s.workingGroup;
      if (!wg) return s;
      const n = e.data;
      return {
        ...s,
        workingGroup: {
          ...wg,
          nominations: [...wg.nominations, { nominationId: n.nominationId, nomineeUserId: n.nomineeUserId, name: n.name, ...(n.organisationId ? { organisationId: n.organisationId } : {}), nominatedBy: n.nominatedBy, status: n.admitted ? 'appointed' : 'pending' }],
          members: n.admitted ? [...wg.members, { userId: n.nomineeUserId, name: n.name, ...(n.organisationId ? { organisationId: n.organisationId } : {}), via: 'ssc-nomination' }] : wg.members,
        },
      };
    }
    case 'ProposedSolutionAmended': {
      const existing = s.solutions.find((x) => x.solutionId === e.data.solutionId);
      const version = { ...e.data.solution, version: e.data.version, at: d.at };
      const sol: Solution = existing ? { ...existing, versions: [...existing.versions, version] } : { solutionId: e.data.solutionId, kind: 'proposed', versions: [version] };
      return { ...s, solutions: replaceSolution(s.solutions, sol) };
    }
    case 'AlternativeSolutionRaised': {
      const { objectives: _o, ...vote } = e.data.wgVote;
      return { ...s, solutions: [...s.solutions, { solutionId: e.data.solutionId, kind: 'alternative', versions: [{ ...e.data.solution, version: 1, at: d.at }], wgVote: vote }] };
    }
    case 'DccAssessmentRequested':
      return { ...s, dccAssessments: [...s.dccAssessments, { requestId: e.data.requestId, type: e.data.type, urgent: e.data.urgent, requestedAt: d.at }] };
    case 'DccAssessmentRecorded':
      return {
        ...s,
        dccAssessments: s.dccAssessments.map((a) => (a.requestId === e.data.requestId
          ? { ...a, result: { costGbp: e.data.costGbp, implementationEstimate: e.data.implementationEstimate, documentId: e.data.documentId, at: d.at } }
          : a)),
      };
    case 'ConsultationOpened':
      return {
        ...s,
        consultations: [...s.consultations, {
          consultationId: e.data.consultationId, kind: e.data.kind, documentId: e.data.documentId,
          ...(e.data.responseFormDocumentId ? { responseFormDocumentId: e.data.responseFormDocumentId } : {}),
          opensAt: d.at, closesAt: e.data.closesAt, responses: [],
        }],
      };
    case 'ConsultationResponded': {
      const { consultationId, at: _a, transition: _t, to: _to, timersStarted: _s, timersStopped: _p, ...r } = e.data;
      return { ...s, consultations: s.consultations.map((c) => (c.consultationId === consultationId ? { ...c, responses: [...c.responses, { ...r, at: d.at }] } : c)) };
    }
    case 'ConsultationClosed':
      return { ...s, consultations: s.consultations.map((c) => (c.consultationId === e.data.consultationId ? { ...c, closedAt: d.at, closedBy: e.data.closedBy } : c)) };
    case 'RepresentationMade': {
      const { at, transition: _t, to: _to, timersStarted: _s, timersStopped: _p, ...r } = e.data;
      return { ...s, representations: [...s.representations, { ...r, at }] };
    }
    case 'AdviceRecorded': {
      const { at, transition: _t, to: _to, timersStarted: _s, timersStopped: _p, ...r } = e.data;
      return { ...s, advice: [...s.advice, { ...r, at }] };
    }
    case 'RefinementCompleted':
      return { ...s, dccImpactAssessmentWaived: e.data.dccImpactAssessmentWaived };
    case 'ModificationReportIssued':
      return {
        ...s,
        modificationReport: {
          version: e.data.version, reportDocumentId: e.data.reportDocumentId, sections: e.data.sections,
          solutionIds: e.data.solutionIds, representations: e.data.representations, issuedAt: d.at,
        },
      };
    case 'ReportConsultationApproved':
      return { ...s, mrcTimetable: { opensOn: e.data.opensOn, closesOn: e.data.closesOn } };
    case 'BallotOpened':
      return {
        ...s,
        ballot: {
          ballotId: e.data.ballotId, purpose: e.data.purpose, solutionIds: e.data.solutionIds, proposedSolutionId: e.data.proposedSolutionId,
          seats: e.data.seats, votes: [], preferences: {}, openedAt: d.at,
        },
      };
    case 'VoteCast': {
      const b = s.ballot;
      if (!b) return s;
      const v = e.data;
      return {
        ...s,
        ballot: {
          ...b,
          votes: [...b.votes, { seatId: v.seatId, castBy: v.castBy, asAlternate: v.asAlternate, solutionId: v.solutionId, choice: v.choice, rationale: v.rationale, objectives: v.objectives, at: d.at }],
          preferences: v.preferences ? { ...b.preferences, [v.seatId]: v.preferences } : b.preferences,
        },
      };
    }
    case 'VoteClosed': {
      const b = s.ballot;
      const closed = b ? { ...b, seats: e.data.seats, closedAt: d.at, result: e.data.outcome, explanation: e.data.explanation } : undefined;
      const pastBallots = closed ? [...s.pastBallots, closed] : s.pastBallots;
      if (e.data.outcome === 'adjourned') return { ...s, ballot: undefined, pastBallots };
      return {
        ...s,
        ballot: closed,
        pastBallots,
        outcome: {
          by: 'change-board',
          status: e.data.purpose === 'decision' ? 'provisional' : 'recommendation',
          result: e.data.result ?? 'rejected',
          ...(e.data.selectedSolutionId ? { selectedSolutionId: e.data.selectedSolutionId } : {}),
          perSolution: e.data.perSolution,
          explanation: e.data.explanation,
          at: d.at,
        },
      };
    }
    case 'BaselineRechecked':
      return { ...s, baselineRechecks: [...s.baselineRechecks, { legalTextDocumentId: e.data.legalTextDocumentId, secVersion: e.data.secVersion, at: d.at }] };
    case 'AppealLodged':
      return {
        ...s,
        appeal: { appellantUserId: e.data.appellantUserId, ...(e.data.appellantOrganisationId ? { appellantOrganisationId: e.data.appellantOrganisationId } : {}), grounds: e.data.grounds, lodgedAt: d.at },
      };
    case 'SelfGovernanceDecisionFinalised':
      return s.outcome ? { ...s, outcome: { ...s.outcome, status: 'final', result: e.data.result, at: d.at } } : s;
    case 'AppealDecided': {
      const appeal = s.appeal ? { ...s.appeal, outcome: e.data.outcome } : undefined;
      if (e.data.outcome === 'remit') return { ...s, ...(appeal ? { appeal } : {}), outcome: undefined, ballot: undefined };
      return {
        ...s,
        ...(appeal ? { appeal } : {}),
        outcome: {
          by: 'appeal', status: 'final', result: e.data.result ?? 'rejected',
          ...(e.data.selectedSolutionId ? { selectedSolutionId: e.data.selectedSolutionId } : {}),
          perSolution: s.outcome?.perSolution ?? {}, at: d.at,
        },
      };
    }
    case 'FinalModificationReportAttached':
      return { ...s, fmr: { documentId: e.data.documentId, attachedAt: d.at } };
    case 'AuthorityDecided':
      return {
        ...s,
        outcome: {
          by: 'authority', status: 'final', result: e.data.result,
          ...(e.data.selectedSolutionId ? { selectedSolutionId: e.data.selectedSolutionId } : {}),
          perSolution: e.data.selectedSolutionId ? { [e.data.selectedSolutionId]: e.data.result } : {}, explanation: e.data.reasons, at: d.at,
        },
      };
    case 'ImplementationScheduled':
      return { ...s, implementation: { implementationDate: e.data.implementationDate, ...(e.data.releaseId ? { releaseId: e.data.releaseId } : {}), ...(e.data.frozenSolutionId ? { frozenSolutionId: e.data.frozenSolutionId } : {}) } };
    case 'ModificationImplemented':
      return s.implementation ? { ...s, implementation: { ...s.implementation, secVersion: e.data.secVersion, implementedAt: d.at } } : s;
    case 'ProposalWithdrawn':
      return { ...s, withdrawal: { resumeState: e.data.resumeState, withdrawnAt: d.at, ...(e.data.reason ? { reason: e.data.reason } : {}) } };
    case 'ProposalAdopted':
      return { ...s, proposer: e.data.proposer, proposerHistory: [...s.proposerHistory, e.data.proposer], withdrawal: undefined };
    case 'AdoptionWindowExpired':
      return s;
    case 'ProposalSuspendedForScr': {
      const timers: Partial<Record<TimerId, TimerState>> = { ...s.timers };
      for (const p of e.data.paused) {
        const t = timers[p.timer];
        if (t) timers[p.timer] = { ...t, status: 'paused', remaining: p.remaining };
      }
      return { ...s, scrId: e.data.scrId, suspension: { resumeState: e.data.resumeState, scrId: e.data.scrId, at: d.at }, timers };
    }
    case 'ProposalResumedAfterScr':
      return { ...s, suspension: undefined };
    case 'ProposalClosedForScr':
      return { ...s, suspension: undefined, timers: {}, closure: { reason: e.data.reasons, at: d.at } };
    case 'UrgencyRequested':
      return { ...s, urgency: 'requested' };
    case 'UrgencyDecided':
      return {
        ...s,
        urgency: e.data.granted ? 'granted' : 'refused',
        ...(e.data.granted && e.data.timetable ? { timetable: { summary: e.data.timetable.summary, by: 'authority' as const } } : {}),
        timerOverrides: { ...s.timerOverrides, ...e.data.timerOverrides },
        waivedGuards: e.data.waivedGuards,
      };
    case 'PathDetermined':
      return { ...s, path: e.data.path, pathReasons: e.data.reasons };
    case 'SupportingDocumentAttached': {
      const { at, transition: _t, to: _to, timersStarted: _ts, timersStopped: _tp, secMaterials: _m, ...document } = e.data;
      return { ...s, supportingDocuments: [...(s.supportingDocuments ?? []), { ...document, state: s.state, at }] };
    }
  }
};

/** Folds one event. Accepts `undefined` only for the creation event. */
export function evolve(state: ModificationState | undefined, event: ModificationEvent): ModificationState {
  if (state === undefined) {
    if (event.type !== 'DraftProposalSubmitted') throw new Error(`A stream must start with DraftProposalSubmitted, not ${event.type}`);
    return create(event);
  }
  const next = fold(state, event);
  const d: EventBase = event.data;
  return { ...next, state: d.to, stateName: stateNameOf(d.to), version: state.version + 1, timers: applyTimers(next.timers, d) };
}

export function replay(events: readonly ModificationEvent[]): ModificationState | undefined {
  let state: ModificationState | undefined;
  for (const e of events) state = evolve(state, e);
  return state;
}

/** The selected (or only approved) solution's current version, for implementation. */
export const selectedSolutionVersion = (s: ModificationState) => {
  const id = s.outcome?.selectedSolutionId;
  const sol = s.solutions.find((x) => x.solutionId === id);
  return sol ? currentVersion(sol) : undefined;
};
