// The portal screens of the proposal page, the calendar and administration in headless
// Chromium: zero axe violations (WCAG 2.0/2.1/2.2 A and AA, and best practice), unique page
// titles, a keyboard-only journey (Tab to the fields and the main action, Enter to submit),
// and full-page screenshots for the README: the register, a proposal in Refinement and the
// voting page with an open ballot (docs/screenshots/*.png, 1280×900 viewport).
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, browserSuite, signInThroughPage, tabTo } from '../support/e2e.ts';
import type { ApiCast } from '../scenarios/api-client.ts';
import { CHANGE_BOARD, DRAFT } from '../scenarios/api-client.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';
const SCREENING = { outcome: 'complete', tabasc: 'likely', sscSoaa: 'likely', sscMaterialSecurity: 'unlikely', smkiPma: 'unlikely', crossCode: 'none' };

let api: ApiCast;
let context: BrowserContext;
let base: string;
let page: Page;
let mp = '';
const titles = new Map<string, string>();

const signInAs = (email: string): Promise<void> => signInThroughPage(context, page, base, email);

/** Opens a page, checks its status and title, that the title is not used by another page, and that axe finds nothing. */
async function check(url: string, status: number, title: RegExp): Promise<void> {
  const res = await page.goto(`${base}${url}`);
  expect(res?.status(), url).toBe(status);
  const actual = await page.title();
  expect(actual, url).toMatch(title);
  const pathOnly = url.split('?')[0]!;
  for (const [other, otherTitle] of titles) if (other.split('?')[0] !== pathOnly) expect(otherTitle, `${url} and ${other} share a title`).not.toBe(actual);
  titles.set(url, actual);
  expect(await axeViolations(page), url).toEqual([]);
}

async function screenshot(name: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  expect((await fs.stat(path.join(SCREENSHOTS, name))).size).toBeGreaterThan(10_000);
}

/** Runs `act` and waits for the page its POST returns to load (the new document has a `<title>` from us). */
async function submitted(url: RegExp, act: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForResponse((r) => url.test(r.url()) && r.request().method() === 'POST'), act()]);
  await page.waitForFunction(() => document.readyState === 'complete' && document.title.endsWith('– secmod'));
}

browserSuite(async (suite) => {
  ({ api, context, base, page } = suite);
  await page.setViewportSize({ width: 1280, height: 900 });

  // A register with a few proposals at different stages, and one proposal in Refinement.
  await api.raise('proposer@small-supplier.example', { ...DRAFT, title: 'Align the Smart Metering Key Infrastructure renewal notice' });
  await api.raise('proposer@elec-network.example', { ...DRAFT, title: 'Clarify Electricity Network Party access to consumption data', affectedProvisions: ['I1.2'] });
  const dp = (await api.raise('proposer@large-supplier.example', DRAFT)).reference;
  await api.act('analyst@secas.example', dp, 'record-screening', SCREENING);
  await api.act('ssc@ssc.example', dp, 'make-representation', { purposeAndEffect: 'Exchange notices carry device security credentials.', evidenceDocumentIds: ['SSC-EV-1'] });
  await api.act('tabasc@tabasc.example', dp, 'record-advice', { summary: 'No effect on the Technical Architecture.', documentId: 'TAB-ADV-1' });
  await api.act('csc.member@csc.example', dp, 'agree-problem-statement', { problemStatementVersion: 1 });
  await api.act('proposer@large-supplier.example', dp, 'request-conversion', {});
  mp = (await api.act('panel.chair@panel.example', dp, 'convert', { route: 'refinement', path: 3, pathReasons: 'No material effect under the Path 2 criteria', timetable: { summary: 'Refinement to June' }, workingGroupRequired: true })).reference;
  await api.act('panel.chair@panel.example', mp, 'establish-working-group', { termsOfReferenceDocumentId: 'TOR-1' });
  await api.act('proposer@large-supplier.example', mp, 'amend-proposed-solution', { summary: 'Fix the window at 5 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false });
  await api.act('analyst@secas.example', mp, 'request-dcc-assessment', { type: 'preliminary' });
  await api.act('dcc@dcc.example', mp, 'record-dcc-assessment', { type: 'preliminary', costGbp: 48500, implementationEstimate: 'Next November release', documentId: 'PA-1' });
  await api.act('wg.member@other-party.example', mp, 'raise-alternative-solution', { summary: 'Fix the window at 10 Working Days', legalTextDocumentId: 'LT-1', legalTextBaseline: '5.18', affectsDccSystems: false, wgVote: { for: 4, against: 1, rationale: 'Better facilitates SEC Objective (a)' } });
  await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'refinement', documentId: 'RC-1' });
  await api.act('proposer@other-party.example', mp, 'respond-to-consultation', { response: 'Supportive: five Working Days is enough for us.' });
});

