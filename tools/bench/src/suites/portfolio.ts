import { EQUITY_SPANS, KeepPositions1764760000000 } from '@lilux/api/orders';
import { ADMIN, login, startApi } from '@lilux/api/testing';
import { replayFills } from '@lilux/order-rules';
import type { Trade } from '@lilux/contracts';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource, QueryRunner } from 'typeorm';
import { SuiteResult, formatNumber, median } from '../report';

/** BENCH_PORTFOLIO_SIZES=1000,10000 for a quick look; the growth figure compares the last size with the first. */
const SIZES = (process.env['BENCH_PORTFOLIO_SIZES'] ?? '1000,10000,100000,1000000').split(',').map(Number);
/** main replayed every fill on each request; measured in-process where that stays cheap. */
const REPLAY_SIZES = [1_000, 10_000];
const RUNS = 7;
const PORTFOLIO_TARGET_MS = 15;
const HISTORY_TARGET_MS = 50;
const HISTORY_TARGET_BYTES = 100_000;
const GROWTH_TARGET = 1.5;
/** Every size spreads its fills over the same year, as one trader would trade more or less often. */
const SPAN_MS = 365 * 86_400_000;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
const ROWS_PER_INSERT = 100;
/** Above this the migration's replay would take minutes: the bench writes the positions and curve rows itself. */
const REPLAYED_UP_TO = 100_000;

interface Measured {
  portfolioMs: number;
  portfolioBytes: number;
  historyAllMs: number;
  historyAllBytes: number;
  historyAllPoints: number;
  history1dMs: number;
  history1dBytes: number;
  buildMs: number;
}

/**
 * `GET /api/portfolio` and `GET /api/portfolio/history` on a paper account with 1,000 to 1,000,000 fills over a
 * year. The fills are written straight into SQLite (a million orders through HTTP would take hours), then the
 * positions and the equity curve are built from them by the migration that upgrades existing databases (up to
 * 100,000 fills; beyond, the bench writes those rows itself).
 */
export async function benchPortfolio(): Promise<SuiteResult> {
  const results = new Map<number, Measured>();
  for (const size of SIZES) results.set(size, await measure(size));
  const replays = REPLAY_SIZES.map((size) => ({ size, ms: replayMs(size) }));
  const first = results.get(SIZES[0]) as Measured;
  const last = results.get(SIZES[SIZES.length - 1]) as Measured;
  const figures = [...results].flatMap(([size, result]) => [
    {
      name: `${formatNumber(size)} fills: GET /api/portfolio`,
      value: `${result.portfolioMs.toFixed(1)} ms, ${formatNumber(result.portfolioBytes)} B`,
      target: `≤ ${PORTFOLIO_TARGET_MS} ms`,
      met: result.portfolioMs <= PORTFOLIO_TARGET_MS,
    },
    {
      name: `${formatNumber(size)} fills: GET /api/portfolio/history?range=all`,
      value: `${result.historyAllMs.toFixed(1)} ms, ${formatNumber(result.historyAllBytes)} B, ${result.historyAllPoints} points`,
      target: `≤ ${HISTORY_TARGET_MS} ms, ≤ ${formatNumber(HISTORY_TARGET_BYTES)} B`,
      met: result.historyAllMs <= HISTORY_TARGET_MS && result.historyAllBytes <= HISTORY_TARGET_BYTES,
    },
    {
      name: `${formatNumber(size)} fills: GET /api/portfolio/history?range=1d`,
      value: `${result.history1dMs.toFixed(1)} ms, ${formatNumber(result.history1dBytes)} B`,
      target: `≤ ${HISTORY_TARGET_MS} ms, ≤ ${formatNumber(HISTORY_TARGET_BYTES)} B`,
      met: result.history1dMs <= HISTORY_TARGET_MS && result.history1dBytes <= HISTORY_TARGET_BYTES,
    },
    {
      name: `${formatNumber(size)} fills: migration building positions and curve`,
      value: Number.isNaN(result.buildMs) ? 'not run (rows written directly)' : `${formatNumber(result.buildMs / 1000, 1)} s`,
    },
  ]);
  const ratio = (pick: (result: Measured) => number) => pick(last) / pick(first);
  for (const [name, pick] of [
    ['portfolio', (result: Measured) => result.portfolioMs],
    ['history all', (result: Measured) => result.historyAllMs],
    ['history 1d', (result: Measured) => result.history1dMs],
  ] as const) {
    figures.push({
      name: `${name}: ${formatNumber(SIZES[SIZES.length - 1])} / ${formatNumber(SIZES[0])} fills`,
      value: `${ratio(pick).toFixed(2)}×`,
      target: `≤ ${GROWTH_TARGET}×`,
      met: ratio(pick) <= GROWTH_TARGET,
    });
  }
  for (const { size, ms } of replays) {
    figures.push({ name: `before (main): replaying ${formatNumber(size)} fills, what each request did`, value: `${ms.toFixed(1)} ms` });
  }
  return {
    title: 'Portfolio and equity curve: GET /api/portfolio, GET /api/portfolio/history',
    conditions: `SQLite, one paper account, fills over one year on ${SYMBOLS.length} symbols written straight into the database; median of ${RUNS} requests after 2`,
    figures,
  };
}

