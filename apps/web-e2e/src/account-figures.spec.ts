import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, saveScreenshot, signIn } from './browser';

const KEY = 'figuresTestnetKey0123456789abcdefABCDEF0123456789abcdefABCDEF01';
const SECRET = 'figuresTestnetSecret0123456789abcdefABCDEF0123456789abcdefABCDEF0';

/** Every panel shows the chosen account's figures, or says plainly that it cannot; never another account's. */
describe("the chosen account's figures", () => {
  const binance = new BinanceTestServer(new SimulatedMarket(3));
  let api: RunningApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    binance.addAccount(KEY, SECRET, { USDT: '1500', BNB: '2' });
    const exchangeUrl = await binance.start();
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn', BINANCE_TESTNET_URL: exchangeUrl, MARKET_DATA_TIMEOUT_MS: '2000' }), launchChromium()]);
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const body = { exchange: 'binance', mode: 'testnet', label: 'Far away', apiKey: KEY, secret: SECRET, password: ADMIN.password };
    expect((await request(api.baseUrl, 'POST', '/api/accounts', { token, body })).status).toBe(201);
    // A paper position worth showing, then the exchange goes away.
    expect((await request(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01' } })).status).toBe(201);
    await binance.stop();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("does not show the paper account's figures under an unreachable exchange account's name", async () => {
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.getByTestId('positions').getByText('BTC').waitFor();
    const paperEquity = await page.getByTestId('portfolio-figures').locator('dd').first().innerText();

    await page.getByTestId('account-kind').click();
    await page.getByRole('menuitem', { name: /Far away/ }).click();
    await eventually(async () => (await page.getByTestId('account-kind').textContent())?.trim(), 'Account: Binance testnet · Far away ▾');

    await page.getByTestId('portfolio-unavailable').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('portfolio-figures').count()).toBe(0);
    expect(await page.getByTestId('positions').count()).toBe(0);
    expect(await page.getByText(paperEquity).count()).toBe(0);
    expect(await page.getByTestId('free-quote').innerText()).toBe('unknown: the exchange cannot be reached');
    // Without a known balance the ticket does not claim that nothing is free.
    await page.getByTestId('ticket-qty').fill('0.01');
    expect(await page.getByText(/is free/).count()).toBe(0);
    await saveScreenshot(page, 'unreachable-exchange-account.png');

    // Back on paper, its own figures again.
    await page.getByTestId('account-kind').click();
    await page.getByRole('menuitem', { name: 'Paper' }).click();
    await page.getByTestId('positions').getByText('BTC').waitFor();
    expect(await page.getByTestId('portfolio-unavailable').count()).toBe(0);
  });

  it("confirms a limit order in the figures it sends, at the market's tick", async () => {
    await page.getByRole('radiogroup', { name: 'Order type' }).getByRole('radio', { name: 'Limit', exact: true }).click();
    await page.getByTestId('ticket-price').fill('50000.123456');
    await page.getByTestId('ticket-qty').fill('0.001');
    await page.getByTestId('ticket-review').click();
    expect(await page.getByTestId('ticket-confirmation').innerText()).toBe('Limit buy 0.001 BTC at 50000.12?');
    await page.getByTestId('ticket-confirm').click();
    await page.getByTestId('open-orders').getByText('50,000.12').waitFor();
  });

  it('resets the paper account from Settings, after saying what is archived', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Reset paper account' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('archived with its trades and equity curve');
    await dialog.getByRole('button', { name: 'Reset' }).click();
    await page.getByText('The paper account starts afresh').waitFor();

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByText('No positions. Your first buy opens one.').waitFor();
    await eventually(async () => (await page.getByTestId('portfolio-figures').locator('dd').first().innerText()).replace(/\s+/g, ' '), '10,000.00 USDT');
    await page.getByText('No open orders.').waitFor();
  });
});
