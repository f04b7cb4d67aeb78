// The vocabulary every decider shares: a command is decided against state in a context
// (actor, time, rulebook, looked-up facts) and yields events or a typed refusal that
// cites the SEC clause it relies on (architecture.md "Shape").

/** Why a command was refused; maps to an HTTP status at the edge (sec-process.md §5.3). */
export type RefusalCode =
  | 'not-entitled' // 403: the caller's rights
  | 'invalid-state' // 409: the proposal's state or timing
  | 'conflict' // 409: a concurrent change
  | 'guard-failed' // 422 (or 403/409 by guard kind, §5.3)
  | 'invalid-input'; // 422: the content of the request

export interface Refusal {
  readonly kind: 'refusal';
  readonly code: RefusalCode;
  readonly message: string;
  /** The SEC clause relied on, e.g. "M8.5(b)". */
  readonly clause?: string;
  /** Failed guard ids, for `guard-failed`. */
  readonly guards?: readonly string[];
  /** Overrides the status implied by `code` (guard kinds, §5.3). */
  readonly status?: 403 | 409 | 422;
}

export type Decision<E> = { readonly kind: 'accepted'; readonly events: readonly E[] } | Refusal;

export const accept = <E>(...events: E[]): Decision<E> => ({ kind: 'accepted', events });

export const refuse = (
  code: RefusalCode,
  message: string,
  clause?: string,
  extra: { guards?: readonly string[]; status?: 403 | 409 | 422 } = {},
): Refusal => ({ kind: 'refusal', code, message, ...(clause ? { clause } : {}), ...extra });

export const isRefusal = (d: unknown): d is Refusal =>
  typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'refusal';
