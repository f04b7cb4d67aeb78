// Shared steps of the browser tests: axe with the WCAG 2.2 AA rule sets, and signing in as a
// demo user through the sign-in page.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';

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
