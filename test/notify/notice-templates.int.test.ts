// Notice templates edited by SECAS in the portal: the file is version 1; edit → preview with a
// sample event → save makes version 2, which the next delivery uses (the outbox row records it);
// a template the sandbox refuses, or that fails to render, is shown in the GOV.UK error summary
// (never a 500); a version that fails at delivery falls back to the last good one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';
import { textPart, type SmtpSink, startTestAppWithMail } from './smtp-sink.ts';

let t: TestApp;
let api: ApiCast;
let smtp: SmtpSink;
let analyst: PageSession;

beforeAll(async () => {
  const mail = await startTestAppWithMail({});
  t = mail;
  smtp = mail.smtp;
  api = new ApiCast(t.app);
  analyst = new PageSession(t.app);
  await analyst.signIn('analyst@secas.example');
});
afterAll(async () => {
  await t.close();
});

const NAME = 'draft-proposal-acknowledged';
const URL_ = `/admin/notice-templates/${NAME}`;
const PROPOSER = 'proposer@large-supplier.example';

async function preview(body: string) {
  return analyst.post(`${URL_}/preview`, { _csrf: await analyst.csrfToken(URL_), body });
}

async function proposerEmail(title: string): Promise<{ text: string; version: number | null }> {
  smtp.received.length = 0;
  const { reference } = await api.raise(PROPOSER, { ...DRAFT, title });
  await t.services.deliveryWorker!.drain();
  const mail = smtp.received.find((m) => m.to.includes(PROPOSER))!;
  const row = await t.services.database.db
    .selectFrom('outbox')
    .select('template_version')
    .where('recipient', '=', PROPOSER)
    .where('delivery_key', 'like', '%:dp-received-proposer:%')
    .where('payload', '@>', JSON.stringify({ reference }) as never)
    .executeTakeFirstOrThrow();
  return { text: textPart(mail.raw)!, version: row.template_version };
}

describe('notice templates in the portal', () => {
  it('only the Code Administrator and system administrators may edit them', async () => {
    const party = new PageSession(t.app);
    await party.signIn(PROPOSER);
    expect((await party.get('/admin/notice-templates')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/admin/notice-templates' })).statusCode).toBe(401);
    const admin = new PageSession(t.app);
    await admin.signIn('admin@secmod.example');
    expect((await admin.get('/admin/notice-templates')).statusCode).toBe(200);
    const list = await analyst.get('/admin/notice-templates');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${URL_}"`);
    expect((await analyst.get('/admin/notice-templates/no-such-template')).statusCode).toBe(404);
  });

  it('version 1 is the file, used until a new version is saved', async () => {
    const editor = await analyst.get(URL_);
    expect(editor.body).toContain('We have received your Draft Proposal {{ reference }}');
    expect(editor.body).toContain('Version 1: the file shipped with secmod');
    const { text, version } = await proposerEmail('Before editing');
    expect(text).toContain('We have received your Draft Proposal');
    expect(version).toBe(1);
  });

  it('a template the sandbox refuses, or that does not parse, is shown in the error summary, never a 500', async () => {
    for (const [body, message] of [
      ['{{ title.constructor.constructor("return process")() }}', 'constructor'],
      ['{% include "decision.txt.njk" %}', 'cannot include'],
      ['{% if %}', 'not valid'],
      ['{{ title | dictsort }}', 'could not be rendered'],
      ['', 'Enter the template text'],
    ] as const) {
      const res = await preview(body);
      expect(res.statusCode, body).toBe(422);
      expect(res.body, body).toContain('govuk-error-summary');
      expect(res.body, body).toContain(message);
      expect(res.body, body).toMatch(/<title>Error: /);
      expect(res.body, body).not.toContain('data-qa="save-button"');
    }
    // Saving directly is checked the same way.
    const save = await analyst.post(URL_, { _csrf: await analyst.csrfToken(URL_), body: '{{ range(5) }}' });
    expect(save.statusCode).toBe(422);
    expect(await t.services.database.db.selectFrom('notice_template_versions').selectAll().execute()).toEqual([]);
  });

  it('edit → preview with a sample event → save makes version 2, which the next delivery uses', async () => {
    const body = 'Hello {{ recipientName }}, we have {{ reference }} "{{ title | upper }}" & will review it.\n\n{{ link }}';
    const shown = await preview(body);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Hello Sam Sample, we have MP042 &quot;SAMPLE METER EXCHANGE NOTICE PERIOD&quot; &amp; will review it.');
    expect(shown.body).toContain('data-qa="save-button"');
    expect(shown.body).toContain('Save as version 2');
    const saved = await analyst.post(URL_, { _csrf: await analyst.csrfToken(URL_), body });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(URL_);
    const after = await analyst.get(URL_);
    expect(after.body).toContain('Version 2 of the draft proposal acknowledged template is saved');
    expect(after.body).toContain('Version 2: ');
    const { text, version } = await proposerEmail('After <editing>');
    expect(text).toMatch(/^Hello .+, we have DP\d{3} "AFTER <EDITING>" & will review it\.$/m);
    expect(text).toContain('To stop these emails:');
    expect(version).toBe(2);
  });

  it('a saved version that fails to render at delivery falls back to the last good version', async () => {
    // Renders with the sample event (which has a consultation kind), fails for a real acknowledgement (which has none).
    const fragile = '{% if data.kind %}{{ data | dictsort | length }} fields{% else %}{{ title | dictsort }}{% endif %}';
    expect((await preview(fragile)).statusCode).toBe(200);
    expect((await analyst.post(URL_, { _csrf: await analyst.csrfToken(URL_), body: fragile })).statusCode).toBe(303);
    const { text, version } = await proposerEmail('Fallback');
    expect(version).toBe(2);
    expect(text).toMatch(/^Hello .+, we have DP\d{3} "FALLBACK" & will review it\.$/m);
  });
});
