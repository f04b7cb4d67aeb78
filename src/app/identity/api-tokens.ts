// API bearer tokens (`POST /api/v1/session`, `secmod token create`), stored hashed.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/database.ts';
import { newSecret, secretHash } from './secret-token.ts';

export class ApiTokens {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async create(userId: string, label: string, ttlHours?: number): Promise<{ token: string; expiresAt: Date | null }> {
    const token = newSecret('smt_');
    const now = this.now();
    const expiresAt = ttlHours ? new Date(now.getTime() + ttlHours * 3_600_000) : null;
    await this.db
      .insertInto('api_tokens')
      .values({ id: randomUUID(), user_id: userId, token_hash: secretHash(token), label, created_at: now, expires_at: expiresAt, revoked_at: null })
      .execute();
    return { token, expiresAt };
  }

  async revoke(token: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ revoked_at: this.now() }).where('token_hash', '=', secretHash(token)).execute();
  }
}