describe('portal screens', () => {
  it('the register and a proposal in Refinement: zero axe violations, screenshots', async () => {
    await check('/register', 200, /^Modification Register/);
    await screenshot('register.png');
    await check(`/proposals/${mp}`, 200, new RegExp(`^${mp}: `));
    expect(await page.locator('[data-qa="next-step"]').count()).toBeGreaterThan(0);
    await expect(page.locator('[data-qa="dcc-cost"]').first().textContent()).resolves.toContain('£48,500');
    await screenshot('proposal.png');
    await signInAs('analyst@secas.example');
    await check(`/proposals/${mp}`, 200, new RegExp(`^${mp}: `));
    expect(await page.locator('[data-qa="action"]').count()).toBeGreaterThan(0);
  });

  it('the calendar: a month with deadlines, an empty month, the bad-month page', async () => {
    await check('/calendar?month=2026-03', 200, /^Calendar: March 2026/);
    expect(await page.locator('[data-qa="calendar-entry"]').count()).toBeGreaterThan(0);
    await check('/calendar?month=2030-02', 200, /^Calendar: February 2030/);
    const res = await page.goto(`${base}/calendar?month=2026-13`);
    expect(res?.status()).toBe(400);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the voting page with an open ballot (signed in as a Change Board member), then the proposal with published votes', async () => {
    await api.act('analyst@secas.example', mp, 'close-consultation', { kind: 'refinement' });
    await api.act('panel.chair@panel.example', mp, 'complete-refinement', {});
    expect((await api.raw('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-1', modification: mp, baseline: '5.18', text: LEGAL_TEXT })).status).toBe(201);
    const rep = ((await api.get('analyst@secas.example', mp)).representations as { representationId: string }[])[0]!;
    const sections = ((await api.raw('analyst@secas.example', 'GET', '/api/v1/rulebook')).body.parameters as { key: string; value: unknown }[]).find((p) => p.key === 'mr.requiredSections')!.value as string[];
    await api.act('analyst@secas.example', mp, 'issue-modification-report', { reportDocumentId: 'MR-1', sections, representations: [{ representationId: rep.representationId, evidenceSummary: 'Credentials travel with the notice; see SSC-EV-1.' }] });
    await api.act('panel.chair@panel.example', mp, 'approve-report-consultation', { opensOn: '2026-03-09', closesOn: '2026-03-27' });
    await api.act('analyst@secas.example', mp, 'open-consultation', { kind: 'mrc', documentId: 'MRC-1' });
    await api.act('proposer@small-supplier.example', mp, 'respond-to-consultation', { response: 'Agree' });
    await api.act('analyst@secas.example', mp, 'close-consultation', { kind: 'mrc' });
    await api.act('secretariat@secas.example', mp, 'open-ballot', {}, { onBehalfOf: 'change-board' });
    const ballot = (await api.get('secretariat@secas.example', mp)).ballot as { solutionIds: string[] };
    await api.act(CHANGE_BOARD[1]!, mp, 'cast-vote', { solutionId: ballot.solutionIds[0], choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } });

    await signInAs(CHANGE_BOARD[0]!);
    await check(`/proposals/${mp}/vote`, 200, /^Change Board vote/);
    expect(await page.locator('[data-qa="vote-form"]').count()).toBe(2);
    await screenshot('voting.png');
    await check(`/proposals/${mp}`, 200, new RegExp(`^${mp}: `));
    await expect(page.locator('[data-qa="ballot-count"]').textContent()).resolves.toMatch(/1 of \d+ voting seats have voted/);

    for (const member of CHANGE_BOARD) {
      for (const solutionId of ballot.solutionIds) {
        if (member === CHANGE_BOARD[1] && solutionId === ballot.solutionIds[0]) continue;
        await api.act(member, mp, 'cast-vote', { solutionId, choice: 'approve', rationale: 'Better facilitates SEC Objective (a)', objectives: { a: 'better' } });
      }
    }
    await api.act('secretariat@secas.example', mp, 'close-vote', {}, { onBehalfOf: 'change-board' });
    await api.act('proposer@gas-network.example', mp, 'lodge-appeal', { grounds: ['unfair-prejudice-to-party-or-class'], statement: 'Gas Networks are prejudiced by the window.' });
    await api.act('authority@ofgem.example', mp, 'decide-appeal', { outcome: 'uphold', reasons: 'The decision stands.' });
    await api.act('panel.chair@panel.example', mp, 'schedule-implementation', { implementationDate: '2026-06-25', releaseId: 'REL-2026-06' });
    await check(`/proposals/${mp}`, 200, new RegExp(`^${mp}: `));
    expect(await page.locator('[data-qa="ballot-vote"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-qa="implementation"]').count()).toBe(1);
  });

  it('administration: every page, a user page and a validation error have zero axe violations and unique titles', async () => {
    await signInAs('admin@secmod.example');
    await check('/admin', 200, /^Administration/);
    await check('/admin/organisations', 200, /^Organisations/);
    await check('/admin/users', 200, /^Users/);
    await check('/admin/users/new', 200, /^Add a user/);
    await check('/admin/bodies', 200, /^Bodies and their members/);
    await check('/admin/rulebook', 200, /^Rulebook/);
    await check('/admin/releases', 200, /^SEC Releases/);
    await page.goto(`${base}/admin/users`);
    await Promise.all([page.waitForURL(/\/admin\/users\/[\w-]+$/), page.locator('[data-qa="user"] a').first().click()]);
    expect(await page.title()).toMatch(/^User: /);
    expect(await axeViolations(page)).toEqual([]);
    // A validation error on the organisations page (an empty Event of Default reference).
    await page.goto(`${base}/admin/organisations`);
    await submitted(/record-default$/, () => page.locator('[data-qa="record-default"]').first().click());
    expect(await page.title()).toMatch(/^Error: Organisations/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('keyboard only: Tab through the add-a-user form, Enter on the main action; errors first, then success', async () => {
    await signInAs('admin@secmod.example');
    await page.goto(`${base}/admin/users/new`);
    await tabTo(page, '[data-qa="submit"]', 80);
    await submitted(/\/admin\/users\/new$/, () => page.keyboard.press('Enter'));
    expect(await page.title()).toMatch(/^Error: Add a user/);
    expect(await axeViolations(page)).toEqual([]);
    // GOV.UK Frontend moves focus to the error summary.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null)).toBe(true);

    await page.goto(`${base}/admin/users/new`);
    await tabTo(page, '#name', 80);
    await page.keyboard.type('Keyboard User');
    await tabTo(page, '#email', 80);
    await page.keyboard.type('keyboard@example.com');
    await tabTo(page, '#password', 80);
    await page.keyboard.type('a long passphrase');
    await tabTo(page, '[data-qa="submit"]', 80);
    await Promise.all([page.waitForURL(/\/admin\/users\/[\w-]+$/), page.keyboard.press('Enter')]);
    await expect(page.locator('[data-qa="flash"]').textContent()).resolves.toContain('Keyboard User is added');
    expect(await page.title()).toBe('User: Keyboard User – secmod');
  });
});
