// What the proposal page shows, built from the folded state (sec-process.md §8 "Artefacts per
// stage"): solutions and their versions, representations, advice, consultations and responses,
// DCC assessments, the Modification Report, votes (only once the ballot has closed), the
// decision, the appeal, implementation, and what happens next with its dates.
import type { BallotState, ModificationState } from '../../../domain/modification/index.ts';
import type { WorkingDayCalendar } from '../../../domain/calendar/index.ts';
import { PARTY_CATEGORY_LABELS, type PartyCategory } from '../../../domain/parties/organisation.ts';
import { TIMER_LABELS, londonDateTime, londonDay, longDate, runningTimers, timerDefinition } from '../calendar/deadlines.ts';
import type { TimerId } from '../../../domain/rulebook/index.ts';

export interface Directory {
  readonly users: ReadonlyMap<string, { name: string; organisationId: string | null }>;
  readonly organisations: ReadonlyMap<string, string>;
}

const ACTOR_KIND_LABELS: Readonly<Record<string, string>> = {
  party: 'Party', proposer: 'Proposer', 'defaulting-party': 'Defaulting Party', 'citizens-advice': 'Citizens Advice', dcc: 'DCC',
  authority: 'the Authority', panel: 'the Panel', csc: 'Change Sub-Committee', 'change-board': 'Change Board', 'working-group': 'Working Group',
  'code-administrator': 'Code Administrator', ssc: 'Security Sub-Committee', 'ssc-member': 'Security Sub-Committee Member',
  'smki-pma': 'SMKI PMA', 'pma-member': 'SMKI PMA Member', tabasc: 'TABASC', 'alt-han-forum': 'Alt HAN Forum', system: 'System',
};
const ADVICE_BY: Readonly<Record<string, string>> = { tabasc: 'TABASC', ssc: 'Security Sub-Committee', 'smki-pma': 'SMKI PMA' };
const ADDRESSEES: Readonly<Record<string, string>> = { panel: 'the Panel', 'change-sub-committee': 'the Change Sub-Committee', 'change-board': 'the Change Board', 'working-group': 'the Working Group' };
const SEAT_LABELS: Readonly<Record<string, string>> = { ...PARTY_CATEGORY_LABELS, consumer: 'Consumer', dcc: 'DCC', chair: 'Chair' };
const CHOICES: Readonly<Record<string, string>> = { approve: 'Approve', reject: 'Reject', abstain: 'Abstain' };
const OUTCOME_BY: Readonly<Record<string, string>> = { 'change-board': 'the Change Board', authority: 'the Authority', appeal: 'the Authority on appeal', 'fast-track': 'the Panel (Fast-Track)' };
const OUTCOME_STATUS: Readonly<Record<string, string>> = { provisional: 'Provisional (appeal window)', recommendation: 'Recommendation to the Authority', final: 'Final' };
const APPEAL_OUTCOME: Readonly<Record<string, string>> = { uphold: 'Decision upheld', overturn: 'Decision overturned', remit: 'Remitted to the Change Board' };

const GBP = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const WHOLE_GBP = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
/** "£1,234,567" for whole pounds, "£1,234.50" otherwise. */
export const formatGbp = (amount: number): string => (Number.isInteger(amount) ? WHOLE_GBP : GBP).format(amount);

export const actorKindLabel = (kind: string): string => ACTOR_KIND_LABELS[kind] ?? kind;
export const seatLabel = (category: string): string => SEAT_LABELS[category as PartyCategory] ?? category;

export function solutionNames(state: ModificationState): Map<string, string> {
  let alt = 0;
  return new Map(state.solutions.map((s) => [s.solutionId, s.kind === 'proposed' ? 'Proposed Solution' : `Alternative Solution ${++alt}`]));
}

function who(dir: Directory, userId: string | undefined, organisationId?: string): { name: string; organisation: string } {
  const user = userId ? dir.users.get(userId) : undefined;
  const org = organisationId ?? user?.organisationId ?? undefined;
  return { name: user?.name ?? userId ?? '', organisation: (org ? dir.organisations.get(org) : undefined) ?? org ?? '' };
}

