// Webhook signatures: `X-Secmod-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">`
// with `X-Secmod-Timestamp: <unix seconds>`. Signing the timestamp with the body lets a
// receiver refuse a captured request replayed later: `verifyWebhookSignature` accepts only a
// timestamp within `toleranceSeconds` of its own clock (and receivers may also drop a repeated
// `X-Secmod-Delivery` id, since delivery is at least once).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-secmod-signature';
export const TIMESTAMP_HEADER = 'x-secmod-timestamp';
export const DELIVERY_HEADER = 'x-secmod-delivery';
export const EVENT_HEADER = 'x-secmod-event';

export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * True when `signature` is secmod's signature of `body` at `timestamp` with `secret`, and the
 * timestamp is no further than `toleranceSeconds` from `now` (either way). Constant-time.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | undefined,
  body: string,
  signature: string | undefined,
  now: Date | number = Date.now(),
  toleranceSeconds = 300,
): boolean {
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  const nowSeconds = Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body), 'utf8');
  const given = Buffer.from(signature.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
