// The generated command forms, My tasks and the Change Board voting page, through
// app.inject: every form the rules offer renders for the user who may run it (at each state
// of a Self-Governance lifecycle driven through the API), GOV.UK validation, refusals with
// their SEC clause, Post/Redirect/Get, CSRF, and bad input that never becomes a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, CHANGE_BOARD, DRAFT } from '../scenarios/api-client.ts';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';

/** Everyone in the demo cast who can act on a proposal. */
const CAST = [
  'analyst@secas.example', 'secretariat@secas.example', 'panel.chair@panel.example', 'panel.member@panel.example', 'csc.member@csc.example',
  'proposer@large-supplier.example', 'proposer@small-supplier.example', 'proposer@gas-network.example', 'proposer@other-party.example',
  'wg.member@other-party.example', 'dcc@dcc.example', 'authority@ofgem.example', 'ssc@ssc.example', 'ssc.member@ssc.example',
  'pma@smki-pma.example', 'tabasc@tabasc.example', 'forum@alt-han.example', 'consumer@citizens-advice.example', ...CHANGE_BOARD.slice(0, 2),
];

let t: TestApp;
let api: ApiCast;
const sessions = new Map<string, PageSession>();

async function as(email: string): Promise<PageSession> {
  let s = sessions.get(email);
  if (!s) {
    s = new PageSession(t.app);
    const res = await s.signIn(email);
    expect(res.statusCode, `sign-in ${email}`).toBe(303);
    sessions.set(email, s);
  }
  return s;
}

const titleOf = (html: string) => /<title[^>]*>([^<]*)<\/title>/.exec(html)?.[1]?.trim() ?? '';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const formKeyOf = (html: string) => /name="_formKey" value="([^"]+)"/.exec(html)?.[1] ?? '';

/**
 * Every form the rules offer anyone in the cast renders (200, a form for that command, the
 * CSRF field, its transition), once per command and state, for a user the API says may run
 * it; and the proposal page links each of that user's actions to its form.
 */
const rendered = new Set<string>();
async function checkForms(reference: string): Promise<void> {
  const state = String((await api.get('analyst@secas.example', reference)).state);
  for (const email of CAST) {
    const actions = ((await api.raw(email, 'GET', `/api/v1/modifications/${reference}/actions`)).body.actions as { command: string }[]) ?? [];
    const todo = [...new Set(actions.map((a) => a.command))].filter((c) => !rendered.has(`${c}@${state}`));
    if (todo.length === 0) continue;
    const page = await as(email);
    const proposal = (await page.get(`/proposals/${reference}`)).body;
    for (const command of todo) {
      expect(proposal, `${email} ${command}`).toContain(command === 'cast-vote' ? `href="/proposals/${reference}/vote"` : `href="/proposals/${reference}/actions/${command}`);
      const res = await page.get(`/proposals/${reference}/actions/${command}`);
      expect(res.statusCode, `${email} GET ${command} on ${reference}`).toBe(200);
      expect(res.body).toContain(`data-command="${command}"`);
      expect(res.body).toContain('name="_csrf"');
      expect(res.body).toMatch(/data-qa="form-transition"[^]*?\b[TX]\d\d\b/);
      rendered.add(`${command}@${state}`);
      rendered.add(command);
    }
  }
}

beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  api = new ApiCast(t.app);
  await api.setClock('2026-03-02T09:00:00Z');
});
afterAll(async () => t.close());

