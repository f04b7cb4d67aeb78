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
  return eventHashOfCanonical(key, prevHash, e, canonicalJson(e.data), canonicalJson(e.metadata));
}

/**
 * The same hash, given the canonical JSON of the event's data and metadata (which an append has
 * already computed): canonicalJson of an array is its items' canonical forms joined by commas.
 */
export function eventHashOfCanonical(key: string, prevHash: string, e: Omit<HashedContent, 'data' | 'metadata'>, dataJson: string, metadataJson: string): string {
  const body = `[${canonicalJson(prevHash)},${canonicalJson(e.position)},${canonicalJson(e.streamId)},${canonicalJson(e.streamVersion)},${canonicalJson(e.type)},${dataJson},${metadataJson},${canonicalJson(e.recordedAt.toISOString())}]`;
  return createHmac('sha256', key).update(body).digest('hex');
}
