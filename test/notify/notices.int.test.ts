// Notices through a real SMTP server in the test process (smtp-server): the right people get
// exactly the expected messages, each with a plain-text part; a worker that dies mid-batch
// loses nothing and repeats nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './smtp-sink.ts';
import { DeliveryWorker } from '../../src/notify/delivery-worker.ts';
import { smtpMailer } from '../../src/notify/mailer.ts';

let t: TestApp;
let api: ApiCast;
let sink: SmtpSink;
let received: ReceivedMail[];

beforeAll(async () => {
  sink = await startSmtpSink();
  received = sink.received;
  t = await startTestApp({ SMTP_URL: sink.url, SECMOD_PUBLIC_URL: 'https://secmod.test' });
  api = new ApiCast(t.app);
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const unfold = (raw: string) => raw.replace(/\r?\n[ \t]+/g, ' ');
const subjectOf = (raw: string) => /^Subject: (.*?)\r?$/m.exec(unfold(raw))?.[1] ?? '';
const byRecipient = () => received.map((m) => `${m.to.join(',')} | ${subjectOf(m.raw)}`).sort();

describe('notices by email', () => {
  it('a Draft Proposal, its screening (F1.6, G7.19) and its withdrawal reach exactly the right people', async () => {
    received.length = 0;
    const { reference } = await api.raise('proposer@large-supplier.example', DRAFT);
    await api.act('analyst@secas.example', reference, 'record-screening', { outcome: 'complete', tabasc: 'likely', sscSoaa: 'likely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('proposer@large-supplier.example', reference, 'withdraw', { reason: 'Superseded' });
    const run = await t.services.deliveryWorker!.drain();
    expect(run.failed).toBe(0);
    const parties = ['proposer@defaulting-supplier.example', 'proposer@elec-network.example', 'proposer@gas-network.example', 'proposer@large-supplier.example', 'proposer@other-party.example', 'proposer@small-supplier.example', 'dcc@dcc.example'];
    expect(byRecipient()).toEqual(
      [
        `analyst@secas.example | New Draft Proposal ${reference}: ${DRAFT.title}`,
        `proposer@large-supplier.example | We have received your Draft Proposal ${reference}`,
        `tabasc@tabasc.example | ${reference} may affect the Technical or Business Architecture`,
        `ssc.member@ssc.example | ${reference} may affect security`,
        `ssc@ssc.example | ${reference} may affect security`,
        ...parties.map((p) => `${p} | ${reference} has been withdrawn: it may be adopted`),
      ].sort(),
    );
    for (const m of received) {
      expect(m.raw).toMatch(/Content-Type: text\/plain/i);
      expect(m.raw).toMatch(/Content-Type: text\/html/i);
    }
    expect(received.find((m) => m.to.includes('tabasc@tabasc.example'))!.raw).toContain(`https://secmod.test/proposals/${reference}`);
    // Nothing left to send, and nothing is sent twice.
    expect(await t.services.deliveryWorker!.drain()).toEqual({ delivered: 0, failed: 0 });
  });

  it('a worker killed after claiming a batch loses nothing: another delivers each notice once when the lease ends', async () => {
    received.length = 0;
    await api.raise('proposer@small-supplier.example', { ...DRAFT, title: 'Lease test' });
    const dying = new DeliveryWorker(t.services.database.db, smtpMailer(sink.url, 'x@secmod.invalid'), { workerId: 'dying', baseUrl: 'https://secmod.test', leaseSeconds: 1 });
    const claimed = await dying.claim();
    expect(claimed.length).toBe(2);
    // The dying worker never sends. A second worker sees nothing while the lease holds…
    const other = new DeliveryWorker(t.services.database.db, smtpMailer(sink.url, 'x@secmod.invalid'), { workerId: 'other', baseUrl: 'https://secmod.test' });
    expect(await other.runOnce()).toEqual({ delivered: 0, failed: 0 });
    // …and delivers everything once it has ended.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await other.drain()).toEqual({ delivered: 2, failed: 0 });
    expect(received).toHaveLength(2);
    expect(await other.drain()).toEqual({ delivered: 0, failed: 0 });
  });

  it('two workers draining at once never send a notice twice (FOR UPDATE SKIP LOCKED)', async () => {
    received.length = 0;
    for (let i = 0; i < 5; i++) await api.raise('proposer@gas-network.example', { ...DRAFT, title: `Concurrent ${i}` });
    const mk = (id: string) => new DeliveryWorker(t.services.database.db, smtpMailer(sink.url, 'x@secmod.invalid'), { workerId: id, baseUrl: 'https://secmod.test', batchSize: 2 });
    const [a, b] = await Promise.all([mk('a').drain(), mk('b').drain()]);
    expect(a.delivered + b.delivered).toBe(10);
    expect(received).toHaveLength(10);
    expect(new Set(received.map((m) => /^Message-ID: (.*?)\r?$/im.exec(unfold(m.raw))?.[1])).size).toBe(10);
  });

  it('a failing SMTP server leaves the notice for a retry with backoff', async () => {
    const broken = new DeliveryWorker(t.services.database.db, smtpMailer('smtp://127.0.0.1:1', 'x@secmod.invalid'), { workerId: 'broken', baseUrl: 'https://secmod.test' });
    await api.raise('proposer@other-party.example', { ...DRAFT, title: 'Retry test' });
    const run = await broken.runOnce();
    expect(run.failed).toBe(2);
    const rows = await t.services.database.db.selectFrom('outbox').select(['attempts', 'available_at', 'last_error', 'delivered_at']).where('attempts', '>', 0).execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.delivered_at === null && r.last_error && r.available_at.getTime() > Date.now())).toBe(true);
  });
});
