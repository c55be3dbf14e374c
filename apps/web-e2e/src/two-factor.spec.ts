import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, saveScreenshot, signIn } from './browser';

const STEP_MS = 30_000;
const TRADER = { username: 'second.factor', password: 'second-factor-password' };
const LATECOMER = { username: 'late.enroller', password: 'late-enroller-password' };

/** The code an authenticator app holding `secret` shows during time step `step`. */
function codeAt(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: step * STEP_MS });
}

/** The current time step once at least 15 s of it remain, so that codes of this step and the next stay good. */
async function aFreshStep(): Promise<number> {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < 15_000) await new Promise((resolveWait) => setTimeout(resolveWait, left + 100));
  return Math.floor(Date.now() / STEP_MS);
}

describe('two-factor authentication in Chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let secret: string;
  let step: number;

  const signOut = () => page.getByRole('button', { name: 'Sign out' }).click();
  const card = () => page.getByTestId('two-factor');

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn' }), launchChromium()]);
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    for (const user of [TRADER, LATECOMER]) expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: user })).status).toBe(201);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('enrols in the settings with the key shown for typing, and shows the recovery codes once', async () => {
    await signIn(page, api.baseUrl, TRADER.username, TRADER.password);
    await page.getByRole('link', { name: 'Settings' }).click();
    await eventually(async () => (await card().getByTestId('two-factor-state').textContent())?.trim(), 'Off');
    await card().getByLabel('Your password').fill(TRADER.password);
    await card().getByRole('button', { name: 'Set up two-factor authentication' }).click();

    const shownSecret = card().getByTestId('two-factor-secret');
    await shownSecret.waitFor();
    secret = ((await shownSecret.textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(
      await card()
        .getByRole('img', { name: 'QR code for your authenticator app' })
        .evaluate((image) => (image as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(100);
    await saveScreenshot(page, 'two-factor-enrolment.png');

    step = await aFreshStep();
    await card()
      .getByLabel('Code from the app')
      .fill(codeAt(secret, step - 1));
    await card().getByRole('button', { name: 'Turn on' }).click();
    const codes = card().getByTestId('recovery-codes').getByRole('listitem');
    await codes.nth(9).waitFor();
    expect(await codes.count()).toBe(10);
    await card().getByRole('button', { name: 'I have saved them' }).click();
    await eventually(async () => (await card().getByTestId('two-factor-state').textContent())?.trim(), 'On');
    expect(await card().textContent()).toContain('10 of 10 recovery codes left');
    expect(await page.getByTestId('recovery-codes').count()).toBe(0);
  });

  it('signs out, then signs in with the password and a code computed from the secret', async () => {
    await signOut();
    await signIn(page, api.baseUrl, TRADER.username, TRADER.password);
    await page.getByRole('alert').filter({ hasText: 'Enter the code your authenticator app shows.' }).waitFor();

    await page.getByLabel('Two-factor code').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That code is not the current code' }).waitFor();

    await page.getByLabel('Two-factor code').fill(codeAt(secret, step));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').filter({ hasText: TRADER.username }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('asks for a code before the password changes', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Current password').fill(TRADER.password);
    await page.getByLabel('New password', { exact: true }).fill('changed-second-factor');
    await page.getByLabel('Repeat the new password').fill('changed-second-factor');
    await page.getByRole('button', { name: 'Change password' }).click();

    const dialog = page.getByRole('dialog', { name: 'Change your password' });
    await dialog.getByLabel('Two-factor code').fill(codeAt(secret, step + 1));
    await saveScreenshot(page, 'two-factor-step-up.png');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Password changed.').waitFor();
    expect(await dialog.count()).toBe(0);
  });

  it('lets an administrator require it of everyone, and leads a user without it to set it up first', async () => {
    await signOut();
    await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('switch', { name: 'Require it of everyone' }).click();
    await page.getByText('Every user now needs two-factor authentication.').waitFor();
    await signOut();

    await signIn(page, api.baseUrl, LATECOMER.username, LATECOMER.password);
    await page.waitForURL((url) => url.pathname === '/two-factor-setup');
    await card().getByTestId('two-factor-required').waitFor();
    await saveScreenshot(page, 'two-factor-required.png');
    await card().getByLabel('Your password').fill(LATECOMER.password);
    await card().getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const latecomerSecret = ((await card().getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
    await card()
      .getByLabel('Code from the app')
      .fill(codeAt(latecomerSecret, Math.floor(Date.now() / STEP_MS)));
    await card().getByRole('button', { name: 'Turn on' }).click();
    await card().getByRole('button', { name: 'I have saved them' }).click();

    await page.waitForURL((url) => url.pathname === '/');
    await eventually(async () => (await page.getByTestId('account-kind').textContent())?.trim(), 'Account: Paper ▾');
  });
});
