// Sends one webhook delivery: POST of the stored JSON body, signed at send time. Redirects are
// not followed (a redirect is a failure: the registered URL is the only destination), the
// request times out, and only a 2xx counts as delivered; anything else is retried by the
// delivery worker with backoff. The target is checked again at delivery (address-guard.ts): the
// URL's scheme and literal address before connecting, and the addresses its host resolves to by
// the connection's own lookup.
import http from 'node:http';
import https from 'node:https';
import type { Db } from '../../store/database.ts';
import type { WebhookAddressGuard } from './address-guard.ts';
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

/** POSTs `body` and answers the status code; no redirects followed, no connection reused. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, guard: WebhookAddressGuard | undefined): Promise<number> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body, 'utf8')) },
        signal: AbortSignal.timeout(timeoutMs),
        ...(guard ? { lookup: guard.lookup() } : {}),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export function webhookSender(db: Db, box: SecretBox, options: { timeoutMs?: number; now?: () => number; guard?: WebhookAddressGuard } = {}): ChannelSender {
  const timeout = options.timeoutMs ?? 10_000;
  const now = options.now ?? (() => Date.now());
  return {
    send: async ({ deliveryKey, recipient, payload }) => {
      const endpoint = await db.selectFrom('webhook_endpoints').select(['id', 'url', 'secret_encrypted', 'disabled_at']).where('id', '=', recipient).executeTakeFirst();
      if (!endpoint || endpoint.disabled_at !== null) throw new PermanentDeliveryError(`webhook endpoint ${recipient} was removed`);
      const url = new URL(endpoint.url);
      // Checked again now: the rules or the DNS may have changed since registration.
      const problem = options.guard ? await options.guard.urlProblem(endpoint.url) : undefined;
      if (problem) throw new Error(`webhook refused: ${problem}`);
      const body = JSON.stringify(payload);
      const timestamp = String(Math.floor(now() / 1000));
      const secret = box.open(endpoint.secret_encrypted, endpoint.id);
      const status = await post(
        url,
        {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'secmod-webhooks/1',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [DELIVERY_HEADER]: deliveryKey,
          [EVENT_HEADER]: String((payload as { event?: unknown }).event ?? ''),
        },
        body,
        timeout,
        options.guard,
      );
      if (status < 200 || status > 299) throw new Error(`webhook ${endpoint.url} answered HTTP ${status}`);
    },
  };
}
