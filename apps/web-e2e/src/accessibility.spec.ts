import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { AxeResults } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn } from './browser';

const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

/** Serious and critical WCAG 2.x A/AA violations on the page as it is, each as "rule: the first offending element". */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  )) as AxeResults;
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('the console for keyboard and screen-reader users (WCAG 2.2 AA)', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startApi({ LOG_LEVEL: 'warn', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }),
      launchChromium(),
    ]);
    // A fill and a resting order, so that the tables, the buy/sell colours and the PnL figures are all on the page.
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    for (const body of [
      { symbol: 'BTC/USDT', side: 'buy', qty: '0.01' },
      { symbol: 'BTC/USDT', side: 'sell', qty: '0.001', price: '500000' },
    ])
      expect((await request(api.baseUrl, 'POST', '/api/orders', { token, body })).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violation on any page, ${colorScheme}`, async () => {
      // axe is injected as an inline script, which the console's Content-Security-Policy rightly refuses.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      try {
        await page.goto(`${api.baseUrl}/login`);
        await page.getByLabel('Username').waitFor();
        expect({ page: 'login', violations: await seriousViolations(page) }).toEqual({ page: 'login', violations: [] });

        await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
        await page.getByTestId('positions').waitFor();
        await page.getByTestId('open-orders').waitFor();
        expect({ page: 'dashboard', violations: await seriousViolations(page) }).toEqual({ page: 'dashboard', violations: [] });

        await page.getByRole('tab', { name: 'Trade history' }).click();
        await page.getByTestId('trades').waitFor();
        expect({ page: 'trade history', violations: await seriousViolations(page) }).toEqual({ page: 'trade history', violations: [] });

        for (const [name, path, ready] of [
          ['settings', '/settings', 'Change password'],
          ['users', '/admin', 'New user'],
        ]) {
          await page.getByRole('link', { name: name === 'users' ? 'Users' : 'Settings' }).click();
          await page.waitForURL(`**${path}`);
          await page.getByRole('heading', { name: ready }).waitFor();
          expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
        }
      } finally {
        await context.close();
      }
    });
  }

  it('gives every page one main heading and the dashboard a heading per panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
      await page.getByTestId('positions').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(expect.arrayContaining(['BTC/USDT', 'Portfolio']));
    } finally {
      await page.close();
    }
  });

  it('lets the keyboard skip to the content and keeps the focus through Review and Confirm', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
      await page.getByTestId('ticket-review').waitFor();

      // The first Tab reaches a visible "Skip to content" link, which moves the focus past the toolbar.
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
      expect((await skip.boundingBox())?.y).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

      await page.getByTestId('ticket-qty').fill('0.001');
      await page.getByTestId('ticket-review').focus();
      await page.keyboard.press('Enter');
      // Review gives way to Confirm, and the focus goes with it: Enter again places the order.
      await page.getByTestId('ticket-confirm').waitFor();
      expect(await page.getByTestId('ticket-confirm').evaluate((button) => button === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByTestId('ticket-review').waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'ticket-review');

      // The live-status dot says its state in words, not only in colour on hover.
      expect(await page.getByTestId('live-state').innerText()).toMatch(/live|connecting|offline/);
    } finally {
      await page.close();
    }
  });
});
