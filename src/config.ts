// Configuration is read from the environment once, here, and validated (architecture.md:
// no `process.env` outside config).
import path from 'node:path';

export type ClockMode = 'system' | 'manual';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** External PostgreSQL server; when absent secmod starts its embedded PostgreSQL. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly clockMode: ClockMode;
  readonly production: boolean;
  /** Demo mode: seed the demo cast into an empty database and show the demo password. */
  readonly demo: boolean;
  readonly logLevel: string;
  /** Key of the HMAC that chains events; changing it makes `secmod verify` fail on old events. */
  readonly chainKey: string;
  /** Set when served behind TLS: adds Secure cookies and HSTS. */
  readonly behindTls: boolean;
  readonly sessionTtlHours: number;
  readonly bodyLimitBytes: number;
  /** Largest supporting document accepted for upload (SECMOD_UPLOAD_LIMIT_BYTES, default 20 MiB). */
  readonly uploadLimitBytes: number;
  /** How often the deadline sweeper looks for passed timers. */
  readonly sweepSeconds: number;
  /**
   * How long a delivery worker holds the outbox rows it claims (SECMOD_DELIVERY_LEASE_SECONDS,
   * default 60): rows a stopped or killed process had claimed go to another after this.
   */
  readonly deliveryLeaseSeconds: number;
  /** SMTP server for notices, e.g. smtp://user:pass@mail.example:587; none in demo mode. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** The address users reach the portal at, for links in notices. */
  readonly publicUrl: string;
  /** Europe/London time of day ("HH:MM") at which daily notice digests are sent. */
  readonly digestTime: string;
  /** Webhook URLs may use plain http (tests and development only; https otherwise). */
  readonly webhookAllowHttp: boolean;
  /** Addresses or CIDR ranges webhooks may reach although private or loopback (tests, on-premises receivers). */
  readonly webhookAllowedAddresses: readonly string[];
}

export class ConfigError extends Error {}

const intFrom = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return n;
};

const DIGEST_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const production = env.NODE_ENV === 'production';
  const clockRaw = env.SECMOD_CLOCK ?? 'system';
  if (clockRaw !== 'system' && clockRaw !== 'manual') throw new ConfigError(`SECMOD_CLOCK must be "system" or "manual", not "${clockRaw}"`);
  if (clockRaw === 'manual' && production) throw new ConfigError('SECMOD_CLOCK=manual is refused in production mode (NODE_ENV=production)');
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : undefined;
  const chainKey = env.SECMOD_CHAIN_KEY ?? 'secmod-development-chain-key';
  const digestTime = env.SECMOD_DIGEST_TIME ?? '07:00';
  if (!DIGEST_TIME.test(digestTime)) throw new ConfigError(`SECMOD_DIGEST_TIME must be a 24-hour London time like 07:00, not "${digestTime}"`);
  if (production && env.SECMOD_CHAIN_KEY === undefined) throw new ConfigError('SECMOD_CHAIN_KEY must be set in production mode');
  return {
    port: intFrom('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(cwd, env.SECMOD_DATA_DIR ?? 'data'),
    clockMode: clockRaw,
    production,
    demo: env.SECMOD_DEMO !== undefined ? env.SECMOD_DEMO !== 'false' : !production,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    chainKey,
    behindTls: env.SECMOD_TLS === 'true',
    sessionTtlHours: intFrom('SECMOD_SESSION_TTL_HOURS', env.SECMOD_SESSION_TTL_HOURS, 12, 1, 24 * 30),
    smtpUrl: env.SMTP_URL && env.SMTP_URL.trim() !== '' ? env.SMTP_URL.trim() : undefined,
    mailFrom: env.SECMOD_MAIL_FROM ?? 'secmod <no-reply@secmod.invalid>',
    publicUrl: env.SECMOD_PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`,
    sweepSeconds: intFrom('SECMOD_SWEEP_SECONDS', env.SECMOD_SWEEP_SECONDS, 30, 1, 3600),
    deliveryLeaseSeconds: intFrom('SECMOD_DELIVERY_LEASE_SECONDS', env.SECMOD_DELIVERY_LEASE_SECONDS, 60, 5, 3600),
    digestTime,
    webhookAllowHttp: env.SECMOD_WEBHOOK_ALLOW_HTTP === 'true',
    webhookAllowedAddresses: (env.SECMOD_WEBHOOK_ALLOWED_ADDRESSES ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    bodyLimitBytes: intFrom('SECMOD_BODY_LIMIT_BYTES', env.SECMOD_BODY_LIMIT_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
    uploadLimitBytes: intFrom('SECMOD_UPLOAD_LIMIT_BYTES', env.SECMOD_UPLOAD_LIMIT_BYTES, 20 * 1024 * 1024, 1024, 256 * 1024 * 1024),
  };
}
