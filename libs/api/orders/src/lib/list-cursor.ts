import type { ListQuery } from '@lilux/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Where a list sorted newest first (time DESC, then id DESC) stopped: the last row's time and id. Time alone is
 * not a total order (many fills share a millisecond), the pair is, because ids are unique. Clients get it as an
 * opaque base64url token, so its form can change without breaking them.
 */
export interface ListCursor {
  time: string;
  id: string;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9-]{1,36}$/;

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.id])).toString('base64url');
}

/** The cursor a token stands for, or undefined when it is not one this API made. */
export function decodeCursor(token: string): ListCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    // Not JSON: a token this API never made, answered like any other malformed one.
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [time, id] = value as unknown[];
  if (typeof time !== 'string' || !TIME.test(time) || Number.isNaN(Date.parse(time))) return undefined;
  if (typeof id !== 'string' || !ID.test(id)) return undefined;
  return { time, id };
}

/** Newest first, ties by id: the order every page and the cursor agree on. */
export function newestFirst(a: ListCursor, b: ListCursor): number {
  if (a.time !== b.time) return a.time < b.time ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Keeps the rows after the cursor in newest-first order. Written as `time <= t AND (time < t OR id < i)` rather
 * than a row-value comparison so that both SQLite and PostgreSQL turn the first half into an index range.
 */
export function keysetAfter<T extends ObjectLiteral>(select: SelectQueryBuilder<T>, timeColumn: string, idColumn: string, after: ListCursor | undefined): void {
  if (after === undefined) return;
  select.andWhere(`${timeColumn} <= :afterTime AND (${timeColumn} < :afterTime OR ${idColumn} < :afterId)`, { afterTime: after.time, afterId: after.id });
}

/** What a page says besides its rows: the count when it was made, and where the next page starts. */
export function pageInfo(query: ListQuery & { limit: number; offset: number }, total: number | undefined, next: ListCursor | undefined) {
  return { ...(total === undefined ? {} : { total }), limit: query.limit, offset: query.offset, nextCursor: next === undefined ? null : encodeCursor(next) };
}

/**
 * How many rows the query matches, as `COUNT(*)`: TypeORM's `getCount()` counts `DISTINCT id`, which makes the
 * database collect every matching id to drop duplicates that a query without joins cannot have.
 */
export async function countRows<T extends ObjectLiteral>(select: SelectQueryBuilder<T>): Promise<number> {
  const row = await select.clone().select('COUNT(*)', 'count').getRawOne<{ count: number | string }>();
  // PostgreSQL answers a bigint, as text.
  return Number(row?.count ?? 0);
}

/** Offset paging counts every matching row for pagers that show "page n of m", unless told not to; a cursor never does. */
export function countsTotal(query: ListQuery): boolean {
  return query.cursor === undefined && query.total !== 'false';
}
