import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchChromium, saveScreenshot, signIn, tokensInStorage } from './browser';

describe('sessions in Chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let laptop: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  const user = { username: 'traveller', password: 'traveller-password-1' };

  const pathOf = (of: Page) => new URL(of.url()).pathname;
  const signedInAs = (of: Page) => of.getByTestId('current-user').textContent();

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn' }), launchChromium()]);
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: user })).status).toBe(201);
    laptop = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    phone = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await laptop.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('keeps the token out of storage and stays signed in across a reload', async () => {
    await signIn(page, api.baseUrl, user.username, user.password);
    await eventually(() => signedInAs(page), user.username);
    expect(await tokensInStorage(page)).toEqual([]);

    await page.reload();
    await eventually(() => signedInAs(page), user.username);
    expect(pathOf(page)).toBe('/');
    expect(await tokensInStorage(page)).toEqual([]);
    // The refresh cookie is there, out of the page's reach.
    const [cookie] = (await laptop.cookies(api.baseUrl + '/api/auth/refresh')).filter((each) => each.name === 'lilux_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('lilux_refresh');
  });

  it('lists the session on the settings page, marked as this one', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const sessions = page.getByTestId('sessions');
    await sessions.getByText('This session').waitFor();
    expect(await sessions.locator('li').count()).toBe(1);
    expect(await sessions.textContent()).toContain('Chrome on Linux');
    expect(await sessions.textContent()).toContain('127.0.0.1');
  });

  it('signs the laptop out on its next request once another browser ends its session', async () => {
    const other = await phone.newPage();
    await signIn(other, api.baseUrl, user.username, user.password);
    await eventually(() => signedInAs(other), user.username);
    await other.getByRole('link', { name: 'Settings' }).click();
    const sessions = other.getByTestId('sessions');
    await eventually(() => sessions.locator('li').count(), 2);
    await saveScreenshot(other, 'sessions-card.png');

    await sessions.getByRole('button', { name: /^End Chrome on Linux/ }).click();
    await eventually(() => sessions.locator('li').count(), 1);
    expect(await sessions.getByText('This session').count()).toBe(1);

    // The laptop is signed out at once: its live socket is closed (4001) and the refresh that follows is refused.
    await eventually(() => Promise.resolve(pathOf(page)), '/login');
    await page.reload();
    expect(pathOf(page)).toBe('/login');

    // The other browser is untouched.
    await other.reload();
    await eventually(() => signedInAs(other), user.username);
  });
});
