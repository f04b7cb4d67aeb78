// Guard evaluation (sec-process.md §5.3). Deciders collect the ids of failed guards; the
// refusal lists them, cites the first failed guard's clause and takes its HTTP status from
// the guard kinds via the rulebook (`refusalStatusFor`: rights 403, state 409, content 422).
// A guard listed in `urgency.waivableGuards` and waived by a granted urgent timetable (T50)
// counts as passed.
import { refuse, type Refusal } from '../shared/decision.ts';
import { refusalStatusFor } from '../rulebook/guards.ts';
import type { GuardDefinition, GuardKind, TransitionDefinition } from '../rulebook/types.ts';
import type { CommandContext } from './context.ts';
import type { ModificationState } from './state.ts';

/**
 * Guards this aggregate needs that the §5.3 catalogue does not list. R-LT-01 blocks
 * close-vote until the drafting is re-checked against a later SEC version.
 */
export const LOCAL_GUARDS: readonly GuardDefinition[] = [
  {
    id: 'legal-text-baseline-rechecked', kind: 'content', status: 422,
    passesWhen: 'Every legal-text document has a baseline re-check for each SEC version designated after its baseline (R-LT-01).',
    clauses: ['D:legal-text-baseline'], source: '[Seed front matter, footnote 1]',
  },
];

const definition = (ctx: Pick<CommandContext, 'rulebook'>, id: string): GuardDefinition | undefined =>
  ctx.rulebook.guards.find((g) => g.id === id) ?? LOCAL_GUARDS.find((g) => g.id === id);

/** A failed guard; `clause` overrides the catalogue's first clause (e.g. L1.19(b) for a PMA Member). */
export interface FailedGuard { readonly id: string; readonly detail: string; readonly clause?: string }

/** Collects failed guards; `check(id, passes, detail)` records a failure unless waived. */
export class GuardCheck {
  readonly failed: FailedGuard[] = [];
  constructor(private readonly state: ModificationState | undefined, private readonly ctx: Pick<CommandContext, 'rulebook'>) {}

  check(id: string, passes: boolean, detail: string, clause?: string): this {
    if (!passes && !this.waived(id)) this.failed.push({ id, detail, ...(clause ? { clause } : {}) });
    return this;
  }

  private waived(id: string): boolean {
    const s = this.state;
    return !!s && s.urgency === 'granted' && s.waivedGuards.includes(id) && this.ctx.rulebook.parameters.urgency.waivableGuards.value.includes(id);
  }

  get ok(): boolean {
    return this.failed.length === 0;
  }

  refusal(row: TransitionDefinition | undefined): Refusal {
    return guardRefusal(this.ctx, this.failed, row);
  }
}

export const guardRefusal = (ctx: Pick<CommandContext, 'rulebook'>, failed: readonly FailedGuard[], row: TransitionDefinition | undefined): Refusal => {
  const defs = failed.map((f) => definition(ctx, f.id));
  const kinds = defs.map((d) => d?.kind ?? 'content') as GuardKind[];
  const status = refusalStatusFor(kinds) ?? 422;
  const clause = failed[0]?.clause ?? defs.find((d) => d && d.clauses.length > 0)?.clauses[0] ?? row?.clauses[0];
  const ids = failed.map((f) => f.id);
  const message = `Guard${ids.length > 1 ? 's' : ''} failed: ${failed.map((f) => `${f.id} (${f.detail})`).join('; ')}`;
  return refuse('guard-failed', message, clause, { guards: ids, status });
};
