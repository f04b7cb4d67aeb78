// Commands of the Draft Proposal → Modification Proposal aggregate: the kebab-case names of
// sec-process.md §5.4/§5.5 (T01 `create-draft-proposal` to T51 `determine-path`, plus the
// internal `expire-timer`) and the few §5.5/§8 steps that are not §5.4 rows (see steps.ts).
import { PAYLOAD_SCHEMA_DEFINITIONS, type CommandName, type PayloadOf } from './payload-schemas.ts';

export type { CommandName, PayloadOf };

/** A command: its name and its typed payload (discriminated union on `type`). */
export type ModificationCommand = { [C in CommandName]: { readonly type: C; readonly payload: PayloadOf<C> } }[CommandName];

export type CommandOf<C extends CommandName> = Extract<ModificationCommand, { type: C }>;

export const COMMAND_NAMES: readonly CommandName[] = Object.freeze(Object.keys(PAYLOAD_SCHEMA_DEFINITIONS) as CommandName[]);

export const isCommandName = (value: string): value is CommandName => (COMMAND_NAMES as readonly string[]).includes(value);
