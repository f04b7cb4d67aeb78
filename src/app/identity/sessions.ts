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

  async userFor(id: string): Promise<string | undefined> {
    if (id.length > 200) return undefined;
    const row = await this.db.selectFrom('sessions').select(['user_id', 'expires_at']).where('id_hash', '=', secretHash(id)).executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_at.getTime() <= this.now().getTime()) {
      await this.destroy(id);
      return undefined;
    }
    return row.user_id;
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', secretHash(id)).execute();
  }
}
