// The Change Board voting page (sec-process.md §10, T32/T33):
//   GET  /proposals/:reference/vote   each solution with the member's vote form (or the vote
//                                     already cast), what the decision still needs, and the
//                                     results once the ballot has closed
//   POST /proposals/:reference/vote   casts one vote (`cast-vote`), then Post/Redirect/Get
// Members cast their own votes; the Secretariat sees the progress and closes the vote.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PAYLOAD_SCHEMAS, type BallotState, type JsonSchemaObject, type ModificationCommand, type ModificationState } from '../../../domain/modification/index.ts';
import { decisionRule, explainProgress, votingParametersOf, type Ballot, type Seat } from '../../../domain/voting/index.ts';
import { SEC_OBJECTIVES } from '../../../domain/rulebook/reference-data.ts';
import type { SecObjective } from '../../../domain/rulebook/index.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { actionHref, loadActionContext, signedIn, type ActionContext } from '../command-form/action-context.ts';
import { refusalOf, type Refused } from '../command-form/routes.ts';
import { setFlash } from '../command-form/flash.ts';
import { errorSummary, formItems, rawFormOf, readForm, validateForm, type FieldErrors, type RawForm } from '../command-form/schema-form.ts';

const VIEWERS = new Set(['change-board-member', 'secretariat', 'code-administrator']);
const CHOICE_TEXT: Readonly<Record<string, string>> = { approve: 'Approve', reject: 'Reject', abstain: 'Abstain' };

/** The cast-vote payload without what the page sets itself (the solution); preferences only when there is a choice. */
export function voteSchema(solutions: number): JsonSchemaObject {
  const cast = PAYLOAD_SCHEMAS['cast-vote'];
  const properties = Object.fromEntries(Object.entries(cast.properties ?? {}).filter(([k]) => k !== 'solutionId' && (k !== 'preferences' || solutions > 1)));
  return { ...cast, properties, required: (cast.required ?? []).filter((k) => k !== 'solutionId') };
}

/** The ballot as the voting module sees it, with each seat's suspension as it is today (M8.5(c)(i)). */
export function votingBallot(state: ModificationState, b: BallotState, currentSeats: readonly Seat[] | undefined): Ballot {
  const seats = b.seats.map((seat) => {
    const now = currentSeats?.find((x) => x.seatId === seat.seatId);
    return now && !b.closedAt ? { ...seat, suspended: now.suspended } : seat;
  });
  return {
    reference: state.references.mp ?? state.references.dp,
    purpose: b.purpose,
    solutionIds: b.solutionIds,
    proposedSolutionId: b.proposedSolutionId,
    seats,
    votes: b.votes.map((v) => ({ seatId: v.seatId, castBy: v.castBy, asAlternate: v.asAlternate, solutionId: v.solutionId, choice: v.choice, rationale: v.rationale, objectives: v.objectives })),
    preferences: b.preferences,
    rulebookVersion: state.rulebookVersion,
  };
}

const prefixOf = (i: number) => `s${i}.`;

interface VoteForm {
  readonly index?: number;
  readonly values?: RawForm;
  readonly errors?: FieldErrors;
  readonly refusal?: Refused;
}

function solutionNames(state: ModificationState): Map<string, string> {
  let alt = 0;
  return new Map(state.solutions.map((s) => [s.solutionId, s.kind === 'proposed' ? 'Proposed Solution' : `Alternative Solution ${++alt}`]));
}

