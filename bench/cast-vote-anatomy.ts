// Where a vote's time goes (diagnostic, not a target): `npx tsx bench/cast-vote-anatomy.ts`.
// Opens two ballots on a fresh database, lets the Change Board vote on the first (warm-up), then
// times one cast-vote through app.inject and lists every SQL statement it sent with its time.
import pg from 'pg';
import { randomUUID } from 'node:crypto';

const statements: { text: string; ms: number }[] = [];
let recording = false;
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const query = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
  const t0 = performance.now();
  const result = query.apply(this, args);
  const config = args[0] as string | { text?: string };
  const text = typeof config === 'string' ? config : (config?.text ?? '?');
  if (recording && result instanceof Promise) void result.then(() => statements.push({ text, ms: performance.now() - t0 }), () => statements.push({ text: `(failed) ${text}`, ms: performance.now() - t0 }));
  return result;
};

const { benchServices, stopBenchDatabase } = await import('./bench-database.ts');
const { createApp } = await import('../src/web/app.ts');
const { BenchApi, CHANGE_BOARD } = await import('./drive-ballot.ts');
const { services } = await benchServices('cast_vote_anatomy', { SECMOD_CLOCK: 'manual' });
const app = await createApp(services, { logger: false });
const api = new BenchApi(app);
await api.setClock('2026-03-02T09:00:00Z');
const ballots = [await api.openBallot('Anatomy warm-up'), await api.openBallot('Anatomy')];
const tokens = new Map(await Promise.all(CHANGE_BOARD.map(async (m) => [m, await api.token(m)] as const)));
const vote = async (ballot: { ref: string; solutionId: string }, member: string) => {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/modifications/${ballot.ref}/actions/cast-vote`,
    headers: { 'content-type': 'application/json', authorization: tokens.get(member)!, 'idempotency-key': randomUUID() },
    payload: { payload: { solutionId: ballot.solutionId, choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } } },
  });
  if (res.statusCode !== 200) throw new Error(`cast-vote: ${res.statusCode} ${res.body}`);
};
for (const member of CHANGE_BOARD) await vote(ballots[0]!, member);
recording = true;
const t0 = performance.now();
await vote(ballots[1]!, CHANGE_BOARD[0]!);
const total = performance.now() - t0;
recording = false;
await new Promise((resolve) => setTimeout(resolve, 50));
for (const s of statements) process.stdout.write(`${s.ms.toFixed(2).padStart(7)} ms  ${s.text.replace(/\s+/g, ' ').trim().slice(0, 110)}\n`);
process.stdout.write(`one cast-vote: ${total.toFixed(2)} ms; ${statements.length} statements, ${statements.reduce((a, s) => a + s.ms, 0).toFixed(2)} ms of them\n`);
await app.close();
await services.close();
await stopBenchDatabase();
process.exit(0);
