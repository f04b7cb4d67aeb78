// Random bearer secrets (session ids, API tokens): only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');
