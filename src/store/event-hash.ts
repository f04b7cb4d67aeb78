// Each event's hash covers its content and the previous event's hash (HMAC-SHA256 keyed
// with SECMOD_CHAIN_KEY), so an edit, deletion, insertion or reordering breaks the chain.
import { createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export interface HashedContent {
  position: number;
  streamId: string;
  streamVersion: number;
  type: string;
  data: unknown;
  metadata: unknown;
  recordedAt: Date;
}

export function eventHash(key: string, prevHash: string, e: HashedContent): string {
  const body = canonicalJson([prevHash, e.position, e.streamId, e.streamVersion, e.type, e.data, e.metadata, e.recordedAt.toISOString()]);
  return createHmac('sha256', key).update(body).digest('hex');
}
