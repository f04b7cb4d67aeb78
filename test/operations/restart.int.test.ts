// `npm start` survives restarts and kill -9: data is kept, and the PostgreSQL left behind
// by a killed secmod does not block the next start (issue: Foundation, acceptance).
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/store/embedded-postgres.ts';

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'secmod-restart-'));
const children: ChildProcess[] = [];

async function startServe(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SECMOD_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/secmod.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return { child, output: () => out };
    } catch {
      // not yet listening
    }
    if (child.exitCode !== null) throw new Error(`secmod exited: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`secmod did not become healthy: ${out}`);
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map(exited));
  // A last PostgreSQL may still run if a test failed midway: stop it through its pid file.
  const pid = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(inject('databaseTarget') === 'server')('npm start on the embedded PostgreSQL', () => {
  it('keeps its data across a graceful restart and recovers from kill -9 without an orphan blocking it', async () => {
    const port = await freePort();
    const first = await startServe(port);
    expect(first.output()).toContain('seeded the demo cast');
    const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@secmod.example', password: 'secmod-demo' }) });
    expect(signIn.status).toBe(201);

    // Graceful stop (SIGTERM) and start again: the demo cast is still there, not seeded again.
    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(first.child.exitCode).toBe(0);
    const second = await startServe(port);
    expect(second.output()).not.toContain('seeded the demo cast');

    // kill -9: PostgreSQL is orphaned; the next start must stop it and come up on the same data.
    second.child.kill('SIGKILL');
    await exited(second.child);
    const third = await startServe(port);
    expect(third.output()).toContain('orphaned PostgreSQL');
    const again = await fetch(`http://127.0.0.1:${port}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@secmod.example', password: 'secmod-demo' }) });
    expect(again.status).toBe(201);
    third.child.kill('SIGTERM');
    await exited(third.child);
  }, 120_000);
});
