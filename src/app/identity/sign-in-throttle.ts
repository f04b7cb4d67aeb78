// Sign-in rate limit: failures are counted per account and per address in a window; past
// the limit sign-in answers 429 until the window ends (brute-force protection).
import type { Db } from '../../store/database.ts';

export interface ThrottleLimits {
  readonly perAccount: number;
  readonly perAddress: number;
  readonly windowMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMinutes: 15 };

export class SignInThrottle {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  private keys(email: string, address: string): { key: string; limit: number }[] {
    return [
      { key: `account:${email.trim().toLowerCase()}`, limit: this.limits.perAccount },
      { key: `address:${address}`, limit: this.limits.perAddress },
    ];
  }

  /** Seconds to wait, or 0 when sign-in may be tried. */
  async retryAfter(email: string, address: string): Promise<number> {
    const now = this.now().getTime();
    const windowMs = this.limits.windowMinutes * 60_000;
    let wait = 0;
    for (const { key, limit } of this.keys(email, address)) {
      const row = await this.db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
      if (!row) continue;
      const ends = row.window_started.getTime() + windowMs;
      if (ends > now && row.failures >= limit) wait = Math.max(wait, Math.ceil((ends - now) / 1000));
    }
    return wait;
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const now = this.now();
    const windowStart = new Date(now.getTime() - this.limits.windowMinutes * 60_000);
    for (const { key } of this.keys(email, address)) {
      await this.db
        .insertInto('sign_in_throttle')
        .values({ key, failures: 1, window_started: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            // A window that has ended starts again from this failure.
            failures: eb.case().when('sign_in_throttle.window_started', '<', windowStart).then(1).else(eb('sign_in_throttle.failures', '+', 1)).end(),
            window_started: eb.case().when('sign_in_throttle.window_started', '<', windowStart).then(now).else(eb.ref('sign_in_throttle.window_started')).end(),
          })),
        )
        .execute();
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.deleteFrom('sign_in_throttle').where('key', '=', `account:${email.trim().toLowerCase()}`).execute();
  }
}
