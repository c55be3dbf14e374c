import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, saveScreenshot, signIn } from './browser';

/** The sizes a trader meets: a phone, a tablet upright, a laptop, a desktop screen. */
const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** How far the page reaches past the right edge of the viewport, in CSS pixels (0: no sideways scrolling). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * Whether a control can be used at this size: once scrolled to (the page, or a table scrolling inside its card), it
 * lies wholly inside the viewport and it is the topmost element at its centre (not hidden under another panel).
 */
async function isReachable(page: Page, control: Locator): Promise<boolean> {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport || box.width === 0 || box.height === 0) return false;
  const isInside = box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;
  const isOnTop = await control.evaluate(
    (element, [x, y]) => {
      const top = document.elementFromPoint(x, y);
      return top !== null && (element === top || element.contains(top));
    },
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  return isInside && isOnTop;
}

describe('the console at every screen size', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startApi({ LOG_LEVEL: 'warn', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' }),
      launchChromium(),
    ]);
    // A resting order, so that the open-orders table has a row and a Cancel button to reach.
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const placed = await request(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.001', price: '50000' } });
    expect(placed.status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  for (const size of SIZES) {
    it(`fits ${size.width}×${size.height} with every action in reach`, async () => {
      const context = await browser.newContext({ viewport: size });
      const page = await context.newPage();
      try {
        await signIn(page, api.baseUrl, ADMIN.username, ADMIN.password);
        await page.locator('lx-candle-chart[data-drawn-candles]').waitFor();
        await page
          .getByTestId('open-orders')
          .getByRole('button', { name: /cancel/i })
          .first()
          .waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);

        const chart = await page.locator('lx-candle-chart').boundingBox();
        // The chart is the first thing a trader looks at: most of the width, and tall enough to read candles.
        expect(chart?.width).toBeGreaterThan(size.width * 0.55);
        expect(chart?.height).toBeGreaterThan(300);

        const actions = [
          page.getByRole('link', { name: 'Settings' }),
          page.getByRole('button', { name: 'Sign out' }),
          page.getByTestId('account-kind'),
          page.getByTestId('ticket-qty'),
          page.getByTestId('ticket-review'),
          page.getByTestId('portfolio-figures'),
          page
            .getByTestId('open-orders')
            .getByRole('button', { name: /cancel/i })
            .first(),
        ];
        for (const action of actions)
          expect({ action: action.toString(), isReachable: await isReachable(page, action) }).toEqual({ action: action.toString(), isReachable: true });

        // The portfolio's figures sit side by side or wrap, never on top of each other.
        const figures = await page
          .getByTestId('portfolio-figures')
          .locator('dd')
          .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().toJSON()));
        for (let i = 0; i < figures.length; i++)
          for (let j = i + 1; j < figures.length; j++) {
            const [a, b] = [figures[i], figures[j]];
            const isOverlapping = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            expect(isOverlapping).toBe(false);
          }

        await page.getByRole('link', { name: 'Settings' }).click();
        await page
          .getByRole('heading', { name: /password/i })
          .first()
          .waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);
        await page.getByRole('link', { name: 'Users' }).click();
        await page.getByTestId('users').waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);
        await saveScreenshot(page, `users-${size.width}x${size.height}.png`);
        await page.getByRole('link', { name: 'Dashboard' }).click();
        await page.locator('lx-candle-chart[data-drawn-candles]').waitFor();
        await saveScreenshot(page, `dashboard-${size.width}x${size.height}.png`);
      } finally {
        await context.close();
      }
    });
  }
});
