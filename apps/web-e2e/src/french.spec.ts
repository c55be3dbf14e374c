import { ADMIN, RunningApi, startApi } from '@lilux/api/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchChromium } from './browser';

/** Angular's French locale groups thousands with narrow no-break spaces. */
const NNBSP = '\u202f';

describe('the console in French, for a browser that prefers French', () => {
  let api: RunningApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const text = async (testId: string) => ((await page.getByTestId(testId).innerText()) ?? '').trim();
  const toasts = () => page.locator('.mdc-snackbar__label');

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ LOG_LEVEL: 'warn' }), launchChromium()]);
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.stop();
  });

  it('signs in with French labels', async () => {
    await page.goto(`${api.baseUrl}/login`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByLabel("Nom d'utilisateur").fill(ADMIN.username);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Tableau de bord' }).waitFor();
  });

  it('shows the dashboard in French, with French number formats', async () => {
    await page.getByRole('heading', { name: 'Portefeuille' }).waitFor();
    // The dashboard's tab shows the price, in French figures, once the first one is in.
    await page.waitForFunction(() => /^[\d\u202f\u00a0 ]+,\d{2} BTC\/USDT · Lilux$/.test(document.title));
    await eventually(async () => (await page.locator('.equity').innerText()).trim(), `10${NNBSP}000,00 USDT`);
    const figures = await text('portfolio-figures');
    expect(figures).toContain('Plus-value latente');
    expect(figures).toContain('Liquidités');
    await eventually(() => text('account-kind'), 'Compte : Papier ▾');
    await eventually(() => text('market-source'), 'Prix : simulés');
    expect(await text('free-quote')).toBe(`10${NNBSP}000,00`);
  });

  it('places a market buy typed with a decimal comma, confirmed in French, and tells it in French', async () => {
    await page.getByRole('radiogroup', { name: "Type d'ordre" }).getByRole('radio', { name: 'Au marché', exact: true }).click();
    await page.getByTestId('ticket-qty').fill('0,001');
    await page.getByRole('button', { name: "Vérifier l'achat de BTC" }).click();
    expect(await text('ticket-confirmation')).toBe('Acheter 0,001 BTC au marché ?');
    await page.getByRole('button', { name: 'Confirmer' }).click();

    const bought = toasts().filter({ hasText: 'Achat de 0,00100 BTC exécuté à ' });
    await bought.waitFor();
    expect(await bought.innerText()).toMatch(new RegExp(`^Achat de 0,00100 BTC exécuté à \\d{1,3}(${NNBSP}\\d{3})*,\\d{2}$`));
    const position = page.getByTestId('positions').getByRole('row').filter({ hasText: 'BTC' });
    await position.waitFor();
    expect(await position.innerText()).toContain('0,001');
    expect(await page.getByTestId('positions').getByRole('columnheader').allInnerTexts()).toEqual([
      'Actif',
      'Quantité',
      'Coût moyen',
      'Dernier',
      'Valeur',
      'Latente',
      'Stop-loss / take-profit',
    ]);
    expect(await position.getByRole('button', { name: 'Protéger la position BTC par un stop-loss ou un take-profit' }).innerText()).toBe('Protéger');
  });

  it('switches to English in Settings, and stays in English after a reload', async () => {
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByTestId('language-select').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Settings' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await eventually(() => page.title(), 'Settings · Lilux');
    expect(await page.getByRole('heading', { name: 'Change password' }).count()).toBe(1);

    await page.reload();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await eventually(async () => (await page.locator('.equity').innerText()).trim().replace(/[\d,.]+/, 'N'), 'N USDT');
    expect(await text('portfolio-figures')).toContain('Unrealized PnL');
    expect(await page.getByTestId('positions').innerText()).toContain('0.001');
    expect(await page.getByRole('button', { name: 'Review buy BTC' }).count()).toBe(1);
  });
});