function ballotView(state: ModificationState, b: BallotState, names: Map<string, string>, dir: Directory) {
  const closed = b.closedAt !== undefined;
  const votingSeats = b.seats.filter((s) => s.voting);
  const base = {
    id: b.ballotId,
    purpose: b.purpose === 'decision' ? 'Decision (Self-Governance)' : 'Recommendation to the Authority',
    openedAt: londonDateTime(b.openedAt),
    closedAt: closed ? londonDateTime(b.closedAt) : undefined,
    closed,
    result: b.result === 'adjourned' ? 'Adjourned' : b.result === 'decided' ? 'Decided' : undefined,
    seatsVoted: new Set(b.votes.map((v) => v.seatId)).size,
    votingSeats: votingSeats.length,
  };
  // Before the ballot closes only the count is public: votes are not shown while members still vote.
  if (!closed) return { ...base, solutions: [] };
  return {
    ...base,
    explanation: (b.explanation ?? '').split('\n').filter((l) => l.trim() !== ''),
    solutions: b.solutionIds.map((id) => ({
      id,
      name: names.get(id) ?? id,
      result: state.outcome?.perSolution[id],
      votes: b.votes.filter((v) => v.solutionId === id).map((v) => {
        const seat = b.seats.find((s) => s.seatId === v.seatId);
        return {
          seat: seat ? seatLabel(seat.category) : v.seatId,
          member: who(dir, v.castBy).name + (v.asAlternate ? ' (alternate)' : ''),
          choice: CHOICES[v.choice] ?? v.choice,
          rationale: v.rationale,
        };
      }),
    })),
  };
}

