import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded PostgreSQL on port 3000 with the system clock and demo mode', () => {
    const c = loadConfig({}, '/srv/secmod');
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: '/srv/secmod/data', clockMode: 'system', demo: true });
  });

  it('DATABASE_URL switches to a PostgreSQL server; SECMOD_DATA_DIR moves the data', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', SECMOD_DATA_DIR: '/var/lib/secmod' }, '/srv');
    expect(c.databaseUrl).toBe('postgres://u@h/db');
    expect(c.dataDir).toBe('/var/lib/secmod');
  });

  it('refuses the manual clock in production mode', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SECMOD_CLOCK: 'manual', SECMOD_CHAIN_KEY: 'k' })).toThrow(ConfigError);
    expect(() => loadConfig({ SECMOD_CLOCK: 'sometimes' })).toThrow(/SECMOD_CLOCK/);
  });

  it('accepts supporting documents up to 20 MiB unless SECMOD_UPLOAD_LIMIT_BYTES says otherwise', () => {
    expect(loadConfig({}).uploadLimitBytes).toBe(20 * 1024 * 1024);
    expect(loadConfig({ SECMOD_UPLOAD_LIMIT_BYTES: '65536' }).uploadLimitBytes).toBe(65536);
    expect(() => loadConfig({ SECMOD_UPLOAD_LIMIT_BYTES: '1GB' })).toThrow(/SECMOD_UPLOAD_LIMIT_BYTES must be an integer/);
  });

  it('refuses a bad PORT with a clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
  });
});
