// The Self-Governance lifecycle (Path 3) through the portal in headless Chromium, one role
// per step, every step a generated command form (or the voting page) reached from the
// proposal page's list of actions: Party raises → SECAS screens → CSC agrees → Proposer asks
// for conversion → Panel converts → Working Group raises an Alternative → report →
// consultation → Change Board votes → the appeal window passes → Panel schedules → SECAS
// marks it implemented. Also: a Defaulting Party is refused with SEC M8.5(b) shown.
// Every command step is taken by keyboard: the action link and the submit button are reached with
// Tab and pressed with Enter (`tabTo`); dates go into GOV.UK date inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { launchBrowser } from '../support/browser.ts';
import { axeViolations, fillDate, signInThroughPage, tabTo } from '../support/e2e.ts';
import { CHANGE_BOARD } from '../scenarios/api-client.ts';

const LEGAL_TEXT = 'Section H – DCC Services\n\nH4.12 The Supplier Party shall give notice of a meter exchange no later than 5 Working Days before the exchange.\n';

let t: TestApp;
let browser: { context: BrowserContext; close(): Promise<void> };
let base: string;
let page: Page;

/** The JSON API as a demo user (for the admin clock and the legal text, which have no pages yet). */
async function apiAs(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const session = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'secmod-demo' }) });
  const { token } = (await session.json()) as { token: string };
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const setClock = async (instant: string) => expect((await apiAs('admin@secmod.example', 'PUT', '/api/v1/admin/clock', { instant })).status).toBe(200);

const signInAs = (email: string): Promise<void> => signInThroughPage(browser.context, page, base, email);

const stage = async () => (await page.locator('[data-qa="proposal-summary"] .govuk-summary-list__value').first().textContent())?.trim();

/**
 * One step, by keyboard: the signed-in user opens the proposal, reaches the action's link with
 * Tab and follows it with Enter, fills the form in, reaches the submit button with Tab and
 * presses Enter; the proposal page comes back with the success banner.
 * Returns the reference (a Draft Proposal becomes an MP on conversion).
 */
async function act(email: string, reference: string, command: string, fill: (form: Page) => Promise<void> = async () => {}): Promise<string> {
  await signInAs(email);
  await page.goto(`${base}/proposals/${reference}`);
  await tabTo(page, `[data-qa="action"][data-command="${command}"] a`);
  await Promise.all([page.waitForURL(new RegExp(`/proposals/${reference}/actions/${command}`)), page.keyboard.press('Enter')]);
  await fill(page);
  await tabTo(page, '[data-qa="submit"]');
  await Promise.all([page.waitForURL(/\/proposals\/(DP|MP)\d+$/), page.keyboard.press('Enter')]);
  await expect(page.locator('[data-qa="flash"]').textContent(), `${command} by ${email}`).resolves.toContain('Done:');
  return page.url().split('/').pop()!;
}

const radio = (p: Page, name: string, value: string) => p.locator(`input[name="${name}"][value="${value}"]`).check();

