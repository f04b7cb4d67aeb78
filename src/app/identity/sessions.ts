// Server-side sessions in the database. The cookie holds a random id; the table its hash.
import type { Db } from '../../store/database.ts';
import { newSecret, secretHash } from './secret-token.ts';

export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly ttlHours: number,
  ) {}

  /** A fresh id on every sign-in (session fixation). */
  async create(userId: string): Promise<{ id: string; expiresAt: Date }> {
    const id = newSecret();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.ttlHours * 3_600_000);
    await this.db.insertInto('sessions').values({ id_hash: secretHash(id), user_id: userId, created_at: now, expires_at: expiresAt, last_seen_at: now }).execute();
    return { id, expiresAt };
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', secretHash(id)).execute();
  }
}
