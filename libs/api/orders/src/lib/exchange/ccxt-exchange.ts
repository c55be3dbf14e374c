import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Balance, Order, OrderStatus } from '@lilux/contracts';
import { Clock, RateLimitBackoff, retryAfterMs, SerializedTransactions, USER_EVENT, UserEvent } from '@lilux/api/shared';
import * as ccxt from 'ccxt';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AccountEntity } from '../entities/account.entity';
import { FillEntity } from '../entities/fill.entity';
import { OrderTransitionEntity } from '../entities/order-transition.entity';
import { OrderEntity } from '../entities/order.entity';
import { ExchangeAdapter, OrderPlacement } from '../exchange-adapter';
import { Money, money, toDecimalString } from '../money';
import { toOrder, toTrade } from '../order-mapping';
import { ExchangeRefusedOrderError, ExchangeUnreachableError, InvalidOrderError, OrderNotCancelableError } from '../orders.errors';
import { BinanceClients, binanceReason, exchangeError } from './binance-client';
import { ExchangeAccountsService, modeOf } from './exchange-accounts.service';

/** How often exchange orders that are not final (unknown, resting) are looked up again. */
const RECONCILE_EVERY_MS = 10_000;
/** An order the exchange still does not know this long after it was sent never reached it. */
const NEVER_ARRIVED_AFTER_MS = 120_000;
/** How long a `new` order may be in the hands of its sender (longer than any request timeout). */
const IN_FLIGHT_MS = 90_000;
/**
 * Order submission pauses after the exchange said "too many requests": one of Binance's 10-second order-count
 * windows at first, doubling while it keeps refusing, at most 5 minutes unless it asks for longer.
 */
const FIRST_PAUSE_MS = 10_000;
const MAX_PAUSE_MS = 300_000;

/**
 * Binance testnet and live accounts through ccxt, behind the same {@link ExchangeAdapter} port as paper. An
 * order is persisted as `new` before it is sent, with its client order id as Binance's `newClientOrderId`, and
 * `createOrder` is never retried: when the exchange does not answer, the order becomes `unknown` and is looked
 * up by that id (at once, every {@link RECONCILE_EVERY_MS}, at start-up, and when the same id is sent again)
 * before anything else is sent for it. So one request never makes two exchange orders.
 */
