// decide(command, state, ctx): the §5.4 rules in one place.
// 1. The command must match a row of the rulebook's transition table (or a supplementary
//    step, steps.ts) for the current state, else 409 invalid-state.
// 2. The caller must be entitled under the §4.1 matrix, else 403 not-entitled.
// 3. Payload-independent preconditions (state and timing guards), then the command's own
//    guards: failures are `guard-failed` with the status of the guard kinds (§5.3).
// availableActions runs steps 1–3 without a payload, so pages and API never disagree.
import type { ActorKind, TransitionDefinition } from '../rulebook/types.ts';
import { refuse, type Decision, type Refusal } from '../shared/decision.ts';
import { actorKindsOf } from './actors.ts';
import type { CommandName, ModificationCommand, PayloadOf } from './commands.ts';
import type { CommandContext } from './context.ts';
import { DRAFT_SPECS, decideCreate } from './decide-draft.ts';
import { REFINEMENT_SPECS } from './decide-refinement.ts';
import { REPORT_SPECS } from './decide-report.ts';
import { SPECIAL_SPECS } from './decide-special.ts';
import { decideSendBack } from './decide-send-back.ts';
import type { CommandSpec, Precondition, Specs, Step } from './decide-support.ts';
import { entitledKinds } from './entitlement.ts';
import type { ModificationEvent } from './events.ts';
import { guardRefusal } from './guards.ts';
import type { ModificationState } from './state.ts';
import { SUPPLEMENTARY_STEPS } from './steps.ts';

/**
 * send-back (T10 Panel on a DP, T29 Panel on a report, T40 Authority): the state selects the
 * row, the matrix variant (`draft`/`report`) and the row's actors narrow who may run it.
 * Repeat: refused 409 (the state has moved on).
 */
const SEND_BACK: CommandSpec<'send-back'> = {
  variant: (s) => (s.state === 'S04' ? 'draft' : 'report'),
  rowActors: true,
  run: () => refuse('invalid-state', 'unreachable', undefined, { status: 409 }),
};

export const SPECS: Specs = { ...DRAFT_SPECS, ...REFINEMENT_SPECS, ...REPORT_SPECS, ...SPECIAL_SPECS, 'send-back': SEND_BACK };

export const specOf = <C extends CommandName>(name: C): CommandSpec<C> | undefined => SPECS[name] as CommandSpec<C> | undefined;

/** The rows of a command (rulebook table plus supplementary steps) that start from the current state. */
export const candidateRows = (name: CommandName, s: ModificationState, ctx: Pick<CommandContext, 'rulebook'>): TransitionDefinition[] => {
  const spec = specOf(name);
  return [...ctx.rulebook.transitions, ...SUPPLEMENTARY_STEPS]
    .filter((t) => t.command === name && t.from.includes(s.state))
    .filter((t) => !spec?.applicable || spec.applicable(t, s));
};

export interface Admission {
  readonly kinds: ReadonlySet<ActorKind>;
  readonly entitled: readonly ActorKind[];
}

/** Step 2 for one row: who may run it. */
export const admit = (name: CommandName, row: TransitionDefinition, s: ModificationState, ctx: CommandContext): Admission => {
  const spec = specOf(name);
  const kinds = actorKindsOf(ctx.actor, s, ctx);
  const variant = spec?.variant?.(s);
  const entitled = entitledKinds(name, kinds, ctx, {
    ...(variant ? { variant } : {}),
    ...(spec?.rowActors || row.id.startsWith('X') ? { rowActors: row.actors } : {}),
    ...(row.id.startsWith('X') ? { outsideMatrix: true, rowActorParameters: row.actorParameters ?? [] } : {}),
  });
  return { kinds, entitled };
};

const notEntitled = (name: CommandName, row: TransitionDefinition): Refusal =>
  refuse('not-entitled', `The caller is not entitled to ${name} (${row.id}) under the entitlement matrix`, row.clauses[0], { status: 403 });

/** Step 3's payload-independent part, as a refusal (or undefined when clear). */
export const preconditionRefusal = (pre: readonly Precondition[], row: TransitionDefinition, ctx: CommandContext): Refusal | undefined => {
  const invalid = pre.find((x): x is Extract<Precondition, { invalid: string }> => 'invalid' in x);
  if (invalid) return refuse('invalid-state', invalid.invalid, invalid.clause ?? row.clauses[0], { status: 409 });
  const guards = pre.filter((x): x is Extract<Precondition, { guard: string }> => 'guard' in x);
  if (guards.length) return guardRefusal(ctx, guards.map((g) => ({ id: g.guard, detail: g.detail })), row);
  const conflict = pre.find((x): x is Extract<Precondition, { conflict: string }> => 'conflict' in x);
  if (conflict) return refuse('conflict', conflict.conflict, conflict.clause ?? row.clauses[0], { status: 409 });
  return undefined;
};

export function decide(command: ModificationCommand, state: ModificationState | undefined, ctx: CommandContext): Decision<ModificationEvent> {
  if (command.type === 'create-draft-proposal') {
    if (state) return refuse('invalid-state', `${state.references.mp ?? state.references.dp} already exists`, 'D1.3', { status: 409 });
    return decideCreate(command.payload, ctx);
  }
  if (!state) return refuse('invalid-state', 'There is no such Draft Proposal or Modification Proposal', 'D1.3', { status: 409 });
  return decideOn(command.type, command.payload, state, ctx);
}

function decideOn<C extends CommandName>(name: C, payload: PayloadOf<C>, s: ModificationState, ctx: CommandContext): Decision<ModificationEvent> {
  const spec = specOf(name);
  const rows = candidateRows(name, s, ctx);
  const first = rows[0];
  if (!spec || !first) {
    return refuse('invalid-state', `${name} is not possible while the proposal is ${s.stateName} (${s.state})`, ctx.rulebook.transitions.find((t) => t.command === name)?.clauses[0], { status: 409 });
  }
  const row = spec.select ? spec.select(rows, payload, s) : first;
  if (!row) return refuse('invalid-state', `${name} with this payload is not possible while the proposal is ${s.stateName} (${s.state})`, first.clauses[0], { status: 409 });
  const { kinds, entitled } = admit(name, row, s, ctx);
  if (entitled.length === 0) return notEntitled(name, row);
  const blocked = preconditionRefusal(spec.pre?.(s, ctx, row, entitled) ?? [], row, ctx);
  if (blocked) return blocked;
  if (name === 'send-back') return decideSendBack(payload as PayloadOf<'send-back'>, { s, ctx, kinds, entitled, row, rows });
  const step: Step = { s, ctx, kinds, entitled, row, rows };
  return spec.run(payload, step);
}

