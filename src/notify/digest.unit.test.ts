import { describe, expect, it } from 'vitest';
import { dueDigest, londonInstant } from './digest.ts';
import { unsubscribeKindOf, unsubscribeLinks } from './unsubscribe.ts';

describe('daily digest timing (Europe/London)', () => {
  it('07:00 London is 07:00 UTC in winter and 06:00 UTC in summer', () => {
    expect(londonInstant('2026-03-03', '07:00').toISOString()).toBe('2026-03-03T07:00:00.000Z');
    expect(londonInstant('2026-07-01', '07:00').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    // The days the clocks change.
    expect(londonInstant('2026-03-29', '07:00').toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(londonInstant('2026-10-25', '07:00').toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('the digest due is today’s once its time has passed, else yesterday’s', () => {
    expect(dueDigest(new Date('2026-03-03T06:59:59Z'), '07:00')).toEqual({ date: '2026-03-02', cutoff: new Date('2026-03-02T07:00:00Z') });
    expect(dueDigest(new Date('2026-03-03T07:00:00Z'), '07:00')).toEqual({ date: '2026-03-03', cutoff: new Date('2026-03-03T07:00:00Z') });
    expect(dueDigest(new Date('2026-07-01T06:30:00Z'), '07:00').date).toBe('2026-07-01');
  });
});

describe('unsubscribe links', () => {
  const links = unsubscribeLinks('chain-key', 'https://secmod.test/');
  const target = { userId: 'user-1', kind: 'rule:consultation-refinement' };

  it('round-trip for the user and kind they were made for', () => {
    const url = links.url(target);
    expect(url).toMatch(/^https:\/\/secmod\.test\/unsubscribe\?token=[\w-]+\.[\w-]{43}$/);
    expect(links.verify(links.token(target))).toEqual(target);
  });

  it('refuse a changed user or kind, another key, and junk', () => {
    const [, mac] = links.token(target).split('.');
    const forged = `${Buffer.from('user-2\nrule:consultation-refinement').toString('base64url')}.${mac}`;
    expect(links.verify(forged)).toBeUndefined();
    expect(unsubscribeLinks('other-key', 'https://secmod.test').verify(links.token(target))).toBeUndefined();
    for (const junk of ['', 'x', 'a.b', `${links.token(target)}x`]) expect(links.verify(junk), junk).toBeUndefined();
  });

  it('each email kind has its own link', () => {
    expect(unsubscribeKindOf({ template: 'digest' })).toBe('digest');
    expect(unsubscribeKindOf({ rule: 'follow-significant', subscriptionId: '0f8fad5b-d9cb-469f-a165-70867728950e' })).toBe('subscription:0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(unsubscribeKindOf({ rule: 'ballot-opened' })).toBe('rule:ballot-opened');
  });
});
