import { createServer } from 'node:net';
import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { AccountWithBalances, Ticker } from '@lilux/contracts';
import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, saveScreenshot, signIn } from './browser';

const CHART = 'lx-candle-chart';
const KEY = 'polishTestnetKey0123456789abcdefABCDEF0123456789abcdefABCDEF0123';
const SECRET = 'polishTestnetSecret0123456789abcdefABCDEF0123456789abcdefABCDEF01';
/** Angular's French locale groups thousands with narrow no-break spaces; the console's own figures do too. */
const NNBSP = '\u202f';

/** A loopback port nothing listens on: the "exchange" there refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The last polish of the console: far order lines, figures at the asset's precision, refusals and failures in words. */
describe('the console, polished', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let token: string;
  let last: Decimal;

  const toasts = () => page.locator('.mdc-snackbar__label');
  const useLanguage = async (language: 'en' | 'fr') => {
    await page.evaluate((chosen) => localStorage.setItem('lilux.language', chosen), language);
    await page.goto(`${api.baseUrl}/`);
    await page.locator(`${CHART}[data-drawn-candles]`).waitFor();
  };
  /**
   * The share of the price grid's height (16 px from the top to 120 px from the bottom, see chart-option.ts) between
   * the highest and the lowest pixel of a falling candle's colour (#ef5350 in the light theme).
   */
  const candleHeightShare = () =>
    page
      .locator(`${CHART} canvas`)
      .first()
      .evaluate((element) => {
        const canvas = element as HTMLCanvasElement;
        const scale = canvas.width / canvas.getBoundingClientRect().width;
        const [top, bottom] = [Math.round(16 * scale), Math.round(canvas.height - 120 * scale)];
        const context = canvas.getContext('2d');
        if (!context) return 0;
        const { data } = context.getImageData(0, top, canvas.width, bottom - top);
        let [first, lastRow] = [-1, -1];
        for (let row = 0; row < bottom - top; row++) {
          for (let column = 0; column < canvas.width; column++) {
            const i = (row * canvas.width + column) * 4;
            if (Math.abs(data[i] - 0xef) < 6 && Math.abs(data[i + 1] - 0x53) < 6 && Math.abs(data[i + 2] - 0x50) < 6 && data[i + 3] > 200) {
              if (first < 0) first = row;
              lastRow = row;
              break;
            }
          }
        }
        return first < 0 ? 0 : (lastRow - first) / (bottom - top);
      });

  beforeAll(async () => {
    const exchangeUrl = `http://127.0.0.1:${await closedPort()}`;
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn', BINANCE_TESTNET_URL: exchangeUrl, MARKET_DATA_TIMEOUT_MS: '2000' }), launchChromium()]);
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    last = new Decimal((await request<Ticker>(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token })).body.last);
    // A market buy leaves a free USDT balance with more decimals than USDT is shown with.
    expect((await request(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.0123' } })).status).toBe(201);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.locator(`${CHART}[data-drawn-candles]`).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('keeps the price axis on the candles when a limit rests far away, and shows that limit at the bottom edge with its price', async () => {
    const far = last.mul(0.5).toDecimalPlaces(2).toFixed(2);
    const body = { symbol: 'BTC/USDT', side: 'buy', qty: '0.001', price: far };
    expect((await request(api.baseUrl, 'POST', '/api/orders', { token, body })).status).toBe(201);
    const drawn = page.locator(`${CHART}[data-levels*="@"]`);
    await drawn.waitFor();
    const label = (await drawn.getAttribute('data-levels')) ?? '';
    expect(label).toMatch(/^Buy 0\.0010* @ /);

    // On the canvas itself: the falling candles fill most of the price grid's height instead of a thin band.
    expect(await candleHeightShare()).toBeGreaterThan(0.5);
    const range = (await page.locator(CHART).getAttribute('data-price-range')) ?? '';
    const [min, max] = range.split('..').map(Number);
    // The candles of a few minutes move well within 10 % of the price; an axis reaching down to half of it would not.
    expect(min).toBeGreaterThan(Number(far));
    expect(max - min).toBeLessThan(last.mul(0.1).toNumber());
    expect(await page.locator(CHART).getAttribute('data-edge-markers')).toBe(`bottom: ${label}`);
    await saveScreenshot(page, 'far-order-line.png');
  });

  it("shows amounts at the asset's precision, with thousands separators, in the ticket, the tables and the portfolio", async () => {
    const accounts = (await request<AccountWithBalances[]>(api.baseUrl, 'GET', '/api/accounts', { token })).body;
    const freeUsdt = new Decimal(accounts.find((account) => account.kind === 'paper')?.balances.find((balance) => balance.asset === 'USDT')?.free ?? '0');
    expect(freeUsdt.decimalPlaces()).toBeGreaterThan(2);
    const usdt = (value: Decimal.Value) => Number(new Decimal(value).toFixed(2)).toLocaleString('en-US', { minimumFractionDigits: 2 });

    await eventually(async () => (await page.getByTestId('free-quote').innerText()).trim(), usdt(freeUsdt));
    // BTC trades in steps of 0.00001: five decimals.
    expect((await page.getByTestId('free-base').innerText()).trim()).toBe('0.01230');
    const btcPosition = page.getByTestId('positions').getByRole('row').filter({ hasText: 'BTC' });
    expect(await btcPosition.locator('td').nth(1).innerText()).toBe('0.01230');
    expect(await btcPosition.locator('td').nth(4).innerText()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(await page.getByTestId('portfolio-figures').locator('dd').nth(1).innerText()).toMatch(/^\d{1,3}(,\d{3})+\.\d{2}$/);

    const order = page.getByTestId('open-orders').getByRole('row').nth(1);
    expect(await order.locator('td').nth(4).innerText()).toBe('0.00100');
    expect(await order.locator('td').nth(5).innerText()).toBe(usdt(last.mul(0.5).toDecimalPlaces(2)));

    await page.getByRole('tab', { name: 'Trade history' }).click();
    const trade = page.getByTestId('trades').getByRole('row').nth(1);
    await trade.waitFor();
    const [qty, price, fee] = (await trade.locator('td').allInnerTexts()).slice(3);
    expect(qty).toBe('0.01230');
    expect(price).toMatch(/^\d{1,3}(,\d{3})+\.\d{2}$/);
    expect(fee).toMatch(/^\d+\.\d{2} USDT$/);

    // In French: the same figures with a decimal comma and narrow no-break spaces.
    await useLanguage('fr');
    const french = usdt(freeUsdt).replace(/,/g, NNBSP).replace('.', ',');
    await eventually(async () => (await page.getByTestId('free-quote').innerText()).trim(), french);
    expect((await page.getByTestId('free-base').innerText()).trim()).toBe('0,01230');
  });

  it('lists the keyboard shortcuts in French', async () => {
    await useLanguage('fr');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog');
    await help.getByRole('heading', { name: 'Raccourcis clavier' }).waitFor();
    const text = await help.innerText();
    expect(text).toContain('Annuler tous les ordres ouverts de ce compte');
    expect(text).toContain('Les raccourcis attendent pendant que vous saisissez dans un champ.');
    expect(text).not.toMatch(/Cancel every open order|This list|Close/);
    await help.getByRole('button', { name: 'Fermer' }).click();
    await help.waitFor({ state: 'detached' });
  });

  it('shows a taken username under the username field, not as a toast', async () => {
    await useLanguage('en');
    await page.getByRole('link', { name: 'Users' }).click();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create user' }) });
    await form.getByLabel('Username').fill(ADMIN.username.toUpperCase());
    await form.getByLabel('Password').fill('another-password-1');
    await form.getByRole('button', { name: 'Create user' }).click();
    const hint = form.getByRole('alert');
    await hint.waitFor();
    expect(await hint.innerText()).toBe('Username is already taken');
    expect(await toasts().count()).toBe(0);
  });

  it('says in a sentence that the exchange cannot be reached, with the technical text behind Details', async () => {
    const body = { exchange: 'binance', mode: 'testnet', label: 'Unreachable', apiKey: KEY, secret: SECRET, password: ADMIN.password };
    expect((await request(api.baseUrl, 'POST', '/api/accounts', { token, body })).status).toBe(201);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Check connection' }).click();
    const result = page.getByTestId('check-result');
    await eventually(async () => (await result.innerText()).trim(), 'The exchange could not be reached.', 20_000);
    const details = page.getByTestId('error-details');
    expect(await details.locator('code').isVisible()).toBe(false);
    await details.getByText('Details').click();
    expect(await details.locator('code').innerText()).toMatch(/ECONNREFUSED|fetch failed|NetworkError|RequestTimeout/);
    await saveScreenshot(page, 'exchange-unreachable.png');
  });
});
