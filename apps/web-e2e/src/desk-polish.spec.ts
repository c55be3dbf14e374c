import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Ticker } from '@lilux/contracts';
import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, signIn } from './browser';

/** What a trader notices on the desk: remembered chart settings, the tab's title, locks explained, the keyboard. */
describe('the trading desk, polished', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn' }), launchChromium()]);
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.locator('lx-candle-chart[data-drawn-candles]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('keeps the timeframe and the moving averages across a reload', async () => {
    await page.locator('mat-button-toggle-group[aria-label="Timeframe"]').getByText('5m', { exact: true }).click();
    await page.locator('mat-button-toggle-group[aria-label="Moving averages"]').getByText('MA 7', { exact: true }).click();
    await page.locator('lx-candle-chart[data-drawn-candles]').waitFor();
    await page.reload();
    await page.locator('lx-candle-chart[data-drawn-candles]').waitFor();
    const pressed = await page.locator('mat-button-toggle.mat-button-toggle-checked').allInnerTexts();
    expect(pressed.map((text) => text.trim())).toEqual(expect.arrayContaining(['5m', 'MA 7', 'MA 25']));
  });

  it('shows the last price, bid, ask and the 24-hour range with thousands separators', async () => {
    const details = page.getByTestId('ticker-details');
    await details.getByText('Bid').waitFor();
    const text = (await details.innerText()).replace(/\s+/g, ' ');
    for (const label of ['Bid', 'Ask', '24h high', '24h low']) expect(text).toMatch(new RegExp(`${label} \\d{1,3}(,\\d{3})+\\.\\d{2}`));
    expect(text).toMatch(/24h volume [\d,.]+ BTC/);
    expect((await page.getByTestId('last-price').innerText()).trim()).toMatch(/^\d{1,3}(,\d{3})+\.\d{2}/);
  });

  it("shows the price in the tab's title", async () => {
    await page.waitForFunction(() => / BTC\/USDT · Lilux$/.test(document.title));
    const title = await page.title();
    const [price] = title.split(' ');
    expect(price).toMatch(/^\d{1,3}(,\d{3})+\.\d{2}$/);
  });

  it('says what locks the coins of a stop-loss / take-profit pair, and that the pair goes together', async () => {
    const last = new Decimal((await request<Ticker>(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token })).body.last);
    const body = { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', sl: last.mul(0.8).toFixed(2), tp: last.mul(1.2).toFixed(2) };
    expect((await request(api.baseUrl, 'POST', '/api/orders', { token, body })).status).toBe(201);
    await page.getByTestId('locked-balance').first().waitFor();
    expect(await page.getByTestId('locked-balance').first().innerText()).toBe('0.01000 by a stop-loss / take-profit pair on BTC/USDT');
    expect(await page.getByTestId('pair-note').allInnerTexts()).toEqual(expect.arrayContaining(['with its take-profit', 'with its stop-loss']));
    expect(
      await page
        .getByTestId('open-orders')
        .getByRole('button', { name: /^Cancel pair: / })
        .count(),
    ).toBe(2);
  });

  it('answers the keyboard: S and B pick the side, ? lists the keys, X cancels every open order after asking', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('s');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'ticket-qty');
    expect(await page.getByTestId('ticket-review').innerText()).toMatch(/^Review sell/);
    // Typing in a field is typing, not a shortcut.
    await page.keyboard.type('b');
    expect(await page.getByTestId('ticket-qty').inputValue()).toBe('b');
    await page.getByTestId('ticket-qty').fill('');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('b');
    await eventually(async () => (await page.getByTestId('ticket-review').innerText()).startsWith('Review buy'), true);

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog');
    expect(await help.getByTestId('shortcuts').innerText()).toContain('Cancel every open order');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('x');
    const confirm = page.getByRole('dialog');
    expect(await confirm.innerText()).toContain('2 open order(s)');
    await confirm.getByRole('button', { name: 'Cancel all' }).click();
    await page.getByText('No open orders.').waitFor();
    await page.getByText('Canceled 1 order(s)').waitFor();
    expect(await page.getByTestId('locked-balance').count()).toBe(0);
  });
});
