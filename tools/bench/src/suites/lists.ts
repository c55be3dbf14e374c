import { ADMIN, login, startApi } from '@lilux/api/testing';
import type { OrderPage, TradePage } from '@lilux/contracts';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Database } from 'sqlite3';
import { Figure, SuiteResult, formatNumber, median } from '../report';

const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const RUNS = 5;
const PAGE = 50;
/** How much slower the largest history may answer a page by cursor than the smallest: "flat". */
const FLAT_RATIO_TARGET = 1.5;

type List = 'orders' | 'trades';

/**
 * `GET /api/orders?limit=50` and `GET /api/trades?limit=50` on one paper account holding 1k to 1M filled orders
 * (an order and a fill each), inserted straight into SQLite. Per list: the first page as the console asks for
 * it (with the count), the first page without the count, and the page in the middle of the history reached by
 * offset and by cursor.
 */
export async function benchLists(): Promise<SuiteResult> {
  const api = await startApi({ MARKET_DATA: 'simulated', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000' });
  const database = await open(join(api.directory, 'data', 'lilux.db'));
  try {
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const headers = { authorization: `Bearer ${token}` };
    const answer = async <T>(path: string): Promise<T> => {
      const response = await fetch(api.baseUrl + path, { headers });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const timed = async (path: string) => {
      await answer(path);
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        await answer(path);
        times.push(performance.now() - start);
      }
      return median(times);
    };
    const [account] = await answer<{ id: string }[]>('/api/accounts');
    const [userId] = (await query(database, `SELECT user_id FROM accounts WHERE id = '${account.id}'`)).map((row) => row['user_id'] as string);

    const figures: Figure[] = [];
    const byCursor = new Map<List, number[]>();
    let inserted = 0;
    for (const size of SIZES) {
      await insertFilledOrders(database, userId, account.id, inserted, size - inserted);
      inserted = size;
      for (const list of ['orders', 'trades'] as const) {
        const middle = size / 2;
        // The cursor of the page in the middle: given by the page just before it.
        const before = await answer<OrderPage | TradePage>(`/api/${list}?limit=${PAGE}&offset=${middle - PAGE}&total=false`);
        const cases: [string, string][] = [
          ['first page', `/api/${list}?limit=${PAGE}`],
          ['first page, total=false', `/api/${list}?limit=${PAGE}&total=false`],
          [`page at row ${formatNumber(middle)} by offset`, `/api/${list}?limit=${PAGE}&offset=${middle}&total=false`],
          [`page at row ${formatNumber(middle)} by cursor`, `/api/${list}?limit=${PAGE}&cursor=${before.nextCursor}`],
        ];
        for (const [name, path] of cases) {
          const ms = await timed(path);
          if (name.endsWith('by cursor')) byCursor.set(list, [...(byCursor.get(list) ?? []), ms]);
          figures.push({ name: `${formatNumber(size)} rows, ${list}, ${name}`, value: `${formatNumber(ms, 1)} ms` });
        }
      }
    }
    for (const [list, times] of byCursor) {
      const ratio = times[times.length - 1] / times[0];
      figures.push({
        name: `${list} by cursor, ${formatNumber(SIZES[SIZES.length - 1])} rows vs ${formatNumber(SIZES[0])}`,
        value: `${formatNumber(ratio, 2)}×`,
        target: `≤ ${FLAT_RATIO_TARGET}×`,
        met: ratio <= FLAT_RATIO_TARGET,
      });
    }
    return {
      title: 'Order and trade lists: GET /api/orders and /api/trades, 50 a page',
      conditions: `one paper account, SQLite; each size adds filled orders (an order and a fill each) inserted in SQL; median of ${RUNS} requests after one`,
      figures,
    };
  } finally {
    await new Promise((resolve) => database.close(resolve));
    await api.stop();
  }
}

function open(file: string): Promise<Database> {
  return new Promise((resolve, reject) => {
    const database = new Database(file, (failed) => (failed ? reject(failed) : resolve(database)));
    database.configure('busyTimeout', 10_000);
  });
}

function query(database: Database, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => database.all(sql, (failed, rows: Record<string, unknown>[]) => (failed ? reject(failed) : resolve(rows))));
}

/**
 * Filled DOGE market buys, a second apart, generated inside SQLite (a million rows in seconds). Ids are random
 * like Lilux's UUIDs, so the indexes are as scattered as in use. Balances are not adjusted: the lists do not read them.
 */
async function insertFilledOrders(database: Database, userId: string, accountId: string, from: number, count: number): Promise<void> {
  const start = Date.UTC(2025, 0, 1) / 1000;
  const time = `strftime('%Y-%m-%dT%H:%M:%fZ', ${start} + i, 'unixepoch')`;
  const uuid = `lower(printf('%s-%s-4%s-8%s-%s', hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2), hex(randomblob(6))))`;
  const [{ last }] = await query(database, 'SELECT coalesce(max(rowid), 0) AS last FROM orders');
  await query(database, 'BEGIN');
  await query(
    database,
    `WITH RECURSIVE n(i) AS (SELECT ${from + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${from + count})
     INSERT INTO orders (id, user_id, account_id, client_order_id, symbol, side, type, role, parent_id, status, qty, price, sl, tp,
       filled_qty, average_price, fee, fee_asset, locked_asset, locked_amount, exchange_order_id, reject_reason, created_at, updated_at)
     SELECT ${uuid}, '${userId}', '${accountId}', 'bench-' || i, 'DOGE/USDT', 'buy', 'market', 'entry', NULL, 'filled', '10', NULL, NULL, NULL,
       '10', '0.32', '0.01', 'DOGE', 'USDT', '0', NULL, NULL, ${time}, ${time} FROM n`,
  );
  await query(
    database,
    `INSERT INTO fills (id, trade_id, order_id, account_id, symbol, side, qty, price, quote_qty, fee, fee_asset, liquidity, executed_at)
     SELECT ${uuid}, id, id, account_id, symbol, side, qty, '0.32', '3.2', '0.01', 'DOGE', 'taker', created_at FROM orders WHERE rowid > ${Number(last)}`,
  );
  await query(database, 'COMMIT');
  // As SQLite does after every 1,000 pages written: a million rows in one transaction leave a WAL of a gigabyte that every read would search.
  await query(database, 'PRAGMA wal_checkpoint(TRUNCATE)');
}
