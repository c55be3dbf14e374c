import { readFile } from 'node:fs/promises';
import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Ticker } from '@lilux/contracts';
import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, saveScreenshot, signIn } from './browser';

const CHART = 'lx-candle-chart';
/** Angular's French locale groups thousands with narrow no-break spaces and puts one before "%"; the console's own figures do too. */
const NNBSP = '\u202f';
/** Market buys made before the page opens: more than one page of the trade history (25 rows). */
const TRADES = 30;

/** Trade requests of the page's trade history (not the chart's markers of one symbol, nor the CSV). */
interface TradesRequest {
  search: URLSearchParams;
}

/**
 * Figures in toasts, labels and the ticker as the tables show them (the asset's precision, the language's separators),
 * and a trade history that walks by cursor, as each page costs the same however long the history.
 */
describe('figures everywhere, and the trade history by cursor', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let token: string;
  const tradesRequests: TradesRequest[] = [];

  const toasts = () => page.locator('.mdc-snackbar__label');
  const radio = (group: 'Side' | 'Order type', name: string) => page.getByRole('radiogroup', { name: group }).getByRole('radio', { name, exact: true });
  const shownQuantities = async () => (await page.getByTestId('trades').locator('tr td:nth-child(4)').allInnerTexts()).map((text) => text.trim());
  /** The quantity of the n-th trade made (1 = oldest): each buy is one step of 0.0001 larger, so rows tell which trade they are. */
  const quantityOf = (n: number) => new Decimal('0.0001').mul(n).toFixed(5);
  const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn' }), launchChromium()]);
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    for (let n = 1; n <= TRADES; n++) {
      const body = { symbol: 'BTC/USDT', side: 'buy', qty: new Decimal('0.0001').mul(n).toFixed() };
      expect((await request(api.baseUrl, 'POST', '/api/orders', { token, body })).status).toBe(201);
    }
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    page.on('request', (sent) => {
      const url = new URL(sent.url());
      if (url.pathname === '/api/trades' && !url.searchParams.has('symbol') && url.searchParams.get('format') !== 'csv')
        tradesRequests.push({ search: url.searchParams });
    });
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.locator(`${CHART}[data-drawn-candles]`).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** A whole price far below the market: it rests, and its two decimals (".00") show only if it goes through the market's tick. */
  const restingPrice = async () =>
    new Decimal((await request<Ticker>(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token })).body.last).mul(0.5).floor();
  const asShown = (price: Decimal) => Number(price).toLocaleString('en-US', { minimumFractionDigits: 2 });

  it("toasts a resting limit placed from the ticket with its quantity and price at the market's steps", async () => {
    const price = await restingPrice();
    await radio('Side', 'Buy').click();
    await radio('Order type', 'Limit').click();
    await page.getByTestId('ticket-price').fill(price.toFixed());
    await page.getByTestId('ticket-qty').fill('0.001');
    await page.getByTestId('ticket-review').click();
    await page.getByTestId('ticket-confirm').click();
    await toasts()
      .filter({ hasText: `Limit buy 0.00100 BTC @ ${asShown(price)} placed` })
      .waitFor();
  });

  it("labels each Cancel button and toasts the cancellation with the order's quantity at the market's step", async () => {
    const body = { symbol: 'BTC/USDT', side: 'buy', qty: '0.002', price: (await restingPrice()).toFixed() };
    expect((await request(api.baseUrl, 'POST', '/api/orders', { token, body })).status).toBe(201);
    const buttons = page.getByTestId('open-orders').getByRole('button', { name: /^Cancel/ });
    await eventually(() => buttons.count(), 2);
    const labels = await buttons.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
    expect(labels.sort()).toEqual(['Cancel Limit buy 0.00100 BTC/USDT', 'Cancel Limit buy 0.00200 BTC/USDT']);

    await page.getByTestId('open-orders').getByRole('button', { name: 'Cancel Limit buy 0.00200 BTC/USDT', exact: true }).click();
    await toasts().filter({ hasText: 'Canceled the limit buy of 0.00200 BTC/USDT' }).waitFor();
    await page.getByTestId('open-orders').getByRole('button', { name: 'Cancel Limit buy 0.00100 BTC/USDT', exact: true }).click();
    await page.getByText('No open orders.').waitFor();
  });

  it('walks the trade history by cursor, Older and Newer, without counting every trade', async () => {
    await page.getByRole('tab', { name: 'Trade history' }).click();
    const pages = page.getByTestId('trade-pages');
    await pages.waitFor();
    expect(await shownQuantities()).toEqual(range(TRADES, TRADES - 24).map(quantityOf));
    expect(await pages.getByRole('button', { name: 'Newer' }).isDisabled()).toBe(true);
    expect((await pages.innerText()).replace(/\s+/g, ' ')).toContain('Page 1');

    const before = tradesRequests.length;
    await pages.getByRole('button', { name: 'Older' }).click();
    await page.waitForFunction((expected) => document.querySelectorAll('[data-testid="trades"] tr td:nth-child(4)').length === expected, TRADES - 25);
    expect(await shownQuantities()).toEqual(range(TRADES - 25, 1).map(quantityOf));
    expect((await pages.innerText()).replace(/\s+/g, ' ')).toContain('Page 2');
    // The last page: nothing older.
    expect(await pages.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
    const older = tradesRequests.slice(before);
    expect(older).toHaveLength(1);
    expect(older[0].search.get('cursor')).toBeTruthy();
    expect(older[0].search.has('offset')).toBe(false);

    await pages.getByRole('button', { name: 'Newer' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="trades"] tr td:nth-child(4)').length === 25);
    expect(await shownQuantities()).toEqual(range(TRADES, TRADES - 24).map(quantityOf));
    // Every page of the history was asked for without a count (a count reads every matching trade) and without an offset.
    expect(tradesRequests.length).toBeGreaterThanOrEqual(3);
    for (const { search } of tradesRequests) {
      expect(search.get('total')).toBe('false');
      expect(search.has('offset')).toBe(false);
    }
    await saveScreenshot(page, 'trade-history-pages.png');
  });

  it('downloads every trade of the account as CSV, not one page', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const path = await download.path();
    const lines = (await readFile(path, 'utf8')).trim().split(/\r?\n/);
    // A header, then every fill: the market buys made first (the canceled limit never filled).
    expect(lines).toHaveLength(TRADES + 1);
  });

  it('shows the 24 h change and volume as the language writes them', async () => {
    const change = page.getByTestId('last-price').locator('span');
    const volume = page.getByTestId('ticker-details').locator('div').filter({ hasText: /BTC$/ }).locator('dd');
    await change.waitFor();
    expect((await change.innerText()).trim()).toMatch(/^([+-]\d+\.\d{2}|0\.00)%$/);

    await page.evaluate(() => localStorage.setItem('lilux.language', 'fr'));
    await page.reload();
    await page.locator(`${CHART}[data-drawn-candles]`).waitFor();
    await change.waitFor();
    expect((await change.innerText()).trim()).toMatch(new RegExp(`^([+-]\\d+,\\d{2}|0,00)${NNBSP}%$`));
    expect((await volume.innerText()).trim()).toMatch(new RegExp(`^\\d{1,3}(${NNBSP}\\d{3})*(,\\d{1,2})? BTC$`));
    // The positions' return is written the same way.
    const btc = page.getByTestId('positions').getByRole('row').filter({ hasText: 'BTC' });
    expect(await btc.locator('td').nth(5).innerText()).toMatch(new RegExp(`\\(([+-]\\d+,\\d{2}|0,00)${NNBSP}%\\)$`));
  });
});
