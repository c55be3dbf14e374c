import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, RunningApi, startApi } from '@lilux/api/testing';
import type { Ticker } from '@lilux/contracts';
import Decimal from 'decimal.js';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { apiFromPage, countPixels, eventually, launchChromium, saveScreenshot, signIn } from './browser';

const CHART = 'lx-candle-chart';
/** The chart's candle colours (LIGHT_PALETTE): rising and falling candles. */
const UP: [number, number, number] = [0x26, 0xa6, 0x9a];
const DOWN: [number, number, number] = [0xef, 0x53, 0x50];
const TESTNET_KEY = 'uiTestnetKey0123456789abcdefABCDEF0123456789abcdefABCDEF01234Wq7Z';
const TESTNET_SECRET = 'uiTestnetSecret0123456789abcdefABCDEF0123456789abcdefABCDEF012345';

describe('the console in Chromium', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(2));
  let api: RunningApi;
  let browser: Browser;
  let page: Page;

  /** A USDT price as the console shows it: "98,000.50". */
  const grouped = (price: string) => Number(price).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const lastPrice = async () => new Decimal((await apiFromPage<Ticker>(page, '/api/ticker?symbol=BTC/USDT')).last);
  const orderType = (name: 'Market' | 'Limit') => page.getByRole('radiogroup', { name: 'Order type' }).getByRole('radio', { name, exact: true });
  const placeOrder = async (fields: { qty: string; price?: string; sl?: string; tp?: string }) => {
    await orderType(fields.price ? 'Limit' : 'Market').click();
    if (fields.price) await page.getByTestId('ticket-price').fill(fields.price);
    await page.getByTestId('ticket-qty').fill(fields.qty);
    await page.getByTestId('ticket-sl').fill(fields.sl ?? '');
    await page.getByTestId('ticket-tp').fill(fields.tp ?? '');
    await page.getByTestId('ticket-review').click();
    await page.getByTestId('ticket-confirm').click();
  };
  const levels = () => page.locator(CHART).getAttribute('data-levels');

  beforeAll(async () => {
    binance.addAccount(TESTNET_KEY, TESTNET_SECRET, { USDT: '1500', BNB: '2', LLX: '7' });
    const testnetUrl = await binance.start();
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn', BINANCE_TESTNET_URL: testnetUrl, BINANCE_LIVE_URL: testnetUrl }), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await binance.stop();
  });

  it('says so when the password is wrong', async () => {
    await signIn(page, api.baseUrl, ADMIN.username, 'not-the-password');
    await eventually(() => page.getByRole('alert').textContent(), 'Wrong username or password.');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('signs in and draws candles on the chart canvas, with the market source and account shown', async () => {
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.locator(`${CHART}[data-drawn-candles="500"]`).waitFor();
    expect(await countPixels(page, CHART, UP)).toBeGreaterThan(50);
    expect(await countPixels(page, CHART, DOWN)).toBeGreaterThan(50);
    await eventually(async () => (await page.getByTestId('market-source').textContent())?.trim(), 'Prices: simulated');
    await eventually(async () => (await page.getByTestId('account-kind').textContent())?.trim(), 'Account: Paper ▾');
  });

  it('moves the price with the live feed and loads older candles when panned to the left', async () => {
    const shownPrice = () => page.getByTestId('last-price').textContent();
    const first = await shownPrice();
    const deadline = Date.now() + 10_000;
    while ((await shownPrice()) === first && Date.now() < deadline) await page.waitForTimeout(200);
    expect(await shownPrice()).not.toBe(first);

    const canvas = await page.locator(`${CHART} canvas`).first().boundingBox();
    if (!canvas) throw new Error('the chart has no canvas on screen');
    for (let drag = 0; drag < 6; drag++) {
      await page.mouse.move(canvas.x + 100, canvas.y + 150);
      await page.mouse.down();
      await page.mouse.move(canvas.x + canvas.width - 100, canvas.y + 150, { steps: 5 });
      await page.mouse.up();
    }
    // The first load shows 500 candles; each pan to the oldest one fetches 1,000 more.
    await page.waitForFunction((selector) => Number(document.querySelector(selector)?.getAttribute('data-drawn-candles')) >= 1500, CHART);
  });

  it('buys at market, shows the position and marks the fill on the chart', async () => {
    await placeOrder({ qty: '0.01' });
    await page.getByTestId('positions').getByText('BTC', { exact: true }).waitFor();
    expect(await page.getByTestId('positions').textContent()).toContain('0.01');
    await page.locator(`${CHART}[data-fill-markers="1"]`).waitFor();
  });

  it('rests a limit order, shows it in open orders and on the chart, and cancels it', async () => {
    const price = (await lastPrice()).mul('0.9').toDecimalPlaces(2).toFixed();
    await placeOrder({ qty: '0.01', price });
    // Shown at the market's tick and BTC's quantity step, with thousands separators.
    const row = page
      .getByTestId('open-orders')
      .getByRole('row')
      .filter({ hasText: grouped(price) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Limit');
    await eventually(levels, `Buy 0.01000 @ ${grouped(price)}`);

    await row.getByRole('button', { name: /^Cancel/ }).click();
    await page.getByText('No open orders.').waitFor();
    await eventually(levels, '');
  });

  it('arms stop-loss and take-profit with a market buy and draws both lines', async () => {
    const last = await lastPrice();
    const [sl, tp] = [last.mul('0.95').toDecimalPlaces(2).toFixed(), last.mul('1.05').toDecimalPlaces(2).toFixed()];
    await placeOrder({ qty: '0.02', sl, tp });
    const openOrders = page.getByTestId('open-orders');
    await openOrders.getByRole('cell', { name: /^Stop-loss/ }).waitFor();
    expect(await openOrders.textContent()).toContain('Take-profit');
    await eventually(levels, `TP 0.02000 @ ${grouped(tp)}|SL 0.02000 @ ${grouped(sl)}`);
    await page.locator(`${CHART}[data-fill-markers="2"]`).waitFor();
    await saveScreenshot(page, 'dashboard.png');
  });

  it('lists the fills in the trade history and downloads them as CSV', async () => {
    await page.getByRole('tab', { name: 'Trade history' }).click();
    const rows = page.getByTestId('trades').getByRole('row');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3); // the header and the two market buys
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(3);
    expect(csv.slice(1).every((line) => line.includes('BTC/USDT') && line.includes('buy'))).toBe(true);
  });

  it('connects a Binance testnet key, shows it masked only, and checks it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('live-disabled').waitFor();
    await page.getByLabel('API key').fill(TESTNET_KEY);
    await page.getByLabel('Secret').fill(TESTNET_SECRET);
    await page.getByLabel('Your Lilux password').fill('not-the-password');
    await page.getByRole('button', { name: 'Connect account' }).click();
    await page.getByRole('alert').filter({ hasText: 'Password is not your current password' }).waitFor();

    await page.getByLabel('Your Lilux password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Connect account' }).click();
    await eventually(async () => (await page.getByTestId('masked-key').allTextContents()).map((text) => text.trim()), ['••••Wq7Z']);
    expect(await page.content()).not.toContain(TESTNET_KEY);

    await page.getByRole('button', { name: 'Check connection' }).click();
    await eventually(async () => (await page.getByTestId('check-result').textContent())?.trim(), 'Connected: 2.000 BNB · 7 LLX · 1,500.00 USDT');
    await saveScreenshot(page, 'settings.png');
  });

  it('switches to the testnet account and shows what the exchange holds, then back to paper', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('account-kind').click();
    await page.getByRole('menuitem', { name: 'Binance testnet', exact: true }).click();
    await eventually(async () => (await page.getByTestId('account-kind').textContent())?.trim(), 'Account: Binance testnet ▾');
    await eventually(async () => (await page.getByTestId('portfolio-figures').textContent())?.includes('1,500.00'), true);
    await page.getByText('Not valued (no USDT market): LLX').waitFor();
    // BNB came to the account without Lilux: valued at its price, with no average cost to speak of.
    const bnb = page.getByTestId('positions').getByRole('row').filter({ hasText: 'BNB' });
    expect((await bnb.getByRole('cell').allTextContents()).map((cell) => cell.trim()).slice(0, 3)).toEqual(['BNB', '2.000', '—']);
    await saveScreenshot(page, 'testnet-account.png');

    await page.getByTestId('account-kind').click();
    await page.getByRole('menuitem', { name: 'Paper' }).click();
    await page.getByTestId('positions').getByText('BTC', { exact: true }).waitFor();
  });

  it('warns on the dashboard when a live account is chosen while live trading is off', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Label').fill('Real money');
    await page.getByRole('combobox', { name: 'Binance' }).click();
    await page.getByRole('option', { name: 'Live (real money)' }).click();
    await page.getByLabel('API key').fill(TESTNET_KEY);
    await page.getByLabel('Secret').fill(TESTNET_SECRET);
    await page.getByLabel('Your Lilux password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Connect account' }).click();
    await page.getByTestId('exchange-accounts').getByText('Real money').waitFor();

    await page.getByRole('link', { name: 'Dashboard' }).click();
    expect(await page.getByTestId('live-blocked').count()).toBe(0);
    await page.getByTestId('account-kind').click();
    await page.getByRole('menuitem', { name: 'Binance live · Real money' }).click();
    await page.getByTestId('live-blocked').waitFor();
    await page.getByTestId('account-kind').click();
    await page.getByRole('menuitem', { name: 'Paper' }).click();
    await eventually(() => page.getByTestId('live-blocked').count(), 0);
  });

  it('lets the administrator create a trader, who signs in and changes their password', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Username').fill('trader.one');
    await page.getByLabel('Password').fill('first-password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByTestId('users').getByText('trader.one').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, api.baseUrl, 'trader.one', 'first-password');
    await page.locator(`${CHART}[data-drawn-candles]`).waitFor();
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Current password').fill('wrong-password');
    await page.getByLabel('New password', { exact: true }).fill('second-password');
    await page.getByLabel('Repeat the new password').fill('second-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'Current password' }).waitFor();

    await page.getByLabel('Current password').fill('first-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, api.baseUrl, 'trader.one', 'second-password');
    await page.locator(`${CHART}[data-drawn-candles]`).waitFor();
  });
});
