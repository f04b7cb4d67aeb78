// Delivers outbox rows (issue: Notifications): claims a batch with FOR UPDATE SKIP LOCKED and a
// lease, so several processes share the work; sends outside any transaction; records the
// delivery, or retries with exponential backoff. A worker killed mid-batch loses nothing: its
// leases end and another worker claims the rows. Delivery is at-least-once towards the SMTP
// server in the narrow window between sending and recording; the Message-ID carries the
// delivery key so the repeat is recognisable.
import { sql } from 'kysely';
import type { Db } from '../store/database.ts';
import type { Mailer } from './mailer.ts';
import { renderEmail } from './render-notice.ts';
import type { NoticeTemplates } from './notice-templates.ts';
import type { DigestAssembler } from './digest.ts';
import { unsubscribeKindOf, type UnsubscribeLinks } from './unsubscribe.ts';
import type { ChannelSender } from './webhooks/webhook-sender.ts';

export interface DeliveryOptions {
  readonly workerId: string;
  readonly baseUrl: string;
  readonly leaseSeconds?: number;
  readonly maxAttempts?: number;
  readonly batchSize?: number;
  /** Sends `webhook` rows; without it the worker leaves them for one that has it. */
  readonly webhooks?: ChannelSender;
  /** Edited template versions (with fallback to the last good one); the files alone without it. */
  readonly templates?: NoticeTemplates;
  /** Signs the unsubscribe link every email carries. */
  readonly unsubscribe?: UnsubscribeLinks;
  /** Queues the daily digests that are due before each round. */
  readonly digests?: DigestAssembler;
}

export interface DeliveryRun {
  readonly delivered: number;
  readonly failed: number;
}

/** Seconds to wait before attempt n+1: 30 s, 1 min, 2 min … capped at 1 hour. */
export const backoffSeconds = (attempts: number): number => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

export class DeliveryWorker {
  constructor(
    private readonly db: Db,
    /** Sends `email` rows; without it the worker leaves them for one that has it. */
    private readonly mailer: Mailer | undefined,
    private readonly options: DeliveryOptions,
  ) {}

  /** The channels this worker can send. */
  get channels(): string[] {
    return [...(this.mailer ? ['email'] : []), ...(this.options.webhooks ? ['webhook'] : [])];
  }

  async claim(): Promise<{ id: number; channel: string; delivery_key: string; recipient: string; payload: unknown; attempts: number }[]> {
    const lease = this.options.leaseSeconds ?? 60;
    const max = this.options.maxAttempts ?? 10;
    const channels = this.channels;
    if (channels.length === 0) return [];
    const rows = await sql<{ id: number; channel: string; delivery_key: string; recipient: string; payload: unknown; attempts: number }>`
      UPDATE outbox SET claimed_by = ${this.options.workerId}, claimed_until = now() + make_interval(secs => ${lease})
      WHERE id IN (
        SELECT id FROM outbox
        WHERE delivered_at IS NULL AND available_at <= now() AND attempts < ${max} AND channel = ANY(${channels}::text[])
          AND (claimed_until IS NULL OR claimed_until < now())
        ORDER BY id
        LIMIT ${this.options.batchSize ?? 25}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, channel, delivery_key, recipient, payload, attempts`.execute(this.db);
    // UPDATE … RETURNING has no order: send in outbox order (webhook receivers see events in turn).
    return rows.rows.sort((a, b) => a.id - b.id);
  }

  async runOnce(): Promise<DeliveryRun> {
    let delivered = 0;
    let failed = 0;
    if (this.mailer && this.options.digests) await this.options.digests.assembleDue();
    for (const row of await this.claim()) {
      try {
        let templateVersion: number | null = null;
        if (row.channel === 'webhook') {
          await this.options.webhooks!.send({ deliveryKey: row.delivery_key, recipient: row.recipient, payload: row.payload });
        } else {
          const payload = row.payload as Record<string, unknown>;
          const kind = unsubscribeKindOf(payload);
          const userId = typeof payload.recipientUserId === 'string' ? payload.recipientUserId : undefined;
          const unsubscribeUrl = this.options.unsubscribe && kind && userId ? this.options.unsubscribe.url({ userId, kind }) : undefined;
          const { rendered, version } = this.options.templates
            ? await this.options.templates.render(payload, unsubscribeUrl ? { unsubscribeUrl } : {})
            : { rendered: renderEmail(payload, this.options.baseUrl, unsubscribeUrl ? { unsubscribeUrl } : {}), version: 1 };
          templateVersion = version;
          await this.mailer!.send({
            deliveryKey: row.delivery_key,
            to: row.recipient,
            ...rendered,
            ...(unsubscribeUrl ? { headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` } } : {}),
          });
        }
        await this.db
          .updateTable('outbox')
          .set({ delivered_at: sql<Date>`now()`, claimed_until: null, last_error: null, template_version: templateVersion })
          .where('id', '=', row.id)
          .where('claimed_by', '=', this.options.workerId)
          .execute();
        delivered++;
      } catch (error) {
        failed++;
        await this.db
          .updateTable('outbox')
          .set({
            // A delivery that can never succeed (e.g. its webhook endpoint was removed) is not retried.
            attempts: (error as { permanent?: boolean } | null)?.permanent === true ? (this.options.maxAttempts ?? 10) : row.attempts + 1,
            available_at: sql<Date>`now() + make_interval(secs => ${backoffSeconds(row.attempts + 1)})`,
            claimed_until: null,
            last_error: String(error instanceof Error ? error.message : error).slice(0, 500),
          })
          .where('id', '=', row.id)
          .execute();
      }
    }
    return { delivered, failed };
  }

  /** Delivers until nothing is left that is due (tests and the CLI). */
  async drain(maxRounds = 100): Promise<DeliveryRun> {
    let delivered = 0;
    let failed = 0;
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      delivered += r.delivered;
      failed += r.failed;
      if (r.delivered + r.failed === 0) break;
    }
    return { delivered, failed };
  }
}
