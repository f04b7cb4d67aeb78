// Webhooks through the outbox to a real HTTP receiver on 127.0.0.1 that checks every
// signature with `verifyWebhookSignature`: the Proposer's organisation hears of its proposals'
// significant events, every organisation of consultations; a non-2xx answer is retried with
// backoff; a captured request replayed outside the time window is refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { verifyWebhookSignature } from '../../src/notify/webhooks/signature.ts';

interface Delivery {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly json: { id: string; event: string; proposal: { reference: string; title: string }; data: Record<string, unknown> };
}

let t: TestApp;
let api: ApiCast;
let server: http.Server;
let base: string;
const secrets = new Map<string, string>();
const accepted: Delivery[] = [];
let rejected = 0;
let failNext = 0;
/** The receiver's clock, in ms (shifted to replay a request later). */
let receiverNow = () => Date.now();

async function post(path: string, headers: http.IncomingHttpHeaders, body: string): Promise<number> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: headers as Record<string, string>, body });
  return res.status;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const secret = secrets.get(req.url ?? '');
      const ok = secret !== undefined && verifyWebhookSignature(secret, req.headers['x-secmod-timestamp'] as string | undefined, body, req.headers['x-secmod-signature'] as string | undefined, receiverNow());
      if (!ok) {
        rejected++;
        res.writeHead(401).end();
        return;
      }
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      accepted.push({ path: req.url!, headers: req.headers, body, json: JSON.parse(body) as Delivery['json'] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The receiver is local: this test allows http and the loopback address (never the default).
  t = await startTestApp({ SECMOD_CLOCK: 'manual', SECMOD_PUBLIC_URL: 'https://secmod.test', SECMOD_WEBHOOK_ALLOW_HTTP: 'true', SECMOD_WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1/32' });
  api = new ApiCast(t.app);
  await api.setClock('2026-03-02T09:00:00Z');
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function register(email: string, path: string, extra: Record<string, unknown> = {}) {
  const res = await api.raw(email, 'POST', '/api/v1/webhooks', { url: `${base}${path}`, ...extra });
  if (res.status === 201) secrets.set(path, res.body.secret as string);
  return res;
}

const drain = () => t.services.deliveryWorker!.drain();
const at = (path: string) => accepted.filter((d) => d.path === path);

describe('webhook endpoints', () => {
  it('a user registers one for their own organisation; the secret is shown once and stored encrypted', async () => {
    const res = await register('proposer@large-supplier.example', '/large');
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const listed = await api.raw('cb@large-supplier.example', 'GET', '/api/v1/webhooks');
    expect(listed.body.webhooks).toEqual([expect.objectContaining({ id: res.body.id, url: `${base}/large`, active: true })]);
    expect(JSON.stringify(listed.body)).not.toContain(res.body.secret as string);
    const row = await t.services.database.db.selectFrom('webhook_endpoints').select('secret_encrypted').where('id', '=', res.body.id as string).executeTakeFirstOrThrow();
    expect(row.secret_encrypted).not.toContain((res.body.secret as string).slice(6));
    // Another organisation's users do not see it.
    expect((await api.raw('proposer@small-supplier.example', 'GET', '/api/v1/webhooks')).body.webhooks).toEqual([]);
    // The registration is on the record (without the secret).
    const event = await t.services.database.db.selectFrom('events').select(['type', 'data']).where('stream_id', '=', `webhook-endpoint-${res.body.id as string}`).executeTakeFirstOrThrow();
    expect(event.type).toBe('WebhookEndpointRegistered');
    expect(JSON.stringify(event.data)).not.toContain('whsec_');
  });

  it('refuses other schemes, credentials in the URL, and other organisations, each with a detail', async () => {
    for (const url of ['ftp://127.0.0.1/x', 'javascript:alert(1)', 'not a url', `http://user:pw@127.0.0.1/x`, 'file:///etc/passwd']) {
      const res = await api.raw('proposer@large-supplier.example', 'POST', '/api/v1/webhooks', { url });
      expect(res.status, url).toBe(422);
      expect(res.body.detail, url).toBeTruthy();
    }
    const orgs = await t.services.database.db.selectFrom('organisations').select(['id', 'name']).execute();
    const brightside = orgs.find((o) => o.name.startsWith('Brightside'))!.id;
    const other = await api.raw('proposer@large-supplier.example', 'POST', '/api/v1/webhooks', { url: `${base}/x`, organisationId: brightside });
    expect(other.status).toBe(403);
    expect(other.body.detail).toMatch(/own organisation/);
    const admin = await api.raw('admin@secmod.example', 'POST', '/api/v1/webhooks', { url: `${base}/x` });
    expect(admin.status).toBe(422);
    expect(admin.body.detail).toMatch(/organisationId/);
    const byAdmin = await register('admin@secmod.example', '/small', { organisationId: brightside });
    expect(byAdmin.status).toBe(201);
    const missing = await api.raw('admin@secmod.example', 'POST', '/api/v1/webhooks', { url: `${base}/x`, organisationId: 'no-such-org' });
    expect(missing.status).toBe(404);
  });
});

describe('delivery', () => {
  it('the Proposer’s organisation receives its proposals’ significant events; everyone receives consultations; every request verifies', async () => {
    accepted.length = 0;
    rejected = 0;
    const dp = await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Webhook test <b>bold</b>' });
    const ref = dp.reference;
    await api.act('analyst@secas.example', ref, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    // A proposal of another organisation: nothing for Northern Lights.
    await api.raise('proposer@gas-network.example', { ...DRAFT, title: 'Not theirs' });
    await drain();
    expect(rejected).toBe(0);
    expect(at('/large').map((d) => `${d.json.event} ${d.json.proposal.reference}`)).toEqual([`DraftProposalSubmitted ${ref}`, `ScreeningRecorded ${ref}`]);
    expect(at('/small')).toEqual([]);
    const first = at('/large')[0]!;
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['x-secmod-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(first.headers['x-secmod-delivery']).toBe(first.json.id);
    expect(first.headers['x-secmod-event']).toBe('DraftProposalSubmitted');
    expect(first.json.proposal.title).toBe('Webhook test <b>bold</b>');
    expect(first.json.proposal).toMatchObject({ link: `https://secmod.test/proposals/${ref}` });

    // The consultation reaches every organisation's endpoint.
    await api.act('csc.member@csc.example', ref, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act('proposer@large-supplier.example', ref, 'request-conversion', {});
    const mp = await api.act('panel.chair@panel.example', ref, 'convert', { route: 'refinement', path: 3, pathReasons: 'Minor', timetable: { summary: 'Refinement' }, workingGroupRequired: false });
    await api.act('analyst@secas.example', mp.reference, 'open-consultation', { kind: 'refinement', documentId: 'RC-9' });
    await drain();
    expect(rejected).toBe(0);
    expect(at('/small').map((d) => d.json.event)).toEqual(['ConsultationOpened']);
    expect(at('/small')[0]!.json.data).toMatchObject({ kind: 'refinement' });
    expect(at('/large').map((d) => d.json.event)).toEqual(['DraftProposalSubmitted', 'ScreeningRecorded', 'ProblemStatementAgreed', 'DraftProposalConverted', 'ConsultationOpened']);
    // Delivered once: nothing is left, nothing is sent twice.
    const before = accepted.length;
    await drain();
    expect(accepted.length).toBe(before);
  });

  it('a non-2xx answer is retried with backoff, then delivered', async () => {
    accepted.length = 0;
    failNext = 1;
    await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Retry me' });
    const first = await t.services.deliveryWorker!.runOnce();
    expect(first.failed).toBeGreaterThanOrEqual(1);
    const row = await t.services.database.db.selectFrom('outbox').select(['id', 'attempts', 'available_at', 'last_error', 'delivered_at']).where('channel', '=', 'webhook').where('delivered_at', 'is', null).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/HTTP 500/);
    expect(row.available_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not before the backoff has passed…
    await drain();
    expect(accepted).toEqual([]);
    // …and delivered once it has.
    await sql`UPDATE outbox SET available_at = now() WHERE id = ${row.id}`.execute(t.services.database.db);
    await drain();
    expect(accepted.map((d) => d.json.event)).toEqual(['DraftProposalSubmitted']);
  });

  it('a captured delivery replayed outside the time window is refused; a tampered body too', async () => {
    const captured = accepted.at(-1)!;
    const headers = { 'content-type': 'application/json', 'x-secmod-timestamp': captured.headers['x-secmod-timestamp'] as string, 'x-secmod-signature': captured.headers['x-secmod-signature'] as string };
    // Within the window the receiver would accept it (it may also drop the repeated delivery id)…
    expect(await post(captured.path, headers, captured.body)).toBe(204);
    // …six minutes later it refuses it, as it does a changed body.
    receiverNow = () => Date.now() + 360_000;
    expect(await post(captured.path, headers, captured.body)).toBe(401);
    receiverNow = () => Date.now();
    expect(await post(captured.path, headers, captured.body.replace('Retry me', 'Retry you'))).toBe(401);
    expect(await post(captured.path, { ...headers, 'x-secmod-signature': 'sha256=00' }, captured.body)).toBe(401);
  });

  it('a removed endpoint gets nothing more, and what was queued for it is not retried', async () => {
    accepted.length = 0;
    const endpoint = (await api.raw('proposer@large-supplier.example', 'GET', '/api/v1/webhooks')).body.webhooks as { id: string }[];
    await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Queued before removal' });
    const auth = { authorization: (await import('../support/test-app.ts').then((m) => m.bearerFor(t.app, 'proposer@small-supplier.example'))) };
    // Someone else's endpoint looks absent.
    const foreign = await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${endpoint[0]!.id}`, headers: auth });
    expect(foreign.statusCode).toBe(404);
    const own = await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${endpoint[0]!.id}`, headers: { authorization: await import('../support/test-app.ts').then((m) => m.bearerFor(t.app, 'proposer@large-supplier.example')) } });
    expect(own.statusCode).toBe(204);
    await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'After removal' });
    await drain();
    expect(accepted).toEqual([]);
    const queued = await t.services.database.db.selectFrom('outbox').select(['attempts', 'last_error']).where('recipient', '=', endpoint[0]!.id).where('delivered_at', 'is', null).execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.attempts).toBe(10);
    expect(queued[0]!.last_error).toMatch(/removed/);
  });
});
