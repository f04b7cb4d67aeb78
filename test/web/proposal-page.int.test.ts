// The proposal page shows each stage's artefacts (sec-process.md §8): solutions and versions,
// representations, advice, DCC assessments with costs, consultations with responses, the
// Modification Report, votes (counts only until the ballot closes), the decision, the appeal,
// implementation, and "What happens next" with dates in Working Days from today.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSession, startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, CHANGE_BOARD, DRAFT } from '../scenarios/api-client.ts';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';

let t: TestApp;
let api: ApiCast;
let dp: string;
let mp: string;
beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  api = new ApiCast(t.app);
  // Monday 2 March 2026: no bank holiday in the next 20 Working Days.
  await api.setClock('2026-03-02T09:00:00Z');
});
afterAll(async () => t.close());

const page = async (ref: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/proposals/${ref}` });
  expect(res.statusCode).toBe(200);
  return res.body;
};
/** The text of an element marked `data-qa="<qa>"` and what follows it up to its closing tag (rough, for assertions). */
const section = (html: string, qa: string): string => {
  const i = html.indexOf(`data-qa="${qa}"`);
  if (i < 0) return '';
  return html.slice(i, html.indexOf('</table>', i) > 0 ? html.indexOf('</table>', i) : i + 4000);
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the proposal page', () => {
  it('a Draft Proposal: summary card, ribbon, headings in order, representations and advice, meetings next', async () => {
    dp = (await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Page test <b>bold</b>' })).reference;
    await api.act('analyst@secas.example', dp, 'record-screening', { outcome: 'complete', tabasc: 'likely', sscSoaa: 'likely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('ssc@ssc.example', dp, 'make-representation', { purposeAndEffect: 'Exchange notices carry device security credentials.', evidenceDocumentIds: ['SSC-EV-1'] });
    await api.act('tabasc@tabasc.example', dp, 'record-advice', { summary: 'TABASC advice on the exchange window', documentId: 'TAB-1' });
    const html = await page(dp);
    expect(html).toContain('<title>');
    expect(html).toMatch(new RegExp(`<title>${dp}: Page test &lt;b&gt;bold&lt;/b&gt; – secmod</title>`));
    expect(html).toContain('govuk-summary-card');
    expect(html).toContain('Northern Lights Energy');
    // One h1, and no heading skips a level.
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1);
    const reps = text(section(html, 'representations'));
    expect(reps).toContain('Security Sub-Committee');
    expect(reps).toContain('Draft Proposal');
    expect(reps).toContain('SSC-EV-1');
    expect(text(section(html, 'advice'))).toContain('TABASC advice on the exchange window');
    expect(html).toContain('data-qa="next-steps"');
  });

  it('Refinement: solutions with versions and legal text, DCC costs in pounds, a consultation with responses, timers in Working Days', async () => {
    await api.act('csc.member@csc.example', dp, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act('proposer@large-supplier.example', dp, 'request-conversion', {});
    mp = (await api.act('panel.chair@panel.example', dp, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Refinement to June' }, workingGroupRequired: true })).reference;
    await api.act('panel.chair@panel.example', mp, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
    await api.act('proposer@large-supplier.example', mp, 'amend-proposed-solution', { summary: 'Fix the window at 5 Working Days', legalTextDocumentId: 'LT-P1', legalTextBaseline: '5.18', affectsDccSystems: false });
    await api.act('proposer@large-supplier.example', mp, 'amend-proposed-solution', { summary: 'Fix the window at 6 Working Days', legalTextDocumentId: 'LT-P1', legalTextBaseline: '5.18', affectsDccSystems: false });
    await api.act('analyst@secas.example', mp, 'request-dcc-assessment', { type: 'preliminary' });
    let html = await page(mp);
    // TM07: 20 Working Days after Monday 2 March 2026 is Monday 30 March 2026.
    const dcc = text(html.slice(html.indexOf('data-timer="TM07"'), html.indexOf('</tr>', html.indexOf('data-timer="TM07"'))));
    expect(dcc).toContain('DCC Preliminary Assessment due');
    expect(dcc).toContain('Monday 30 March 2026');
    expect(dcc).toContain('20 Working Days from today');
    expect(text(section(html, 'dcc-assessments'))).toContain('Awaited');

    await api.act('dcc@dcc.example', mp, 'record-dcc-assessment', { type: 'preliminary', costGbp: 1234567, implementationEstimate: 'Three months', documentId: 'PA-1' });
    await api.act('wg.member@other-party.example', mp, 'raise-alternative-solution', { summary: 'Fix the window at 10 Working Days', legalTextDocumentId: 'LT-P1', legalTextBaseline: '5.18', affectsDccSystems: false, wgVote: { for: 4, against: 1, rationale: 'Objective (a)' } });
    await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
    await api.setClock('2026-03-04T10:00:00Z');
    await api.act('proposer@other-party.example', mp, 'respond-to-consultation', { response: 'Supportive, with a caveat' });
    html = await page(mp);
    expect(text(section(html, 'dcc-assessments'))).toContain('£1,234,567');
    const solutions = text(html.slice(html.indexOf('data-qa="solutions"'), html.indexOf('</div>\n', html.lastIndexOf('data-qa="solution-versions"'))));
    expect(solutions).toContain('Proposed Solution');
    expect(solutions).toContain('Alternative Solution 1');
    expect(solutions).toContain('Fix the window at 6 Working Days');
    expect(solutions).toContain('Fix the window at 5 Working Days');
    expect(solutions).toContain('LT-P1');
    expect(solutions).toContain('5.18');
    expect(solutions).toContain('4 for, 1 against');
    const responses = text(section(html, 'consultation-responses'));
    expect(responses).toContain('Helix Metering Services');
    expect(responses).toContain('Supportive, with a caveat');
    expect(responses).toContain('4 March 2026');
    // TM02: 15 Working Days after 2 March is 23 March; on 4 March that is 13 Working Days away.
    const tm02 = text(html.slice(html.indexOf('data-timer="TM02"'), html.indexOf('</tr>', html.indexOf('data-timer="TM02"'))));
    expect(tm02).toContain('Refinement Consultation closes');
    expect(tm02).toContain('Monday 23 March 2026');
    expect(tm02).toContain('13 Working Days from today');
  });

  it('Report and vote: the report with its representations; only a count while the ballot is open; votes and rationale once closed', async () => {
    await api.act('analyst@secas.example', mp, 'close-consultation', { kind: 'refinement' });
    await api.act('panel.chair@panel.example', mp, 'complete-refinement', {});
    expect((await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-P1', modification: mp, baseline: '5.18', text: LEGAL_TEXT })).status).toBe(201);
    const state = await api.get('analyst@secas.example', mp);
    const rep = (state.representations as { representationId: string }[])[0]!;
    const sections = ((await api.raw('analyst@secas.example', 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];
    await api.act('analyst@secas.example', mp, 'issue-modification-report', { reportDocumentId: 'MR-P1', sections, representations: [{ representationId: rep.representationId, evidenceSummary: 'Credentials travel with the notice.' }] });
    await api.act('panel.chair@panel.example', mp, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
    await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'mrc', documentId: 'MRC-P1' });
    await api.act('analyst@secas.example', mp, 'close-consultation', { kind: 'mrc' });
    await api.act('secretariat@secas.example', mp, 'open-ballot', {}, { onBehalfOf: 'change-board' });
    const ballot = (await api.get('secretariat@secas.example', mp)).ballot as { solutionIds: string[] };
    await api.act(CHANGE_BOARD[0]!, mp, 'cast-vote', { solutionId: ballot.solutionIds[0], choice: 'approve', rationale: 'SECRET-RATIONALE-BEFORE-CLOSE', objectives: { a: 'better' } });

    let html = await page(mp);
    const report = text(section(html, 'modification-report'));
    expect(report).toContain('MR-P1');
    expect(report).toContain(sections[0]!);
    expect(text(section(html, 'report-representations'))).toContain('Credentials travel with the notice.');
    expect(text(html)).toMatch(/The ballot is open\. 1 of \d+ voting seats have voted/);
    expect(html).not.toContain('SECRET-RATIONALE-BEFORE-CLOSE');
    expect(html).not.toContain('data-qa="ballot-vote"');

    for (const member of CHANGE_BOARD) {
      for (const solutionId of ballot.solutionIds) {
        if (member === CHANGE_BOARD[0] && solutionId === ballot.solutionIds[0]) continue;
        await api.act(member, mp, 'cast-vote', { solutionId, choice: member === CHANGE_BOARD[1] ? 'reject' : 'approve', rationale: `Rationale of ${member}`, objectives: { a: 'better' } });
      }
    }
    await api.act('secretariat@secas.example', mp, 'close-vote', {}, { onBehalfOf: 'change-board' });
    html = await page(mp);
    expect(html).toContain('SECRET-RATIONALE-BEFORE-CLOSE');
    const votes = text(section(html, 'ballot-votes'));
    expect(votes).toContain('Large Supplier Party');
    expect(votes).toContain('Small Supplier Party');
    expect(votes).toContain('Reject');
    expect(votes).toContain('Rationale of cb@small-supplier.example');
    const outcome = text(section(html, 'outcome'));
    expect(outcome).toContain('Approved');
    expect(outcome).toContain('Provisional');
    expect(text(html.slice(html.indexOf('data-timer="TM04"')))).toContain('Appeal window ends');
  });

  it('appeal and implementation: the appeal status, the release, the date and the SEC version', async () => {
    await api.act('proposer@gas-network.example', mp, 'lodge-appeal', { grounds: ['unfair-prejudice-to-party-or-class'], statement: 'Prejudiced.' });
    let html = await page(mp);
    expect(text(section(html, 'appeal'))).toContain('Awaiting the Authority’s decision');
    expect(text(section(html, 'appeal'))).toContain('Fenland Gas Networks');
    await api.act('authority@ofgem.example', mp, 'decide-appeal', { outcome: 'uphold', reasons: 'The decision stands.' });
    await api.act('panel.chair@panel.example', mp, 'schedule-implementation', { implementationDate: '2026-06-25', releaseId: 'REL-2026-06' });
    html = await page(mp);
    expect(text(section(html, 'appeal'))).toContain('Decision upheld');
    const impl = text(section(html, 'implementation'));
    expect(impl).toContain('25 June 2026');
    expect(impl).toContain('REL-2026-06');
    expect(impl).toContain('Not yet');
    await api.setClock('2026-06-25T09:00:00Z');
    await api.act('analyst@secas.example', mp, 'mark-implemented', { secVersion: '5.19' });
    html = await page(mp);
    expect(text(section(html, 'implementation'))).toContain('5.19');
    expect(html).toContain('data-qa="no-next-steps"');
  });

  it('signed in, the actions keep their data-command attributes; titles differ from page to page', async () => {
    const other = (await api.raise('proposer@small-supplier.example', { ...DRAFT, title: 'Another page' })).reference;
    const titles = await Promise.all([dp, other].map(async (r) => /<title>([^<]+)<\/title>/.exec(await page(r))![1]));
    expect(new Set(titles).size).toBe(2);
    const session = new PageSession(t.app);
    await session.signIn('analyst@secas.example');
    const html = (await session.get(`/proposals/${other}`)).body;
    expect(html).toContain('data-qa="available-actions"');
    expect(html).toContain('data-command="record-screening"');
  });
});
