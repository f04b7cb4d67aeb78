// Signed unsubscribe links: every email carries one that turns off that kind of email for its
// recipient without signing in. The token is single-purpose (the MAC covers the purpose, the
// user and the kind, under a key derived from the chain key for this purpose only), so it can
// neither be forged nor reused for anything else; it does not expire, as unsubscribe links in
// old emails must keep working (RFC 8058 practice).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `rule:<rule id>` (a notice rule), `subscription:<id>` (a follow), or `digest` (the daily digest). */
export type UnsubscribeKind = string;

export interface UnsubscribeTarget {
  readonly userId: string;
  readonly kind: UnsubscribeKind;
}

const KIND = /^(?:digest|rule:[\w-]{1,64}|subscription:[0-9a-f-]{36})$/;
const USER = /^[\w-]{1,64}$/;

export interface UnsubscribeLinks {
  token(target: UnsubscribeTarget): string;
  url(target: UnsubscribeTarget): string;
  /** The target of a genuine token; undefined for anything else. */
  verify(token: string): UnsubscribeTarget | undefined;
}

export function unsubscribeLinks(chainKey: string, publicUrl: string): UnsubscribeLinks {
  const key = createHmac('sha256', chainKey).update('secmod-unsubscribe-links-v1').digest();
  const mac = (message: string) => createHmac('sha256', key).update(`unsubscribe\n${message}`).digest();
  const base = publicUrl.replace(/\/$/, '');
  const token = ({ userId, kind }: UnsubscribeTarget) => {
    if (!USER.test(userId) || !KIND.test(kind)) throw new Error(`cannot make an unsubscribe link for ${userId} ${kind}`);
    const message = `${userId}\n${kind}`;
    return `${Buffer.from(message, 'utf8').toString('base64url')}.${mac(message).toString('base64url')}`;
  };
  return {
    token,
    url: (target) => `${base}/unsubscribe?token=${token(target)}`,
    verify: (raw) => {
      const m = /^([\w-]{1,200})\.([\w-]{43})$/.exec(raw);
      if (!m) return undefined;
      const message = Buffer.from(m[1]!, 'base64url').toString('utf8');
      const given = Buffer.from(m[2]!, 'base64url');
      const expected = mac(message);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const [userId, kind, ...rest] = message.split('\n');
      if (rest.length > 0 || !userId || !kind || !USER.test(userId) || !KIND.test(kind)) return undefined;
      return { userId, kind };
    },
  };
}

/** The unsubscribe kind of an outbox email payload. */
export function unsubscribeKindOf(payload: Record<string, unknown>): UnsubscribeKind | undefined {
  if (payload.template === 'digest') return 'digest';
  if (typeof payload.subscriptionId === 'string') return `subscription:${payload.subscriptionId}`;
  if (typeof payload.rule === 'string') return `rule:${payload.rule}`;
  return undefined;
}
