// Idempotency keys for the record types outside the modification aggregate (SCRs, ALVs,
// obligations, body decisions, governance records), as architecture.md asks of every POST:
// the first answer is stored with the key in the same transaction, under the event log's
// chain-head lock, so a repeat returns it unchanged and a different body with the same key
// is refused (422). The modification aggregate keeps its own (the event store's) path.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../store/canonical-json.ts';
import { IdempotencyKeyReusedError, storedResponse, type StoredResponse, type Trx } from '../store/event-store.ts';

export interface RecordIdempotency {
  /** `record:<userId>`: keys are per user, like the modification commands'. */
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
}

/** The key of a request: the caller's key plus a hash of what was asked (route and body). */
export const recordIdempotency = (userId: string, key: string, request: unknown): RecordIdempotency => ({
  scope: `record:${userId}`,
  key,
  requestHash: createHash('sha256').update(canonicalJson(request)).digest('hex'),
});

/** Runs `write` once per key: a repeat answers the stored result; a different request with the key is refused. */
export async function onceIn<R>(trx: Trx, idempotency: RecordIdempotency | undefined, now: Date, write: () => Promise<R>): Promise<R> {
  if (!idempotency) return write();
  await sql`SELECT 1 FROM event_chain_head WHERE id = 1 FOR UPDATE`.execute(trx);
  const previous = await trx.selectFrom('idempotency_keys').select(['request_hash', 'response'])
    .where('scope', '=', idempotency.scope).where('key', '=', idempotency.key).executeTakeFirst();
  if (previous) {
    if (previous.request_hash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
    return storedResponse<R>(previous.response as StoredResponse) as R;
  }
  const result = await write();
  const response: StoredResponse = { streamVersion: 0, responseJson: JSON.stringify(result ?? null) };
  await trx.insertInto('idempotency_keys').values({
    scope: idempotency.scope, key: idempotency.key, request_hash: idempotency.requestHash, response: JSON.stringify(response), created_at: now,
  }).execute();
  // The stored JSON is what a repeat will answer: answer the same now.
  return storedResponse<R>(response) as R;
}
