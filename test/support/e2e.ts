// Shared steps of the browser tests: axe with the WCAG 2.2 AA rule sets, and signing in as a
// demo user through the sign-in page.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

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
