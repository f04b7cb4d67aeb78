// The proposal page: summary, stage ribbon, the artefacts of each stage (proposal-view.ts),
// "What happens next" with dates, the timeline of every event (who, when, what,
// clause), and what the signed-in user may do now — from the same `availableActions` the
// API exposes, so the page and the API cannot disagree.
import type { FastifyInstance } from 'fastify';
import { availableActions } from '../../../domain/modification/index.ts';
import { actorFrom } from '../../../app/modifications/actor.ts';
import { loadModification, lookUpFacts, referenceOf, rulebookOf } from '../../../app/modifications/command-handler.ts';
import { currentProblemStatement } from '../../../app/modifications/register-row.ts';
import { modificationStream, parseReference } from '../../../app/modifications/references.ts';
import { HttpProblem } from '../../problem.ts';
import { renderPage } from '../../render.ts';
import { stageRibbon } from './stage-ribbon.ts';
import { proposalView } from './proposal-view.ts';
import { calendarSettingsOf } from '../../../domain/rulebook/index.ts';
import { createWorkingDayCalendar } from '../../../domain/calendar/index.ts';
import { londonDateTime } from '../calendar/deadlines.ts';
import { supportingDocumentsView } from '../uploads/view.ts';

export async function proposalRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;
  app.get<{ Params: { reference: string } }>('/proposals/:reference', async (request, reply) => {
    const n = parseReference(request.params.reference);
    const { state } = n ? await loadModification(services.database.db, services.store, n) : { state: undefined };
    if (!n || !state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${request.params.reference}.`);
    const events = await services.store.readStream(modificationStream(n));
    const db = services.database.db;
    const users = new Map((await db.selectFrom('users').select(['id', 'name', 'organisation_id']).execute()).map((u) => [u.id, { name: u.name, organisationId: u.organisation_id }]));
    const organisations = new Map((await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
    const names = new Map([...users].map(([id, u]) => [id, u.name]));
    const now = services.clock.now();
    const rulebook = rulebookOf(state, now);
    const calendar = createWorkingDayCalendar(calendarSettingsOf(rulebook));
    const actions = request.principal
      ? availableActions(state, { now, rulebook, actor: actorFrom(request.principal), facts: await lookUpFacts(services.database.db, actorFrom(request.principal), state, now), reference: n })
      : [];
    const reference = referenceOf(state, n);
    return renderPage(request, reply, 'pages/proposal/proposal.njk', {
      pageTitle: `${reference}: ${state.title}`,
      reference,
      state,
      problemStatement: currentProblemStatement(state),
      ribbon: stageRibbon(state.state),
      view: proposalView(state, { users, organisations }, calendar, now),
      proposerOrganisation: state.proposer.organisationId ? organisations.get(state.proposer.organisationId) : undefined,
      created: londonDateTime(state.createdAt),
      today: calendar.toLocalDate(now),
      timeline: events.map((e) => ({
        at: londonDateTime(e.recordedAt.toISOString()),
        type: e.type.replace(/([a-z])([A-Z])/g, '$1 $2'),
        who: names.get(String((e.metadata.actor as { userId?: string } | undefined)?.userId)) ?? String((e.metadata.actor as { userId?: string } | undefined)?.userId ?? ''),
        clauses: ((e.metadata.clauseRefs as string[] | undefined) ?? []).join(', '),
      })).reverse(),
      actions,
      supportingDocuments: supportingDocumentsView(state, reference, { users, organisations }, request.principal),
    });
  });
}
