import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Order, Ticker } from '@lilux/contracts';
import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, saveScreenshot, signIn } from './browser';

const KEY = 'protectTestnetKey0123456789abcdefABCDEF0123456789abcdefABCDEF01';
const SECRET = 'protectTestnetSecret0123456789abcdefABCDEF0123456789abcdefABCDE0';

/** A trader protects what their Binance testnet account holds, from the same positions panel as on paper. */
describe('the stop-loss and take-profit of a position held on a Binance account', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(3));
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let token: string;
  let accountId: string;

  const last = async () => new Decimal((await request<Ticker>(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token })).body.last);
  const positionCell = () => page.getByTestId('protection-BTC');
  const dialog = () => page.getByRole('dialog');

  beforeAll(async () => {
    binance.addAccount(KEY, SECRET, { USDT: '5000' });
    const exchangeUrl = await binance.start();
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn', BINANCE_TESTNET_URL: exchangeUrl }), launchChromium()]);
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const body = { exchange: 'binance', mode: 'testnet', label: 'Testnet', apiKey: KEY, secret: SECRET, password: ADMIN.password };
    const account = await request<{ id: string }>(api.baseUrl, 'POST', '/api/accounts', { token, body });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    const bought = await request<Order>(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId } });
    expect(bought.body).toMatchObject({ status: 'filled' });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await binance.stop();
  });

  it('attaches a pair as one OCO list on the exchange; one level alone is refused next to the other', async () => {
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.getByTestId('account-kind').click();
    await page.getByRole('menuitem', { name: /Testnet/ }).click();
    await positionCell().getByRole('button', { name: 'Protect the BTC position with a stop-loss or take-profit' }).click();
    expect(await dialog().innerText()).toContain('Sells the whole position, 0.00999 BTC');

    const price = await last();
    const [sl, tp] = [price.mul(0.9).toFixed(2), price.mul(1.1).toFixed(2)];
    await dialog().getByTestId('protection-sl').fill(sl);
    await dialog().getByTestId('protection-save').click();
    expect(await dialog().getByTestId('protection-tp-error').innerText()).toContain('goes with the other');
    expect(binance.ordersOf(KEY).filter((order) => order.orderListId !== -1)).toEqual([]);

    await dialog().getByTestId('protection-tp').fill(tp);
    await dialog().getByTestId('protection-save').click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('Stop-loss / take-profit of BTC/USDT set').waitFor();
    await eventually(async () => (await positionCell().innerText()).includes('Edit SL/TP'), true);
    expect(await positionCell().innerText()).toMatch(/SL [\d.,]+ TP [\d.,]+/);
    expect(
      binance
        .ordersOf(KEY)
        .filter((order) => order.orderListId !== -1)
        .map((order) => [order.type, order.status, order.origQty]),
    ).toEqual([
      ['STOP_LOSS_LIMIT', 'NEW', '0.00999000'],
      ['LIMIT_MAKER', 'NEW', '0.00999000'],
    ]);
    await saveScreenshot(page, 'position-protection-binance.png');
  });
});
