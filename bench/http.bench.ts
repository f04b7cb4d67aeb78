// HTTP figures: the register JSON endpoint (bearer authentication, principal lookup,
// projection read) against the same Fastify instance returning pre-serialised JSON, measured
// with autocannon on 127.0.0.1 in alternating rounds (issue: proof suite, "Performance").
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { Services } from '../src/app/services.ts';
import { createApp } from '../src/web/app.ts';
import { median, type Comparison } from './harness.ts';

const DRAFT = { title: 'Bench proposal', problemStatement: 'A problem for the bench.', affectedProvisions: ['D1.3'], submissionBasis: 'voluntary', iprAccepted: true };

async function rps(url: string, headers: Record<string, string>, seconds: number): Promise<number> {
  const result = await autocannon({ url, headers, connections: 10, duration: seconds, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

export async function httpBench(services: Services): Promise<Comparison[]> {
  const app = await createApp(services, { logger: false });
  // The peer: the same page of the register, serialised once, served by the same instance.
  let page = '';
  app.get('/bench/pre-serialised', async (_request, reply) => reply.type('application/json').send(page));
  const session = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'proposer@large-supplier.example', password: 'secmod-demo' } });
  const token = (session.json() as { token: string }).token;
  for (let i = 0; i < 60; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/draft-proposals', headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() }, payload: { payload: { ...DRAFT, title: `Bench proposal ${i}` } } });
    if (res.statusCode !== 201) throw new Error(`seed: ${res.statusCode} ${res.body}`);
  }
  page = (await app.inject({ method: 'GET', url: '/api/v1/modifications?limit=50', headers: { authorization: `Bearer ${token}` } })).body;
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const ours: number[] = [];
    const peer: number[] = [];
    const ROUNDS = 3;
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
      for (const which of order) {
        if (which === 'ours') ours.push(await rps(`${base}/api/v1/modifications?limit=50`, { authorization: `Bearer ${token}` }, 4));
        else peer.push(await rps(`${base}/bench/pre-serialised`, {}, 4));
      }
    }
    const ratio = median(ours) / median(peer);
    return [
      {
        name: 'http.register-json-vs-pre-serialised',
        ratioMeaning: 'requests/s of GET /api/v1/modifications (bearer auth, principal, projection read, 50 rows) / requests/s of the same JSON pre-serialised on the same instance',
        target: '>= 0.35',
        ratio: Number(ratio.toFixed(3)),
        met: ratio >= 0.35,
        subject: { label: `register endpoint, ${median(ours).toFixed(0)} req/s (10 connections, 4 s)`, medianMs: Number((1000 / median(ours)).toFixed(3)) },
        peer: { label: `pre-serialised route, ${median(peer).toFixed(0)} req/s`, medianMs: Number((1000 / median(peer)).toFixed(3)) },
        rounds: ROUNDS,
        note: 'medianMs here is 1000 / requests per second (mean service time at 10 connections).',
      },
    ];
  } finally {
    await app.close();
  }
}
