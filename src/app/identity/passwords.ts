// argon2id password hashing and the password policy (min 8, max 128, common passwords refused).
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 = Argon2id (the package's Algorithm const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// The most common passwords of public breach corpora; longer lists can be added as data.
const COMMON = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890', 'qwerty123', 'qwertyuiop',
  'iloveyou', 'sunshine1', 'princess1', 'football', 'baseball', 'welcome1', 'admin123', 'letmein1',
  'passw0rd', 'trustno1', 'abc12345', 'superman', 'whatever', 'starwars', 'dragon123', 'monkey123',
  '11111111', '00000000', '87654321', 'asdfghjk', 'zaq12wsx', '1q2w3e4r', 'changeme', 'secret123',
]);

export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
  if (COMMON.has(password.toLowerCase())) return 'Password is too common; choose a different one';
  return undefined;
}

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps sign-in time the same for unknown accounts.
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hash('not-a-real-password-secmod', OPTIONS));