function votePage(request: FastifyRequest, reply: FastifyReply, c: ActionContext, form: VoteForm = {}) {
  const { state } = c;
  const ballot = state.ballot ?? state.pastBallots[state.pastBallots.length - 1];
  const base = { pageTitle: `Change Board vote: ${c.reference}`, reference: c.reference, title: state.title };
  if (!ballot) return renderPage(request, reply, 'pages/vote/vote.njk', { ...base, ballot: undefined });
  const userId = c.ctx.actor.userId;
  const rb = c.ctx.rulebook;
  const rule = decisionRule(rb.parameters.changeBoard.decisionRule.value, votingParametersOf(rb));
  const forVoting = votingBallot(state, ballot, c.ctx.facts.changeBoardSeats);
  const mySeat = forVoting.seats.find((s) => s.memberId === userId) ?? forVoting.seats.find((s) => s.alternateId === userId);
  const open = !ballot.closedAt;
  const canVote = open && c.actions.some((a) => a.command === 'cast-vote');
  const decided = !open && ballot.result === 'decided';
  const decision = decided ? rule.decide(forVoting) : undefined;
  const names = solutionNames(state);
  const schema = voteSchema(ballot.solutionIds.length);
  const solutions = ballot.solutionIds.map((id, i) => {
    const solution = state.solutions.find((s) => s.solutionId === id);
    const current = solution?.versions[solution.versions.length - 1];
    const mine = mySeat ? ballot.votes.find((v) => v.seatId === mySeat.seatId && v.solutionId === id) : undefined;
    const name = names.get(id) ?? id;
    const formHere = form.index === i;
    return {
      id, name, index: i,
      summary: current?.summary,
      legalTextDocumentId: current?.legalTextDocumentId,
      myVote: mine ? {
        choice: CHOICE_TEXT[mine.choice], rationale: mine.rationale,
        objectives: Object.entries(mine.objectives).map(([k, v]) => ({ objective: `(${k}) ${SEC_OBJECTIVES[k as SecObjective]}`, view: v })),
      } : undefined,
      items: canVote && !mine ? formItems(schema, {
        prefix: prefixOf(i),
        values: formHere ? form.values : {},
        errors: formHere ? form.errors : {},
        hints: { preferences: `If you approve more than one solution, rank them: one solution ID per line, most preferred first (${ballot.solutionIds.join(', ')}).` },
      }) : undefined,
      result: decided ? {
        text: state.outcome?.perSolution[id] === 'approved' ? 'Approved' : 'Rejected',
        selected: state.outcome?.selectedSolutionId === id,
        reason: decision?.perSolution[id]?.reason,
        tallies: decision?.perSolution[id]?.tallies ?? [],
      } : undefined,
    };
  });
  const errorList = [
    ...(form.refusal ? [{ text: form.refusal.message, href: form.index !== undefined ? `#vote-${form.index}` : '#solutions' }] : []),
    ...errorSummary(form.errors ?? {}),
  ];
  const closeVote = c.actions.find((a) => a.command === 'close-vote');
  const status = form.refusal?.status ?? (Object.keys(form.errors ?? {}).length ? 422 : 200);
  return renderPage(request, reply.code(status), 'pages/vote/vote.njk', {
    ...base,
    ballot: {
      id: ballot.ballotId, open, decided, adjourned: !open && ballot.result === 'adjourned',
      purpose: ballot.purpose === 'decision' ? 'decides (Self-Governance, Path 3)' : 'recommends a decision to the Authority',
      openedAt: ballot.openedAt, closedAt: ballot.closedAt,
    },
    seat: mySeat ? { id: mySeat.seatId, category: mySeat.category, suspended: mySeat.suspended, voting: mySeat.voting } : undefined,
    canVote,
    requirement: rule.requirement,
    progress: open ? explainProgress(forVoting, rule).split('\n').filter((l) => l.trim() !== '') : undefined,
    votesCast: new Set(ballot.votes.map((v) => v.seatId)).size,
    seatsVoting: forVoting.seats.filter((s) => s.voting && !s.suspended).length,
    explanation: !open ? (ballot.explanation ?? '').split('\n').filter((l) => l.trim() !== '') : undefined,
    outcome: decided ? state.outcome : undefined,
    solutions,
    closeVoteHref: closeVote ? actionHref(c.reference, closeVote) : undefined,
    errorList,
  });
}

async function viewerContext(app: FastifyInstance, request: FastifyRequest<{ Params: { reference: string } }>): Promise<ActionContext> {
  const principal = signedIn(request, 'see the Change Board vote');
  if (!principal.roles.some((r) => VIEWERS.has(r.role))) {
    throw new HttpProblem(403, 'The voting page is for Change Board members and the Secretariat. The proposal page shows the decision once it is published.', { title: 'You cannot see this page' });
  }
  return loadActionContext(app, principal, request.params.reference);
}

export async function voteRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { reference: string } }>('/proposals/:reference/vote', async (request, reply) => votePage(request, reply, await viewerContext(app, request)));

  app.post<{ Params: { reference: string } }>('/proposals/:reference/vote', async (request, reply) => {
    const c = await viewerContext(app, request);
    const raw = rawFormOf(request.body);
    const ballot = c.state.ballot;
    const index = ballot ? ballot.solutionIds.indexOf(raw.solutionId ?? '') : -1;
    if (!ballot || ballot.closedAt || index < 0) {
      return votePage(request, reply, c, { refusal: { message: ballot && !ballot.closedAt ? 'Choose a solution on this ballot to vote on' : 'The Change Board ballot is not open (SEC D8)', status: ballot && !ballot.closedAt ? 422 : 409 } });
    }
    const schema = voteSchema(ballot.solutionIds.length);
    const prefix = prefixOf(index);
    const vote = readForm(schema, raw, prefix);
    const errors = validateForm(schema, vote, prefix);
    if (Object.keys(errors).length > 0) return votePage(request, reply, c, { index, values: raw, errors });
    const solutionId = ballot.solutionIds[index]!;
    try {
      await app.services.modifications.execute({
        number: c.number,
        // The vote was validated against the cast-vote schema above.
        command: { type: 'cast-vote', payload: { ...vote, solutionId } } as ModificationCommand,
        actor: c.ctx.actor,
      });
      const name = solutionNames(c.state).get(solutionId) ?? solutionId;
      setFlash(request, reply, { heading: `Your vote on the ${name} is recorded` });
      return reply.redirect(`/proposals/${c.reference}/vote`, 303);
    } catch (error) {
      return votePage(request, reply, c, { index, values: raw, refusal: refusalOf(error) });
    }
  });
}
