import { ADMIN, startApi } from '@lilux/api/testing';
import type { Candle } from '@lilux/contracts';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { SuiteResult, formatNumber, median } from '../report';

const CONSOLE = resolve(__dirname, '../../../../dist/apps/web/browser');
const INITIAL_GZIP_TARGET_KB = 400;
const DRAW_TARGET_MS = 300;
const RUNS = 5;
const SIZES = [1_000, 10_000];
const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'];

/** The scripts and styles index.html loads before anything else: what a first visit downloads. */
function initialFiles(): string[] {
  const html = readFileSync(join(CONSOLE, 'index.html'), 'utf8');
  const references = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((match) => match[1]);
  return [...new Set(references)];
}

function candles(count: number): Candle[] {
  const start = Date.UTC(2026, 0, 1);
  let close = 100_000;
  return Array.from({ length: count }, (_, i) => {
    const open = close;
    close = open * (1 + Math.sin(i * 12.9898) * 0.004);
    return [start + i * 60_000, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close, 10 + (i % 17)];
  });
}

/**
 * What the console costs a browser: the initial download, and the time from an OHLCV answer to the chart
 * drawn in headless Chromium (the page marks the answer, the chart measures until ECharts has finished the
 * frame). The OHLCV answers are replaced in the browser by 1,000 or 10,000 candles, more than the API sends.
 */
export async function benchConsole(): Promise<SuiteResult> {
  const files = initialFiles();
  const bytes = files.map((file) => readFileSync(join(CONSOLE, file)));
  const raw = bytes.reduce((sum, content) => sum + content.length, 0);
  const gzip = bytes.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0);
  const scripts = bytes.filter((_, i) => files[i].endsWith('.js'));
  const scriptsRaw = scripts.reduce((sum, content) => sum + content.length, 0);
  const scriptsGzip = scripts.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0);

  const api = await startApi({ MARKET_DATA: 'simulated', LOG_LEVEL: 'warn' });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    let served: Candle[] = [];
    await page.route('**/api/ohlcv?**', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(served) }));
    await page.goto(`${api.baseUrl}/login`);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('lx-candle-chart[data-drawn-candles]').waitFor();

    const drawTimes = new Map<number, number[]>();
    let timeframe = 0;
    for (const size of SIZES) {
      served = candles(size);
      for (let run = 0; run < RUNS; run++) {
        await page.evaluate(() => performance.clearMeasures('lx-chart-drawn'));
        timeframe = (timeframe + 1) % TIMEFRAMES.length;
        await page.getByRole('radiogroup', { name: 'Timeframe' }).getByRole('radio', { name: TIMEFRAMES[timeframe], exact: true }).click();
        await page.locator(`lx-candle-chart[data-drawn-candles="${size}"]`).waitFor();
        await page.waitForFunction(() => performance.getEntriesByName('lx-chart-drawn').length > 0);
        const duration = await page.evaluate(() => performance.getEntriesByName('lx-chart-drawn')[0].duration);
        drawTimes.set(size, [...(drawTimes.get(size) ?? []), duration]);
      }
    }
    const drawn = (size: number) => median(drawTimes.get(size) ?? []);
    return {
      title: 'The console in the browser',
      conditions: `production build; gzip level 9; headless Chromium 1440×1000, median of ${RUNS} draws each`,
      figures: [
        {
          name: `initial JavaScript (${scripts.length} files)`,
          value: `${formatNumber(scriptsRaw / 1024)} KB raw, ${formatNumber(scriptsGzip / 1024)} KB gzip`,
          target: `≤ ${INITIAL_GZIP_TARGET_KB} KB gzip`,
          met: scriptsGzip / 1024 <= INITIAL_GZIP_TARGET_KB,
        },
        { name: 'with the styles', value: `${formatNumber(raw / 1024)} KB raw, ${formatNumber(gzip / 1024)} KB gzip` },
        {
          name: 'OHLCV answer to chart drawn, 1,000 candles',
          value: `${formatNumber(drawn(1_000))} ms`,
          target: `≤ ${DRAW_TARGET_MS} ms`,
          met: drawn(1_000) <= DRAW_TARGET_MS,
        },
        { name: 'OHLCV answer to chart drawn, 10,000 candles', value: `${formatNumber(drawn(10_000))} ms` },
      ],
    };
  } finally {
    await browser.close();
    await api.stop();
  }
}
