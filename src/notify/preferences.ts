// Per-user notification preferences: each notice as it happens ("immediate", the default), a
// daily digest grouped by proposal, or no notices; and the notice rules a user turned off (an
// unsubscribe link adds one). Read by the outbox policy in the append transaction.
import type { Db } from '../store/database.ts';
import type { Trx } from '../store/event-store.ts';
import { NOTICE_RULES, ruleLabel } from './notice-rules.ts';
import type { Subscriptions } from './subscriptions.ts';
import type { UnsubscribeTarget } from './unsubscribe.ts';

export const DELIVERY_MODES = ['immediate', 'digest', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface NotificationPreference {
  readonly mode: DeliveryMode;
  /** Rule ids the user turned off. */
  readonly muted: readonly string[];
}

export const DEFAULT_PREFERENCE: NotificationPreference = { mode: 'immediate', muted: [] };

export class PreferenceError extends Error {
  constructor(
    readonly field: 'mode' | 'muted',
    message: string,
  ) {
    super(message);
  }
}

/** Preferences of several users at once (the outbox policy). */
export async function preferencesOf(trx: Trx | Db, userIds: readonly string[]): Promise<Map<string, NotificationPreference>> {
  if (userIds.length === 0) return new Map();
  const rows = await trx.selectFrom('notification_preferences').select(['user_id', 'mode', 'muted']).where('user_id', 'in', [...userIds]).execute();
  return new Map(rows.map((r) => [r.user_id, { mode: r.mode, muted: r.muted }]));
}

export class NotificationPreferences {
  constructor(
    private readonly db: Db,
    private readonly subscriptions: Subscriptions,
    private readonly now: () => Date,
  ) {}

  async get(userId: string): Promise<NotificationPreference> {
    return (await preferencesOf(this.db, [userId])).get(userId) ?? DEFAULT_PREFERENCE;
  }

  /** Sets the mode and, when given, the muted rules. Throws PreferenceError. */
  async set(userId: string, input: { mode: string; muted?: readonly string[] }): Promise<NotificationPreference> {
    if (!(DELIVERY_MODES as readonly string[]).includes(input.mode)) throw new PreferenceError('mode', 'Choose how you get notices: each as it happens, a daily digest, or none.');
    const known = new Set(NOTICE_RULES.map((r) => r.id));
    const unknown = (input.muted ?? []).filter((m) => !known.has(m));
    if (unknown.length > 0) throw new PreferenceError('muted', `There is no notice called ${unknown.slice(0, 3).join(', ').slice(0, 200)}.`);
    const current = await this.get(userId);
    const muted = [...new Set(input.muted ?? current.muted)].sort();
    await this.db
      .insertInto('notification_preferences')
      .values({ user_id: userId, mode: input.mode as DeliveryMode, muted, updated_at: this.now() })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ mode: input.mode as DeliveryMode, muted, updated_at: this.now() }))
      .execute();
    return { mode: input.mode as DeliveryMode, muted };
  }

  /** What an unsubscribe link turns off, for people; undefined when it no longer applies. */
  async describe(target: UnsubscribeTarget): Promise<string | undefined> {
    if (target.kind === 'digest') return 'the daily digest of notices (you will get no notices by email)';
    if (target.kind.startsWith('rule:')) {
      const label = ruleLabel(target.kind.slice(5));
      return label ? `emails about: ${label}` : undefined;
    }
    const sub = await this.subscriptions.find(target.userId, target.kind.slice('subscription:'.length));
    return sub ? `emails about ${sub.description} (you will stop following it)` : undefined;
  }

  /** Whether what an unsubscribe link turns off is off already. */
  async isOff(target: UnsubscribeTarget): Promise<boolean> {
    const current = await this.get(target.userId);
    if (target.kind === 'digest') return current.mode !== 'digest';
    if (target.kind.startsWith('rule:')) return current.mode === 'off' || current.muted.includes(target.kind.slice(5));
    return (await this.subscriptions.find(target.userId, target.kind.slice('subscription:'.length))) === undefined;
  }

  /** Applies an unsubscribe link. Returns false when there was nothing left to turn off. */
  async unsubscribe(target: UnsubscribeTarget): Promise<boolean> {
    const current = await this.get(target.userId);
    if (target.kind === 'digest') {
      if (current.mode === 'off') return false;
      await this.set(target.userId, { mode: 'off' });
      return true;
    }
    if (target.kind.startsWith('rule:')) {
      const rule = target.kind.slice(5);
      if (current.muted.includes(rule) || !NOTICE_RULES.some((r) => r.id === rule)) return false;
      await this.set(target.userId, { mode: current.mode, muted: [...current.muted, rule] });
      return true;
    }
    return this.subscriptions.remove(target.userId, target.kind.slice('subscription:'.length));
  }
}
