import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';
import { eventHash } from './event-hash.ts';

describe('canonical JSON for the hash chain', () => {
  it('is independent of key order at every level (jsonb does not keep it)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('survives a JSON round trip unchanged (what PostgreSQL gives back hashes the same)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
    );
  });

  it('a change to any field of an event changes its hash', () => {
    const base = { position: 7, streamId: 'DP001', streamVersion: 2, type: 'X', data: { a: 1 }, metadata: {}, recordedAt: new Date('2026-01-01T00:00:00Z') };
    const h = eventHash('k', 'prev', base);
    expect(eventHash('k', 'prev', { ...base, data: { a: 2 } })).not.toBe(h);
    expect(eventHash('k', 'prev', { ...base, position: 8 })).not.toBe(h);
    expect(eventHash('k', 'other', base)).not.toBe(h);
    expect(eventHash('other-key', 'prev', base)).not.toBe(h);
    expect(eventHash('k', 'prev', { ...base })).toBe(h);
  });
});
