// Vitest global setup for integration and browser tests: a PostgreSQL server (the embedded
// one, or the server at DATABASE_URL) with a template database that is migrated and holds
// the demo cast. Each test file clones the template (CREATE DATABASE … TEMPLATE), so files
// run in parallel on their own data.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres.ts';
import { loadConfig } from '../../src/config.ts';
import { openServices, prepareDatabase } from '../../src/app/services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTarget: 'embedded' | 'server';
    databaseAdminUrl: string;
    templateDatabase: string;
  }
}

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

export default async function setup(project: TestProject) {
  const target = project.getProvidedContext().databaseTarget ?? 'embedded';
  let adminUrl: string;
  let stopServer: () => Promise<void> = async () => {};
  let tmpDir: string | undefined;
  if (target === 'server') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('the int-server project needs DATABASE_URL');
    adminUrl = url;
  } else {
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'secmod-test-pg-'));
    const server = await startEmbeddedPostgres(tmpDir, { database: 'postgres' });
    adminUrl = server.url;
    stopServer = server.stop;
  }
  const templateDatabase = `secmod_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();

  const config = { ...loadConfig({ NODE_ENV: 'test' }), databaseUrl: undefined };
  const services = await openServices(config, withDatabase(adminUrl, templateDatabase), { poolSize: 2 });
  await prepareDatabase(services, () => {}, { seedDemo: true });
  await services.close();

  project.provide('databaseAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const leftovers = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [templateDatabase, `${templateDatabase}_%`]);
    for (const { datname } of leftovers.rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
    await c.end();
    await stopServer();
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  };
}
