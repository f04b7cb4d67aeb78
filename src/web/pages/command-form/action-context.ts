// What a page needs to offer commands to the signed-in user: the proposal's state, the
// context the rules decide in, and `availableActions` — the same function the API's
// GET /actions and the proposal page use, so the pages and the API cannot disagree.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { availableActions, type Actor, type AvailableAction, type CommandContext, type CommandName, type ModificationState } from '../../../domain/modification/index.ts';
import { actorFrom } from '../../../app/modifications/actor.ts';
import { loadModification, lookUpFacts, referenceOf, rulebookOf } from '../../../app/modifications/command-handler.ts';
import { parseReference } from '../../../app/modifications/references.ts';
import type { Principal } from '../../../app/identity/principal.ts';
import { HttpProblem } from '../../problem.ts';

export interface ActionContext {
  readonly number: number;
  readonly reference: string;
  readonly state: ModificationState;
  readonly ctx: CommandContext;
  readonly actions: readonly AvailableAction[];
}

export const signedIn = (request: FastifyRequest, doing: string): Principal => {
  if (!request.principal) throw new HttpProblem(401, `Sign in to ${doing}.`);
  return request.principal;
};

/** The context for one proposal and one actor (with the state the caller passes, or loaded). */
export async function actionContextFor(app: FastifyInstance, principal: Principal, number: number, state: ModificationState): Promise<ActionContext> {
  const { services } = app;
  const now = services.clock.now();
  const actor = actorFrom(principal);
  const facts = await lookUpFacts(services.database.db, actor, state, now);
  const ctx: CommandContext = { now, rulebook: rulebookOf(state, now), actor, facts, reference: number };
  return { number, reference: referenceOf(state, number), state, ctx, actions: availableActions(state, ctx) };
}

export async function loadActionContext(app: FastifyInstance, principal: Principal, referenceText: string): Promise<ActionContext> {
  const n = parseReference(referenceText);
  const { state } = n ? await loadModification(app.services.database.db, app.services.store, n) : { state: undefined };
  if (!n || !state) throw new HttpProblem(404, `There is no Draft or Modification Proposal ${referenceText}.`);
  return actionContextFor(app, principal, n, state);
}

/** No body: `baseKindsOf` then grants none of the body-recorder kinds (§3.1). */
const NO_BODY = '-';

export const BODY_NAMES: Readonly<Record<string, string>> = {
  panel: 'the SEC Panel',
  'change-sub-committee': 'the Change Sub-Committee',
  'change-board': 'the Change Board',
  'working-group': 'the Working Group',
  ssc: 'the Security Sub-Committee',
  'smki-pma': 'the SMKI PMA',
  tabasc: 'TABASC',
  'alt-han-forum': 'the Alt HAN Forum',
};

/**
 * The bodies whose decision the user would be recording with this command (§3.1,
 * `actors.bodyDecisionRecorders`): offered only when the user may run the command as a
 * recorder and not in their own right, e.g. the Secretariat converting for the Panel.
 */
export function recordingBodies(c: ActionContext, command: CommandName): string[] {
  const recorders = c.ctx.rulebook.parameters.actors.bodyDecisionRecorders.value;
  const roles = new Set(c.ctx.actor.roles.map((r) => r.role as string));
  const candidates = Object.entries(recorders).filter(([, role]) => roles.has(role)).map(([body]) => body);
  if (candidates.length === 0) return [];
  const offers = (onBehalfOf: string) => availableActions(c.state, { ...c.ctx, actor: { ...c.ctx.actor, onBehalfOf } as Actor }).some((a) => a.command === command);
  if (offers(NO_BODY)) return [];
  return candidates.filter(offers);
}

/** Where an action is done: the vote page for a vote, else its form (prefilled with the values that select its row). */
export function actionHref(reference: string, action: Pick<AvailableAction, 'command' | 'when'>): string {
  if (action.command === 'cast-vote') return `/proposals/${reference}/vote`;
  const query = action.when ? `?${new URLSearchParams(action.when as Record<string, string>).toString()}` : '';
  return `/proposals/${reference}/actions/${action.command}${query}`;
}
