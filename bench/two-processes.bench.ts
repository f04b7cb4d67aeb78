// Two `secmod serve` processes on one PostgreSQL under a mixed load against one process alone,
// in alternating rounds (issue: proof suite, "any number of stateless secmod processes"):
// throughput ratio, and — checked by SQL afterwards — zero lost or doubled events.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Services } from '../src/app/services.ts';
import { freePort } from '../src/store/embedded-postgres.ts';
import { verifyChain } from '../src/store/verify-chain.ts';
import { median, type Comparison } from './harness.ts';

const ROUNDS = 3;
const SECONDS = 6;
const CONNECTIONS = 16;
/** One request in WRITE_EVERY is a Draft Proposal; the rest read the register or a proposal. */
const WRITE_EVERY = 5;
const PROPOSERS = ['proposer@large-supplier.example', 'proposer@small-supplier.example', 'proposer@elec-network.example', 'proposer@gas-network.example', 'proposer@other-party.example'];

async function startServe(databaseUrl: string, chainKey: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SECMOD_CHAIN_KEY: chainKey, SECMOD_DEMO: 'true', LOG_LEVEL: 'error', NODE_ENV: 'development' };
  const child = spawn(process.execPath, [fileURLToPath(new URL('../bin/secmod.js', import.meta.url)), 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`secmod serve exited: ${err}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`secmod serve did not start: ${err}`);
}

interface Load {
  readonly done: number;
  readonly failed: number;
  readonly acknowledgedKeys: string[];
}

/** Mixed load for `seconds`, CONNECTIONS lanes spread over `bases`; returns completed requests. */
async function mixedLoad(bases: readonly string[], tokens: readonly string[], refs: readonly string[], seconds: number): Promise<Load> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  const acknowledgedKeys: string[] = [];
  const lane = async (l: number) => {
    const base = bases[l % bases.length]!;
    for (let i = 0; performance.now() < until; i++) {
      const token = tokens[(l + i) % tokens.length]!;
      let res: Response;
      if ((l + i) % WRITE_EVERY === 0) {
        const key = `bench-two-${randomUUID()}`;
        res = await fetch(`${base}/api/v1/draft-proposals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token, 'idempotency-key': key },
          body: JSON.stringify({ payload: { title: `Two-process bench ${key}`, problemStatement: 'Mixed load.', affectedProvisions: ['H4.12'], submissionBasis: 'voluntary', iprAccepted: true } }),
        });
        if (res.status === 201) acknowledgedKeys.push(key);
      } else if ((l + i) % 2 === 0) {
        res = await fetch(`${base}/api/v1/modifications?limit=20`, { headers: { authorization: token } });
      } else {
        res = await fetch(`${base}/api/v1/modifications/${refs[(l * 7 + i) % refs.length]}`, { headers: { authorization: token } });
      }
      await res.arrayBuffer();
      if (res.ok) done++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, l) => lane(l)));
  return { done, failed, acknowledgedKeys };
}

export async function twoProcessBench(services: Services, databaseUrl: string): Promise<Comparison[]> {
  const chainKey = services.config.chainKey;
  const a = await startServe(databaseUrl, chainKey);
  const b = await startServe(databaseUrl, chainKey);
  try {
    const tokens: string[] = [];
    for (const email of PROPOSERS) {
      const res = await fetch(`${a.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'secmod-demo' }) });
      tokens.push(`Bearer ${((await res.json()) as { token: string }).token}`);
    }
    // Some proposals to read, then a warm-up of both processes.
    const refs: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${a.base}/api/v1/draft-proposals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: tokens[i % 5]! }, body: JSON.stringify({ payload: { title: `Two-process read ${i}`, problemStatement: 'Read me.', affectedProvisions: ['H4.12'], submissionBasis: 'voluntary', iprAccepted: true } }) });
      refs.push(((await res.json()) as { reference: string }).reference);
    }
    const warmUp = await mixedLoad([a.base, b.base], tokens, refs, 2);
    const one: number[] = [];
    const two: number[] = [];
    const acknowledged: string[] = [...warmUp.acknowledgedKeys];
    let failed = warmUp.failed;
    for (let r = 0; r < ROUNDS; r++) {
      for (const which of r % 2 === 0 ? ['one', 'two'] : ['two', 'one']) {
        const load = await mixedLoad(which === 'one' ? [a.base] : [a.base, b.base], tokens, refs, SECONDS);
        (which === 'one' ? one : two).push(load.done / SECONDS);
        acknowledged.push(...load.acknowledgedKeys);
        failed += load.failed;
      }
    }
    // Nothing lost, nothing doubled: each acknowledged key once in the log, no key twice, chain intact.
    const db = services.database.db;
    const stored = await sql<{ key: string; n: number }>`SELECT metadata->>'idempotencyKey' AS key, count(*)::int AS n FROM events WHERE metadata->>'idempotencyKey' LIKE 'bench-two-%' GROUP BY 1`.execute(db);
    const byKey = new Map(stored.rows.map((s) => [s.key, s.n]));
    const lost = acknowledged.filter((k) => byKey.get(k) !== 1).length;
    const doubled = stored.rows.filter((s) => s.n > 1).length;
    const unacknowledgedStored = stored.rows.length - acknowledged.length;
    const chain = await verifyChain(db, chainKey);
    const ratio = median(two) / median(one);
    return [
      {
        name: 'proof.two-processes-vs-one',
        ratioMeaning: 'requests/s of two secmod serve processes on one PostgreSQL / requests/s of one, same mixed load (higher is better); met only with zero lost or doubled events',
        target: '>= 1.6, with zero lost or doubled events',
        ratio: Number(ratio.toFixed(3)),
        met: ratio >= 1.6 && lost === 0 && doubled === 0 && chain.ok && failed === 0,
        subject: { label: `two processes, ${median(two).toFixed(0)} req/s (${CONNECTIONS} connections split between them, ${SECONDS} s, 1 in ${WRITE_EVERY} a Draft Proposal, the rest register and proposal reads)`, medianMs: Number((1000 / median(two)).toFixed(3)) },
        peer: { label: `one process, ${median(one).toFixed(0)} req/s (same load, all ${CONNECTIONS} connections on it)`, medianMs: Number((1000 / median(one)).toFixed(3)) },
        rounds: ROUNDS,
        note: `medianMs is 1000 / requests per second. ${acknowledged.length} Draft Proposals acknowledged: ${lost} lost, ${doubled} doubled, ${unacknowledgedStored} stored without an acknowledgement, ${failed} requests failed; hash chain ${chain.ok ? 'verified' : `BROKEN at ${chain.firstBadPosition}`}. The load generator runs in the bench process on the same 2 cores as both servers and PostgreSQL, and every write takes the one chain-head lock.`,
      },
    ];
  } finally {
    for (const p of [a, b]) p.child.kill('SIGTERM');
    await Promise.all([a, b].map((p) => new Promise<void>((resolve) => (p.child.exitCode !== null ? resolve() : p.child.once('exit', () => resolve())))));
  }
}
