// A first browser journey: a demo user signs in and sees their name; the home and sign-in
// pages have no axe accessibility violations (WCAG 2.2 AA rules).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { launchBrowser } from '../support/browser.ts';
import { axeViolations } from '../support/e2e.ts';

let t: TestApp;
let browser: { context: BrowserContext; close(): Promise<void> };
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('sign-in in a real browser', () => {
  it('the home and sign-in pages have zero axe violations', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/`);
    expect(await page.title()).toBe('Smart Energy Code modifications – secmod');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/sign-in`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a demo user signs in with the keyboard and sees their name', async () => {
    const page = await browser.context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') cspErrors.push(m.text());
    });
    await page.goto(`${base}/sign-in`);
    await page.locator('[data-qa="email"]').fill('cb@large-supplier.example');
    await page.locator('[data-qa="password"]').fill('secmod-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/`);
    await expect(page.locator('[data-qa="principal-name"]').textContent()).resolves.toBe('Leo Board');
    // govuk-frontend's script ran under the CSP (its nonce is right).
    await expect(page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
    await page.screenshot({ path: '.tmp/screenshots/home-signed-in.png', fullPage: true });
    await page.close();
  });

  it('a wrong password shows the error summary, focused, with an Error: title', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.locator('[data-qa="email"]').fill('cb@large-supplier.example');
    await page.locator('[data-qa="password"]').fill('not-the-password');
    await page.locator('[data-qa="sign-in"]').click();
    await expect(page.title()).resolves.toMatch(/^Error: Sign in/);
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