async function measure(size: number): Promise<Measured> {
  const api = await startApi({ MARKET_DATA: 'simulated', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000' });
  try {
    let token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const accounts = (await (await fetch(`${api.baseUrl}/api/accounts`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string }[];
    const accountId = accounts[0].id;
    await api.halt();
    const buildMs = await writeFills(join(api.directory, 'data', 'lilux.db'), accountId, size);
    await api.restart();
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const time = async (path: string) => {
      const durations: number[] = [];
      let body = '';
      for (let run = 0; run < RUNS + 2; run++) {
        const started = performance.now();
        const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        body = await response.text();
        if (!response.ok) throw new Error(`${path}: ${response.status} ${body}`);
        if (run >= 2) durations.push(performance.now() - started);
      }
      return { ms: median(durations), bytes: Buffer.byteLength(body), body };
    };
    const portfolio = await time('/api/portfolio');
    const all = await time('/api/portfolio/history?range=all');
    const day = await time('/api/portfolio/history?range=1d');
    return {
      ...{ portfolioMs: portfolio.ms, portfolioBytes: portfolio.bytes, buildMs },
      ...{ historyAllMs: all.ms, historyAllBytes: all.bytes, historyAllPoints: JSON.parse(all.body).points.length },
      ...{ history1dMs: day.ms, history1dBytes: day.bytes },
    };
  } finally {
    await api.stop();
  }
}

/** Writes `size` fills of one order into the stopped API's database, then builds positions and curve as an upgrade does; returns the build's ms. */
async function writeFills(file: string, accountId: string, size: number): Promise<number> {
  const database = new DataSource({ type: 'sqlite', database: file });
  await database.initialize();
  try {
    const now = Date.now();
    const orderId = randomUUID();
    await database.query(`UPDATE accounts SET created_at = ? WHERE id = ?`, [new Date(now - SPAN_MS - 3_600_000).toISOString(), accountId]);
    const userId = (await database.query('SELECT user_id FROM accounts WHERE id = ?', [accountId]))[0].user_id;
    await database.query(
      `INSERT INTO orders (id, user_id, account_id, client_order_id, symbol, side, type, role, parent_id, status, qty, price, sl, tp, filled_qty,
         average_price, fee, fee_asset, locked_asset, locked_amount, exchange_order_id, reject_reason, created_at, updated_at)
       VALUES (?, ?, ?, 'bench', 'BTC/USDT', 'buy', 'market', 'entry', NULL, 'filled', '1', NULL, NULL, NULL, '1', '1', '0', 'USDT', 'USDT', '0', NULL, NULL, ?, ?)`,
      [orderId, userId, accountId, new Date(now - SPAN_MS).toISOString(), new Date(now - SPAN_MS).toISOString()],
    );
    await database.transaction(async (manager) => {
      for (let start = 0; start < size; start += ROWS_PER_INSERT) {
        const rows = Array.from({ length: Math.min(ROWS_PER_INSERT, size - start) }, (_, offset) => fillRow(start + offset, size, now, orderId, accountId));
        await manager.query(
          `INSERT INTO fills (id, trade_id, order_id, account_id, symbol, side, qty, price, quote_qty, fee, fee_asset, liquidity, executed_at) VALUES ${rows
            .map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .join(', ')}`,
          rows.flat(),
        );
      }
    });
    const runner = database.createQueryRunner();
    try {
      if (size > REPLAYED_UP_TO) {
        await writeCurve(runner, accountId, now);
        return Number.NaN;
      }
      await runner.query('DROP TABLE equity_days');
      await runner.query('DROP TABLE equity_hours');
      await runner.query('DROP TABLE positions');
      const started = performance.now();
      await new KeepPositions1764760000000().up(runner);
      return performance.now() - started;
    } finally {
      await runner.release();
    }
  } finally {
    await database.destroy();
  }
}

/**
 * What the migration would build for a year of fills, written directly: a position per symbol, and a row per
 * hour and per day of the year. The reads measured depend on these rows only, never on the fills.
 */
async function writeCurve(runner: QueryRunner, accountId: string, now: number): Promise<void> {
  for (const [index, symbol] of SYMBOLS.entries()) {
    await runner.query(
      `INSERT INTO positions (account_id, asset, symbol, qty, cost, realized_pnl, fees_paid, cash_flow, last_price) VALUES (?, ?, ?, '0.01', ?, '123.45', '67.8', '-1000', ?)`,
      [accountId, symbol.split('/')[0], symbol, String((index + 1) * 1.01), String((index + 1) * 100)],
    );
  }
  for (const { table, ms } of EQUITY_SPANS) {
    const starts = Array.from({ length: Math.ceil(SPAN_MS / ms) + 1 }, (_, index) => Math.floor((now - SPAN_MS) / ms) * ms + index * ms);
    for (let first = 0; first < starts.length; first += ROWS_PER_INSERT) {
      const rows = starts.slice(first, first + ROWS_PER_INSERT).map((start) => {
        const at = (offset: number) => new Date(start + offset * (ms / 4)).toISOString();
        const equity = (offset: number) => (10_000 + 500 * Math.sin((start + offset * (ms / 4)) / 86_400_000)).toFixed(8);
        return [accountId, new Date(start).toISOString(), at(0), equity(0), at(1), equity(1), at(2), equity(2), at(3), equity(3)];
      });
      await runner.query(
        `INSERT INTO ${table} (account_id, start, first_at, first_equity, low_at, low_equity, high_at, high_equity, last_at, last_equity) VALUES ${rows
          .map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .join(', ')}`,
        rows.flat(),
      );
    }
  }
}

/** The index-th of `size` fills: buys and sells in turn on each symbol, at a slowly moving price. */
function fillRow(index: number, size: number, now: number, orderId: string, accountId: string): string[] {
  const symbol = SYMBOLS[index % SYMBOLS.length];
  const side = Math.floor(index / SYMBOLS.length) % 2 === 0 ? 'buy' : 'sell';
  const price = (100 * (SYMBOLS.indexOf(symbol) + 1) * (1 + 0.2 * Math.sin(index / 5000))).toFixed(2);
  const qty = '0.01';
  const quoteQty = (Number(price) * 0.01).toFixed(4);
  const fee = (Number(quoteQty) * 0.001).toFixed(8);
  const id = randomUUID();
  const executedAt = new Date(now - SPAN_MS + Math.floor((index * SPAN_MS) / size)).toISOString();
  return [id, id, orderId, accountId, symbol, side, qty, price, quoteQty, fee, 'USDT', 'taker', executedAt];
}

/** What main's GET /api/portfolio did per request beyond reading the fills: replay all of them. */
function replayMs(size: number): number {
  const trades: Trade[] = Array.from({ length: size }, (_, index) => {
    const [id, , orderId, accountId, symbol, side, qty, price, quoteQty, fee, feeAsset, , time] = fillRow(index, size, Date.now(), 'o', 'a');
    return { id, orderId, accountId, symbol, side: side as Trade['side'], qty, price, quoteQty, fee, feeAsset, liquidity: 'taker', time };
  });
  const durations = Array.from({ length: 5 }, () => {
    const started = performance.now();
    replayFills(trades);
    return performance.now() - started;
  });
  return median(durations);
}
