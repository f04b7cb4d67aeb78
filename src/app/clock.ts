// The injected clock (architecture.md "Time and the rulebook"). The domain never reads
// time itself; the app passes `clock.now()` into every command context.
import type { Db } from '../store/database.ts';

export interface Clock {
  readonly mode: 'system' | 'manual';
  now(): Date;
  /** Re-reads shared state (the manual clock is shared by every process on the database). */
  refresh(): Promise<void>;
  /** Sets the manual clock; refused for the system clock. */
  set(instant: Date): Promise<void>;
}

export class ManualClockDisabledError extends Error {
  constructor() {
    super('the manual clock is off: start secmod with SECMOD_CLOCK=manual to set the time');
  }
}

export const systemClock = (): Clock => ({
  mode: 'system',
  now: () => new Date(),
  refresh: async () => {},
  set: async () => {
    throw new ManualClockDisabledError();
  },
});

/** A frozen clock stored in the database, so `secmod clock set` moves a running server's time. */
export function manualClock(db: Db, initial = new Date()): Clock {
  let current = initial;
  return {
    mode: 'manual',
    now: () => new Date(current.getTime()),
    refresh: async () => {
      const row = await db.selectFrom('manual_clock').select('instant').where('id', '=', 1).executeTakeFirst();
      if (row) current = row.instant;
    },
    set: async (instant: Date) => {
      await db
        .insertInto('manual_clock')
        .values({ id: 1, instant })
        .onConflict((oc) => oc.column('id').doUpdateSet({ instant }))
        .execute();
      current = instant;
    },
  };
}
