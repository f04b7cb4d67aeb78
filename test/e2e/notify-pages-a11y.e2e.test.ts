// Accessibility of the notification pages in a real browser: axe (WCAG 2.0/2.1/2.2 A and AA,
// and best practice) finds zero violations on the preferences page (and its saved state), the
// subscriptions page (empty, listed, with errors), the Follow form on a proposal page, the
// unsubscribe confirmation and its done state, and the notice template list, editor, preview
// and error summary. The journeys run without JavaScript-only steps (forms post and redirect).
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app.ts';
import { browserSuite, clickAndCheck as clickAndCheckOn, openAndCheck, signInThroughPage } from '../support/e2e.ts';
import type { ApiCast } from '../scenarios/api-client.ts';
import { DRAFT } from '../scenarios/api-client.ts';

let t: TestApp;
let api: ApiCast;
let context: BrowserContext;
let base: string;
let page: Page;

const signInAs = (email: string): Promise<void> => signInThroughPage(context, page, base, email);

const check = (path: string, status: number, title: RegExp): Promise<void> => openAndCheck(page, base, path, status, title);

const clickAndCheck = (selector: string, title: RegExp): Promise<void> => clickAndCheckOn(page, selector, title);

browserSuite((suite) => {
  ({ t, api, context, base, page } = suite);
});

describe('notification pages have zero axe violations', () => {
  it('preferences: the form and the saved state', async () => {
    await signInAs('proposer@small-supplier.example');
    await check('/account/notifications', 200, /^Your notification preferences/);
    await page.locator('input[name="mode"][value="digest"]').check();
    await page.locator('input[name="muted"][value="withdrawn"]').check();
    await clickAndCheck('[data-qa="submit"]', /^Your notification preferences/);
    await expect(page.locator('[data-qa="flash"]').textContent()).resolves.toContain('saved');
  });

  it('the Follow form on a proposal page, the subscriptions list and its errors', async () => {
    const dp = (await api.raise('proposer@large-supplier.example', DRAFT)).reference;
    await signInAs('panel.member@panel.example');
    await check('/account/subscriptions', 200, /^What you follow/);
    await check(`/proposals/${dp}`, 200, new RegExp(dp));
    await page.locator('[data-qa="follow"] summary').click();
    await clickAndCheck('[data-qa="follow-submit"]', new RegExp(dp));
    await check('/account/subscriptions', 200, /^What you follow/);
    expect(await page.locator('[data-qa="subscription"]').count()).toBe(1);
    await page.locator('input[name="kind"][value="path"]').check();
    await clickAndCheck('[data-qa="follow-form"] [data-qa="submit"]', /^Error: What you follow/);
  });

  it('the unsubscribe confirmation and its done state, without signing in', async () => {
    const user = await t.services.directory.findUserByEmail('proposer@gas-network.example');
    const url = t.services.notify.unsubscribe.url({ userId: user!.id, kind: 'rule:withdrawn' }).replace(/^https?:\/\/[^/]+/, '');
    await context.clearCookies();
    await check(url, 200, /^Stop these emails/);
    await clickAndCheck('[data-qa="submit"]', /^These emails are off/);
    await check('/unsubscribe?token=forged.x', 404, /Not found/);
  });

  it('notice templates: the list, the editor, a preview, and a refused template', async () => {
    await signInAs('analyst@secas.example');
    await check('/admin/notice-templates', 200, /^Notice templates/);
    await check('/admin/notice-templates/consultation-opened', 200, /Consultation opened notice template/);
    await clickAndCheck('[data-qa="preview-button"]', /^Preview: Consultation opened notice template/);
    await page.locator('[data-qa="template-body"]').fill('{{ title.constructor }}');
    await clickAndCheck('[data-qa="preview-button"]', /^Error: Consultation opened notice template/);
  });
});