describe('command forms through a Self-Governance lifecycle', () => {
  let mp: string;

  it('renders every form the rules offer, at every state, for the user who may run it', async () => {
    const dp = (await api.raise('proposer@large-supplier.example', DRAFT)).reference;
    await checkForms(dp);
    await api.act('analyst@secas.example', dp, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'likely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await checkForms(dp);
    await api.act('ssc@ssc.example', dp, 'make-representation', { purposeAndEffect: 'Exchange notices carry device security credentials.', evidenceDocumentIds: ['SSC-EV-1'] });
    await api.act('csc.member@csc.example', dp, 'agree-problem-statement', { problemStatementVersion: 1 });
    await checkForms(dp);
    await api.act('proposer@large-supplier.example', dp, 'request-conversion', {});
    await checkForms(dp);
    mp = (await api.act('panel.chair@panel.example', dp, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Refinement to June' }, workingGroupRequired: true })).reference;
    await checkForms(mp);
    await api.act('panel.chair@panel.example', mp, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
    await api.act('proposer@large-supplier.example', mp, 'amend-proposed-solution', { summary: 'Fix the window at 5 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false });
    await api.act('analyst@secas.example', mp, 'request-dcc-assessment', { type: 'preliminary' });
    await checkForms(mp);
    await api.act('dcc@dcc.example', mp, 'record-dcc-assessment', { type: 'preliminary', costGbp: 1000, implementationEstimate: 'Three months', documentId: 'PA-1' });
    await api.act('wg.member@other-party.example', mp, 'raise-alternative-solution', {
      summary: 'Fix the window at 10 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false,
      wgVote: { for: 4, against: 1, rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } },
    });
    await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    await checkForms(mp);
    await api.act('proposer@other-party.example', mp, 'respond-to-consultation', { response: 'Supportive' });
    await api.act('analyst@secas.example', mp, 'close-consultation', { kind: 'refinement' });
    await api.act('panel.chair@panel.example', mp, 'complete-refinement', {});
    await checkForms(mp);
    expect((await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-1', modification: mp, baseline: '5.18', text: LEGAL_TEXT })).status).toBe(201);
  });

  it('a refusal by the rules re-renders the form with the SEC clause and its status (422, G7.22(b))', async () => {
    const page = await as('analyst@secas.example');
    const form = await page.get(`/proposals/${mp}/actions/issue-modification-report`);
    expect(form.statusCode).toBe(200);
    // The form suggests the sections the rulebook requires and the representations on record.
    expect(form.body).toContain('proposer-and-problem-statement');
    expect(form.body).toMatch(/name="representations\.0\.representationId"[^>]*value="[^"]+"/);
    const sections = /<textarea[^>]*name="sections"[^>]*>([^<]*)<\/textarea>/.exec(form.body)![1]!.trim();
    const res = await page.post(`/proposals/${mp}/actions/issue-modification-report`, { _csrf: csrfOf(form.body), _formKey: formKeyOf(form.body), reportDocumentId: 'MR-1', sections });
    expect(res.statusCode).toBe(422);
    expect(titleOf(res.body)).toMatch(/^Error: /);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toMatch(/mr-ssc-representations[^<]*\(SEC G7\.22\(b\)\)/);
  });

  it('validates against the schema: GOV.UK error summary, Error: title, links to each field (422)', async () => {
    const page = await as('analyst@secas.example');
    const form = await page.get(`/proposals/${mp}/actions/issue-modification-report`);
    const res = await page.post(`/proposals/${mp}/actions/issue-modification-report`, {
      _csrf: csrfOf(form.body), reportDocumentId: '', sections: `${'x'.repeat(101)}\nok`, 'representations.0.representationId': 'R-1',
    });
    expect(res.statusCode).toBe(422);
    expect(titleOf(res.body)).toBe(`Error: Issue the Modification Report: ${mp} – secmod`);
    for (const href of ['#reportDocumentId', '#sections', '#representations-0-evidenceSummary']) expect(res.body).toContain(`href="${href}"`);
    expect(res.body).toContain('Enter report document ID');
    expect(res.body).toContain('Line 1 of sections must be 100 characters or fewer');
    // What the user typed is kept.
    expect(res.body).toContain('value="R-1"');
  });

  it('Post/Redirect/Get: a valid form runs the command, redirects 303 to the proposal and shows a success banner once', async () => {
    const page = await as('analyst@secas.example');
    const state = await api.get('analyst@secas.example', mp);
    const rep = (state.representations as { representationId: string }[])[0]!.representationId;
    const form = await page.get(`/proposals/${mp}/actions/issue-modification-report`);
    const sections = /<textarea[^>]*name="sections"[^>]*>([^<]*)<\/textarea>/.exec(form.body)![1]!.trim();
    const fields = { _csrf: csrfOf(form.body), _formKey: formKeyOf(form.body), reportDocumentId: 'MR-1', sections, 'representations.0.representationId': rep, 'representations.0.evidenceSummary': 'Credentials travel with the notice.' };
    const res = await page.post(`/proposals/${mp}/actions/issue-modification-report`, fields);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/proposals/${mp}`);
    const shown = await page.get(`/proposals/${mp}`);
    expect(shown.body).toContain('data-qa="flash"');
    expect(shown.body).toContain('Done: Issue the Modification Report');
    expect((await page.get(`/proposals/${mp}`)).body).not.toContain('data-qa="flash"');
    // The same form sent twice (a double click) runs once.
    const again = await page.post(`/proposals/${mp}/actions/issue-modification-report`, fields);
    expect(again.statusCode).toBe(303);
    expect((await api.get('analyst@secas.example', mp)).state).toBe('S07');
    await checkForms(mp);
  });

  it('offers only what availableActions offers: another command is a 403 page, an unknown one 404', async () => {
    const page = await as('proposer@large-supplier.example');
    const res = await page.get(`/proposals/${mp}/actions/approve-report-consultation`);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('You cannot do that now');
    expect(res.body).toContain('PanelReportReview');
    expect((await page.get(`/proposals/${mp}/actions/no-such-command`)).statusCode).toBe(404);
    expect((await page.get(`/proposals/${mp}/actions/expire-timer`)).statusCode).toBe(404);
    expect((await page.get('/proposals/MP999/actions/withdraw')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/proposals/${mp}/actions/withdraw` })).statusCode).toBe(401);
  });

  it('date fields are GOV.UK date inputs: a date that does not exist is an error on its field', async () => {
    const page = await as('panel.chair@panel.example');
    const form = await page.get(`/proposals/${mp}/actions/approve-report-consultation`);
    expect(form.body).toContain('For example, 27 3 2026');
    expect(form.body).toContain('name="opensOn-day"');
    const res = await page.post(`/proposals/${mp}/actions/approve-report-consultation`, { _csrf: csrfOf(form.body), 'opensOn-day': '30', 'opensOn-month': '2', 'opensOn-year': '2026', 'closesOn-day': '', 'closesOn-month': '', 'closesOn-year': '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#opensOn"');
    expect(res.body).toContain('Opens on must be a real date, for example 27 3 2026');
    // What was typed goes back into the three boxes.
    expect(res.body).toMatch(/name="opensOn-day"[^>]*value="30"/);
    expect(res.body).toContain('href="#closesOn"');
    const ok = await page.post(`/proposals/${mp}/actions/approve-report-consultation`, { _csrf: csrfOf(form.body), 'opensOn-day': '9', 'opensOn-month': '3', 'opensOn-year': '2026', 'closesOn-day': '27', 'closesOn-month': '3', 'closesOn-year': '2026' });
    expect(ok.statusCode).toBe(303);
    await checkForms(mp);
  });

  it('a form without its CSRF token is refused 403 and runs nothing', async () => {
    const page = await as('analyst@secas.example');
    await page.get(`/proposals/${mp}/actions/open-consultation`);
    const res = await page.post(`/proposals/${mp}/actions/open-consultation`, { kind: 'mrc', documentId: 'MRC-1' });
    expect(res.statusCode).toBe(403);
    expect((await api.get('analyst@secas.example', mp)).state).toBe('S08');
  });

  it('bad input never becomes a 500', async () => {
    const page = await as('analyst@secas.example');
    const form = await page.get(`/proposals/${mp}/actions/open-consultation`);
    const csrf = csrfOf(form.body);
    const url = `/proposals/${mp}/actions/open-consultation`;
    const bodies: Record<string, string>[] = [
      { _csrf: csrf },
      { _csrf: csrf, kind: 'nonsense', documentId: 'x'.repeat(5000), closesOn: '99999-99-99' },
      { _csrf: csrf, kind: 'mrc', documentId: '\u0000', 'kind.0.x': 'y', 'documentId.99999.a': 'b', __proto__x: '1', constructor: 'x' },
      { _csrf: csrf, _formKey: '../../etc', kind: ' ', documentId: '   ' },
    ];
    for (const body of bodies) {
      const res = await page.post(url, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeLessThan(500);
    }
    const json = await t.app.inject({ method: 'POST', url, headers: { cookie: page.cookieHeader, 'content-type': 'application/json', 'x-csrf-token': csrf }, payload: JSON.stringify({ _csrf: csrf, kind: ['mrc', 'x'], documentId: { a: 1 } }) });
    expect(json.statusCode).toBeLessThan(500);
    const nothing = await t.app.inject({ method: 'POST', url, headers: { cookie: page.cookieHeader } });
    expect(nothing.statusCode).toBeLessThan(500);
    const scr = await as('panel.chair@panel.example');
    const convertish = await scr.post(`/proposals/${mp}/actions/decide-urgency`, { _csrf: csrfOf((await scr.get(`/proposals/${mp}`)).body), granted: 'maybe', 'timetable.overrides.0.amount': '1e999', 'timetable.overrides.400000.timer': 'TM99' });
    expect(convertish.statusCode).toBeLessThan(500);
    expect((await page.get(`/proposals/${encodeURIComponent('<script>')}/actions/withdraw`)).statusCode).toBe(404);
    expect((await api.get('analyst@secas.example', mp)).state).toBe('S08');
  });

  it('the Change Board votes on the voting page; the Secretariat sees progress and records the close for the Change Board', async () => {
    await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
    await checkForms(mp);
    await api.act('proposer@small-supplier.example', mp, 'respond-to-consultation', { response: 'Agree' });
    await api.act('analyst@secas.example', mp, 'close-consultation', { kind: 'mrc' });
    await checkForms(mp);

    const secretariat = await as('secretariat@secas.example');
    expect((await secretariat.get(`/proposals/${mp}/vote`)).body).toContain('data-qa="no-ballot"');
    // Opening the ballot is the Change Board's decision, recorded by the Secretariat.
    const open = await secretariat.get(`/proposals/${mp}/actions/open-ballot`);
    expect(open.body).toContain('You are recording the decision of the Change Board');
    expect((await secretariat.post(`/proposals/${mp}/actions/open-ballot`, { _csrf: csrfOf(open.body), onBehalfOf: 'change-board' })).statusCode).toBe(303);
    await checkForms(mp);

    const ballot = (await api.get('secretariat@secas.example', mp)).ballot as { solutionIds: string[] };
    expect(ballot.solutionIds).toHaveLength(2);
    const member = await as(CHANGE_BOARD[0]!);
    const page = await member.get(`/proposals/${mp}/vote`);
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/data-qa="vote-form"/g)).toHaveLength(2);
    expect(page.body).toContain('data-qa="vote-progress"');
    expect(page.body).not.toContain('data-qa="result"');
    // Validation on one solution's form: its own field ids.
    const bad = await member.post(`/proposals/${mp}/vote`, { _csrf: csrfOf(page.body), solutionId: ballot.solutionIds[1]!, 's1.rationale': '' });
    expect(bad.statusCode).toBe(422);
    expect(titleOf(bad.body)).toMatch(/^Error: Change Board vote/);
    expect(bad.body).toContain('href="#s1-choice"');
    expect(bad.body).toContain('href="#s1-rationale"');
    const cast = await member.post(`/proposals/${mp}/vote`, { _csrf: csrfOf(page.body), solutionId: ballot.solutionIds[0]!, 's0.choice': 'approve', 's0.rationale': 'Better facilitates SEC Objective (a)', 's0.objectives.a': 'better', 's0.objectives.b': '' });
    expect(cast.statusCode).toBe(303);
    expect(cast.headers.location).toBe(`/proposals/${mp}/vote`);
    const after = await member.get(`/proposals/${mp}/vote`);
    expect(after.body).toContain('data-qa="flash"');
    expect(after.body).toContain('data-qa="my-vote"');
    expect(after.body.match(/data-qa="vote-form"/g)).toHaveLength(1);
    // A second vote by the same seat on the same solution is refused with its clause (409, D8).
    const again = await member.post(`/proposals/${mp}/vote`, { _csrf: csrfOf(after.body), solutionId: ballot.solutionIds[0]!, 's0.choice': 'reject', 's0.rationale': 'Changed my mind' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('(SEC D8)');

    // Only Change Board members and the Secretariat see the voting page.
    expect((await (await as('proposer@large-supplier.example')).get(`/proposals/${mp}/vote`)).statusCode).toBe(403);

    await api.act(CHANGE_BOARD[0]!, mp, 'cast-vote', { solutionId: ballot.solutionIds[1]!, choice: 'approve', rationale: 'Fine', objectives: { a: 'better' } });
    for (const email of CHANGE_BOARD.slice(1)) {
      for (const solutionId of ballot.solutionIds) await api.act(email, mp, 'cast-vote', { solutionId, choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } });
    }
    const progress = await secretariat.get(`/proposals/${mp}/vote`);
    expect(progress.body).toContain('data-qa="vote-progress"');
    expect(progress.body).not.toContain('data-qa="vote-form"');
    expect(progress.body).toContain(`href="/proposals/${mp}/actions/close-vote`);
    const close = await secretariat.get(`/proposals/${mp}/actions/close-vote`);
    expect(close.body).toContain('You are recording the decision of the Change Board');
    const closed = await secretariat.post(`/proposals/${mp}/actions/close-vote`, { _csrf: csrfOf(close.body), onBehalfOf: 'change-board' });
    expect(closed.statusCode).toBe(303);
    expect((await api.get('secretariat@secas.example', mp)).state).toBe('S11');
    const results = await member.get(`/proposals/${mp}/vote`);
    expect(results.body.match(/data-qa="result"/g)).toHaveLength(2);
    expect(results.body).toContain('Approved');
    expect(results.body).toContain('data-qa="vote-explanation"');
    await checkForms(mp);
  });

  it('through the appeal to implementation, every form still renders', async () => {
    await api.act('proposer@gas-network.example', mp, 'lodge-appeal', { grounds: ['unfair-prejudice-to-party-or-class'], statement: 'Gas Networks are prejudiced.' });
    await checkForms(mp);
    await api.act('authority@ofgem.example', mp, 'decide-appeal', { outcome: 'uphold', reasons: 'The decision stands.' });
    await checkForms(mp);
    const chair = await as('panel.chair@panel.example');
    const form = await chair.get(`/proposals/${mp}/actions/schedule-implementation`);
    expect((await chair.post(`/proposals/${mp}/actions/schedule-implementation`, { _csrf: csrfOf(form.body), implementationDate: '2026-06-25', releaseId: 'REL-2026-06' })).statusCode).toBe(303);
    await checkForms(mp);
    // Not before the Implementation Date (409, C2.3(d)).
    const analyst = await as('analyst@secas.example');
    const mark = await analyst.get(`/proposals/${mp}/actions/mark-implemented`);
    const early = await analyst.post(`/proposals/${mp}/actions/mark-implemented`, { _csrf: csrfOf(mark.body), secVersion: '5.19' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('C2.3(d)');
    await api.setClock('2026-06-25T09:00:00Z');
    await checkForms(mp);
    const now = await analyst.get(`/proposals/${mp}/actions/mark-implemented`);
    expect((await analyst.post(`/proposals/${mp}/actions/mark-implemented`, { _csrf: csrfOf(now.body), secVersion: '5.19' })).statusCode).toBe(303);
    expect((await api.get('analyst@secas.example', mp)).state).toBe('S17');
  });

  it('withdrawal, urgency and SCR suspension forms render for who may use them', async () => {
    const dp = (await api.raise('proposer@small-supplier.example', { ...DRAFT, title: 'A second proposal' })).reference;
    await api.act('proposer@small-supplier.example', dp, 'request-urgency', { reasons: 'Exchanges are failing now.' });
    await checkForms(dp);
    await api.act('analyst@secas.example', dp, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('proposer@small-supplier.example', dp, 'withdraw', { reason: 'Resources' });
    await checkForms(dp);
  });

  it('renders a form for every command the lifecycle reached', () => {
    const expected = [
      'record-critical-friend-review', 'record-ca-support', 'revise-problem-statement', 'record-screening', 'make-representation', 'agree-problem-statement',
      'request-conversion', 'convert', 'send-back', 'establish-working-group', 'amend-proposed-solution', 'raise-alternative-solution',
      'request-dcc-assessment', 'record-dcc-assessment', 'open-consultation', 'respond-to-consultation', 'close-consultation', 'complete-refinement',
      'issue-modification-report', 'approve-report-consultation', 'open-ballot', 'cast-vote', 'close-vote', 'lodge-appeal', 'decide-appeal',
      'schedule-implementation', 'mark-implemented', 'withdraw', 'request-urgency', 'decide-urgency', 'determine-path', 'suspend-for-scr',
    ];
    expect(expected.filter((c) => !rendered.has(c))).toEqual([]);
  });
});

describe('My tasks', () => {
  it('lists every open proposal the user can act on, overdue first, each task linking to its form', async () => {
    const page = await as('analyst@secas.example');
    const a = (await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Tasks A' })).reference;
    // TM01 (critical-friend review, 5 WD) on A runs out; B is raised later and is not yet due.
    await api.setClock('2026-07-20T09:00:00Z');
    const b = (await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Tasks B' })).reference;
    const res = await page.get('/tasks');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-qa="nav-tasks"');
    const rows = [...res.body.matchAll(/data-qa="task" data-reference="([^"]+)"[^]*?data-qa="task-due">([^]*?)<\/td>/g)].map((m) => ({ ref: m[1]!, overdue: m[2]!.includes('Overdue') }));
    expect(rows.find((r) => r.ref === a)?.overdue).toBe(true);
    expect(rows.find((r) => r.ref === b)?.overdue).toBe(false);
    const firstNotOverdue = rows.findIndex((r) => !r.overdue);
    expect(rows.slice(firstNotOverdue).every((r) => !r.overdue)).toBe(true);
    expect(res.body).toContain(`href="/proposals/${b}/actions/record-screening"`);
    // A Party with nothing to do sees that; signed out, the page asks to sign in.
    expect((await (await as('admin@secmod.example')).get('/tasks')).body).toContain('data-qa="no-tasks"');
    expect((await t.app.inject({ method: 'GET', url: '/tasks' })).statusCode).toBe(401);
  });
});
