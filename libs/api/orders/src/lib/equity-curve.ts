import { EntityManager, In } from 'typeorm';
import { EquityBucket, EquityDayEntity, EquityHourEntity } from './entities/equity-bucket.entity';
import { Money, money } from './money';

/** Equity is kept at the precision the API shows it. */
const EQUITY_DECIMALS = 8;

/** The spans the curve is kept in: hours for ranges up to a month, days beyond. */
export const EQUITY_SPANS = [
  { entity: EquityHourEntity, table: 'equity_hours', ms: 3_600_000 },
  { entity: EquityDayEntity, table: 'equity_days', ms: 86_400_000 },
] as const;
export type EquitySpan = (typeof EQUITY_SPANS)[number];

export interface EquityPointAt {
  accountId: string;
  time: string;
  equity: Money;
}

/** Where the span holding `time` starts. */
export function spanStart(time: string | number, span: EquitySpan): string {
  const at = typeof time === 'number' ? time : Date.parse(time);
  return new Date(Math.floor(at / span.ms) * span.ms).toISOString();
}

/**
 * The span's row with one more point of the curve. Adding a point twice changes nothing, so instances that value
 * the same time agree whatever their order.
 */
export function withEquityPoint(row: EquityBucket | undefined, span: EquitySpan, { accountId, time, equity }: EquityPointAt): EquityBucket {
  const value = equity.toDecimalPlaces(EQUITY_DECIMALS).toFixed();
  const next = Object.assign(new span.entity(), row);
  if (!row) {
    return Object.assign(next, {
      ...{ accountId, start: spanStart(time, span), firstAt: time, firstEquity: value, lowAt: time, lowEquity: value },
      ...{ highAt: time, highEquity: value, lastAt: time, lastEquity: value },
    });
  }
  const at = Date.parse(time);
  if (at < Date.parse(row.firstAt)) Object.assign(next, { firstAt: time, firstEquity: value });
  if (at >= Date.parse(row.lastAt)) Object.assign(next, { lastAt: time, lastEquity: value });
  if (money(value).lt(row.lowEquity)) Object.assign(next, { lowAt: time, lowEquity: value });
  if (money(value).gt(row.highEquity)) Object.assign(next, { highAt: time, highEquity: value });
  return next;
}

/** Every span's rows with `points` added, in order: what {@link addEquityPoints} writes, and the migration too. */
export function mergeEquityPoints(rows: Map<string, EquityBucket>, span: EquitySpan, points: EquityPointAt[]): Map<string, EquityBucket> {
  for (const point of points) {
    const key = bucketKey(point.accountId, spanStart(point.time, span));
    rows.set(key, withEquityPoint(rows.get(key), span, point));
  }
  return rows;
}

/** Adds points to the curve of their accounts, in every span; the caller holds the accounts' locks. */
export async function addEquityPoints(manager: EntityManager, points: EquityPointAt[]): Promise<void> {
  if (points.length === 0) return;
  const accountIds = [...new Set(points.map((point) => point.accountId))];
  for (const span of EQUITY_SPANS) {
    const starts = [...new Set(points.map((point) => spanStart(point.time, span)))];
    const existing = await manager.findBy(span.entity, { accountId: In(accountIds), start: In(starts) });
    const rows = mergeEquityPoints(new Map(existing.map((row) => [bucketKey(row.accountId, row.start), row])), span, points);
    await manager.upsert(span.entity, [...rows.values()], ['accountId', 'start']);
  }
}

function bucketKey(accountId: string, start: string): string {
  return `${accountId} ${start}`;
}
