// Accessibility of every page type in a real browser: axe (WCAG 2.0/2.1/2.2 A and AA, and
// best practice) finds zero violations on the home, sign-in, register and proposal pages,
// each kind of generated command form (radios, repeated fieldsets, numbers, select, lines,
// nested fieldsets, dates, objectives, recording for a body, validation errors, a refusal),
// My tasks, the voting page (open, with errors, closed), the error pages, the records pages and
// the supporting-document upload form, and the legal-text change set and Code version pages.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, browserSuite, clickAndCheck as clickAndCheckOn, fillDate, openAndCheck, signInThroughPage } from '../support/e2e.ts';
import type { ApiCast } from '../scenarios/api-client.ts';
import { CHANGE_BOARD, DRAFT } from '../scenarios/api-client.ts';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';

let api: ApiCast;
let context: BrowserContext;
let base: string;
let page: Page;

const signInAs = (email: string): Promise<void> => signInThroughPage(context, page, base, email);

const check = (path: string, status: number, title: RegExp): Promise<void> => openAndCheck(page, base, path, status, title);

const submitAndCheck = (title: RegExp): Promise<void> => clickAndCheckOn(page, '[data-qa="submit"]', title);

browserSuite((suite) => {
  ({ api, context, base, page } = suite);
});

describe('every page type has zero axe violations', () => {
  let dp = '';

  it('public pages: home, sign-in, register, a proposal, the 404 page', async () => {
    dp = (await api.raise('proposer@large-supplier.example', DRAFT)).reference;
    await check('/', 200, /^Smart Energy Code modifications/);
    await check('/sign-in', 200, /Sign in/);
    await check('/register', 200, /Modification Register/);
    await check(`/proposals/${dp}`, 200, new RegExp(dp));
    await check('/proposals/DP999', 404, /Not found/);
  });

  it('signed in: the proposal page with its actions, My tasks, radios and repeated fieldsets, validation errors, a refusal', async () => {
    await signInAs('analyst@secas.example');
    await check(`/proposals/${dp}`, 200, new RegExp(dp));
    expect(await page.locator('[data-qa="action"] a').count()).toBeGreaterThan(0);
    await check('/tasks', 200, /^My tasks/);
    await check('/legal-text/check', 200, /^Check legal text/);
    await check(`/proposals/${dp}/legal-text`, 200, /^Legal text of/);
    await check(`/proposals/${dp}/actions/record-screening`, 200, /^Record the screening outcome/);
    // Validation: the error summary, inline errors in a repeated fieldset.
    await page.locator('[name="crossCodeLinks.0.code"]').fill('REC');
    await submitAndCheck(/^Error: Record the screening outcome/);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select outcome');
    // A refusal by the rules, with its clause.
    await page.locator('input[name="outcome"][value="complete"]').check();
    await page.locator('[name="crossCodeLinks.0.code"]').fill('');
    await submitAndCheck(/^Error: Record the screening outcome/);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('(SEC F1.6)');
    // A command the user cannot run now: the 403 page.
    await check(`/proposals/${dp}/actions/convert`, 403, /You cannot do that now/);
  });

  it('numbers, a select, lines, nested fieldsets and yes/no (convert); recording for a body (the Secretariat for the Panel)', async () => {
    await api.act('analyst@secas.example', dp, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('csc.member@csc.example', dp, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act('proposer@large-supplier.example', dp, 'request-conversion', {});
    await signInAs('panel.chair@panel.example');
    await check(`/proposals/${dp}/actions/convert?route=report`, 200, /^Convert/);
    expect(await page.locator('select[name="timetable.overrides.0.timer"]').count()).toBe(1);
    expect(await page.locator('input[name="path"][inputmode="numeric"]').count()).toBe(1);
    await page.locator('[name="path"]').fill('three');
    await submitAndCheck(/^Error: Convert/);
    await signInAs('secretariat@secas.example');
    await check(`/proposals/${dp}/actions/convert`, 200, /^Convert/);
    await expect(page.locator('[data-qa="on-behalf-of"]').textContent()).resolves.toContain('the SEC Panel');
  });

  it('objectives (raise an Alternative Solution), dates (open a consultation)', async () => {
    const mp = (await api.act('panel.chair@panel.example', dp, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Refinement to June' }, workingGroupRequired: true })).reference;
    await api.act('panel.chair@panel.example', mp, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
    await signInAs('wg.member@other-party.example');
    await check(`/proposals/${mp}/actions/raise-alternative-solution`, 200, /^Raise an Alternative Solution/);
    expect(await page.locator('input[name="wgVote.objectives.h"]').count()).toBe(4);
    await signInAs('analyst@secas.example');
    await check(`/proposals/${mp}/actions/open-consultation?kind=refinement`, 200, /^Open the consultation/);
    await fillDate(page, 'closesOn', '2026-02-30');
    await submitAndCheck(/^Error: Open the consultation/);
  });

  it('the voting page: open with vote forms, with a validation error, for the Secretariat, and closed with results', async () => {
    const mp = (await api.raise('proposer@large-supplier.example', { ...DRAFT, title: 'Voting page' })).reference;
    await api.act('analyst@secas.example', mp, 'record-screening', { outcome: 'complete', tabasc: 'unlikely', sscSoaa: 'unlikely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' });
    await api.act('csc.member@csc.example', mp, 'agree-problem-statement', { problemStatementVersion: 1 });
    await api.act('proposer@large-supplier.example', mp, 'request-conversion', {});
    const ref = (await api.act('panel.chair@panel.example', mp, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect', timetable: { summary: 'Refinement' }, workingGroupRequired: true })).reference;
    await api.act('panel.chair@panel.example', ref, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
    await api.act('proposer@large-supplier.example', ref, 'amend-proposed-solution', { summary: 'Five Working Days', legalTextDocumentId: 'LT-9', legalTextBaseline: '5.18', affectsDccSystems: false });
    await api.act('wg.member@other-party.example', ref, 'raise-alternative-solution', { summary: 'Ten Working Days', legalTextDocumentId: 'LT-9', legalTextBaseline: '5.18', affectsDccSystems: false, wgVote: { for: 4, against: 1, rationale: 'Objective (a)' } });
    await api.act('panel.chair@panel.example', ref, 'complete-refinement', {});
    expect((await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-9', modification: ref, baseline: '5.18', text: LEGAL_TEXT })).status).toBe(201);
    const sections = ((await api.raw('analyst@secas.example', 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];
    await api.act('analyst@secas.example', ref, 'issue-modification-report', { reportDocumentId: 'MR-9', sections, representations: [] });
    await api.act('panel.chair@panel.example', ref, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
    await api.act('analyst@secas.example', ref, 'open-consultation', { kind: 'mrc', documentId: 'MRC-9' });
    await api.act('analyst@secas.example', ref, 'close-consultation', { kind: 'mrc' });
    await signInAs('secretariat@secas.example');
    await check(`/proposals/${ref}/vote`, 200, /^Change Board vote/);
    await api.act('secretariat@secas.example', ref, 'open-ballot', {}, { onBehalfOf: 'change-board' });
    await check(`/proposals/${ref}/vote`, 200, /^Change Board vote/);

    await signInAs(CHANGE_BOARD[0]!);
    await check(`/proposals/${ref}/vote`, 200, /^Change Board vote/);
    expect(await page.locator('[data-qa="vote-form"]').count()).toBe(2);
    const form = page.locator('[data-qa="vote-form"]').first();
    await Promise.all([page.waitForLoadState('load'), form.locator('[data-qa="cast-vote"]').click()]);
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toMatch(/^Error: Change Board vote/);
    expect(await axeViolations(page)).toEqual([]);

    const ballot = (await api.get('secretariat@secas.example', ref)).ballot as { solutionIds: string[] };
    for (const member of CHANGE_BOARD) {
      for (const solutionId of ballot.solutionIds) await api.act(member, ref, 'cast-vote', { solutionId, choice: 'approve', rationale: 'Objective (a)', objectives: { a: 'better' } });
    }
    await api.act('secretariat@secas.example', ref, 'close-vote', {}, { onBehalfOf: 'change-board' });
    await check(`/proposals/${ref}/vote`, 200, /^Change Board vote/);
    expect(await page.locator('[data-qa="result"]').count()).toBe(2);
  });
  it('records: the index, a list, a record with its steps, a form and its validation errors', async () => {
    await signInAs('secretariat@secas.example');
    await check('/records', 200, /^Records kept beside the proposals/);
    await check('/records/disputes', 200, /^Disputes linked to other Energy Codes/);
    await check('/records/disputes/new/create', 200, /^Record a dispute/);
    await submitAndCheck(/^Error: Record a dispute/);
    await page.locator('#title').fill('Meter read dispute');
    await submitAndCheck(/^DSP-001/);
    await check('/records/disputes/DSP-001/link-external-dispute', 200, /^Link a dispute under another Energy Code/);
    await check('/records/significant-code-reviews', 200, /^Significant Code Reviews/);
  });
  it('supporting documents: the upload form, its error state, and the proposal page listing the upload', async () => {
    await signInAs('proposer@large-supplier.example');
    await check(`/proposals/${dp}/documents/new`, 200, /^Attach a supporting document/);
    await submitAndCheck(/^Error: Attach a supporting document/);
    await page.locator('input[type="file"]').setInputFiles({ name: 'business-case.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1') });
    await submitAndCheck(new RegExp(`(DP|MP)${dp.slice(2)}`));
    await expect(page.locator('[data-qa="supporting-documents"]').textContent()).resolves.toContain('business-case.pdf');
  });

  it('legal text: a change set with its redline and a conflicting rebase preview, a Code version with its findings, the index and a release consolidation', async () => {
    const record = (id: string, text: string) => api.raw('analyst@secas.example', 'POST', '/api/v1/change-sets', { id, baseVersion: '5.18', operations: [{ kind: 'amend', target: 'C7.2(f)', text }] });
    expect((await record('CS-A11Y-BASE', 'facilitate the Draft Proposal process;')).status).toBe(201);
    expect((await record('CS-A11Y', 'facilitate a process for Draft Proposals;')).status).toBe(201);
    expect((await api.raw('analyst@secas.example', 'POST', '/api/v1/consolidations', { base: '5.18', version: '5.19', changeSets: ['CS-A11Y-BASE'], store: true })).status).toBe(201);
    await signInAs('analyst@secas.example');
    await check('/change-sets/CS-A11Y', 200, /^Change set CS-A11Y/);
    await check('/change-sets/CS-A11Y?onto=5.19', 200, /^Change set CS-A11Y/);
    await check('/code-versions/5.18', 200, /^SEC 5.18/);
    await check('/legal-text', 200, /^Legal text/);
    await check('/consolidations', 200, /^Consolidate a SEC Release/);
    // A conflicting release (both amend C7.2(f)) with its error summary, then a clean preview.
    await check('/consolidations?base=5.18&version=5.20&changeSets=CS-A11Y-BASE&changeSets=CS-A11Y', 422, /^Error: Consolidate a SEC Release/);
    await check('/consolidations?base=5.18&version=5.20&changeSets=CS-A11Y', 200, /^Consolidate a SEC Release/);
  });
});
