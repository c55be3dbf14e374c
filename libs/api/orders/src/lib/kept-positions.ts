import { POSITION_FIGURES, type LedgerDifference } from '@lilux/contracts';
import { lockForUpdate } from '@lilux/api/shared';
import { EntityManager, In } from 'typeorm';
import { applyFill, type Book, type CostedFill } from '@lilux/order-rules';
import { AccountEntity } from './entities/account.entity';
import { addEquityPoints, type EquityPointAt } from './equity-curve';
import type { FillEntity } from './entities/fill.entity';
import { PositionEntity } from './entities/position.entity';
import { Money, ZERO, money } from './money';

export type PositionFigures = Omit<PositionEntity, 'accountId'>;

/** The position of `fill`'s base asset after it, by the average-cost method of {@link applyFill}. */
export function applyToPosition(position: PositionFigures | undefined, fill: CostedFill): PositionFigures {
  // One book per asset: the account's totals are the sums of its positions', so each asset's figures are kept,
  // checked and replayed alone, in the same order of operations.
  const book: Book = {
    cashFlow: money(position?.cashFlow ?? 0),
    feesPaid: money(position?.feesPaid ?? 0),
    realizedPnl: money(position?.realizedPnl ?? 0),
    holdings: new Map(position ? [[baseOf(fill.symbol), { symbol: position.symbol, qty: money(position.qty), cost: money(position.cost) }]] : []),
  };
  applyFill(book, fill);
  const holding = book.holdings.get(baseOf(fill.symbol));
  return {
    asset: baseOf(fill.symbol),
    symbol: holding?.symbol ?? fill.symbol,
    qty: (holding?.qty ?? ZERO).toFixed(),
    cost: (holding?.cost ?? ZERO).toFixed(),
    realizedPnl: book.realizedPnl.toFixed(),
    feesPaid: book.feesPaid.toFixed(),
    cashFlow: book.cashFlow.toFixed(),
    lastPrice: fill.price,
  };
}

/** Every position of an account replayed from its fills, oldest first: what the kept positions must equal. */
export function replayPositions(fills: CostedFill[]): Map<string, PositionFigures> {
  const positions = new Map<string, PositionFigures>();
  for (const fill of fills) positions.set(baseOf(fill.symbol), applyToPosition(positions.get(baseOf(fill.symbol)), fill));
  return positions;
}

/** Where the kept positions differ from the replayed ones, asset by asset; a position never kept counts as zero. */
export function positionDifferences(replayed: Map<string, PositionFigures>, kept: PositionFigures[]): LedgerDifference[] {
  const keptByAsset = new Map(kept.map((position) => [position.asset, position]));
  const differences: LedgerDifference[] = [];
  for (const asset of [...new Set([...replayed.keys(), ...keptByAsset.keys()])].sort()) {
    for (const figure of POSITION_FIGURES) {
      const expected = money(replayed.get(asset)?.[figure] ?? 0);
      const actual = money(keptByAsset.get(asset)?.[figure] ?? 0);
      if (!expected.eq(actual)) differences.push({ asset, what: `position.${figure}`, expected: expected.toFixed(), actual: actual.toFixed() });
    }
  }
  return differences;
}

/** Cash plus every holding at its price: the start amount plus what the fills moved, and what they bought. */
export function equityOf(startAmount: string, positions: Iterable<PositionFigures>, priceOf: (position: PositionFigures) => Money): Money {
  let equity = money(startAmount);
  for (const position of positions) {
    equity = equity.plus(position.cashFlow);
    if (!money(position.qty).isZero()) equity = equity.plus(money(position.qty).mul(priceOf(position)));
  }
  return equity;
}

/**
 * Applies `fills` to their accounts' positions and equity curve, in the transaction that records them. Under each
 * account's lock (on PostgreSQL; SQLite has one writer), as every fill of an account already is: two transactions
 * never read the same position and both write their own sum.
 */
export async function keepPositions(manager: EntityManager, fills: FillEntity[]): Promise<void> {
  if (fills.length === 0) return;
  const accountIds = [...new Set(fills.map((fill) => fill.accountId))];
  await lockForUpdate(manager, AccountEntity, accountIds);
  const accounts = new Map((await manager.findBy(AccountEntity, { id: In(accountIds) })).map((account) => [account.id, account]));
  const positions = new Map<string, Map<string, PositionFigures>>(accountIds.map((id) => [id, new Map()]));
  for (const { accountId, ...position } of await manager.findBy(PositionEntity, { accountId: In(accountIds) })) {
    positions.get(accountId)?.set(position.asset, position);
  }
  const points: EquityPointAt[] = [];
  const changed = new Map<string, PositionEntity>();
  // The order the replay reads them in (time, then id), so kept and replayed figures agree to the last digit.
  for (const fill of [...fills].sort((a, b) => a.executedAt.localeCompare(b.executedAt) || a.id.localeCompare(b.id))) {
    const held = positions.get(fill.accountId) as Map<string, PositionFigures>;
    const position = applyToPosition(held.get(baseOf(fill.symbol)), fill);
    held.set(position.asset, position);
    changed.set(`${fill.accountId} ${position.asset}`, Object.assign(new PositionEntity(), { accountId: fill.accountId, ...position }));
    const account = accounts.get(fill.accountId) as AccountEntity;
    const equity = equityOf(account.startAmount, held.values(), (other) => money(other.lastPrice));
    points.push({ accountId: fill.accountId, time: fill.executedAt, equity });
  }
  await manager.upsert(PositionEntity, [...changed.values()], ['accountId', 'asset']);
  await addEquityPoints(manager, points);
}

function baseOf(symbol: string): string {
  return symbol.split('/')[0];
}
