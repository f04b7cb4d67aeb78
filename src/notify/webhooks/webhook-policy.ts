// Turns appended events into webhook outbox rows, in the append transaction (like the email
// notices): channel `webhook`, recipient = the endpoint id, payload = the JSON body to send.
// The body is fixed here, so every retry sends the same bytes (only the timestamp and its
// signature are made at delivery).
import type { OutboxMessage, OutboxPolicy, StoredEvent, Trx } from '../../store/event-store.ts';
import { WEBHOOK_BROADCAST_EVENTS, WEBHOOK_DATA_KEYS, WEBHOOK_PROPOSER_EVENTS } from './webhook-rules.ts';

const MODIFICATION = 'modification-';

export function webhookOutboxPolicy(publicUrl: string): OutboxPolicy {
  const base = publicUrl.replace(/\/$/, '');
  return async (events: readonly StoredEvent[], trx: Trx) => {
    const out: (OutboxMessage & { eventPosition: number })[] = [];
    const relevant = events.filter((e) => e.streamId.startsWith(MODIFICATION) && (WEBHOOK_PROPOSER_EVENTS.has(e.type) || WEBHOOK_BROADCAST_EVENTS.has(e.type)));
    if (relevant.length === 0) return out;
    const endpoints = await trx
      .selectFrom('webhook_endpoints')
      .innerJoin('organisations as o', 'o.id', 'webhook_endpoints.organisation_id')
      .select(['webhook_endpoints.id', 'webhook_endpoints.organisation_id', 'o.kind'])
      .where('webhook_endpoints.disabled_at', 'is', null)
      .execute();
    if (endpoints.length === 0) return out;
    for (const event of relevant) {
      const number = Number(event.streamId.slice(MODIFICATION.length));
      const row = await trx.selectFrom('modification_register').select(['reference', 'title', 'proposer_organisation_id', 'state_id', 'state_name']).where('number', '=', number).executeTakeFirst();
      if (!row) continue;
      const targets = endpoints.filter((ep) =>
        (WEBHOOK_PROPOSER_EVENTS.has(event.type) && ep.organisation_id === row.proposer_organisation_id) ||
        (WEBHOOK_BROADCAST_EVENTS.has(event.type) && !(event.data.kind === 'mrc' && ep.kind === 'dcc')));
      for (const ep of targets) {
        const deliveryKey = `${event.position}:webhook:${ep.id}`;
        out.push({
          eventPosition: event.position,
          deliveryKey,
          channel: 'webhook',
          recipient: ep.id,
          payload: {
            id: deliveryKey,
            event: event.type,
            occurredAt: event.recordedAt.toISOString(),
            position: event.position,
            proposal: { number, reference: row.reference, title: row.title, link: `${base}/proposals/${row.reference}` },
            data: Object.fromEntries(WEBHOOK_DATA_KEYS.filter((k) => event.data[k] !== undefined).map((k) => [k, event.data[k]])),
            clauseRefs: (event.metadata.clauseRefs as string[] | undefined) ?? [],
          },
        });
      }
    }
    return out;
  };
}

/** Runs several outbox policies over the same events (email notices, webhooks). */
export function combineOutboxPolicies(...policies: readonly OutboxPolicy[]): OutboxPolicy {
  return async (events, trx) => {
    const all: (OutboxMessage & { eventPosition: number })[] = [];
    for (const policy of policies) all.push(...(await policy(events, trx)));
    return all;
  };
}
