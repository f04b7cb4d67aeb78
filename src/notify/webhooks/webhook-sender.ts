// Sends one webhook delivery: POST of the stored JSON body, signed at send time. Redirects are
// not followed (a redirect is a failure: the registered URL is the only destination), the
// request times out, and only a 2xx counts as delivered; anything else is retried by the
// delivery worker with backoff.
import type { Db } from '../../store/database.ts';
import type { SecretBox } from './secret-box.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './signature.ts';

export interface ChannelMessage {
  readonly deliveryKey: string;
  readonly recipient: string;
  readonly payload: unknown;
}

export interface ChannelSender {
  send(message: ChannelMessage): Promise<void>;
}

/** A delivery that can never succeed (the endpoint was removed): not retried. */
export class PermanentDeliveryError extends Error {
  readonly permanent = true;
}

export function webhookSender(db: Db, box: SecretBox, options: { timeoutMs?: number; now?: () => number } = {}): ChannelSender {
  const timeout = options.timeoutMs ?? 10_000;
  const now = options.now ?? (() => Date.now());
  return {
    send: async ({ deliveryKey, recipient, payload }) => {
      const endpoint = await db.selectFrom('webhook_endpoints').select(['id', 'url', 'secret_encrypted', 'disabled_at']).where('id', '=', recipient).executeTakeFirst();
      if (!endpoint || endpoint.disabled_at !== null) throw new PermanentDeliveryError(`webhook endpoint ${recipient} was removed`);
      const body = JSON.stringify(payload);
      const timestamp = String(Math.floor(now() / 1000));
      const secret = box.open(endpoint.secret_encrypted, endpoint.id);
      const response = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeout),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'secmod-webhooks/1',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [DELIVERY_HEADER]: deliveryKey,
          [EVENT_HEADER]: String((payload as { event?: unknown }).event ?? ''),
        },
        body,
      });
      await response.body?.cancel().catch(() => {});
      if (response.status < 200 || response.status > 299) throw new Error(`webhook ${endpoint.url} answered HTTP ${response.status}`);
    },
  };
}
