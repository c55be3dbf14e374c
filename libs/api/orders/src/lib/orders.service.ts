import { Injectable } from '@nestjs/common';
import {
  ACTIVE_ORDER_STATUSES,
  type Balance,
  type LedgerAudit,
  LedgerDifference,
  type ListQuery,
  Order,
  OrderPage,
  type PositionProtection,
  Trade,
  TradePage,
} from '@lilux/contracts';
import { MarketService } from '@lilux/api/market';
import { applyMarketRules, checkProtectionLevels } from '@lilux/order-rules';
import { lockForUpdate, Transactions } from '@lilux/api/shared';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AccountsService } from './accounts.service';
import { OrderQueryDto, PlaceOrderDto, PositionProtectionDto, TradeQueryDto } from './dto/order.dto';
import { AccountEntity } from './entities/account.entity';
import { BalanceEntity } from './entities/balance.entity';
import { FillEntity } from './entities/fill.entity';
import { OrderEntity } from './entities/order.entity';
import { PositionEntity } from './entities/position.entity';
import { ExchangeRegistry } from './exchange-registry';
import { positionDifferences, replayPositions } from './kept-positions';
import { countRows, countsTotal, decodeCursor, keysetAfter, ListCursor, newestFirst, pageInfo } from './list-cursor';
import { Money, ZERO, money } from './money';
import { toTrade, withTransitions } from './order-mapping';
import { InvalidOrderError, OrderNotFoundError } from './orders.errors';

