// A personal calendar feed (issue "Notifications", item 5: ICS per user and public): the
// deadlines, meetings and implementations of the proposals a user is involved in — those its
// organisation (or the user) proposed, those it follows, and those on which it can act now
// (its tasks). Calendar clients cannot sign in, so the feed's address carries a signed,
// single-purpose token (HMAC under a key derived from the chain key for this purpose only);
// a disabled account's feed is gone.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../../app/identity/principal.ts';
import type { ModificationState } from '../../../domain/modification/index.ts';
import { actionContextFor } from '../command-form/action-context.ts';
import type { CalendarEntry } from './deadlines.ts';

const USER = /^[\w-]{1,64}$/;

export interface CalendarFeedTokens {
  token(userId: string): string;
  verify(token: string): string | undefined;
}

export function calendarFeedTokens(chainKey: string): CalendarFeedTokens {
  const key = createHmac('sha256', chainKey).update('secmod-calendar-feed-v1').digest();
  const mac = (userId: string) => createHmac('sha256', key).update(`calendar-feed\n${userId}`).digest();
  return {
    token: (userId) => {
      if (!USER.test(userId)) throw new Error(`cannot make a calendar feed for ${userId}`);
      return `${Buffer.from(userId, 'utf8').toString('base64url')}.${mac(userId).toString('base64url')}`;
    },
    verify: (raw) => {
      const m = /^([\w-]{1,100})\.([\w-]{43})$/.exec(raw);
      if (!m) return undefined;
      const userId = Buffer.from(m[1]!, 'base64url').toString('utf8');
      if (!USER.test(userId)) return undefined;
      const given = Buffer.from(m[2]!, 'base64url');
      const expected = mac(userId);
      return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
    },
  };
}

/** The proposal numbers a user is involved in: proposed by it or its organisation, followed, or with something it can do now. */
export async function involvedProposals(app: FastifyInstance, principal: Principal): Promise<Set<number>> {
  const db = app.services.database.db;
  const rows = await db.selectFrom('modification_register').select(['number', 'state', 'proposer_user_id', 'proposer_organisation_id']).orderBy('number').execute();
  const followed = await db.selectFrom('subscriptions').select('target').where('user_id', '=', principal.userId).where('kind', '=', 'proposal').execute();
  const out = new Set<number>(followed.map((f) => Number(f.target)).filter((n) => Number.isSafeInteger(n)));
  for (const row of rows) {
    if (row.proposer_user_id === principal.userId || (principal.organisation && row.proposer_organisation_id === principal.organisation.id)) {
      out.add(row.number);
      continue;
    }
    const c = await actionContextFor(app, principal, row.number, row.state as unknown as ModificationState);
    if (c.actions.length > 0) out.add(row.number);
  }
  return out;
}

export const entriesFor = (entries: readonly CalendarEntry[], numbers: ReadonlySet<number>): CalendarEntry[] =>
  entries.filter((e) => numbers.has(Number(/(\d+)$/.exec(e.reference)?.[1])));
