import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('password policy', () => {
  it('needs at least 8 characters and allows at least 64', () => {
    expect(passwordProblem('short7!')).toMatch(/at least 8/);
    expect(passwordProblem('a'.repeat(64) + 'Z9')).toBeUndefined();
    expect(passwordProblem('x'.repeat(129))).toMatch(/128/);
  });

  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('Password123')).toMatch(/too common/);
    expect(passwordProblem('secmod-demo')).toBeUndefined();
  });
});

describe('argon2id hashing', () => {
  it('stores argon2id hashes that verify only the right password', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(h, 'wrong horse battery')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