@Injectable()
export class CcxtExchange implements ExchangeAdapter, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CcxtExchange.name);
  private readonly clientsByAccount = new Map<string, Promise<ccxt.binance>>();
  /** Each account's pause after the exchange asked it to slow down (Binance counts orders per account). */
  private readonly backoffs = new Map<string, RateLimitBackoff>();
  private reconcileTimer: ReturnType<typeof setInterval> | undefined;
  /** Resolves once the orders left open or unknown by the last run have been looked up. */
  private startUpReconciliation: Promise<void> = Promise.resolve();

  constructor(
    private readonly transactions: SerializedTransactions,
    private readonly clients: BinanceClients,
    private readonly exchangeAccounts: ExchangeAccountsService,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {}

  onApplicationBootstrap(): void {
    // At start-up every `new` order is one the last process may have sent: all are looked up.
    this.startUpReconciliation = this.reconcileAll(['new', 'unknown', 'open', 'partially_filled'], 0);
    this.reconcileTimer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.reconcileTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.reconcileTimer);
  }

  async placeOrder(placement: OrderPlacement): Promise<{ order: Order; created: boolean }> {
    const { account } = placement;
    if (account.kind === 'binance-live' && !this.exchangeAccounts.isLiveTradingAllowed) {
      throw new InvalidOrderError({ accountId: 'is a live account, and live trading is switched off on this server (ALLOW_LIVE_TRADING)' });
    }
    await this.startUpReconciliation;
    const pausedMs = this.backoffOf(account.id).remainingMs();
    if (pausedMs > 0) {
      throw new ExchangeUnreachableError(`the exchange asked us to slow down; orders resume in ${Math.ceil(pausedMs / 1000)} s`, pausedMs / 1000);
    }
    if ((placement.sl || placement.tp) && placement.side === 'sell') {
      throw new InvalidOrderError({ sl: 'on an exchange account, stop-loss and take-profit protect buys only (spot cannot go short)' });
    }
    if ((placement.sl === undefined) !== (placement.tp === undefined)) {
      throw new InvalidOrderError({ [placement.sl ? 'tp' : 'sl']: 'goes with the other: Binance arms stop-loss and take-profit as one OCO pair' });
    }

    const order = await this.persistNew(placement);
    if (!order) return { order: await this.refresh(await this.byClientOrderId(placement.userId, placement.clientOrderId)), created: false };
    const exchange = await this.clientFor(account);
    try {
      const sent = await exchange.createOrder(
        placement.market.symbol,
        placement.type,
        placement.side,
        placement.qty.toNumber(),
        placement.limitPrice?.toNumber(),
        { clientOrderId: placement.clientOrderId },
      );
      this.backoffOf(account.id).succeeded();
      const placed = await this.apply(order, sent);
      if (placement.sl && placement.tp && placed.status === 'filled') await this.armBrackets(await this.entity(order.id), placement.sl, placement.tp);
      return { order: await this.stored(order.id), created: true };
    } catch (error) {
      return { order: await this.afterFailedSend(order, error, exchange), created: true };
    }
  }

  /**
   * Once the entry filled: a Binance OCO list selling what was bought, a LIMIT_MAKER at the take-profit and a
   * STOP_LOSS_LIMIT at the stop. Both legs are stored first, as `new`; when the exchange refuses the list, they
   * are rejected with its reason and the position stands unprotected, which the order events say.
   */
  private async armBrackets(entry: OrderEntity, sl: Money, tp: Money): Promise<void> {
    const qty = money(entry.filledQty).minus(entry.feeAsset === entry.symbol.split('/')[0] ? entry.fee : 0);
    const legs = await this.transactions.run(async (manager) => {
      const now = this.now();
      const leg = (role: 'stop_loss' | 'take_profit', price: Money) =>
        manager.create(OrderEntity, {
          ...entry,
          id: randomUUID(),
          clientOrderId: `${role === 'stop_loss' ? 'sl' : 'tp'}.${entry.id.replace(/-/g, '').slice(0, 32)}`,
          side: 'sell',
          type: 'limit',
          role,
          parentId: entry.id,
          status: 'new',
          qty: toDecimalString(qty),
          price: toDecimalString(price),
          sl: null,
          tp: null,
          filledQty: '0',
          averagePrice: null,
          fee: '0',
          feeAsset: entry.symbol.split('/')[1],
          exchangeOrderId: null,
          rejectReason: null,
          createdAt: now,
          updatedAt: now,
        });
      const pair = [leg('stop_loss', sl), leg('take_profit', tp)];
      await manager.insert(OrderEntity, pair);
      await manager.insert(OrderTransitionEntity, pair.map((order) => ({ orderId: order.id, status: 'new' as const, at: now, reason: null })));
      return pair;
    });
    const [stopLoss, takeProfit] = legs;
    try {
      const exchange = await this.clientFor(await this.accountOf(entry));
      const list = (await exchange.privatePostOrderListOco({
        symbol: exchange.marketId(entry.symbol),
        side: 'SELL',
        quantity: exchange.amountToPrecision(entry.symbol, qty.toNumber()),
        aboveType: 'LIMIT_MAKER',
        abovePrice: exchange.priceToPrecision(entry.symbol, tp.toNumber()),
        aboveClientOrderId: takeProfit.clientOrderId,
        belowType: 'STOP_LOSS_LIMIT',
        belowStopPrice: exchange.priceToPrecision(entry.symbol, sl.toNumber()),
        belowPrice: exchange.priceToPrecision(entry.symbol, sl.toNumber()),
        belowTimeInForce: 'GTC',
        belowClientOrderId: stopLoss.clientOrderId,
      })) as { orders: { orderId: number; clientOrderId: string }[] };
      for (const leg of legs) {
        const sent = list.orders.find((candidate) => candidate.clientOrderId === leg.clientOrderId);
        await this.transactions.run((manager) => manager.update(OrderEntity, { id: leg.id }, { exchangeOrderId: sent ? String(sent.orderId) : null }));
        await this.transitionTo(leg, 'open', 'armed on the exchange as one OCO list');
      }
    } catch (error) {
      const reason = error instanceof Error ? binanceReason(error) : String(error);
      for (const leg of legs) await this.transitionTo(leg, 'rejected', `the exchange refused the stop-loss/take-profit pair: ${reason}`.slice(0, 200));
      this.logger.warn({ orderId: entry.id, reason }, 'could not arm stop-loss and take-profit on the exchange');
    }
  }

  async cancelOrder(order: OrderEntity): Promise<Order> {
    if (!['open', 'partially_filled'].includes(order.status) || !order.exchangeOrderId) throw new OrderNotCancelableError(order.status);
    const account = await this.accountOf(order);
    try {
      const canceled = await (await this.clientFor(account)).cancelOrder(order.exchangeOrderId, order.symbol);
      const result = await this.apply(order, canceled);
      // Canceling one leg of an OCO list cancels the list on the exchange: the other leg learns it now.
      const parentId = order.parentId;
      if (parentId) {
        const siblings = await this.transactions.run((manager) => manager.find(OrderEntity, { where: { parentId, status: In(['open', 'partially_filled']) } }));
        for (const sibling of siblings) await this.syncOpen(sibling);
      }
      return result;
    } catch (error) {
      if (error instanceof ccxt.OrderNotFound) return this.refresh(order);
      throw exchangeError(error);
    }
  }

  async fetchBalances(account: AccountEntity): Promise<Balance[]> {
    return this.clients.balances(modeOf(account), await this.exchangeAccounts.keysOf(account.id));
  }

  /** The order as the exchange knows it now, for an order whose fate is unknown; the order as stored otherwise. */
  async refresh(order: OrderEntity): Promise<Order> {
    if (order.status !== 'unknown' && order.status !== 'new') return this.stored(order.id);
    try {
      const found = await (await this.clientFor(await this.accountOf(order))).fetchOrder('', order.symbol, { origClientOrderId: order.clientOrderId });
      return await this.apply(order, found);
    } catch (error) {
      if (error instanceof ccxt.OrderNotFound && this.clock.now() - Date.parse(order.createdAt) > NEVER_ARRIVED_AFTER_MS) {
        return this.transitionTo(order, 'rejected', 'the exchange never received it');
      }
      return this.stored(order.id);
    }
  }

  /** Inserts the order as `new` before anything is sent; null when the user already has one with that client id. */
  private async persistNew(placement: OrderPlacement): Promise<OrderEntity | null> {
    const now = this.now();
    try {
      return await this.transactions.run(async (manager) => {
        const order = manager.create(OrderEntity, {
          id: randomUUID(),
          userId: placement.userId,
          accountId: placement.account.id,
          clientOrderId: placement.clientOrderId,
          symbol: placement.market.symbol,
          side: placement.side,
          type: placement.type,
          role: 'entry',
          parentId: null,
          status: 'new',
          qty: toDecimalString(placement.qty),
          price: placement.limitPrice ? toDecimalString(placement.limitPrice) : null,
          sl: null,
          tp: null,
          filledQty: '0',
          averagePrice: null,
          fee: '0',
          feeAsset: placement.side === 'buy' ? placement.market.base : placement.market.quote,
          // The exchange holds the funds of its orders; nothing is locked in Lilux's books.
          lockedAsset: placement.market.quote,
          lockedAmount: '0',
          exchangeOrderId: null,
          rejectReason: null,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(OrderEntity, order);
        await manager.insert(OrderTransitionEntity, { orderId: order.id, status: 'new', at: now, reason: null });
        return order;
      });
    } catch (error) {
      // The unique (user, client order id) index: a request with this id got here first.
      if (String((error as Error).message).includes('UNIQUE')) return null;
      throw error;
    }
  }

  /** What a failed `createOrder` means for the order: refused (nothing happened) or unknown (anything may have). */
  private async afterFailedSend(order: OrderEntity, error: unknown, exchange: ccxt.binance): Promise<Order> {
    if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) {
      // Binance refuses a rate-limited order before taking it, so nothing was sent.
      const pauseMs = this.backoffOf(order.accountId).refused(retryAfterMs(exchange.last_response_headers));
      this.logger.warn(`binance asked account ${order.accountId} to slow down (${error.constructor.name}); orders paused for ${pauseMs} ms`);
      await this.transitionTo(order, 'rejected', 'not sent: the exchange asked us to slow down');
      throw new ExchangeUnreachableError(`the exchange asks us to slow down; orders are paused for ${Math.ceil(pauseMs / 1000)} s`, pauseMs / 1000);
    }
    if (error instanceof ccxt.AuthenticationError || error instanceof ccxt.PermissionDenied || error instanceof ccxt.AccountSuspended) {
      await this.transitionTo(order, 'rejected', 'the exchange rejected the key');
      throw exchangeError(error);
    }
    if (error instanceof ccxt.OperationFailed) {
      // A timeout, a 5xx, -1007: the exchange may have the order. Ask it by client order id before anything else.
      await this.transitionTo(order, 'unknown', `no answer from the exchange: ${error.name}`);
      const known = await this.refresh(await this.entity(order.id));
      if (known.status !== 'unknown') return known;
      throw new ExchangeUnreachableError(
        "the order's fate is unknown and is being checked with the exchange; send the same clientOrderId again to learn it",
      );
    }
    const reason = error instanceof Error ? binanceReason(error) : String(error);
    await this.transitionTo(order, 'rejected', reason.slice(0, 200));
    throw new ExchangeRefusedOrderError(reason);
  }

  /** Brings the stored order to what the exchange reports: status, filled quantity, average price, fills. */
  private async apply(order: OrderEntity, reported: ccxt.Order): Promise<Order> {
    const status = statusOf(reported);
    const trades = await this.tradesOf(order, reported);
    const changes = await this.transactions.run(async (manager) => {
      const current = await manager.findOneByOrFail(OrderEntity, { id: order.id });
      const filled = money(reported.filled ?? 0);
      const newlyFilled = filled.minus(current.filledQty);
      const fills: FillEntity[] = [];
      if (newlyFilled.gt(0)) fills.push(...this.fillsOf(current, reported, newlyFilled, trades));
      const fee = fills.reduce((sum, fill) => sum.plus(fill.fee), money(current.fee));
      const now = this.now();
      await manager.update(
        OrderEntity,
        { id: current.id },
        {
          status,
          exchangeOrderId: reported.id ? String(reported.id) : current.exchangeOrderId,
          filledQty: toDecimalString(filled),
          averagePrice: reported.average ? String(reported.average) : current.averagePrice,
          fee: toDecimalString(fee),
          feeAsset: fills[0]?.feeAsset ?? current.feeAsset,
          updatedAt: now,
        },
      );
      if (fills.length > 0) await manager.insert(FillEntity, fills);
      if (status !== current.status) await manager.insert(OrderTransitionEntity, { orderId: current.id, status, at: now, reason: null });
      return { fills, changed: status !== current.status || fills.length > 0 };
    });
    const updated = await this.stored(order.id);
    if (changes.changed) {
      this.publish(order.userId, 'order', updated);
      for (const fill of changes.fills) this.publish(order.userId, 'trade', toTrade(fill));
    }
    return updated;
  }

  /**
   * The order's trades, with their commissions: in the answer to `createOrder`, or asked for (an order looked up
   * with `fetchOrder` comes without them). Fetched before any transaction, so the queue never waits on the network.
   */
  private async tradesOf(order: OrderEntity, reported: ccxt.Order): Promise<ccxt.Trade[]> {
    if ((reported.trades ?? []).length > 0 || !reported.id || !((reported.filled ?? 0) > 0)) return reported.trades ?? [];
    try {
      const exchange = await this.clientFor(await this.accountOf(order));
      const trades = await exchange.fetchMyTrades(order.symbol, undefined, undefined, { orderId: reported.id });
      return trades.filter((trade) => trade.order === String(reported.id));
    } catch (error) {
      this.logger.warn({ err: error, orderId: order.id }, "could not read an order's trades; its fill is recorded at the average price");
      return [];
    }
  }

  /** The exchange's trades for the newly filled quantity, or one fill at the average price when it sent none. */
  private fillsOf(order: OrderEntity, reported: ccxt.Order, newlyFilled: ReturnType<typeof money>, reportedTrades: ccxt.Trade[]): FillEntity[] {
    const at = reported.lastTradeTimestamp ?? reported.timestamp ?? this.clock.now();
    const trades = reportedTrades.filter((trade) => trade.amount !== undefined && trade.price !== undefined);
    const fromTrades = trades.length > 0 && money(trades.reduce((sum, trade) => sum + (trade.amount ?? 0), 0)).eq(newlyFilled);
    const parts = fromTrades
      ? trades.map((trade) => ({ qty: money(trade.amount ?? 0), price: money(trade.price ?? 0), fee: money(trade.fee?.cost ?? 0), feeAsset: trade.fee?.currency }))
      : [{ qty: newlyFilled, price: money(reported.average ?? reported.price ?? 0), fee: money(reported.fee?.cost ?? 0), feeAsset: reported.fee?.currency }];
    return parts.map((part) => ({
      id: randomUUID(),
      orderId: order.id,
      accountId: order.accountId,
      symbol: order.symbol,
      side: order.side,
      qty: toDecimalString(part.qty),
      price: toDecimalString(part.price),
      quoteQty: toDecimalString(part.qty.mul(part.price)),
      fee: toDecimalString(part.fee),
      feeAsset: part.feeAsset ?? order.feeAsset,
      liquidity: order.type === 'market' ? 'taker' : 'maker',
      executedAt: new Date(at).toISOString(),
    }));
  }

  /**
   * Looks up every exchange order that is not final: unknown ones to learn their fate, resting ones to learn of
   * fills and cancels that happened on the exchange.
   */
  async reconcile(): Promise<void> {
    await this.reconcileAll(['new', 'unknown', 'open', 'partially_filled'], IN_FLIGHT_MS);
  }

  /** `new` orders younger than `inFlightMs` are being sent right now: their sender learns their fate. */
  private async reconcileAll(statuses: OrderStatus[], inFlightMs: number): Promise<void> {
    try {
      const orders = await this.transactions.run((manager) =>
        manager
          .createQueryBuilder(OrderEntity, 'o')
          .innerJoin(AccountEntity, 'a', 'a.id = o.account_id')
          .where({ status: In(statuses) })
          .andWhere("a.kind <> 'paper'")
          .getMany(),
      );
      const sentBefore = new Date(this.clock.now() - inFlightMs).toISOString();
      for (const order of orders) {
        if (order.status === 'new' && order.createdAt > sentBefore) continue;
        if (order.status === 'new' || order.status === 'unknown') await this.refresh(order);
        else await this.syncOpen(order);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not reconcile exchange orders; will try again');
    }
  }

  /** An order resting on the exchange: it may have filled or been canceled while Lilux was not looking. */
  private async syncOpen(order: OrderEntity): Promise<void> {
    try {
      const account = await this.accountOf(order);
      const found = await (await this.clientFor(account)).fetchOrder(order.exchangeOrderId ?? '', order.symbol, order.exchangeOrderId ? {} : { origClientOrderId: order.clientOrderId });
      await this.apply(order, found);
    } catch (error) {
      this.logger.warn({ err: error, orderId: order.id }, 'could not look up an open exchange order');
    }
  }

  private async transitionTo(order: OrderEntity, status: OrderStatus, reason: string): Promise<Order> {
    const now = this.now();
    await this.transactions.run(async (manager) => {
      await manager.update(OrderEntity, { id: order.id }, { status, updatedAt: now, rejectReason: status === 'rejected' ? reason.slice(0, 200) : null });
      await manager.insert(OrderTransitionEntity, { orderId: order.id, status, at: now, reason });
    });
    const updated = await this.stored(order.id);
    this.publish(order.userId, 'order', updated);
    return updated;
  }

  private backoffOf(accountId: string): RateLimitBackoff {
    let backoff = this.backoffs.get(accountId);
    if (!backoff) {
      backoff = new RateLimitBackoff(this.clock, FIRST_PAUSE_MS, MAX_PAUSE_MS);
      this.backoffs.set(accountId, backoff);
    }
    return backoff;
  }

  private clientFor(account: AccountEntity): Promise<ccxt.binance> {
    let client = this.clientsByAccount.get(account.id);
    if (!client) {
      client = (async () => {
        const exchange = this.clients.create(modeOf(account), await this.exchangeAccounts.keysOf(account.id));
        await exchange.loadMarkets();
        return exchange;
      })();
      // A failure (keys deleted, exchange down) is not remembered: the next order tries again.
      client.catch(() => this.clientsByAccount.delete(account.id));
      this.clientsByAccount.set(account.id, client);
    }
    return client.catch((error: unknown) => {
      throw exchangeError(error);
    });
  }

  private accountOf(order: OrderEntity): Promise<AccountEntity> {
    return this.transactions.run((manager) => manager.findOneByOrFail(AccountEntity, { id: order.accountId }));
  }

  private entity(id: string): Promise<OrderEntity> {
    return this.transactions.run((manager) => manager.findOneByOrFail(OrderEntity, { id }));
  }

  private byClientOrderId(userId: string, clientOrderId: string): Promise<OrderEntity> {
    return this.transactions.run((manager) => manager.findOneByOrFail(OrderEntity, { userId, clientOrderId }));
  }

  private async stored(id: string): Promise<Order> {
    return this.transactions.run(async (manager: EntityManager) => {
      const order = await manager.findOneByOrFail(OrderEntity, { id });
      return toOrder(order, await manager.find(OrderTransitionEntity, { where: { orderId: id }, order: { id: 'ASC' } }));
    });
  }

  private publish(userId: string, event: 'order' | 'trade', data: unknown): void {
    const message: UserEvent = { userId, event, data };
    this.events.emit(USER_EVENT, message);
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function statusOf(order: ccxt.Order): OrderStatus {
  const filled = order.filled ?? 0;
  switch (order.status) {
    case 'closed':
      return 'filled';
    case 'open':
      return filled > 0 ? 'partially_filled' : 'open';
    case 'canceled':
    case 'expired':
      return filled > 0 ? 'filled' : 'canceled';
    case 'rejected':
      return 'rejected';
    default:
      return 'open';
  }
}
