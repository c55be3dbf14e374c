import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Order, Ticker } from '@lilux/contracts';
import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, saveScreenshot, signIn } from './browser';

const CHART = 'lx-candle-chart';

/** A trader protects a position they already hold: attach a stop-loss / take-profit, change it, remove it. */
describe('the stop-loss and take-profit of an open position, from the positions panel', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let token: string;

  const last = async () => new Decimal((await request<Ticker>(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token })).body.last);
  const openOrders = async () => (await request<{ orders: Order[] }>(api.baseUrl, 'GET', '/api/orders?status=open', { token })).body.orders;
  const positionCell = () => page.getByTestId('protection-BTC');
  const dialog = () => page.getByRole('dialog');
  const levels = async () => (await page.locator(CHART).getAttribute('data-levels')) ?? '';
  const openOrdersTab = () => page.getByRole('tab', { name: /^Open orders/ });

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn' }), launchChromium()]);
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const bought = await request<Order>(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01' } });
    expect(bought.body.status).toBe('filled');
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.locator(`${CHART}[data-drawn-candles]`).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('attaches a pair from the positions panel, refusals shown in the dialog, and shows the legs in open orders and on the chart', async () => {
    await positionCell().getByRole('button', { name: 'Protect the BTC position with a stop-loss or take-profit' }).click();
    expect(await dialog().getByRole('heading').innerText()).toBe('Protect BTC/USDT');
    expect(await dialog().innerText()).toContain('Sells the whole position, 0.01000 BTC');
    // The market price at its tick, as the ticker shows it.
    expect(await dialog().innerText()).toMatch(/Market: \d{1,3}(,\d{3})*\.\d{2}\./);

    // A stop-loss above the market is refused next to its field before anything is sent.
    const price = await last();
    await dialog().getByTestId('protection-sl').fill(price.mul(1.5).toFixed(2));
    await dialog().getByTestId('protection-save').click();
    expect(await dialog().getByTestId('protection-sl-error').innerText()).toMatch(/^must be below the market price \(/);

    // Coins locked by another order: the server's refusal is said in the dialog, and nothing changes.
    const limitSell = await request<Order>(api.baseUrl, 'POST', '/api/orders', {
      token,
      body: { symbol: 'BTC/USDT', side: 'sell', qty: '0.005', price: price.mul(2).toFixed(2) },
    });
    expect(limitSell.body.status).toBe('open');
    const [sl, tp] = [price.mul(0.9).toFixed(2), price.mul(1.1).toFixed(2)];
    await dialog().getByTestId('protection-sl').fill(sl);
    await dialog().getByTestId('protection-tp').fill(tp);
    expect(await dialog().getByTestId('protection-sl-error').count()).toBe(0);
    await dialog().getByTestId('protection-save').click();
    expect(await dialog().getByTestId('protection-problem').innerText()).toContain('0.01 BTC is held but only 0.005 is free');
    expect((await openOrders()).map((order) => order.id)).toEqual([limitSell.body.id]);
    await saveScreenshot(page, 'position-protection-dialog.png');

    expect((await request(api.baseUrl, 'DELETE', `/api/orders/${limitSell.body.id}`, { token })).status).toBe(200);
    await dialog().getByTestId('protection-save').click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('Stop-loss / take-profit of BTC/USDT set').waitFor();

    const legs = await openOrders();
    expect(legs.map((leg) => [leg.role, leg.price]).sort()).toEqual([
      ['stop_loss', new Decimal(sl).toFixed()],
      ['take_profit', new Decimal(tp).toFixed()],
    ]);
    await eventually(async () => (await positionCell().innerText()).includes('Edit SL/TP'), true);
    expect(await positionCell().innerText()).toMatch(/SL [\d.,]+ TP [\d.,]+/);
    await openOrdersTab().click();
    await eventually(() => page.getByTestId('pair-note').count(), 2);
    await eventually(async () => (await levels()).split('|').filter((label) => /^(SL|TP) 0\.010* @/.test(label)).length, 2);
    await saveScreenshot(page, 'position-protection-attached.png');
  });

  it('changes the take-profit: the old pair leaves the open orders and the chart, the new one takes its place', async () => {
    const before = await openOrders();
    const levelsBefore = await levels();
    await positionCell().getByRole('button', { name: 'Edit the stop-loss and take-profit of the BTC position' }).click();
    expect(await dialog().getByRole('heading').innerText()).toBe('Stop-loss and take-profit of BTC/USDT');
    const shownSl = await dialog().getByTestId('protection-sl').inputValue();
    expect(shownSl).toBe(before.find((order) => order.role === 'stop_loss')?.price);
    const newTp = (await last()).mul(1.2).toFixed(2);
    await dialog().getByTestId('protection-tp').fill(newTp);
    await dialog().getByTestId('protection-save').click();
    await dialog().waitFor({ state: 'detached' });

    const after = await openOrders();
    expect(after.find((order) => order.role === 'take_profit')?.price).toBe(new Decimal(newTp).toFixed());
    expect(after.some((order) => before.some((old) => old.id === order.id))).toBe(false);
    await eventually(() => page.getByTestId('pair-note').count(), 2);
    await eventually(async () => (await page.getByTestId('open-orders').locator('tbody tr').count()) === 2, true);
    await eventually(
      async () => (await levels()) !== levelsBefore && (await levels()).split('|').filter((label) => /^(SL|TP) /.test(label)).length === 2,
      true,
    );
  });

  it('removes both: no open orders, no lines, the position can be protected again', async () => {
    await positionCell().getByRole('button', { name: 'Edit the stop-loss and take-profit of the BTC position' }).click();
    await dialog().getByTestId('protection-remove').click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('Stop-loss / take-profit of BTC/USDT removed').waitFor();
    await page.getByText('No open orders.').waitFor();
    expect(await openOrders()).toEqual([]);
    await eventually(async () => (await levels()).split('|').filter((label) => /^(SL|TP) /.test(label)).length, 0);
    await positionCell().getByRole('button', { name: 'Protect the BTC position with a stop-loss or take-profit' }).waitFor();
  });
});
