import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, RunningApi, startApi } from '@lilux/api/testing';
import type { AccountWithBalances, Portfolio, Ticker } from '@lilux/contracts';
import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { apiFromPage, eventually, launchChromium, signIn } from './browser';

/** How long after the order's POST the requests it causes are counted. */
const WINDOW_MS = 2_000;
/** The simulated feed ticks every second; a price a few cents away is reached within a minute or two. */
const LATER_FILL_TIMEOUT_MS = 150_000;
const TESTNET_KEY = 'eventsTestnetKey0123456789abcdefABCDEF0123456789abcdefABCDEF0123Ev1';
const TESTNET_SECRET = 'eventsTestnetSecret0123456789abcdefABCDEF0123456789abcdefABCDEF012';
/** Where the exchange tells an account's balances: what Lilux must not ask for on every event. */
const BALANCES = '/api/v3/account';

interface ApiRequest {
  method: string;
  path: string;
  at: number;
}

describe('the console follows its order events instead of asking again', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(2));
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  const requests: ApiRequest[] = [];

  const lastPrice = async () => new Decimal((await apiFromPage<Ticker>(page, '/api/ticker?symbol=BTC/USDT')).last);
  const radio = (group: 'Side' | 'Order type', name: string) => page.getByRole('radiogroup', { name: group }).getByRole('radio', { name, exact: true });
  const placeOrder = async (fields: { side?: 'Buy' | 'Sell'; qty: string; price?: string }) => {
    await radio('Side', fields.side ?? 'Buy').click();
    await radio('Order type', fields.price ? 'Limit' : 'Market').click();
    if (fields.price) await page.getByTestId('ticket-price').fill(fields.price);
    await page.getByTestId('ticket-qty').fill(fields.qty);
    await page.getByTestId('ticket-review').click();
    await page.getByTestId('ticket-confirm').click();
  };
  const toasts = () => page.locator('.mdc-snackbar__label');
  /** Free USDT as the ticket shows it and as the server keeps it: the ticket follows the events. */
  const freeUsdt = async () => {
    const accounts = await apiFromPage<AccountWithBalances[]>(page, '/api/accounts');
    const paper = accounts.find((account) => account.kind === 'paper');
    // As the ticket shows it: at USDT's two decimals.
    return new Decimal(paper?.balances.find((balance) => balance.asset === 'USDT')?.free ?? '0').toFixed(2);
  };
  const shownFreeUsdt = async () => new Decimal(((await page.getByTestId('free-quote').textContent()) ?? '').trim().replace(/,/g, '') || '0').toFixed(2);
  const heldBtc = async () => (await apiFromPage<Portfolio>(page, '/api/portfolio')).positions.find((position) => position.asset === 'BTC')?.qty ?? null;
  const shownBtc = async () => {
    if ((await page.getByTestId('positions').count()) === 0) return null;
    const rows = await page
      .getByTestId('positions')
      .locator('tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())));
    const btc = rows.find((cells) => cells[0] === 'BTC');
    return btc ? new Decimal(btc[1].replace(/,/g, '')).toFixed() : null;
  };
  const shownOpenOrders = async () => Math.max(0, (await page.getByTestId('open-orders').getByRole('row').count()) - 1);
  /** Until the console has made no API request for a second: what loads with the page has loaded. */
  const settled = async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const last = requests[requests.length - 1]?.at ?? 0;
      if (Date.now() - last > 1_000) return;
      await page.waitForTimeout(200);
    }
    throw new Error('the console kept asking the API');
  };

  beforeAll(async () => {
    binance.addAccount(TESTNET_KEY, TESTNET_SECRET, { USDT: '5000' });
    const testnetUrl = await binance.start();
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn', BINANCE_TESTNET_URL: testnetUrl, BINANCE_LIVE_URL: testnetUrl }), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // The socket's upgrade is no request of the page's; everything else that reaches the API is.
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) requests.push({ method: request.method(), path: `${url.pathname}${url.search}`, at: Date.now() });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await binance.stop();
  });

  it('signs in and loads the dashboard', async () => {
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.locator('lx-candle-chart[data-drawn-candles]').waitFor();
    await page.getByTestId('portfolio-figures').waitFor();
    await page
      .getByTestId('live-state')
      .filter({ hasText: /Live updates:\s*live$/ })
      .waitFor();
    await settled();
  });

  it('places a market order for one POST and at most two GETs, and every panel follows', async () => {
    const from = requests.length;
    const placed = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/orders');
    await placeOrder({ qty: '0.01' });
    await placed;
    const post = requests.slice(from).find((request) => request.method === 'POST' && request.path === '/api/orders');
    if (!post) throw new Error('the order was not sent');
    // The window is the measurement: what the order makes the console ask for over the next two seconds.
    await page.waitForTimeout(Math.max(0, post.at + WINDOW_MS - Date.now()));
    const caused = requests.slice(from).filter((request) => request.at <= post.at + WINDOW_MS);
    expect(caused.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/api/orders']);
    const gets = caused.filter((request) => request.method === 'GET').map((request) => request.path);
    if (gets.length > 2) throw new Error(`a market order cost ${gets.length} GETs: ${gets.join(', ')}`);

    await toasts()
      .filter({ hasText: /^\s*Bought 0\.01000 BTC @ \d{1,3}(,\d{3})*\.\d{2}\s*$/ })
      .waitFor();
    await eventually(shownBtc, '0.01');
    await eventually(shownFreeUsdt, await freeUsdt());
  });

  it('says what a resting limit buy is when it is placed, and locks its cost in the ticket', async () => {
    const price = (await lastPrice()).mul('0.9').toDecimalPlaces(0).toFixed();
    await placeOrder({ qty: '0.01', price });
    await toasts()
      .filter({ hasText: `Limit buy 0.01000 BTC @ ${Number(price).toLocaleString('en-US', { minimumFractionDigits: 2 })} placed` })
      .waitFor();
    const row = page
      .getByTestId('open-orders')
      .getByRole('row')
      .filter({ hasText: Number(price).toLocaleString('en-US', { minimumFractionDigits: 2 }) });
    await row.waitFor();
    await eventually(shownFreeUsdt, await freeUsdt());

    await row.getByRole('button', { name: /^Cancel/ }).click();
    await page.getByText('No open orders.').waitFor();
    await eventually(shownFreeUsdt, await freeUsdt());
  });

  it(
    'tells a resting limit that fills later, and the order and position panels follow',
    async () => {
      // Two limits a few cents either side of the price: the feed reaches one of them soon, whichever way it goes.
      const last = await lastPrice();
      await placeOrder({ side: 'Buy', qty: '0.01', price: last.minus('0.05').toFixed(2) });
      await placeOrder({ side: 'Sell', qty: '0.01', price: last.plus('0.05').toFixed(2) });
      const filledLater = toasts().filter({ hasText: /Limit (buy|sell) 0\.01000 BTC filled @ \d{1,3}(,\d{3})*\.\d{2}/ });
      await filledLater.first().waitFor({ timeout: LATER_FILL_TIMEOUT_MS });

      const openOrders = await apiFromPage<{ total: number }>(page, '/api/orders?status=open&limit=10');
      await eventually(shownOpenOrders, openOrders.total);
      await eventually(shownBtc, await heldBtc());
      await eventually(shownFreeUsdt, await freeUsdt());
    },
    LATER_FILL_TIMEOUT_MS + 30_000,
  );

  it('on an exchange account, asks the exchange for its balances at most once for a burst of orders', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('API key').fill(TESTNET_KEY);
    await page.getByLabel('Secret').fill(TESTNET_SECRET);
    await page.getByLabel('Your Lilux password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Connect account' }).click();
    await page.getByTestId('masked-key').first().waitFor();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('account-kind').click();
    await page.getByRole('menuitem', { name: 'Binance testnet', exact: true }).click();
    await eventually(async () => (await page.getByTestId('portfolio-figures').textContent())?.includes('5,000.00'), true);
    await settled();

    const asked = binance.requestsTo(BALANCES);
    for (let order = 0; order < 3; order++) {
      const placed = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/orders');
      await placeOrder({ qty: '0.001' });
      await placed;
    }
    await eventually(async () => binance.ordersOf(TESTNET_KEY).length, 3);
    await page.waitForTimeout(WINDOW_MS);
    // One valuation at most: the portfolio's balances and the ticket's free balance, read together.
    expect(binance.requestsTo(BALANCES) - asked).toBeLessThanOrEqual(2);
  });
});
