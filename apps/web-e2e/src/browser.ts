import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH points elsewhere. Never a downloaded one. */
const EXECUTABLE = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where screenshots go, for a human to look at after the run. */
export const ARTIFACTS = resolve(__dirname, '../../../dist/web-e2e');

/** `extraArgs`: more Chromium switches, e.g. `--host-resolver-rules` to reach the API under another name. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The API as the signed-in page sees it. The page keeps its token in memory, out of reach; this asks for another
 * with the page's refresh cookie, taking turns with the console's own refreshes as its tabs do.
 */
export function apiFromPage<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const refresh = () => fetch('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { access_token: token } = await navigator.locks.request('lilux.refresh', async () => (await refresh()).json());
    const answer = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    return answer.json();
  }, path) as Promise<T>;
}

/** Whatever looks like a JWT in the page's storage (there should be none: the token lives in memory). */
export function tokensInStorage(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [localStorage, sessionStorage].flatMap((storage) => Object.values({ ...storage }).flatMap((value) => value.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? [])),
  );
}

/** Pixels of the chart canvas in a colour, to know candles were drawn rather than an empty frame. */
export function countPixels(page: Page, selector: string, [red, green, blue]: [number, number, number]): Promise<number> {
  return page
    .locator(`${selector} canvas`)
    .first()
    .evaluate(
      (canvas, colour) => {
        const context = (canvas as HTMLCanvasElement).getContext('2d');
        if (!context) return 0;
        const { data } = context.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i] - colour[0]) < 8 && Math.abs(data[i + 1] - colour[1]) < 8 && Math.abs(data[i + 2] - colour[2]) < 8 && data[i + 3] > 200) count++;
        }
        return count;
      },
      [red, green, blue],
    );
}

/** Polls `read` until it returns `expected` (the page updates asynchronously), then asserts what it last read. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let actual = await read();
  while (JSON.stringify(actual) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    actual = await read();
  }
  expect(actual).toEqual(expected);
}
