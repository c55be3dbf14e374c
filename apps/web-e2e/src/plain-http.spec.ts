import { ADMIN, RunningApi, startApi } from '@lilux/api/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, saveScreenshot, signIn } from './browser';

/** A name on the local network, as a home server has: not `localhost`, so the browser applies every HTTPS rule. */
const LAN_NAME = 'lilux.lan';

describe('the console over plain HTTP on a LAN name', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let consoleUrl: string;

  beforeAll(async () => {
    api = await startApi({ LOG_LEVEL: 'warn' });
    const port = new URL(api.baseUrl).port;
    consoleUrl = `http://${LAN_NAME}:${port}`;
    browser = await launchChromium([`--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('loads its scripts over HTTP and signs in (no upgrade to an https:// that does not exist)', async () => {
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const scripts: { url: string; cacheControl: string | undefined }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), cacheControl: response.headers()['cache-control'] });
    });

    await signIn(page, consoleUrl, ADMIN.username, ADMIN.password);
    await page.waitForURL((url) => url.pathname !== '/login');
    await saveScreenshot(page, 'plain-http-lan-name.png');

    expect(failed).toEqual([]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.url.startsWith(`${consoleUrl}/`)).toBe(true);
      // The console's files may be cached, unlike the API's answers.
      expect(script.cacheControl).not.toContain('no-store');
    }
  });
});
