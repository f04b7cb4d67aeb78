// What every command decider shares: the selected §5.4 row, the caller's entitled kinds,
// preconditions (checked by decide and by availableActions alike), and building events with
// the row's clauses, `at`, `transition` and the resulting state.
import type { Decision } from '../shared/decision.ts';
import type { ActorKind, StateId, TimerId, TransitionDefinition } from '../rulebook/types.ts';
import type { CommandName, PayloadOf } from './commands.ts';
import type { CommandContext } from './context.ts';
import { makeEvent, type EventBase, type EventDataMap, type EventOf, type ModificationEvent, type ModificationEventType, type TimerStart } from './events.ts';
import type { ModificationState } from './state.ts';

export interface Step {
  readonly s: ModificationState;
  readonly ctx: CommandContext;
  /** All the actor's kinds (matrix columns), including `proposer`. */
  readonly kinds: ReadonlySet<ActorKind>;
  /** The kinds under which the actor is entitled to this command. */
  readonly entitled: readonly ActorKind[];
  readonly row: TransitionDefinition;
  /** All candidate rows of the command in this state (e.g. T33/T34/T35 for close-vote). */
  readonly rows: readonly TransitionDefinition[];
}

/** A payload-independent reason the command cannot run now. */
export type Precondition =
  | { readonly guard: string; readonly detail: string }
  | { readonly invalid: string; readonly clause?: string }
  | { readonly conflict: string; readonly clause?: string };

export interface CommandSpec<C extends CommandName> {
  /** Whether a candidate row applies given the state's overlays (e.g. close-vote by path). */
  readonly applicable?: (row: TransitionDefinition, s: ModificationState) => boolean;
  /** Whether availableActions offers the row (rows reached only by outcome, like T35, are not offered). */
  readonly offered?: (row: TransitionDefinition) => boolean;
  /** Picks the row from the payload; undefined when the payload names a row that does not exist here. */
  readonly select?: (rows: readonly TransitionDefinition[], p: PayloadOf<C>, s: ModificationState) => TransitionDefinition | undefined;
  /** The matrix row variant (`draft`/`report`, `refinement`/`mrc`). */
  readonly variant?: (s: ModificationState) => string | undefined;
  /** Narrow the matrix to the selected row's actors (send-back: T29 Panel, T40 Authority). */
  readonly rowActors?: boolean;
  readonly pre?: (s: ModificationState, ctx: CommandContext, row: TransitionDefinition, entitled: readonly ActorKind[]) => Precondition[];
  readonly run: (p: PayloadOf<C>, step: Step) => Decision<ModificationEvent>;
}

export type Specs = { readonly [C in CommandName]?: CommandSpec<C> };

export const byWhen = (key: string, value: string | undefined) => (rows: readonly TransitionDefinition[]): TransitionDefinition | undefined =>
  rows.find((r) => r.when?.[key] === value);

export interface EmitOptions {
  readonly to?: StateId;
  readonly started?: readonly TimerStart[];
  readonly stopped?: readonly TimerId[];
}

/** The state a row leads to when it names one (T03 → S02); otherwise the current state. */
export const defaultTarget = (step: Step): StateId => {
  const [first] = step.row.to;
  return step.row.to.length === 1 && first !== undefined && first !== 'self' && first !== 'resume-state' ? first : step.s.state;
};

export const emit = <T extends ModificationEventType>(step: Pick<Step, 'ctx' | 'row'> & { s?: ModificationState }, type: T, data: EventDataMap[T], options: EmitOptions = {}): EventOf<T> => {
  const to = options.to ?? (step.s ? defaultTarget(step as Step) : (step.row.to[0] as StateId));
  const base: EventBase = {
    at: step.ctx.now.toISOString(),
    transition: step.row.id,
    to,
    ...(options.started?.length ? { timersStarted: options.started } : {}),
    ...(options.stopped?.length ? { timersStopped: options.stopped } : {}),
  };
  return makeEvent(type, { ...data, ...base }, step.row.clauses);
};

/** Every timer on the stream (stopped when a terminal state is reached). */
export const allTimers = (s: ModificationState): TimerId[] => Object.keys(s.timers) as TimerId[];

export const nonEmpty = (x: string | undefined): x is string => typeof x === 'string' && x.trim().length > 0;