/**
 * Order entry and the order and trade history. Validates against the market's rules, then hands the order to
 * the account's exchange through the {@link ExchangeAdapter} port; it never knows which exchange that is.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly market: MarketService,
    private readonly transactions: Transactions,
    private readonly exchanges: ExchangeRegistry,
  ) {}

  /** Places an order, or returns the user's earlier order with the same client order id (`created: false`). */
  async place(userId: string, request: PlaceOrderDto, idempotencyKey?: string): Promise<{ order: Order; created: boolean }> {
    if (request.clientOrderId && idempotencyKey && request.clientOrderId !== idempotencyKey) {
      throw new InvalidOrderError({ clientOrderId: 'differs from the Idempotency-Key header' });
    }
    const callerId = request.clientOrderId ?? idempotencyKey;
    // A repeated request returns the first order even if it would no longer pass validation (the funds are spent).
    if (callerId) {
      const earlier = await this.transactions.run((manager) => manager.findOneBy(OrderEntity, { userId, clientOrderId: callerId }));
      // An order whose fate is unknown is looked up before it is answered, and nothing new is sent.
      if (earlier) return { order: await this.exchanges.of(await this.accountOf(earlier)).lookUp(earlier), created: false };
    }
    const clientOrderId = callerId ?? randomUUID().replace(/-/g, '');

    const account = await this.accounts.resolve(userId, request.accountId);
    const type = request.type ?? (request.price === undefined ? 'market' : 'limit');
    if (type === 'limit' && request.price === undefined) throw new InvalidOrderError({ price: 'is required for a limit order' });
    if (type === 'market' && request.price !== undefined)
      throw new InvalidOrderError({ price: 'is not used by a market order; leave it out or send type "limit"' });
    const market = await this.market.market(request.symbol);
    // After the checks above, a price is given exactly when the order is a limit order.
    const reference = request.price !== undefined ? money(request.price) : money((await this.market.ticker(market.symbol)).last);
    const rounded = applyMarketRules(market, {
      side: request.side,
      qty: money(request.qty),
      price: reference,
      isLimit: type === 'limit',
      sl: request.sl === undefined ? undefined : money(request.sl),
      tp: request.tp === undefined ? undefined : money(request.tp),
    });
    if ('fields' in rounded) throw new InvalidOrderError(rounded.fields);

    return this.exchanges.of(account).placeOrder({
      userId,
      account,
      market,
      clientOrderId,
      side: request.side,
      type,
      qty: rounded.qty,
      limitPrice: rounded.limitPrice,
      sl: rounded.sl,
      tp: rounded.tp,
    });
  }

  async list(userId: string, query: OrderQueryDto): Promise<OrderPage> {
    const { entities, total } = await this.transactions.run(async (manager) => {
      const select = manager.createQueryBuilder(OrderEntity, 'o').where('o.user_id = :userId', { userId });
      if (query.status) select.andWhere('o.status = :status', { status: query.status });
      if (query.symbol) select.andWhere('o.symbol = :symbol', { symbol: query.symbol });
      if (query.accountId) select.andWhere('o.account_id = :accountId', { accountId: query.accountId });
      const total = countsTotal(query) ? await countRows(select) : undefined;
      keysetAfter(select, 'o.created_at', 'o.id', cursorOf(query));
      // One row more than the page tells whether there is a next page, without counting.
      select
        .orderBy('o.created_at', 'DESC')
        .addOrderBy('o.id', 'DESC')
        .offset(query.offset)
        .limit(query.limit + 1);
      return { entities: await select.getMany(), total };
    });
    const page = entities.slice(0, query.limit);
    const last = entities.length > query.limit ? page[page.length - 1] : undefined;
    return { orders: await this.withTransitions(page), ...pageInfo(query, total, last && { time: last.createdAt, id: last.id }) };
  }

  async get(userId: string, id: string): Promise<Order> {
    return (await this.withTransitions([await this.owned(userId, id)]))[0];
  }

  /** Cancels an open order (for a stop-loss or take-profit leg: the pair) and frees what it locked. */
  async cancel(userId: string, id: string): Promise<Order> {
    const order = await this.owned(userId, id);
    return this.exchanges.of(await this.accountOf(order)).cancelOrder(order);
  }

  /**
   * Attaches, changes or removes the stop-loss / take-profit of a held position: the levels are checked against
   * the market as it is now, then the account's exchange swaps the old legs for the new ones.
   */
  async protect(userId: string, request: PositionProtectionDto): Promise<PositionProtection> {
    const account = await this.accounts.resolve(userId, request.accountId);
    const market = await this.market.market(request.symbol);
    const sl = request.sl === null ? undefined : money(request.sl);
    const tp = request.tp === null ? undefined : money(request.tp);
    const fields = checkProtectionLevels(market, money((await this.market.ticker(market.symbol)).last), { sl, tp });
    if (Object.keys(fields).length > 0) throw new InvalidOrderError(fields);
    return this.exchanges.of(account).protectPosition({ userId, account, market, sl, tp });
  }

  async trades(userId: string, query: TradeQueryDto): Promise<TradePage> {
    const accountIds = await this.tradeAccountIds(userId, query.accountId);
    const { fills, total } = await this.transactions.run(async (manager) => {
      let total: number | undefined;
      if (countsTotal(query)) {
        total = 0;
        for (const accountId of accountIds) total += await countRows(matchingFills(manager, accountId, query));
      }
      return { fills: await newestFills(manager, accountIds, query, cursorOf(query), query.offset, query.limit + 1), total };
    });
    const page = fills.slice(0, query.limit);
    const last = fills.length > query.limit ? page[page.length - 1] : undefined;
    return { trades: page.map(toTrade), ...pageInfo(query, total, last && { time: last.executedAt, id: last.id }) };
  }

  /**
   * Every trade matching the filter (not the paging), newest first, a batch per transaction: a download of any
   * length holds one batch in memory, and on SQLite other requests run between batches.
   */
  async *everyTrade(userId: string, filter: TradeFilter): AsyncGenerator<Trade[]> {
    const accountIds = await this.tradeAccountIds(userId, filter.accountId);
    let after: ListCursor | undefined;
    for (;;) {
      const fills = await this.transactions.run((manager) => newestFills(manager, accountIds, filter, after, 0, EXPORT_BATCH));
      if (fills.length > 0) yield fills.map(toTrade);
      if (fills.length < EXPORT_BATCH) return;
      const last = fills[fills.length - 1];
      after = { time: last.executedAt, id: last.id };
    }
  }

  /** Every fill of an account, oldest first: what the portfolio is computed from. */
  async fillsOf(accountId: string): Promise<Trade[]> {
    const fills = await this.transactions.run((manager) => manager.find(FillEntity, { where: { accountId }, order: { executedAt: 'ASC', id: 'ASC' } }));
    return fills.map(toTrade);
  }

  async balancesOf(account: AccountEntity): Promise<Balance[]> {
    return this.exchanges.of(account).fetchBalances(account);
  }

  /**
   * Checks that balances equal the start plus every fill and fee, that locks equal open orders, that nothing is
   * negative, and that the kept positions equal a replay of every fill.
   */
  async audit(userId: string, accountId?: string): Promise<LedgerAudit> {
    const account = await this.accounts.resolveLedger(userId, accountId);
    // Under the account's lock, so that no fill lands between reading the fills, the balances and the locks.
    const { fills, balances, locks, positions } = await this.transactions.run(async (manager) => {
      await lockForUpdate(manager, AccountEntity, [account.id]);
      return {
        fills: await manager.find(FillEntity, { where: { accountId: account.id }, order: { executedAt: 'ASC', id: 'ASC' } }),
        positions: await manager.find(PositionEntity, { where: { accountId: account.id } }),
        balances: await manager.find(BalanceEntity, { where: { accountId: account.id } }),
        locks: locksOf(await manager.find(OrderEntity, { where: { accountId: account.id, status: In(ACTIVE_ORDER_STATUSES) } })),
      };
    });
    const expected = new Map<string, Money>([[account.startAsset, money(account.startAmount)]]);
    const add = (asset: string, amount: Money) => expected.set(asset, (expected.get(asset) ?? ZERO).plus(amount));
    for (const fill of fills) {
      const [base, quote] = fill.symbol.split('/');
      const sign = fill.side === 'buy' ? 1 : -1;
      add(base, money(fill.qty).mul(sign));
      add(quote, money(fill.quoteQty).mul(-sign));
      add(fill.feeAsset, money(fill.fee).neg());
    }
    const differences: LedgerDifference[] = [];
    const assets = new Set([...expected.keys(), ...balances.map((balance) => balance.asset), ...locks.keys()]);
    for (const asset of [...assets].sort()) {
      const balance = balances.find((candidate) => candidate.asset === asset);
      const free = money(balance?.free ?? 0);
      const locked = money(balance?.locked ?? 0);
      const total = free.plus(locked);
      const wanted = expected.get(asset) ?? ZERO;
      if (!total.eq(wanted)) differences.push({ asset, what: 'total', expected: wanted.toFixed(), actual: total.toFixed() });
      const wantedLock = money(locks.get(asset) ?? 0);
      if (!locked.eq(wantedLock)) differences.push({ asset, what: 'locked', expected: wantedLock.toFixed(), actual: locked.toFixed() });
      if (free.isNeg() || locked.isNeg()) differences.push({ asset, what: 'negative', expected: '0', actual: Money.min(free, locked).toFixed() });
    }
    differences.push(...positionDifferences(replayPositions(fills), positions));
    return { accountId: account.id, ok: differences.length === 0, fills: fills.length, differences };
  }

  /** The accounts whose trades are asked for: the one named, or all of the user's; none when the one named is not theirs. */
  private async tradeAccountIds(userId: string, accountId: string | undefined): Promise<string[]> {
    const owned = await this.accounts.allAccountIds(userId);
    if (accountId === undefined) return owned;
    return owned.includes(accountId) ? [accountId] : [];
  }

  private accountOf(order: OrderEntity): Promise<AccountEntity> {
    return this.transactions.run((manager) => manager.findOneByOrFail(AccountEntity, { id: order.accountId }));
  }

  private async owned(userId: string, id: string): Promise<OrderEntity> {
    const order = await this.transactions.run((manager) => manager.findOneBy(OrderEntity, { id, userId }));
    if (!order) throw new OrderNotFoundError();
    return order;
  }

  private withTransitions(orders: OrderEntity[]): Promise<Order[]> {
    return this.transactions.run((manager) => withTransitions(manager, orders));
  }
}

