import { ADMIN, login, request, RunningApi, startApi, WebhookReceiver } from '@lilux/api/testing';
import type { NotificationPage, PriceAlert, Ticker } from '@lilux/contracts';
import type { AxeResults } from 'axe-core';
import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { apiFromPage, eventually, launchChromium, saveScreenshot, signIn } from './browser';

const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
/** The simulated feed ticks every second; a price a few cents away is reached within a minute or two. */
const LATER_FILL_TIMEOUT_MS = 150_000;

/** A POST to the API as the signed-in page (see apiFromPage); its status. */
function postFromPage(page: Page, path: string, body: object): Promise<number> {
  return page.evaluate(
    async ([url, payload]) => {
      const refresh = () => fetch('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const { access_token: token } = await navigator.locks.request('lilux.refresh', async () => (await refresh()).json());
      const answer = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return answer.status;
    },
    [path, body] as const,
  );
}

/** Serious and critical WCAG 2.x A/AA violations inside `selector`, as in accessibility.spec.ts. */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const results = (await page.evaluate(
    (include) =>
      (window as unknown as { axe: { run: (context: object, options: object) => Promise<unknown> } }).axe.run(
        { include: [include] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
      ),
    selector,
  )) as AxeResults;
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('alerts and notifications in the console', () => {
  const receiver = new WebhookReceiver();
  let api: RunningApi;
  let browser: Browser;
  let page: Page;

  const alerts = () => apiFromPage<PriceAlert[]>(page, '/api/alerts');
  const lastPrice = async () => new Decimal((await apiFromPage<Ticker>(page, '/api/ticker?symbol=BTC/USDT')).last);
  const toasts = () => page.locator('.mdc-snackbar__label');
  const alertLines = () => page.getByTestId('alert-line');
  /** The chart once it has drawn candles (the attribute is there, at 0, from the start). */
  const drawnChart = (on: Page) => on.locator('lx-candle-chart[data-drawn-candles]:not([data-drawn-candles="0"])');
  const chart = () => drawnChart(page);
  const openBell = async () => {
    if ((await page.getByTestId('notifications-panel').count()) === 0) await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-panel').waitFor();
  };
  const closeBell = async () => {
    if ((await page.getByTestId('notifications-panel').count()) > 0) await page.keyboard.press('Escape');
    await page.getByTestId('notifications-panel').waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    await receiver.start();
    [api, browser] = await Promise.all([
      // The receiver is on loopback, which a webhook may only reach when the operator allows private addresses.
      startApi({ LOG_LEVEL: 'warn', ALERT_WEBHOOK_ALLOW_PRIVATE: 'true', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await chart().waitFor();
    await page
      .getByTestId('live-state')
      .filter({ hasText: /Live updates:\s*live$/ })
      .waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await receiver.stop();
  });

  it('creates an alert from the chart: right click above the price, "Alert at …", listed, and its line drawn', async () => {
    const box = await chart().boundingBox();
    if (!box) throw new Error('the chart is not on the page');
    // Near the top of the price area: above every candle in view, so above the last price.
    await page.mouse.click(box.x + box.width / 2, box.y + 24, { button: 'right' });
    const item = page.getByRole('menuitem', { name: /^Alert at [\d,]+(\.\d+)?$/ });
    await item.waitFor();
    const shown = ((await item.textContent()) ?? '').replace(/[^\d.]/g, '');
    await item.click();

    await eventually(async () => (await alerts()).map((alert) => [alert.symbol, alert.condition, alert.state]), [['BTC/USDT', 'above', 'active']]);
    const [alert] = await alerts();
    expect(new Decimal(alert.price ?? '0').toFixed()).toBe(new Decimal(shown).toFixed());
    expect(new Decimal(alert.price ?? '0').greaterThan(await lastPrice())).toBe(true);
    await page
      .getByTestId('alert-row')
      .filter({ hasText: `Above ${Number(alert.price).toLocaleString('en-US')}` })
      .waitFor();
    await eventually(async () => alertLines().count(), 1);
    expect(Number(await alertLines().getAttribute('data-price'))).toBe(Number(alert.price));
    // Dashed, with its bell: not an order line.
    expect(await alertLines().evaluate((handle) => getComputedStyle(handle.parentElement as HTMLElement).borderTopStyle)).toBe('dashed');
  });

  it('moves the alert when its line is dragged, and sends the new level once on drop', async () => {
    const [before] = await alerts();
    const handle = await alertLines().boundingBox();
    if (!handle) throw new Error('the alert line is not on the page');
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && new URL(request.url()).pathname.startsWith('/api/alerts/')) patches.push(request.postData() ?? '');
    });
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 4; step++) await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 + step * 10);
    await page.mouse.up();

    await eventually(async () => (await alerts())[0].price !== before.price, true);
    const [after] = await alerts();
    expect(new Decimal(after.price ?? '0').lessThan(before.price ?? '0')).toBe(true);
    expect(patches).toEqual([JSON.stringify({ price: new Decimal(after.price ?? '0').toFixed(2) })]);
    await eventually(async () => Number(await alertLines().getAttribute('data-price')), Number(after.price));
    const moved = await alertLines().boundingBox();
    expect(moved && moved.y - handle.y).toBeGreaterThan(30);
  });

  it('shows a refusal of the server next to the field it names', async () => {
    await page.getByTestId('alert-condition').click();
    await page.getByRole('option', { name: 'Moves by' }).click();
    await page.getByTestId('alert-percent').fill('2');
    await page.getByTestId('alert-window').fill('5000');
    await page.getByTestId('alert-create').click();
    await page.getByRole('alert').filter({ hasText: 'must be a whole number of minutes from 1 to 1440' }).waitFor();
    expect(await alerts()).toHaveLength(1);
    await page.getByTestId('alert-condition').click();
    await page.getByRole('option', { name: 'Above' }).click();
  });

  it('toasts an alert as it fires, counts it on the bell and lists it with where it was delivered', async () => {
    // At or above a level under the price: the next tick fires it.
    const level = (await lastPrice()).minus(500).toDecimalPlaces(0).toFixed();
    await page.getByTestId('alert-price').fill(level);
    await page.getByTestId('alert-note').fill('Take profit soon');
    await page.getByTestId('alert-create').click();
    await toasts()
      .filter({ hasText: `BTC/USDT above ${level}` })
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('alert-row').filter({ hasText: 'Take profit soon' }).filter({ hasText: 'Fired' }).waitFor();
    await page.getByTestId('notification-count').waitFor();
    expect(await page.getByTestId('notification-bell').getAttribute('aria-label')).toMatch(/^Notifications, [1-9]\d* unread$/);

    // The list as the server keeps it, after a reload: the console delivery is recorded as delivered.
    await page.reload();
    await chart().waitFor();
    await openBell();
    const entry = page.getByTestId('notification-entry').filter({ hasText: `BTC/USDT above ${level}` });
    await entry.getByTestId('notification-delivery').filter({ hasText: 'Console: delivered' }).waitFor();
    await page.getByTestId('notifications-read-all').click();
    await page.getByTestId('notification-count').waitFor({ state: 'detached' });
    await eventually(async () => (await apiFromPage<NotificationPage>(page, '/api/notifications')).unread, 0);
    await closeBell();
  });

  it(
    'notifies the fill of a resting limit order: a toast on another page and an entry in the list',
    async () => {
      const radio = (group: 'Side' | 'Order type', name: string) => page.getByRole('radiogroup', { name: group }).getByRole('radio', { name, exact: true });
      const placeOrder = async (side: 'Buy' | 'Sell', qty: string, price?: string) => {
        const placed = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/orders');
        await radio('Side', side).click();
        await radio('Order type', price ? 'Limit' : 'Market').click();
        if (price) await page.getByTestId('ticket-price').fill(price);
        await page.getByTestId('ticket-qty').fill(qty);
        await page.getByTestId('ticket-review').click();
        await page.getByTestId('ticket-confirm').click();
        expect((await placed).status()).toBe(201);
      };
      // Some BTC to sell, bought here: the dashboard's own notice tells that fill, its notification is only listed.
      await placeOrder('Buy', '0.02');
      const filled = async () =>
        (await apiFromPage<NotificationPage>(page, '/api/notifications')).notifications.filter((notification) => notification.topic === 'order_filled').length;
      await eventually(filled, 1);
      // Away from the dashboard, two limits a few cents either side of the price: the feed soon reaches one of them,
      // and only the notification tells it on this page.
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL('**/settings');
      const last = await lastPrice();
      for (const [side, price] of [
        ['buy', last.minus('0.05').toFixed(2)],
        ['sell', last.plus('0.05').toFixed(2)],
      ]) {
        expect(await postFromPage(page, '/api/orders', { symbol: 'BTC/USDT', side, qty: '0.01', price })).toBe(201);
      }
      await toasts()
        .filter({ hasText: /Order filled: (buy|sell) BTC\/USDT — (buy|sell) 0\.01 of 0\.01 BTC\/USDT at [\d.]+ \(limit, filled\)/ })
        .waitFor({ timeout: LATER_FILL_TIMEOUT_MS });
      await openBell();
      await page.locator('[data-testid="notification-entry"][data-topic="order_filled"]').filter({ hasText: '(limit, filled)' }).first().waitFor();
      await closeBell();
    },
    LATER_FILL_TIMEOUT_MS + 30_000,
  );

  it('saves a webhook in Settings, shows its secret once, and "Send a test" reaches the receiver, signed', async () => {
    if (!page.url().endsWith('/settings')) {
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL('**/settings');
    }
    await page.getByTestId('webhook-url').fill(`${receiver.baseUrl}/lilux-hook`);
    await page.getByTestId('webhook-save').click();
    const secret = ((await page.getByTestId('webhook-secret').locator('code').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    receiver.secret = secret;

    await page.getByTestId('webhook-test').click();
    await page.getByTestId('webhook-test-result').waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('webhook-test-result').textContent())?.trim()).toBe('Test delivered.');
    // The test, and any notification delivered there since the save (the other limit of the pair filling): all signed.
    const calls = receiver.received.filter((call) => call.path === '/lilux-hook');
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.every((call) => call.signatureValid)).toBe(true);
    expect(calls.some((call) => (JSON.parse(call.rawBody) as { topic?: string }).topic === 'test')).toBe(true);

    // Shown once: after a reload only its hint is left.
    await page.reload();
    await page.getByTestId('webhook-url').waitFor();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    expect(await page.getByTestId('notifications-card').textContent()).not.toContain(secret);
  });

  it(
    'end to end: an alert made from the chart menu (then turned to fire at the next tick) is toasted here and delivered to the webhook once, signed',
    async () => {
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await chart().waitFor();
      const box = await chart().boundingBox();
      if (!box) throw new Error('the chart is not on the page');
      // An alert made from the chart's menu: `above` over the market, `below` under it.
      const before = new Set((await alerts()).map((existing) => existing.id));
      await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.2, { button: 'right' });
      await page.getByRole('menuitem', { name: /^Alert at [\d,]+(\.\d+)?$/ }).click();
      const made = async () => (await alerts()).filter((candidate) => !before.has(candidate.id));
      await eventually(async () => (await made()).length, 1);
      const [created] = await made();
      expect(['above', 'below']).toContain(created.condition);
      const flipped = created.condition === 'above' ? 'below' : 'above';
      // When the market gets there is not known: the other way round at the same level, it fires at the next tick.
      const changed = await page.evaluate(
        async ([url, condition]) => {
          const refresh = () => fetch('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
          const { access_token: token } = await navigator.locks.request('lilux.refresh', async () => (await refresh()).json());
          const answer = await fetch(url, {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ condition }),
          });
          return answer.json();
        },
        [`/api/alerts/${created.id}`, flipped] as const,
      );
      const alert = changed as PriceAlert;
      expect(alert.condition).toBe(flipped);
      await eventually(async () => (await alerts()).find((candidate) => candidate.id === alert.id)?.state, 'fired', 30_000);
      await toasts()
        .filter({ hasText: `BTC/USDT ${alert.condition}` })
        .first()
        .waitFor();
      const delivered = () =>
        receiver.received.filter(
          (call) => call.path === '/lilux-hook' && (JSON.parse(call.rawBody) as { data?: { alertId?: string } }).data?.alertId === alert.id,
        );
      await eventually(async () => delivered().length, 1, 30_000);
      expect(delivered()[0].signatureValid).toBe(true);
      // Once: nothing more arrives for it.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(delivered()).toHaveLength(1);
    },
    LATER_FILL_TIMEOUT_MS + 60_000,
  );

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violation in the alerts panel, the bell's list and the Settings card, ${colorScheme}`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, bypassCSP: true });
      const themed = await context.newPage();
      try {
        await signIn(themed, api.baseUrl, ADMIN.username, ADMIN.password);
        await drawnChart(themed).waitFor();
        await themed.getByTestId('alert-row').first().waitFor();
        await themed.getByTestId('notification-bell').click();
        await themed.getByTestId('notification-entry').first().waitFor();
        for (const selector of ['[data-testid="alerts-panel"]', '[data-testid="notifications-panel"]', 'lx-candle-chart', 'mat-toolbar']) {
          expect({ selector, violations: await seriousViolations(themed, selector) }).toEqual({ selector, violations: [] });
        }
        await themed.keyboard.press('Escape');
        if (colorScheme === 'light') await saveScreenshot(themed, 'alerts-dashboard.png');
        await themed.getByRole('link', { name: 'Settings' }).click();
        await themed.getByTestId('notifications-card').waitFor();
        await themed.getByTestId('webhook-url').waitFor();
        expect({ violations: await seriousViolations(themed, '[data-testid="notifications-card"]') }).toEqual({ violations: [] });
        if (colorScheme === 'light') await saveScreenshot(themed, 'notifications-card.png');
      } finally {
        await context.close();
      }
    });
  }

  it('shows a viewer the alerts panel without its form, and offers no alert menu on the chart', async () => {
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const body = { username: 'vivian', password: 'vivian-password-1', role: 'viewer' };
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body })).status).toBe(201);
    const viewer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(viewer, api.baseUrl, body.username, body.password);
      await viewer.getByTestId('read-only').waitFor();
      await drawnChart(viewer).waitFor();
      await viewer.getByTestId('alerts-panel').getByText('No alerts yet').waitFor();
      expect(await viewer.getByTestId('alert-create').count()).toBe(0);
      const box = await viewer.locator('lx-candle-chart').boundingBox();
      if (!box) throw new Error('the chart is not on the page');
      await viewer.mouse.click(box.x + box.width / 2, box.y + 24, { button: 'right' });
      await viewer.waitForTimeout(500);
      expect(await viewer.getByRole('menuitem', { name: /^Alert at/ }).count()).toBe(0);
    } finally {
      await viewer.close();
    }
  });

  it('works at 390 px wide: the alerts panel and the bell list fit the screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await signIn(phone, api.baseUrl, ADMIN.username, ADMIN.password);
      await drawnChart(phone).waitFor();
      await phone.getByTestId('alert-row').first().waitFor();
      await phone.getByTestId('notification-bell').click();
      const panel = await phone.getByTestId('notifications-panel').boundingBox();
      expect(panel && panel.x >= 0 && panel.x + panel.width <= 390).toBe(true);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await saveScreenshot(phone, 'alerts-phone.png');
    } finally {
      await phone.close();
    }
  });
});
