import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, saveScreenshot, signIn } from './browser';

const CHART = 'lx-candle-chart';

describe('administering users and the read-only viewer, in Chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  /** Casey's token from before the administrator acted, to see it refused afterwards. */
  let caseyToken: string;

  const passwordOf = (username: string) => `${username}-password-1`;
  const row = (username: string) => page.getByTestId('users').getByRole('row').filter({ hasText: username });
  const confirmInDialog = async (action: string) => {
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn' }), launchChromium()]);
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    for (const username of ['casey', 'vera']) {
      await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password: passwordOf(username) } });
    }
    caseyToken = await login(api.baseUrl, 'casey', passwordOf('casey'));
    // Vera traded before she became a viewer: a limit order of hers rests in the book.
    const veraToken = await login(api.baseUrl, 'vera', passwordOf('vera'));
    const last = Number((await request(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token: veraToken })).body.last);
    const order = await request(api.baseUrl, 'POST', '/api/orders', {
      token: veraToken,
      body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: (last * 0.5).toFixed(2) },
    });
    expect(order.status).toBe(201);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('keeps the last administrator: their own role and Disable are off', async () => {
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Users' }).click();
    const own = row(ADMIN.username);
    await own.waitFor();
    expect(await own.getByRole('combobox', { name: `Role of ${ADMIN.username}` }).getAttribute('aria-disabled')).toBe('true');
    expect(await own.getByRole('button', { name: `Disable ${ADMIN.username}` }).isDisabled()).toBe(true);
  });

  it("ends a user's sessions after asking: the token they had stops working", async () => {
    await row('casey').getByRole('button', { name: 'End sessions of casey' }).click();
    await confirmInDialog('End sessions');
    await page.getByText('Ended every session of casey').waitFor();
    expect((await request(api.baseUrl, 'GET', '/api/auth/me', { token: caseyToken })).status).toBe(401);
    caseyToken = await login(api.baseUrl, 'casey', passwordOf('casey'));
  });

  it('disables a user after asking: their token stops working and they cannot sign in', async () => {
    await row('casey').getByRole('button', { name: 'Disable casey' }).click();
    await page.getByRole('dialog').getByText('casey is signed out everywhere at once.', { exact: false }).waitFor();
    await confirmInDialog('Disable');
    await eventually(async () => (await row('casey').getByTestId('user-status').textContent())?.trim(), 'Disabled');

    expect((await request(api.baseUrl, 'GET', '/api/auth/me', { token: caseyToken })).status).toBe(401);
    expect((await request(api.baseUrl, 'POST', '/api/auth/login', { body: { username: 'casey', password: passwordOf('casey') } })).status).toBe(401);
  });

  it('deletes the disabled user after asking, and they leave the list', async () => {
    await row('casey').getByRole('button', { name: 'Delete casey' }).click();
    await confirmInDialog('Delete');
    await eventually(() => row('casey').count(), 0);
  });

  it('makes a trader a viewer through the role select, after asking', async () => {
    await row('vera').getByRole('combobox', { name: 'Role of vera' }).click();
    await page.getByRole('option', { name: 'viewer', exact: true }).click();
    await page.getByRole('dialog').getByText('Viewers see their portfolio and charts', { exact: false }).waitFor();
    await confirmInDialog('Change role');
    await page.getByText('vera is now a viewer').waitFor();
    await saveScreenshot(page, 'users.png');
  });

  it('shows the viewer the chart, portfolio and orders, but no ticket, no cancel and no account editing', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, api.baseUrl, 'vera', passwordOf('vera'));
    await page.locator(`${CHART}[data-drawn-candles="500"]`).waitFor();
    await page.getByTestId('read-only-ticket').waitFor();
    await page.getByTestId('read-only').waitFor();
    const openOrders = page.getByTestId('open-orders');
    await openOrders.getByRole('row').filter({ hasText: 'BTC/USDT' }).waitFor();
    expect(await page.getByTestId('ticket-review').count()).toBe(0);
    expect(await openOrders.getByRole('button').count()).toBe(0);
    expect(await page.getByTestId('portfolio-figures').textContent()).toContain('10,000.00');
    await saveScreenshot(page, 'viewer-dashboard.png');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('read-only-accounts').waitFor();
    expect(await page.getByRole('button', { name: 'Connect account' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Change password' }).count()).toBe(1);
  });
});
