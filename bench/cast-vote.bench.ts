// cast-vote end to end over HTTP (fetch → Fastify → bearer auth → load the stream → decide →
// hash-chained append with projections and outbox → answer) against a raw parameterised
// INSERT of the same VoteCast event row through the same pool (issue: proof suite).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Services } from '../src/app/services.ts';
import { createApp } from '../src/web/app.ts';
import { BenchApi, CHANGE_BOARD } from './drive-ballot.ts';
import { alternate, type Comparison } from './harness.ts';

const ROUNDS = 7;
const BALLOTS_PER_ROUND = 4;
const VOTES_PER_ROUND = BALLOTS_PER_ROUND * CHANGE_BOARD.length;

export async function castVoteBench(services: Services): Promise<Comparison[]> {
  const app = await createApp(services, { logger: false });
  const api = new BenchApi(app);
  await api.setClock('2026-03-02T09:00:00Z');
  // Ballots for every round, plus one to warm up on; opened before timing starts.
  const ballots: { ref: string; solutionId: string }[] = [];
  for (let i = 0; i < ROUNDS * BALLOTS_PER_ROUND + 1; i++) ballots.push(await api.openBallot(`Cast-vote bench ${i}`));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const tokens = new Map(await Promise.all(CHANGE_BOARD.map(async (m) => [m, await api.token(m)] as const)));
  const vote = async (ballot: { ref: string; solutionId: string }, member: string) => {
    const res = await fetch(`${base}/api/v1/modifications/${ballot.ref}/actions/cast-vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: tokens.get(member)!, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ payload: { solutionId: ballot.solutionId, choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } } }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`cast-vote by ${member} on ${ballot.ref}: ${res.status} ${text}`);
  };
  try {
    const warm = ballots.shift()!;
    for (const m of CHANGE_BOARD) await vote(warm, m);
    const db = services.database.db;
    // The peer's row: a VoteCast event as the warm-up stored it, inserted into a copy of the log.
    const row = (await sql<{ type: string; data: unknown; metadata: unknown }>`SELECT type, data, metadata FROM events WHERE type = 'VoteCast' ORDER BY position DESC LIMIT 1`.execute(db)).rows[0]!;
    await sql`CREATE TABLE bench_vote_events (LIKE events INCLUDING CONSTRAINTS INCLUDING INDEXES)`.execute(db);
    // events.position has no default (appends take positions from the chain head); the peer's
    // rows number themselves from a sequence, as a plain event table would.
    await sql`CREATE SEQUENCE bench_vote_position OWNED BY bench_vote_events.position`.execute(db);
    await sql`ALTER TABLE bench_vote_events ALTER COLUMN position SET DEFAULT nextval('bench_vote_position')`.execute(db);
    const pool = services.database.pool;
    const data = JSON.stringify(row.data);
    const metadata = JSON.stringify(row.metadata);
    let round = 0;
    const timing = await alternate(
      ROUNDS,
      async () => {
        const mine = ballots.slice(round * BALLOTS_PER_ROUND, (round + 1) * BALLOTS_PER_ROUND);
        round++;
        for (const b of mine) for (const m of CHANGE_BOARD) await vote(b, m);
      },
      async () => {
        const stream = `bench-vote-${randomUUID()}`;
        for (let i = 0; i < VOTES_PER_ROUND; i++) {
          await pool.query(
            'INSERT INTO bench_vote_events (stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, now(), $6, $7)',
            [stream, i + 1, row.type, data, metadata, 'prev', 'hash'],
          );
        }
      },
    );
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE type = 'VoteCast'`.execute(db);
    if (stored.rows[0]!.n !== (ROUNDS * BALLOTS_PER_ROUND + 1) * CHANGE_BOARD.length) throw new Error(`expected every vote stored once, found ${stored.rows[0]!.n}`);
    const ratio = timing.peerMs / timing.subjectMs;
    return [
      {
        name: 'proof.cast-vote-http-vs-raw-insert',
        ratioMeaning: 'cast-vote requests/s end to end over HTTP / raw INSERTs/s of the same VoteCast row through the same pool, one at a time (higher is better)',
        target: '>= 0.4',
        ratio: Number(ratio.toFixed(3)),
        met: ratio >= 0.4,
        subject: { label: `${VOTES_PER_ROUND} sequential POST …/actions/cast-vote over HTTP (bearer auth, chain-head lock, stream load, decide, append, projections, outbox); ${(timing.subjectMs / VOTES_PER_ROUND).toFixed(2)} ms each`, medianMs: Number(timing.subjectMs.toFixed(1)) },
        peer: { label: `${VOTES_PER_ROUND} sequential parameterised INSERTs of the same event row (pg pool of 4, autocommit); ${(timing.peerMs / VOTES_PER_ROUND).toFixed(3)} ms each`, medianMs: Number(timing.peerMs.toFixed(1)) },
        rounds: ROUNDS,
      },
    ];
  } finally {
    await app.close();
  }
}
