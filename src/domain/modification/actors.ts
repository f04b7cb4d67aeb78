// Mapping a user (roles, organisation, default status) to the actor kinds of the §4.1
// entitlement matrix. Decisions taken here (documented for the app and the portal):
// * A `party-user` of a `party` organisation is `party`, or `defaulting-party` while its
//   organisation is a Defaulting Party (§4.1 "DefP is a Party while it is a Defaulting Party").
// * The Proposer is the submitting user and organisation: any user of the Proposer
//   organisation with the same kind of role acts as Proposer (`proposer.scope = organisation`),
//   except for SSC and SMKI PMA Members, who submit as individuals (G7.20(b), L1.19(b)), so
//   only that member is Proposer (`scope = user`). The Proposer changes only through `adopt`.
// * "CA" covers the Code Administrator and the Secretariat (§4.1 legend). Body decisions are
//   recorded per `actors.bodyDecisionRecorders` (§3.1): by default the Secretariat records for
//   the Panel, the CSC and the Change Board, the Code Administrator for Working Groups.
//   `actor.onBehalfOf` narrows that to one body (R-A-01).
// * Individual members act for their body: Panel Chair/members → panel, CSC members → csc,
//   Change Board members → change-board (their seat comes from the ballot's seat list),
//   Working Group members → working-group.
import { toZonedDate } from '../calendar/zoned-time.ts';
import { assignmentActiveOn, type RoleId } from '../parties/roles.ts';
import type { ActorKind } from '../rulebook/types.ts';
import type { Actor, CommandContext } from './context.ts';
import type { ModificationState, Proposer } from './state.ts';

const ROLE_KINDS: Readonly<Partial<Record<RoleId, ActorKind>>> = {
  'dcc-user': 'dcc',
  'consumer-body-user': 'citizens-advice',
  'authority-decision-maker': 'authority',
  'panel-chair': 'panel',
  'panel-member': 'panel',
  'csc-member': 'csc',
  'change-board-member': 'change-board',
  'working-group-member': 'working-group',
  'code-administrator': 'code-administrator',
  secretariat: 'code-administrator',
  'ssc-representative': 'ssc',
  'ssc-member': 'ssc-member',
  'smki-pma-representative': 'smki-pma',
  'smki-pma-member': 'pma-member',
  'tabasc-representative': 'tabasc',
  'alt-han-forum-representative': 'alt-han-forum',
};

/** Bodies named in `actors.bodyDecisionRecorders` → the matrix column they act as. */
const BODY_KINDS: Readonly<Record<string, ActorKind>> = {
  panel: 'panel', 'change-sub-committee': 'csc', 'change-board': 'change-board', 'working-group': 'working-group',
  ssc: 'ssc', 'smki-pma': 'smki-pma', tabasc: 'tabasc', 'alt-han-forum': 'alt-han-forum',
};

export const todayOf = (ctx: Pick<CommandContext, 'now' | 'rulebook'>): string => toZonedDate(ctx.now, ctx.rulebook.parameters.calendar.timezone.value);

/** The actor's kinds before the Proposer check. */
export const baseKindsOf = (actor: Actor, ctx: Pick<CommandContext, 'now' | 'rulebook' | 'facts'>): Set<ActorKind> => {
  const kinds = new Set<ActorKind>();
  if (actor.system) {
    kinds.add('system');
    return kinds;
  }
  const today = todayOf(ctx);
  const roles = actor.roles.filter((r) => assignmentActiveOn(r, today));
  for (const r of roles) {
    if (r.role === 'party-user') {
      if (actor.organisationKind === 'dcc') kinds.add('dcc');
      else if (actor.organisationKind === 'citizens-advice') kinds.add('citizens-advice');
      else if (actor.organisationKind === undefined || actor.organisationKind === 'party') kinds.add(ctx.facts.actorOrganisationDefaulting ? 'defaulting-party' : 'party');
      continue;
    }
    const k = ROLE_KINDS[r.role];
    if (k) kinds.add(k);
  }
  const recorders = ctx.rulebook.parameters.actors.bodyDecisionRecorders.value;
  for (const [body, recorder] of Object.entries(recorders)) {
    const kind = BODY_KINDS[body];
    if (!kind) continue;
    if (actor.onBehalfOf !== undefined && actor.onBehalfOf !== body) continue;
    if (roles.some((r) => r.role === recorder)) kinds.add(kind);
  }
  return kinds;
};

const FAMILY: Partial<Record<ActorKind, string>> = { party: 'party', 'defaulting-party': 'party' };
const family = (k: ActorKind): string => FAMILY[k] ?? k;

export const isProposer = (actor: Actor, proposer: Proposer, baseKinds: ReadonlySet<ActorKind>): boolean => {
  if (actor.system) return false;
  if (actor.userId === proposer.userId) return true;
  if (proposer.scope !== 'organisation' || !proposer.organisationId || actor.organisationId !== proposer.organisationId) return false;
  return [...baseKinds].some((k) => family(k) === family(proposer.kind));
};

/** All the matrix columns the actor occupies for this modification. */
export const actorKindsOf = (actor: Actor, state: ModificationState | undefined, ctx: Pick<CommandContext, 'now' | 'rulebook' | 'facts'>): Set<ActorKind> => {
  const kinds = baseKindsOf(actor, ctx);
  if (state && isProposer(actor, state.proposer, kinds)) kinds.add('proposer');
  return kinds;
};

/** Submitters in order of preference when a user holds several submitting roles. */
export const SUBMITTER_PRIORITY: readonly ActorKind[] = [
  'ssc-member', 'pma-member', 'ssc', 'smki-pma', 'authority', 'panel', 'dcc', 'citizens-advice', 'party', 'defaulting-party', 'alt-han-forum',
];

/** The kind a representation, response or nomination is recorded under. */
export const AUTHOR_PRIORITY: readonly ActorKind[] = [
  'ssc', 'ssc-member', 'alt-han-forum', 'smki-pma', 'tabasc', 'citizens-advice', 'dcc', 'defaulting-party', 'proposer', 'party',
];

export const firstOf = (kinds: Iterable<ActorKind>, priority: readonly ActorKind[]): ActorKind | undefined => {
  const set = new Set(kinds);
  return priority.find((k) => set.has(k));
};
