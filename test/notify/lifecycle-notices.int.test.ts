// A whole Self-Governance lifecycle (Draft Proposal to implemented) through the JSON API with a
// real SMTP server in the test process: the server receives exactly the expected messages —
// the list below is written out by hand from the notice rules, so a notice lost, doubled or
// sent to the wrong person fails the test — each with a plain-text part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.ts';
import { ApiCast, CHANGE_BOARD, DRAFT } from '../scenarios/api-client.ts';
import { subjectOf, type SmtpSink, startTestAppWithMail } from './smtp-sink.ts';
import { toDecision, toReport } from '../documents/drive.ts';

let t: TestApp;
let api: ApiCast;
let smtp: SmtpSink;

beforeAll(async () => {
  const mail = await startTestAppWithMail({ SECMOD_CLOCK: 'manual' });
  t = mail;
  smtp = mail.smtp;
  api = new ApiCast(t.app);
});
afterAll(async () => {
  await t?.close();
});

const PARTIES = ['proposer@defaulting-supplier.example', 'proposer@elec-network.example', 'proposer@gas-network.example', 'proposer@large-supplier.example', 'proposer@other-party.example', 'proposer@small-supplier.example', 'dcc@dcc.example'];
const NOT_DCC = PARTIES.filter((p) => p !== 'dcc@dcc.example');

describe('notices over a whole lifecycle', () => {
  it('Draft Proposal → screening → refinement consultation → report consultation → Change Board vote → final decision → implemented: exactly these emails, each with a plain-text part', async () => {
    const mp = await toReport(api);
    await toDecision(api, mp);
    const dp = `DP${mp.slice(2)}`;
    // The appeal window (TM04) passes: the Change Board's decision is final.
    const tm04 = ((await api.get('analyst@secas.example', mp)).timers as Record<string, { dueAt: string }>).TM04!.dueAt;
    await api.setClock(new Date(Date.parse(tm04) + 1000).toISOString());
    expect((await api.get('analyst@secas.example', mp)).state).toBe('S15');
    await api.act('panel.chair@panel.example', mp, 'schedule-implementation', { implementationDate: '2026-06-25', releaseId: 'REL-2026-06' });
    await api.setClock('2026-06-25T09:00:00Z');
    await api.act('analyst@secas.example', mp, 'mark-implemented', { secVersion: '5.19' });

    const run = await t.services.deliveryWorker!.drain();
    expect(run.failed).toBe(0);
    const got = smtp.received.map((m) => `${m.to.join(',')} | ${subjectOf(m.raw)}`).sort();
    const expected = [
      // C7.2(f): the Code Administrator and the Proposer hear of the Draft Proposal.
      `analyst@secas.example | New Draft Proposal ${dp}: ${DRAFT.title}`,
      `proposer@large-supplier.example | We have received your Draft Proposal ${dp}`,
      // G7.19: screening flagged security; the SSC and its members are told.
      `ssc.member@ssc.example | ${dp} may affect security`,
      `ssc@ssc.example | ${dp} may affect security`,
      // The Refinement Consultation goes to every Party; the report consultation to Parties other than the DCC (D7.8).
      ...PARTIES.map((p) => `${p} | Consultation open on ${mp} until 2026-03-23`),
      ...NOT_DCC.map((p) => `${p} | Modification Report Consultation on ${mp} until 2026-03-27`),
      // M8.5(c)(i): the ballot to the Change Board members whose seats are not suspended, and its result to them and the Proposer.
      ...CHANGE_BOARD.map((m) => `${m} | Change Board vote open on ${mp}`),
      ...[...CHANGE_BOARD, 'proposer@large-supplier.example'].map((m) => `${m} | Change Board decision on ${mp}`),
      // The decision is final when the appeal window ends; then implemented.
      `analyst@secas.example | ${mp} is approved`,
      `proposer@large-supplier.example | ${mp} is approved`,
      ...PARTIES.map((p) => `${p} | ${mp} is implemented in SEC 5.19`),
    ].sort();
    expect(got).toEqual(expected);
    for (const m of smtp.received) expect(m.raw, subjectOf(m.raw)).toMatch(/Content-Type: text\/plain/i);
    // Nothing is left, and nothing goes twice.
    expect(await t.services.deliveryWorker!.drain()).toEqual({ delivered: 0, failed: 0 });
  });
  it('a deadline 2 Working Days away reminds whoever must act before it (here: may respond to the consultation), once', async () => {
    await api.setClock('2026-07-01T09:00:00Z');
    const { reference } = await api.raise('proposer@small-supplier.example', { ...DRAFT, title: 'Reminder test' });
    await api.act('analyst@secas.example', reference, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('csc.member@csc.example', reference, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act('proposer@small-supplier.example', reference, 'request-conversion', {});
    const mp = (await api.act('panel.chair@panel.example', reference, 'convert', { route: 'refinement', path: 3, pathReasons: 'None', timetable: { summary: 'Short' }, workingGroupRequired: false })).reference;
    await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'refinement', documentId: 'RC-R' });
    const dueAt = ((await api.get('analyst@secas.example', mp)).timers as Record<string, { dueAt: string }>).TM02!.dueAt;
    await t.services.deliveryWorker!.drain();
    smtp.received.length = 0;
    // Ten days before: no reminder yet.
    await api.setClock(new Date(Date.parse(dueAt) - 10 * 86_400_000).toISOString());
    await t.services.deliveryWorker!.drain();
    expect(smtp.received.filter((m) => subjectOf(m.raw).includes('Refinement Consultation closes'))).toEqual([]);
    // A day before (within 2 Working Days): each person who can act now is reminded once.
    await api.setClock(new Date(Date.parse(dueAt) - 86_400_000).toISOString());
    await api.setClock(new Date(Date.parse(dueAt) - 86_400_000 + 60_000).toISOString());
    await t.services.deliveryWorker!.drain();
    const reminders = smtp.received.filter((m) => subjectOf(m.raw).startsWith(`${mp}: Refinement Consultation closes on `));
    const to = reminders.map((m) => m.to.join(',')).sort();
    expect(new Set(to).size).toBe(to.length);
    // TM02 waits for responses: exactly those who may respond now (the API's own list) are reminded.
    const checked = ['analyst@secas.example', 'ssc.member@ssc.example', 'panel.chair@panel.example', 'consumer@citizens-advice.example', 'dcc@dcc.example', 'proposer@large-supplier.example', 'proposer@defaulting-supplier.example', 'proposer@small-supplier.example'];
    const responders: string[] = [];
    for (const email of checked) {
      const actions = (await api.raw(email, 'GET', `/api/v1/modifications/${mp}/actions`)).body as { actions: { command: string }[] };
      if (actions.actions.some((a) => a.command === 'respond-to-consultation')) responders.push(email);
    }
    expect(responders).toContain('proposer@large-supplier.example');
    expect(to.filter((e) => checked.includes(e)).sort()).toEqual(responders.sort());
    expect(to).not.toContain('analyst@secas.example');
    expect(reminders[0]!.raw).toMatch(/What you can do now/);
  });
});
