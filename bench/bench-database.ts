// One PostgreSQL for the proof-suite benches (embedded, or the server at DATABASE_URL), with a
// fresh, migrated database per suite so that one suite's rows never weigh on another's figures.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openServices, prepareDatabase, type Services } from '../src/app/services.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/store/embedded-postgres.ts';

let server: { adminUrl: string; embedded: EmbeddedServer | undefined; tmp: string | undefined } | undefined;
const created: string[] = [];

async function adminUrl(): Promise<string> {
  if (!server) {
    if (process.env.DATABASE_URL) server = { adminUrl: process.env.DATABASE_URL, embedded: undefined, tmp: undefined };
    else {
      const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'secmod-bench-proof-'));
      const embedded = await startEmbeddedPostgres(tmp, { database: 'postgres' });
      server = { adminUrl: embedded.url, embedded, tmp };
    }
  }
  return server.adminUrl;
}

/** A new, empty database on the bench's PostgreSQL; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = await adminUrl();
  const database = `secmod_bench_${name}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
    created.push(database);
  } finally {
    await client.end();
  }
  const u = new URL(admin);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Services on a fresh database, migrated and (by default) seeded with the demo cast. */
export async function benchServices(name: string, env: Record<string, string> = {}, options: { poolSize?: number; seedDemo?: boolean } = {}): Promise<{ services: Services; url: string }> {
  const url = await freshDatabase(name);
  const services = await openServices({ ...loadConfig({ NODE_ENV: 'test', ...env }), databaseUrl: url }, url, { poolSize: options.poolSize ?? 4 });
  await prepareDatabase(services, () => {}, { seedDemo: options.seedDemo ?? true });
  return { services, url };
}

export async function stopBenchDatabase(): Promise<void> {
  if (!server) return;
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  for (const database of created.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  await client.end();
  await server.embedded?.stop();
  if (server.tmp) await fs.rm(server.tmp, { recursive: true, force: true });
  server = undefined;
}