export function proposalView(state: ModificationState, dir: Directory, calendar: WorkingDayCalendar, now: Date) {
  const names = solutionNames(state);
  const today = calendar.toLocalDate(now);
  const representationAuthor = new Map(state.representations.map((r) => [r.representationId, r]));
  return {
    solutions: state.solutions.map((s) => ({
      id: s.solutionId,
      name: names.get(s.solutionId) ?? s.solutionId,
      wgVote: s.wgVote,
      versions: s.versions.map((v) => ({
        version: v.version,
        summary: v.summary,
        legalTextDocumentId: v.legalTextDocumentId,
        legalTextBaseline: v.legalTextBaseline,
        affectsDccSystems: v.affectsDccSystems ? 'Yes' : 'No',
        by: who(dir, v.byUserId).name,
        at: londonDay(v.at),
      })).reverse(),
    })),
    representations: state.representations.map((r) => {
      const w = who(dir, r.authorUserId, r.authorOrganisationId);
      return {
        id: r.representationId,
        authorKind: actorKindLabel(r.authorKind),
        author: w.name,
        organisation: w.organisation,
        phase: r.phase === 'draft' ? 'Draft Proposal' : 'Modification Proposal',
        purposeAndEffect: r.purposeAndEffect,
        evidence: r.evidenceDocumentIds.join(', '),
        evidenceSummary: r.evidenceSummary,
        forumLimb: r.forumLimb ? `Z1.6(a)(${r.forumLimb})` : undefined,
        at: londonDay(r.at),
      };
    }),
    advice: state.advice.map((a) => ({
      by: ADVICE_BY[a.by] ?? a.by,
      addressedTo: a.addressedTo.map((x) => ADDRESSEES[x] ?? x).join(', '),
      summary: a.summary,
      documentId: a.documentId,
      phase: a.phase === 'draft' ? 'Draft Proposal' : 'Modification Proposal',
      at: londonDay(a.at),
    })),
    consultations: state.consultations.map((c) => ({
      id: c.consultationId,
      name: c.kind === 'refinement' ? 'Refinement Consultation' : 'Modification Report Consultation',
      documentId: c.documentId,
      responseFormDocumentId: c.responseFormDocumentId,
      opens: londonDay(c.opensAt),
      closes: londonDay(c.closesAt),
      closed: c.closedAt ? `${londonDay(c.closedAt)}${c.closedBy === 'system' ? ' (at the deadline)' : ''}` : undefined,
      responses: c.responses.map((r) => {
        const w = who(dir, r.respondentUserId, r.respondentOrganisationId);
        return { respondent: w.name, organisation: w.organisation, kind: actorKindLabel(r.respondentKind), response: r.response, documentId: r.documentId, at: londonDay(r.at) };
      }),
    })),
    dccAssessments: state.dccAssessments.map((a) => ({
      id: a.requestId,
      type: a.type === 'impact' ? 'Impact Assessment' : 'Preliminary Assessment',
      urgent: a.urgent,
      requested: londonDay(a.requestedAt),
      cost: a.result ? formatGbp(a.result.costGbp) : undefined,
      estimate: a.result?.implementationEstimate,
      documentId: a.result?.documentId,
      returned: a.result ? londonDay(a.result.at) : undefined,
    })),
    dccImpactAssessmentWaived: state.dccImpactAssessmentWaived === true,
    report: state.modificationReport ? {
      version: state.modificationReport.version,
      documentId: state.modificationReport.reportDocumentId,
      sections: state.modificationReport.sections,
      solutions: state.modificationReport.solutionIds.map((id) => names.get(id) ?? id).join(', '),
      representations: state.modificationReport.representations.map((r) => {
        const rep = representationAuthor.get(r.representationId);
        return { id: r.representationId, author: rep ? `${actorKindLabel(rep.authorKind)}: ${who(dir, rep.authorUserId, rep.authorOrganisationId).name}` : r.representationId, evidenceSummary: r.evidenceSummary };
      }),
      issued: londonDay(state.modificationReport.issuedAt),
    } : undefined,
    ballots: [...state.pastBallots, ...(state.ballot ? [state.ballot] : [])].map((b) => ballotView(state, b, names, dir)),
    outcome: state.outcome ? {
      by: OUTCOME_BY[state.outcome.by] ?? state.outcome.by,
      status: OUTCOME_STATUS[state.outcome.status] ?? state.outcome.status,
      result: state.outcome.result === 'approved' ? 'Approved' : 'Rejected',
      selected: state.outcome.selectedSolutionId ? names.get(state.outcome.selectedSolutionId) ?? state.outcome.selectedSolutionId : undefined,
      perSolution: Object.entries(state.outcome.perSolution).map(([id, r]) => ({ name: names.get(id) ?? id, result: r === 'approved' ? 'Approved' : 'Rejected' })),
      explanation: state.outcome.explanation,
      at: londonDay(state.outcome.at),
    } : undefined,
    appeal: state.appeal ? {
      appellant: who(dir, state.appeal.appellantUserId, state.appeal.appellantOrganisationId),
      grounds: state.appeal.grounds.map((g) => g.replace(/-/g, ' ')).join('; '),
      lodged: londonDay(state.appeal.lodgedAt),
      outcome: state.appeal.outcome ? APPEAL_OUTCOME[state.appeal.outcome] ?? state.appeal.outcome : 'Awaiting the Authority’s decision',
    } : undefined,
    implementation: state.implementation ? {
      date: londonDay(state.implementation.implementationDate),
      releaseId: state.implementation.releaseId,
      solution: state.implementation.frozenSolutionId ? names.get(state.implementation.frozenSolutionId) ?? state.implementation.frozenSolutionId : undefined,
      secVersion: state.implementation.secVersion,
      implemented: state.implementation.implementedAt ? londonDay(state.implementation.implementedAt) : undefined,
    } : undefined,
    next: [...runningTimers(state), ...pausedTimers(state)].map(({ id, timer }) => {
      const due = calendar.toLocalDate(new Date(timer.dueAt));
      const wd = calendar.countWorkingDaysBetween(today, due);
      const def = timerDefinition(id);
      return {
        timer: id,
        what: TIMER_LABELS[id],
        kind: timer.kind === 'hard' ? 'Deadline' : timer.kind === 'scheduling' ? 'Meeting' : 'Target',
        paused: timer.status === 'paused',
        date: longDate(due),
        workingDays: timer.status === 'paused' ? 'Paused' : wd === 0 ? 'Today' : wd > 0 ? `${wd} Working ${wd === 1 ? 'Day' : 'Days'} from today` : `${-wd} Working ${wd === -1 ? 'Day' : 'Days'} ago`,
        onExpiry: def?.onExpiry.effect,
      };
    }),
  };
}

function pausedTimers(state: ModificationState) {
  return (Object.entries(state.timers) as [TimerId, NonNullable<ModificationState['timers'][TimerId]>][])
    .filter(([, t]) => t?.status === 'paused')
    .map(([id, timer]) => ({ id, timer }));
}
