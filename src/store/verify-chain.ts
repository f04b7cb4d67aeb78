// `secmod verify`: walk the hash chain in position order and report the first event that
// does not check out — edited, deleted, inserted, reordered or truncated.
import type { Db } from './database.ts';
import { eventHash } from './event-hash.ts';
import { selectStoredEvents } from './event-store.ts';

export interface ChainVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBadPosition?: number;
  readonly problem?: string;
}

export async function verifyChain(db: Db, chainKey: string, batchSize = 5000): Promise<ChainVerification> {
  let prevHash = 'genesis';
  let lastPosition = 0;
  let checked = 0;
  for (;;) {
    const events = await selectStoredEvents(db).where('position', '>', lastPosition).orderBy('position').limit(batchSize).execute();
    if (events.length === 0) break;
    for (const e of events) {
      if (e.prevHash !== prevHash) {
        return { ok: false, checked, firstBadPosition: e.position, problem: 'does not follow the event before it: an event was deleted, inserted or moved' };
      }
      const expected = eventHash(chainKey, prevHash, e);
      if (expected !== e.hash) {
        return { ok: false, checked, firstBadPosition: e.position, problem: 'its content does not match its hash: the event was altered' };
      }
      prevHash = e.hash;
      lastPosition = e.position;
      checked++;
    }
  }
  const head = await db.selectFrom('event_chain_head').select(['position', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.hash !== prevHash || head.position !== lastPosition) {
    return {
      ok: false,
      checked,
      firstBadPosition: Math.min(lastPosition + 1, head?.position ?? lastPosition + 1),
      problem: `the log ends at position ${lastPosition} but its head records position ${head?.position ?? 'none'}: events were removed from the end`,
    };
  }
  return { ok: true, checked };
}
