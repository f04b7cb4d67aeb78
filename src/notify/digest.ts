// The daily digest: notices for users who chose "daily digest" wait in the outbox as held
// `digest` rows; once a day, at a configured Europe/London time (SECMOD_DIGEST_TIME, 07:00 by
// default) on the application clock, each such user gets one email listing them grouped by
// proposal. Exactly once per user per day: the digest's delivery key is `digest:<user>:<date>`
// (the outbox's unique key), and the held rows are taken in the same transaction.
import { sql } from 'kysely';
import type { Db } from '../store/database.ts';
import { londonDate } from '../app/london-date.ts';
import { DEFAULT_PREFERENCE, preferencesOf } from './preferences.ts';

const DIGEST_LOCK = 7_020_001;

const PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Europe/London's offset from UTC at an instant, in ms. */
function londonOffset(at: number): number {
  const p = Object.fromEntries(PARTS.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return local - Math.floor(at / 1000) * 1000;
}

/** The instant of a Europe/London wall-clock time on a date ("2026-03-03", "07:00"). */
export function londonInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let at = wall - londonOffset(wall);
  const again = wall - londonOffset(at);
  if (again !== at) at = again;
  return new Date(at);
}

const dayBefore = (date: string): string => new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The digest due at `now`: today's once its time has passed, else yesterday's; with its cut-off. */
export function dueDigest(now: Date, time: string): { date: string; cutoff: Date } {
  const today = londonDate(now);
  const cutoffToday = londonInstant(today, time);
  if (now.getTime() >= cutoffToday.getTime()) return { date: today, cutoff: cutoffToday };
  const yesterday = dayBefore(today);
  return { date: yesterday, cutoff: londonInstant(yesterday, time) };
}

interface HeldRow {
  id: number;
  event_position: number;
  recipient: string;
  payload: Record<string, unknown>;
}

export class DigestAssembler {
  constructor(
    private readonly db: Db,
    private readonly options: { readonly time: string; readonly now: () => Date },
  ) {}

  /**
   * Queues the digest that is due, for every user with held notices from before its cut-off.
   * Returns how many digests were queued. Safe to run often and from several processes.
   */
  async assembleDue(): Promise<number> {
    const { date, cutoff } = dueDigest(this.options.now(), this.options.time);
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${DIGEST_LOCK})`.execute(trx);
      const held = (
        await sql<HeldRow>`
          SELECT id, event_position, recipient, payload FROM outbox
          WHERE channel = 'digest' AND delivered_at IS NULL AND (payload->>'at')::timestamptz < ${cutoff}
          ORDER BY id`.execute(trx)
      ).rows;
      if (held.length === 0) return 0;
      const byUser = new Map<string, HeldRow[]>();
      for (const row of held) {
        const userId = String(row.payload.recipientUserId);
        byUser.set(userId, [...(byUser.get(userId) ?? []), row]);
      }
      const preferences = await preferencesOf(trx, [...byUser.keys()]);
      let queued = 0;
      for (const [userId, rows] of byUser) {
        const preference = preferences.get(userId) ?? DEFAULT_PREFERENCE;
        const dropped = preference.mode === 'off' ? rows : rows.filter((r) => preference.muted.includes(String(r.payload.rule)));
        const kept = rows.filter((r) => !dropped.includes(r));
        if (dropped.length > 0) {
          await trx.updateTable('outbox').set({ delivered_at: sql<Date>`now()`, last_error: 'not sent: the recipient turned these notices off' }).where('id', 'in', dropped.map((r) => r.id)).execute();
        }
        if (kept.length === 0) continue;
        const last = kept[kept.length - 1]!;
        const inserted = await trx
          .insertInto('outbox')
          .values({
            event_position: Math.max(...kept.map((r) => r.event_position)),
            delivery_key: `digest:${userId}:${date}`,
            channel: 'email',
            recipient: last.recipient,
            payload: JSON.stringify({
              template: 'digest',
              rule: 'digest',
              recipientUserId: userId,
              recipientName: last.payload.recipientName,
              date,
              items: kept.map((r) => r.payload),
            }),
            created_at: sql<Date>`now()`,
            available_at: sql<Date>`now()`,
          })
          .onConflict((oc) => oc.column('delivery_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        // Today's digest already went: what is held waits for tomorrow's.
        if (!inserted) continue;
        await trx.updateTable('outbox').set({ delivered_at: sql<Date>`now()`, last_error: null, claimed_by: `digest:${inserted.id}` }).where('id', 'in', kept.map((r) => r.id)).execute();
        queued++;
      }
      return queued;
    });
  }
}
