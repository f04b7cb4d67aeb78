// Turns appended events into outbox rows, in the append transaction (architecture.md
// "Persistence"): each matching rule, each recipient, one row with a delivery key that makes
// the notice unique per event, rule and person. Followers are recipients of the follower
// rules; a person hears of one event once. Each recipient's preferences decide the row: an
// `email` row (immediate), a held `digest` row (the daily digest takes it in), or none (turned
// off, or that rule muted).
import type { OutboxMessage, OutboxPolicy, StoredEvent, Trx } from '../store/event-store.ts';
import { londonDate } from '../app/london-date.ts';
import { NOTICE_RULES, type NoticeRule } from './notice-rules.ts';
import { resolveRecipients, type Recipient } from './recipients.ts';
import { DEFAULT_PREFERENCE, preferencesOf } from './preferences.ts';

const MODIFICATION = 'modification-';

interface SeatLike {
  readonly memberId?: string;
  readonly voting: boolean;
  readonly suspended: boolean;
}

/** The stage the proposal was in before `event` (from the batch, else from the stream). */
async function previousStage(trx: Trx, event: StoredEvent, batch: readonly StoredEvent[]): Promise<unknown> {
  if (event.streamVersion <= 1) return undefined;
  const inBatch = batch.find((e) => e.streamId === event.streamId && e.streamVersion === event.streamVersion - 1);
  if (inBatch) return inBatch.data.to;
  const row = await trx.selectFrom('events').select('data').where('stream_id', '=', event.streamId).where('stream_version', '=', event.streamVersion - 1).executeTakeFirst();
  return (row?.data as Record<string, unknown> | undefined)?.to;
}

export function noticeOutboxPolicy(rules: readonly NoticeRule[] = NOTICE_RULES): OutboxPolicy {
  return async (events: readonly StoredEvent[], trx: Trx) => {
    const out: (OutboxMessage & { eventPosition: number })[] = [];
    if (!events.some((e) => e.streamId.startsWith(MODIFICATION))) return out;
    // Follower rules matter only once someone follows something (one query per append).
    const anyFollowers = (await trx.selectFrom('subscriptions').select('id').limit(1).executeTakeFirst()) !== undefined;
    const inForce = anyFollowers ? rules : rules.filter((r) => !r.recipients.every((spec) => spec.kind === 'followers'));
    for (const event of events) {
      if (!event.streamId.startsWith(MODIFICATION)) continue;
      const facts = {
        eventType: event.type,
        stageChanged: anyFollowers && event.data.to !== undefined && event.data.to !== (await previousStage(trx, event, events)),
      };
      const matching = inForce.filter((r) => (r.on === '*' || r.on === event.type) && (!r.when || r.when(event.data, facts)));
      if (matching.length === 0) continue;
      const number = Number(event.streamId.slice(MODIFICATION.length));
      const row = await trx.selectFrom('modification_register').select(['reference', 'title', 'proposer_user_id', 'proposer_organisation_id']).where('number', '=', number).executeTakeFirst();
      if (!row) continue;
      const seats = (event.data.seats as readonly SeatLike[] | undefined) ?? [];
      const seatMemberIds = seats.filter((s) => s.voting && !s.suspended && s.memberId).map((s) => s.memberId!);
      const reached = new Set<string>();
      const notices: { rule: NoticeRule; recipient: Recipient }[] = [];
      for (const rule of matching) {
        const recipients = await resolveRecipients(trx, rule.recipients, {
          proposerOrganisationId: row.proposer_organisation_id,
          proposerUserId: row.proposer_user_id,
          seatMemberIds,
          today: londonDate(event.recordedAt),
          proposalNumber: number,
          followerLevels: rule.significant ? ['significant', 'everything'] : ['everything'],
        });
        for (const r of recipients) {
          // A follower already told of this event (by their role, or a more significant rule) is not told again.
          if (r.subscription && reached.has(r.userId)) continue;
          reached.add(r.userId);
          notices.push({ rule, recipient: r });
        }
      }
      const preferences = await preferencesOf(trx, [...reached]);
      for (const { rule, recipient: r } of notices) {
        const preference = preferences.get(r.userId) ?? DEFAULT_PREFERENCE;
        if (preference.mode === 'off' || preference.muted.includes(rule.id)) continue;
        out.push({
          eventPosition: event.position,
          deliveryKey: `${event.position}:${rule.id}:${r.userId}`,
          channel: preference.mode === 'digest' ? 'digest' : 'email',
          recipient: r.email,
          payload: {
            rule: rule.id,
            template: rule.template,
            subject: rule.subject,
            significant: rule.significant,
            ...(rule.clause ? { clause: rule.clause } : {}),
            reference: row.reference,
            number,
            title: row.title,
            recipientName: r.name,
            recipientUserId: r.userId,
            ...(r.subscription ? { subscriptionId: r.subscription.id, followedBecause: r.subscription.description } : {}),
            eventType: event.type,
            at: event.recordedAt.toISOString(),
            data: pick(event.data),
          },
        });
      }
    }
    return out;
  };
}

/** The event fields templates use; free text stays out of the outbox row's summary. */
function pick(data: Record<string, unknown>): Record<string, unknown> {
  const keys = ['kind', 'closesAt', 'purpose', 'result', 'secVersion', 'outcome', 'screens', 'explanation', 'perSolution', 'to'];
  return Object.fromEntries(keys.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
}