beforeAll(async () => {
  t = await startTestApp({ SECMOD_CLOCK: 'manual' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await setClock('2026-03-02T09:00:00Z');
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('Self-Governance lifecycle through the portal', () => {
  let ref = '';

  it('a Party raises a Draft Proposal; SECAS screens it; the CSC agrees the problem statement; the Proposer asks for conversion', async () => {
    await signInAs('proposer@large-supplier.example');
    await page.goto(`${base}/proposals/new`);
    await page.locator('[data-qa="title"]').fill('Clarify the meter exchange notification window');
    await page.locator('[data-qa="problem-statement"]').fill('Suppliers read the notification window in H4 differently, causing failed exchanges.');
    await page.locator('[data-qa="affected-provisions"]').fill('H4.12');
    await radio(page, 'submissionBasis', 'voluntary');
    await page.locator('[data-qa="continue"]').click();
    await page.locator('[data-qa="ipr-accepted"]').check();
    await Promise.all([page.waitForURL(/\/proposals\/DP\d+$/), page.locator('[data-qa="submit-draft-proposal"]').click()]);
    ref = page.url().split('/').pop()!;

    await act('analyst@secas.example', ref, 'record-screening', async (f) => {
      await radio(f, 'outcome', 'complete');
      for (const screen of ['tabasc', 'sscSoaa', 'sscMaterialSecurity', 'smkiPma']) await radio(f, screen, 'unlikely');
      await radio(f, 'crossCode', 'none');
    });
    await act('csc.member@csc.example', ref, 'agree-problem-statement', async (f) => {
      await expect(f.locator('[name="problemStatementVersion"]').inputValue()).resolves.toBe('1');
    });
    await act('proposer@large-supplier.example', ref, 'request-conversion');
    expect(await stage()).toBe('AwaitingConversion');
  });

  it('the Panel converts it (Path 3, Refinement); the Proposer amends the solution; the Working Group raises an Alternative', async () => {
    ref = await act('panel.chair@panel.example', ref, 'convert', async (f) => {
      // The action's link chose the Refinement route.
      await expect(f.locator('input[name="route"][value="refinement"]').isChecked()).resolves.toBe(true);
      await f.locator('[name="path"]').fill('3');
      await f.locator('[name="pathReasons"]').fill('No material effect under the Path 2 criteria');
      await f.locator('[name="timetable.summary"]').fill('Refinement to June');
      await radio(f, 'workingGroupRequired', 'yes');
    });
    expect(ref).toMatch(/^MP\d+$/);
    expect(await stage()).toBe('RefinementProcess');
    await act('panel.chair@panel.example', ref, 'establish-working-group', async (f) => f.locator('[name="termsOfReferenceDocumentId"]').fill('TOR-1'));
    await act('proposer@large-supplier.example', ref, 'amend-proposed-solution', async (f) => {
      await f.locator('[name="summary"]').fill('Fix the window at 5 Working Days');
      await f.locator('[name="legalTextDocumentId"]').fill('LT-1');
      await f.locator('[name="legalTextBaseline"]').fill('5.18');
      await radio(f, 'affectsDccSystems', 'no');
    });
    await act('wg.member@other-party.example', ref, 'raise-alternative-solution', async (f) => {
      await f.locator('[name="summary"]').fill('Fix the window at 10 Working Days');
      await f.locator('[name="legalTextDocumentId"]').fill('LT-1');
      await f.locator('[name="legalTextBaseline"]').fill('5.18');
      await radio(f, 'affectsDccSystems', 'no');
      await f.locator('[name="wgVote.for"]').fill('4');
      await f.locator('[name="wgVote.against"]').fill('1');
      await f.locator('[name="wgVote.rationale"]').fill('Better facilitates SEC Objective (a)');
      await radio(f, 'wgVote.objectives.a', 'better');
    });
  });

  it('the Refinement Consultation runs and the Panel completes refinement; SECAS issues the report and the Panel approves its consultation', async () => {
    await act('analyst@secas.example', ref, 'open-consultation', async (f) => {
      await expect(f.locator('input[name="kind"][value="refinement"]').isChecked()).resolves.toBe(true);
      await f.locator('[name="documentId"]').fill('RC-1');
    });
    await act('proposer@other-party.example', ref, 'respond-to-consultation', async (f) => f.locator('[name="response"]').fill('Supportive'));
    await act('analyst@secas.example', ref, 'close-consultation');
    await act('panel.chair@panel.example', ref, 'complete-refinement');
    expect(await stage()).toBe('ReportDrafting');
    // The legal text is drafted through the API (no page yet); the drafting checker passes.
    const drafted = await apiAs('analyst@secas.example', 'POST', '/api/v1/legal-text-documents', { documentId: 'LT-1', modification: ref, baseline: '5.18', text: LEGAL_TEXT });
    expect(drafted.status).toBe(201);
    await act('analyst@secas.example', ref, 'issue-modification-report', async (f) => {
      await f.locator('[name="reportDocumentId"]').fill('MR-1');
      // The sections the rulebook requires are suggested.
      await expect(f.locator('[name="sections"]').inputValue()).resolves.toContain('proposer-and-problem-statement');
    });
    await act('panel.chair@panel.example', ref, 'approve-report-consultation', async (f) => {
      await fillDate(f, 'opensOn', '2026-03-09');
      await fillDate(f, 'closesOn', '2026-03-27');
    });
    await act('analyst@secas.example', ref, 'open-consultation', async (f) => f.locator('[name="documentId"]').fill('MRC-1'));
    await act('proposer@small-supplier.example', ref, 'respond-to-consultation', async (f) => f.locator('[name="response"]').fill('Agree'));
    await act('analyst@secas.example', ref, 'close-consultation');
    expect(await stage()).toBe('AwaitingChangeBoard');
  });

  it('the Secretariat opens the ballot for the Change Board; each member votes on the voting page; the Secretariat closes the vote', async () => {
    await act('secretariat@secas.example', ref, 'open-ballot', async (f) => {
      await expect(f.locator('[data-qa="on-behalf-of"]').textContent()).resolves.toContain('the Change Board');
    });
    for (const member of CHANGE_BOARD) {
      await signInAs(member);
      await page.goto(`${base}/proposals/${ref}`);
      await Promise.all([page.waitForURL(`${base}/proposals/${ref}/vote`), page.locator('[data-qa="action"][data-command="cast-vote"] a').click()]);
      while ((await page.locator('[data-qa="vote-form"]').count()) > 0) {
        const form = page.locator('[data-qa="vote-form"]').first();
        await form.locator('input[name$=".choice"][value="approve"]').check();
        await form.locator('textarea[name$=".rationale"]').fill('Better facilitates SEC Objective (a)');
        await form.locator('input[name$=".objectives.a"][value="better"]').check();
        await Promise.all([page.waitForURL(`${base}/proposals/${ref}/vote`), form.locator('[data-qa="cast-vote"]').click()]);
        await expect(page.locator('[data-qa="flash"]').textContent()).resolves.toContain('is recorded');
      }
      expect(await page.locator('[data-qa="my-vote"]').count()).toBe(2);
    }
    await signInAs('secretariat@secas.example');
    await page.goto(`${base}/proposals/${ref}/vote`);
    await expect(page.locator('[data-qa="vote-progress"]').textContent()).resolves.toMatch(/6 of \d+ voting seats have voted/);
    await page.locator('[data-qa="close-vote"]').click();
    await page.waitForURL(new RegExp(`/proposals/${ref}/actions/close-vote`));
    await Promise.all([page.waitForURL(`${base}/proposals/${ref}`), page.locator('[data-qa="submit"]').click()]);
    expect(await stage()).toBe('SelfGovernanceAppealWindow');
    // The results are on the voting page once the ballot has closed.
    await page.goto(`${base}/proposals/${ref}/vote`);
    expect(await page.locator('[data-qa="result"]').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('when the appeal window passes the decision is final; the Panel schedules implementation; SECAS marks it implemented', async () => {
    const state = (await apiAs('analyst@secas.example', 'GET', `/api/v1/modifications/${ref}`)).body;
    const dueAt = (state.timers as Record<string, { dueAt: string }>).TM04!.dueAt;
    await setClock(new Date(Date.parse(dueAt) + 1000).toISOString());
    await signInAs('panel.chair@panel.example');
    await page.goto(`${base}/proposals/${ref}`);
    expect(await stage()).toBe('Approved');
    await act('panel.chair@panel.example', ref, 'schedule-implementation', async (f) => {
      await fillDate(f, 'implementationDate', '2026-06-25');
      await f.locator('[name="releaseId"]').fill('REL-2026-06');
    });
    await setClock('2026-06-25T09:00:00Z');
    await act('analyst@secas.example', ref, 'mark-implemented', async (f) => f.locator('[name="secVersion"]').fill('5.19'));
    expect(await stage()).toBe('Implemented');
  });

  it('a Defaulting Party cannot raise a Draft Proposal: the refusal names SEC M8.5(b)', async () => {
    await signInAs('proposer@defaulting-supplier.example');
    await page.goto(`${base}/proposals/new`);
    await page.locator('[data-qa="title"]').fill('A proposal from a Defaulting Party');
    await page.locator('[data-qa="problem-statement"]').fill('Anything.');
    await page.locator('[data-qa="affected-provisions"]').fill('D1.3');
    await radio(page, 'submissionBasis', 'voluntary');
    await page.locator('[data-qa="continue"]').click();
    await page.locator('[data-qa="ipr-accepted"]').check();
    await page.locator('[data-qa="submit-draft-proposal"]').click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('M8.5(b)');
  });
});
