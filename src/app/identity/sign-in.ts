// Sign-in shared by the page and the API: throttled per account and address, constant-time
// for unknown accounts, and the same answer for a wrong email or a wrong password.
import type { Directory } from './directory.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';

export type SignInResult =
  | { readonly outcome: 'signed-in'; readonly userId: string }
  | { readonly outcome: 'invalid' }
  | { readonly outcome: 'throttled'; readonly retryAfterSeconds: number };

export async function signIn(deps: { directory: Directory; throttle: SignInThrottle }, email: string, password: string, address: string): Promise<SignInResult> {
  const wait = await deps.throttle.retryAfter(email, address);
  if (wait > 0) return { outcome: 'throttled', retryAfterSeconds: wait };
  const user = await deps.directory.findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled) {
    await deps.throttle.recordFailure(email, address);
    return { outcome: 'invalid' };
  }
  await deps.throttle.recordSuccess(email);
  return { outcome: 'signed-in', userId: user.id };
}
