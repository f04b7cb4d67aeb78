// Turns appended events into outbox rows, in the append transaction (architecture.md
// "Persistence"): each matching rule, each recipient, one row with a delivery key that makes
// the notice unique per event, rule and person.
import type { OutboxMessage, OutboxPolicy, StoredEvent, Trx } from '../store/event-store.ts';
import { londonDate } from '../app/london-date.ts';
import { NOTICE_RULES, type NoticeRule } from './notice-rules.ts';
import { resolveRecipients } from './recipients.ts';

const MODIFICATION = 'modification-';

interface SeatLike {
  readonly memberId?: string;
  readonly voting: boolean;
  readonly suspended: boolean;
}

export function noticeOutboxPolicy(rules: readonly NoticeRule[] = NOTICE_RULES): OutboxPolicy {
  return async (events: readonly StoredEvent[], trx: Trx) => {
    const out: (OutboxMessage & { eventPosition: number })[] = [];
    for (const event of events) {
      if (!event.streamId.startsWith(MODIFICATION)) continue;
      const matching = rules.filter((r) => r.on === event.type && (!r.when || r.when(event.data)));
      if (matching.length === 0) continue;
      const number = Number(event.streamId.slice(MODIFICATION.length));
      const row = await trx.selectFrom('modification_register').select(['reference', 'title', 'proposer_user_id', 'proposer_organisation_id']).where('number', '=', number).executeTakeFirst();
      if (!row) continue;
      const seats = (event.data.seats as readonly SeatLike[] | undefined) ?? [];
      const seatMemberIds = seats.filter((s) => s.voting && !s.suspended && s.memberId).map((s) => s.memberId!);
      for (const rule of matching) {
        const recipients = await resolveRecipients(trx, rule.recipients, {
          proposerOrganisationId: row.proposer_organisation_id,
          proposerUserId: row.proposer_user_id,
          seatMemberIds,
          today: londonDate(event.recordedAt),
        });
        for (const r of recipients) {
          out.push({
            eventPosition: event.position,
            deliveryKey: `${event.position}:${rule.id}:${r.userId}`,
            channel: 'email',
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
              eventType: event.type,
              at: event.recordedAt.toISOString(),
              data: pick(event.data),
            },
          });
        }
      }
    }
    return out;
  };
}

/** The event fields templates use; free text stays out of the outbox row's summary. */
function pick(data: Record<string, unknown>): Record<string, unknown> {
  const keys = ['kind', 'closesAt', 'purpose', 'result', 'secVersion', 'outcome', 'screens', 'explanation', 'perSolution'];
  return Object.fromEntries(keys.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
}
