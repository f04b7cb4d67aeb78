// Proof suite (security): script and template injection. Markup typed into every free-text
// field a proposal carries (title, problem statements, representations, reasons, solutions,
// rationales, consultation responses, advice, votes, legal text) goes in through the JSON API
// and comes out inert wherever it is shown: the proposal page, its legal-text page with the
// redline, the register, the notices in the demo inbox (text and HTML parts), and the
// Modification Report as .docx and as the HTML behind its PDF. Each field carries its own
// marker, so a failure names the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, CHANGE_BOARD, DRAFT } from '../scenarios/api-client.ts';

/** A payload for one field: a script element, event-handler attributes, an attribute break-out and a template expression. */
const X = (field: string) => `${field}: <script>xss_${field}()</script><img src=x onerror=xss_${field}()>"><svg onload=xss_${field}()>'-alert(1)-'{{ 7*7 }}{% raw %}`;
/** The escaped form of the payload's start, as HTML shows it. */
const escaped = (field: string) => `${field}: &lt;script&gt;xss_${field}()&lt;/script&gt;`;

/** Executable markup from a payload: a script element or an event-handler attribute inside a tag. */
const ACTIVE = [/<script\b[^>]*>[^<]*xss_/i, /<[a-z][^<>]*\son(?:error|load)\s*=/i, /<svg onload/i, /<img src=x/i];

function expectInert(html: string, where: string) {
  for (const re of ACTIVE) expect(html, `${where}: ${re}`).not.toMatch(re);
  // Template expressions are shown, never evaluated (no 49 where {{ 7*7 }} was typed).
  expect(html, where).not.toMatch(/'-alert\(1\)-'49/);
}

let t: TestApp;
let api: ApiCast;
let ref: string;
let dpRef: string;

const FIELDS = {
  title: X('title'),
  problemStatement: X('problemStatement'),
  revised: X('revisedProblemStatement'),
  representation: X('representation'),
  evidenceSummary: X('evidenceSummary'),
  advice: X('advice'),
  urgency: X('urgencyReasons'),
  pathReasons: X('pathReasons'),
  timetable: X('timetable'),
  solution: X('proposedSolution'),
  alternative: X('alternativeSolution'),
  wgRationale: X('wgRationale'),
  estimate: X('dccEstimate'),
  response: X('refinementResponse'),
  mrcResponse: X('mrcResponse'),
  reportEvidence: X('reportEvidence'),
  vote: X('voteRationale'),
};

const LEGAL_TEXT = `Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice no later than 5 Working Days before the exchange. ${X('legalText')}\n`;

beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  api = new ApiCast(t.app);
  await api.setClock('2026-03-02T09:00:00Z');
  const P = 'proposer@large-supplier.example';
  const CA = 'analyst@secas.example';
  const CHAIR = 'panel.chair@panel.example';
  dpRef = (await api.raise(P, { ...DRAFT, title: FIELDS.title, problemStatement: FIELDS.problemStatement })).reference;
  await api.act(CA, dpRef, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'likely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
  await api.act(P, dpRef, 'revise-problem-statement', { problemStatement: FIELDS.revised, final: true });
  await api.act('ssc@ssc.example', dpRef, 'make-representation', { purposeAndEffect: FIELDS.representation, evidenceDocumentIds: ['EV-1'], evidenceSummary: FIELDS.evidenceSummary });
  await api.act('tabasc@tabasc.example', dpRef, 'record-advice', { summary: FIELDS.advice });
  await api.act(P, dpRef, 'request-urgency', { reasons: FIELDS.urgency });
  await api.act('csc.member@csc.example', dpRef, 'agree-problem-statement', { problemStatementVersion: 2 });
  await api.act(P, dpRef, 'request-conversion', {});
  ref = (await api.act(CHAIR, dpRef, 'convert', { route: 'refinement', path: 3, pathReasons: FIELDS.pathReasons, timetable: { summary: FIELDS.timetable }, workingGroupRequired: true })).reference;
  await api.act(CHAIR, ref, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
  await api.act(P, ref, 'amend-proposed-solution', { summary: FIELDS.solution, legalTextDocumentId: 'LT-X', legalTextBaseline: '5.18', affectsDccSystems: false });
  await api.act('wg.member@other-party.example', ref, 'raise-alternative-solution', {
    summary: FIELDS.alternative, legalTextDocumentId: 'LT-X', legalTextBaseline: '5.18', affectsDccSystems: false,
    wgVote: { for: 4, against: 1, rationale: FIELDS.wgRationale, objectives: { a: 'better' } },
  });
  await api.act(CHAIR, ref, 'request-dcc-assessment', { type: 'impact' });
  await api.act('dcc@dcc.example', ref, 'record-dcc-assessment', { type: 'impact', costGbp: 25_000, implementationEstimate: FIELDS.estimate, documentId: 'IA-1' });
  await api.act(CA, ref, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
  await api.act('proposer@other-party.example', ref, 'respond-to-consultation', { response: FIELDS.response });
  await api.act(CA, ref, 'close-consultation', { kind: 'refinement' });
  await api.act(CHAIR, ref, 'complete-refinement', {});
  const drafted = await api.raw(CA, 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-X', modification: ref, baseline: '5.18', text: LEGAL_TEXT });
  expect(drafted.status).toBe(201);
  const reps = (await api.get(CA, ref)).representations as { representationId: string }[];
  const sections = ((await api.raw(CA, 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];
  await api.act(CA, ref, 'issue-modification-report', { reportDocumentId: 'MR-1', sections, representations: reps.map((r) => ({ representationId: r.representationId, evidenceSummary: FIELDS.reportEvidence })) });
  await api.act(CHAIR, ref, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
  await api.act(CA, ref, 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
  await api.act('proposer@small-supplier.example', ref, 'respond-to-consultation', { response: FIELDS.mrcResponse });
  await api.act(CA, ref, 'close-consultation', { kind: 'mrc' });
  await api.act('secretariat@secas.example', ref, 'open-ballot', {});
  const ballot = (await api.get(CA, ref)).ballot as { solutionIds: string[] };
  for (const member of CHANGE_BOARD) {
    for (const solutionId of ballot.solutionIds) await api.act(member, ref, 'cast-vote', { solutionId, choice: 'approve', rationale: FIELDS.vote, objectives: { a: 'better' } });
  }
  await api.act('secretariat@secas.example', ref, 'close-vote', {}, { onBehalfOf: 'change-board' });
  await t.services.deliveryWorker!.drain();
});
afterAll(async () => t?.close());

describe('markup typed into free text is inert wherever it is shown', () => {
  it('the stored record keeps the text exactly as typed (nothing is stripped or rewritten)', async () => {
    const state = await api.get('analyst@secas.example', ref);
    expect(state.title).toBe(FIELDS.title);
    expect(JSON.stringify(state)).toContain(JSON.stringify(FIELDS.solution).slice(1, -1));
  });

  it('the proposal page, signed in and anonymous', async () => {
    const page = new PageSession(t.app);
    await page.signIn('panel.member@panel.example');
    for (const [who, res] of [['signed in', await page.get(`/proposals/${ref}`)], ['anonymous', await t.app.inject({ method: 'GET', url: `/proposals/${ref}` })]] as const) {
      expect(res.statusCode, who).toBe(200);
      expectInert(res.body, `proposal page (${who})`);
      for (const field of ['title', 'revisedProblemStatement', 'proposedSolution', 'alternativeSolution', 'representation']) {
        expect(res.body, `${field} on the proposal page (${who})`).toContain(escaped(field));
      }
      expect(res.body).toContain('{{ 7*7 }}');
    }
  });

  it('the legal-text page with its redline (the one place the page inserts prepared HTML)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/proposals/${ref}/legal-text` });
    expect(res.statusCode).toBe(200);
    expectInert(res.body, 'legal-text page');
    expect(res.body).toContain('xss_legalText');
    expect(res.body).toContain('&lt;script&gt;xss_legalText()');
  });

  it('the register, listed and searched', async () => {
    for (const url of ['/register', `/register?q=${encodeURIComponent('xss_title')}`, `/register?q=${encodeURIComponent('<script>')}`]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectInert(res.body, url);
    }
    expect((await t.app.inject({ method: 'GET', url: '/register' })).body).toContain(escaped('title'));
  });

  it('the register as CSV: a title a spreadsheet would run as a formula is neutralised', async () => {
    const formulas = ['=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '-2+3'];
    for (const title of formulas) await api.raise('proposer@small-supplier.example', { ...DRAFT, title });
    const csv = (await t.app.inject({ method: 'GET', url: '/register.csv' })).body;
    const cells = csv.split(/\r?\n/).flatMap((line) => line.split(','));
    for (const title of formulas) {
      expect(cells.some((c) => c.replace(/^"/, '').startsWith(title.slice(0, 6))), title).toBe(false);
      expect(csv, title).toContain(`'${title.slice(0, 6)}`);
    }
  });

  it('the notices: subjects on one line with the title as typed, HTML parts escaped, the demo inbox page inert', async () => {
    const rows = await t.services.database.db.selectFrom('demo_inbox').select(['recipient', 'subject', 'text_body', 'html_body']).execute();
    const aboutTitle = rows.filter((r) => r.subject.includes('xss_title'));
    expect(aboutTitle.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.subject, r.subject).not.toMatch(/[\r\n]/);
      expect(r.subject).not.toContain('49{% raw %}');
      expectInert(r.html_body ?? '', `email HTML to ${r.recipient}: ${r.subject}`);
    }
    expect(aboutTitle.some((r) => r.subject.includes(FIELDS.title.slice(0, 60)))).toBe(true);
    expect(rows.some((r) => (r.html_body ?? '').includes('&lt;script&gt;xss_'))).toBe(true);
    const admin = new PageSession(t.app);
    await admin.signIn('admin@secmod.example');
    const inbox = await admin.get('/demo-inbox');
    expect(inbox.statusCode).toBe(200);
    expectInert(inbox.body, 'demo inbox page');
    expect(inbox.body).toContain('xss_title');
  });

  it('the Modification Report: .docx text runs and the HTML behind the PDF', async () => {
    const res = await api.raw('analyst@secas.example', 'POST', `/api/v1/modifications/${ref}/documents/generate`, { kind: 'modification-report' });
    expect(res.status).toBe(201);
    const file = await t.app.inject({ method: 'GET', url: res.body.href as string, headers: { authorization: `Bearer ${(await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'authority@ofgem.example', password: 'secmod-demo' } })).json().token}` } });
    expect(file.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(file.rawPayload);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
      const xml = await zip.file(name)!.async('string');
      expect(xml, name).not.toMatch(/<script|<img|<svg/i);
    }
    const documentXml = await zip.file('word/document.xml')!.async('string');
    for (const field of ['title', 'proposedSolution', 'alternativeSolution', 'representation', 'reportEvidence', 'dccEstimate', 'refinementResponse']) {
      expect(documentXml, `${field} in the .docx`).toContain(escaped(field));
    }
    const html = (await t.services.documents.render(Number(ref.slice(2)), 'modification-report', 'html')).bytes.toString('utf8');
    expectInert(html, 'report HTML');
    expect(html).toContain(escaped('proposedSolution'));
  });
});