/** What open orders lock, per asset. */
function locksOf(open: OrderEntity[]): Map<string, Money> {
  const locked = new Map<string, Money>();
  for (const order of open) locked.set(order.lockedAsset, (locked.get(order.lockedAsset) ?? ZERO).plus(order.lockedAmount));
  return locked;
}

type TradeFilter = Pick<TradeQueryDto, 'accountId' | 'symbol' | 'from' | 'to'>;

/** Rows per query of a CSV export. */
const EXPORT_BATCH = 1000;

function cursorOf(query: ListQuery): ListCursor | undefined {
  // The DTO has already refused a cursor this API did not make.
  return query.cursor === undefined ? undefined : decodeCursor(query.cursor);
}

function matchingFills(manager: EntityManager, accountId: string, filter: TradeFilter): SelectQueryBuilder<FillEntity> {
  const select = manager.createQueryBuilder(FillEntity, 'f').where('f.account_id = :accountId', { accountId });
  if (filter.symbol) select.andWhere('f.symbol = :symbol', { symbol: filter.symbol });
  if (filter.from) select.andWhere('f.executed_at >= :from', { from: filter.from });
  if (filter.to) select.andWhere('f.executed_at < :to', { to: filter.to });
  return select;
}

/**
 * The newest fills of the accounts after the cursor, rows skip to skip + count. One query per account, each
 * walking its (account, time, id) index from the top, merged here: `account_id IN (…) ORDER BY time` would make
 * the database read and sort every fill of every account to find the newest few.
 */
async function newestFills(
  manager: EntityManager,
  accountIds: string[],
  filter: TradeFilter,
  after: ListCursor | undefined,
  skip: number,
  count: number,
): Promise<FillEntity[]> {
  const oneAccount = accountIds.length === 1;
  const fills: FillEntity[] = [];
  for (const accountId of accountIds) {
    const select = matchingFills(manager, accountId, filter);
    keysetAfter(select, 'f.executed_at', 'f.id', after);
    select.orderBy('f.executed_at', 'DESC').addOrderBy('f.id', 'DESC');
    // With one account the database skips the rows; with several, each must give its first skip + count to merge.
    fills.push(...(await (oneAccount ? select.offset(skip).limit(count) : select.limit(skip + count)).getMany()));
  }
  if (oneAccount) return fills;
  const merged = fills.sort((a, b) => newestFirst({ time: a.executedAt, id: a.id }, { time: b.executedAt, id: b.id }));
  return merged.slice(skip, skip + count);
}
