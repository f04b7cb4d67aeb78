// A bounded-concurrency client firing Draft Proposals at a real `secmod serve`, each with its own
// Idempotency-Key, and keeping what each request got back: acknowledged (2xx, with the body),
// answered with another status, or no answer at all (the connection died with the server).
import { randomUUID } from 'node:crypto';

export const PROPOSERS = [
  'proposer@large-supplier.example',
  'proposer@small-supplier.example',
  'proposer@elec-network.example',
  'proposer@gas-network.example',
  'proposer@other-party.example',
];

export interface Submission {
  readonly key: string;
  readonly title: string;
  readonly proposer: string;
}

export type Outcome =
  | { readonly kind: 'acknowledged'; readonly status: number; readonly body: { number: number; reference: string } & Record<string, unknown>; readonly text: string }
  | { readonly kind: 'answered'; readonly status: number; readonly text: string }
  | { readonly kind: 'no-answer'; readonly error: string };

export function submissions(batch: string, n: number): Submission[] {
  return Array.from({ length: n }, (_, i) => ({ key: `crash-${batch}-${i}-${randomUUID()}`, title: `Crash proof ${batch} ${i}`, proposer: PROPOSERS[i % PROPOSERS.length]! }));
}

export async function signIn(base: string, emails: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const email of emails) {
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'secmod-demo' }) });
    const body = (await res.json()) as { token?: string };
    if (res.status !== 201 || !body.token) throw new Error(`sign-in as ${email}: ${res.status}`);
    tokens.set(email, `Bearer ${body.token}`);
  }
  return tokens;
}

export async function submit(base: string, token: string, s: Submission): Promise<Outcome> {
  try {
    const res = await fetch(`${base}/api/v1/draft-proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token, 'idempotency-key': s.key },
      body: JSON.stringify({
        payload: { title: s.title, problemStatement: `Crash proof submission ${s.key}.`, affectedProvisions: ['H4.12'], submissionBasis: 'voluntary', iprAccepted: true },
      }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) return { kind: 'acknowledged', status: res.status, body: JSON.parse(text) as { number: number; reference: string }, text };
    return { kind: 'answered', status: res.status, text };
  } catch (error) {
    return { kind: 'no-answer', error: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error) };
  }
}

/**
 * Sends every submission with at most `concurrency` in flight. `onAcknowledged` sees the
 * running count of 2xx answers (the test uses it to crash the server mid-way).
 */
export async function fire(
  base: string,
  tokens: Map<string, string>,
  list: readonly Submission[],
  concurrency: number,
  onAcknowledged: (count: number) => void = () => {},
): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let next = 0;
  let acknowledged = 0;
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= list.length) return;
      const s = list[i]!;
      const outcome = await submit(base, tokens.get(s.proposer)!, s);
      outcomes.set(s.key, outcome);
      if (outcome.kind === 'acknowledged') onAcknowledged(++acknowledged);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return outcomes;
}

export const tally = (outcomes: Map<string, Outcome>) => {
  const by = { acknowledged: 0, answered: 0, 'no-answer': 0 };
  const statuses = new Map<number, number>();
  for (const o of outcomes.values()) {
    by[o.kind]++;
    if (o.kind !== 'no-answer') statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
  }
  return { ...by, statuses: Object.fromEntries(statuses) };
};
