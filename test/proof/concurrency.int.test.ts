// Proof suite (reliability): no vote is lost or doubled, no append slips past its expected
// version, an idempotency key yields one event, and a Party put in default cannot slip a Draft
// Proposal in after its default — each checked in the database, not by trusting responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { modificationStream, parseReference } from '../../src/app/modifications/references.ts';
import { ConcurrencyError } from '../../src/store/event-store.ts';
import { toOpenBallot } from './drive.ts';

let t: TestApp;
let api: ApiCast;
beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  api = new ApiCast(t.app);
});
afterAll(async () => t.close());

const vote = (solutionId: string) => ({ payload: { solutionId, choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } } });

describe('double vote', () => {
  it('100 concurrent cast-vote requests by one member on one solution record exactly one vote (trials: 3)', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const { ref, solutionId } = await toOpenBallot(api, `Double vote trial ${trial}`);
      const results = await Promise.all(
        Array.from({ length: 100 }, () => api.raw('cb@gas-network.example', 'POST', `/api/v1/modifications/${ref}/actions/cast-vote`, vote(solutionId), { 'idempotency-key': randomUUID() })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(99);
      expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
      const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE stream_id = ${modificationStream(parseReference(ref)!)} AND type = 'VoteCast'`.execute(t.services.database.db);
      expect(stored.rows[0]!.n).toBe(1);
    }
  });
});

describe('expected version', () => {
  it('50 concurrent appends at one version: exactly one succeeds and versions stay contiguous', async () => {
    const streamId = `proof-${randomUUID()}`;
    await t.services.store.append({ streamId, expectedVersion: 0, events: [{ type: 'ProofHappened', data: { n: 0 } }] });
    const settled = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => t.services.store.append({ streamId, expectedVersion: 1, events: [{ type: 'ProofHappened', data: { n: i + 1 } }, { type: 'ProofHappened', data: { n: -1 } }] })));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(settled.filter((s) => s.status === 'rejected' && s.reason instanceof ConcurrencyError)).toHaveLength(49);
    const versions = (await t.services.store.readStream(streamId)).map((e) => e.streamVersion);
    expect(versions).toEqual([1, 2, 3]);
  });
});

describe('idempotency', () => {
  it('the same command and key sent 1,000 times (500 at once) append one event and answer identically', async () => {
    const key = randomUUID();
    const body = { payload: { ...DRAFT, title: 'Idempotency proof' } };
    const send = () => api.raw('proposer@small-supplier.example', 'POST', '/api/v1/draft-proposals', body, { 'idempotency-key': key });
    // Sign in once first: otherwise the burst starts with 500 concurrent sign-ins (argon2 each),
    // which proves nothing about idempotency and can exhaust the pool on a loaded machine.
    expect((await api.raw('proposer@small-supplier.example', 'GET', '/api/v1/modifications?limit=1')).status).toBe(200);
    const first = await Promise.all(Array.from({ length: 500 }, send));
    const second = await Promise.all(Array.from({ length: 500 }, send));
    const all = [...first, ...second];
    expect(new Set(all.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(all.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE type = 'DraftProposalSubmitted' AND data->>'title' = 'Idempotency proof'`.execute(t.services.database.db);
    expect(n.rows[0]!.n).toBe(1);
    const other = await api.raw('proposer@small-supplier.example', 'POST', '/api/v1/draft-proposals', { payload: { ...DRAFT, title: 'Something else' } }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    const none = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE data->>'title' = 'Something else'`.execute(t.services.database.db);
    expect(none.rows[0]!.n).toBe(0);
  });
});

describe('status changes act at once', () => {
  it('a Party put in default while it fires Draft Proposals has none accepted after the default (M8.5(b))', async () => {
    const fire = () => api.raw('proposer@elec-network.example', 'POST', '/api/v1/draft-proposals', { payload: { ...DRAFT, title: `Race ${randomUUID()}` } });
    const burst = Array.from({ length: 40 }, fire);
    const defaulted = t.services.directory.recordPartyDefault('meridian-power-networks', 'M8.1 proof: charges unpaid', 'proof');
    const [results] = await Promise.all([Promise.all(burst), defaulted]);
    expect(results.every((r) => r.status === 201 || r.status === 403)).toBe(true);
    const db = t.services.database.db;
    const defaultAt = await sql<{ p: number }>`SELECT position AS p FROM events WHERE type = 'PartyDefaultRecorded' AND data->>'organisationId' = 'meridian-power-networks'`.execute(db);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE type = 'DraftProposalSubmitted' AND data->'proposer'->>'organisationId' = 'meridian-power-networks' AND position > ${defaultAt.rows[0]!.p}`.execute(db);
    expect(after.rows[0]!.n).toBe(0);
    // …and every request refused was refused for the default, with its clause.
    for (const r of results) if (r.status === 403) expect(r.body.clause).toBe('M8.5(b)');
  });
});
