// Shared steps of the browser tests: axe with the WCAG 2.2 AA rule sets, signing in as a demo
// user through the sign-in page, and the app and browser page a test file runs against.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestApp, type TestApp } from './test-app.ts';
import { launchBrowser } from './browser.ts';
import { ApiCast } from '../scenarios/api-client.ts';

export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function signInThroughPage(context: BrowserContext, page: Page, base: string, email: string, password = 'secmod-demo'): Promise<void> {
  await context.clearCookies();
  await page.goto(`${base}/sign-in`);
  await page.locator('[data-qa="email"]').fill(email);
  await page.locator('[data-qa="password"]').fill(password);
  await Promise.all([page.waitForURL(`${base}/`), page.locator('[data-qa="sign-in"]').click()]);
}

/** Types an ISO date into a GOV.UK date input (day, month and year boxes named `<name>-day` …). */
export async function fillDate(scope: Pick<Page, 'locator'>, name: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  await scope.locator(`[name="${name}-day"]`).fill(String(Number(day)));
  await scope.locator(`[name="${name}-month"]`).fill(String(Number(month)));
  await scope.locator(`[name="${name}-year"]`).fill(year);
}

/**
 * Moves the focus with the Tab key only until the element matching `selector` has it (a
 * keyboard user reaching a control); fails when it is not reached within `maxPresses`.
 */
export async function tabTo(page: Page, selector: string, maxPresses = 400): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} was not reached with ${maxPresses} presses of Tab`);
}

/** Opens `path`, checks its status and title, and that axe finds nothing. */
export async function openAndCheck(page: Page, base: string, path: string, status: number, title: RegExp): Promise<void> {
  const res = await page.goto(`${base}${path}`);
  expect(res?.status(), path).toBe(status);
  await expect(page.title()).resolves.toMatch(title);
  expect(await axeViolations(page), path).toEqual([]);
}

/** Clicks the first element matching `selector`, waits for the page that follows, checks its title and axe. */
export async function clickAndCheck(page: Page, selector: string, title: RegExp): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
  await page.waitForLoadState('load');
  await expect(page.title()).resolves.toMatch(title);
  expect(await axeViolations(page)).toEqual([]);
}

/** What a browser test file works with once its suite has started. */
export interface BrowserSuite {
  readonly t: TestApp;
  readonly api: ApiCast;
  /** The app's address, e.g. http://127.0.0.1:41234. */
  readonly base: string;
  readonly page: Page;
  readonly context: BrowserContext;
}

/**
 * For a whole browser test file: a test app on the manual clock at 2026-03-02 09:00 listening
 * on a free port, and one page of a headless Chromium; `started` gets them once both run (the
 * file keeps its own names for them). Both are closed after the file.
 */
export function browserSuite(started: (suite: BrowserSuite) => void | Promise<void>): void {
  let t: TestApp | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    t = await startTestApp({ SECMOD_CLOCK: 'manual' });
    const api = new ApiCast(t.app);
    await api.setClock('2026-03-02T09:00:00Z');
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    await started({ t, api, base, page, context: browser.context });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
}
