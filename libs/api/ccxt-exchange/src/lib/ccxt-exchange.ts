import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ACTIVE_ORDER_STATUSES,
  isActive,
  isResting,
  isUnconfirmed,
  RESTING_ORDER_STATUSES,
  type Balance,
  type FeeRates,
  type Market,
  type Order,
  type OrderStatus,
  type PositionProtection,
} from '@lilux/contracts';
import { Clock, isUniqueViolation, Leadership, lockForUpdate, RateLimitBackoff, retryAfterMs, Transactions } from '@lilux/api/shared';
import {
  AccountEntity,
  entryOf,
  ExchangeAdapter,
  ExchangeProtectionError,
  ExchangeRefusedOrderError,
  ExchangeRegistry,
  ExchangeUnreachableError,
  FillEntity,
  floorToStep,
  InvalidOrderError,
  Money,
  money,
  OrderChanges,
  OrderEntity,
  OrderEvents,
  OrderNotCancelableError,
  OrderPlacement,
  PositionNotProtectableError,
  ProtectionChange,
  toDecimalString,
  withTransitions,
  ZERO,
} from '@lilux/api/orders';
import * as ccxt from 'ccxt';
import { randomUUID } from 'node:crypto';
import { Subscription } from 'rxjs';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { AccountProblems } from './account-problems';
import { BinanceClients, binanceReason, exchangeError } from './binance-client';
import { ExchangeAccountsService, modeOf } from './exchange-accounts.service';

/** How often exchange orders that are not final (unknown, resting) are looked up again. */
const RECONCILE_EVERY_MS = 10_000;
/** An order the exchange still does not know this long after it was sent never reached it. */
const NEVER_ARRIVED_AFTER_MS = 120_000;
/**
 * How often each exchange account's open orders are read for orders Lilux did not place: Binance weighs reading
 * every symbol's open orders at 80 (of the 6,000 an IP may spend a minute).
 */
const UNKNOWN_ORDERS_EVERY_MS = 30_000;
/** How long a `new` order may be in the hands of its sender (longer than any request timeout). */
const IN_FLIGHT_MS = 90_000;
/**
 * Order submission pauses after the exchange said "too many requests": one of Binance's 10-second order-count
 * windows at first, doubling while it keeps refusing, at most 5 minutes unless it asks for longer.
 */
const FIRST_PAUSE_MS = 10_000;
const MAX_PAUSE_MS = 300_000;
/** Binance's base spot rates, before BNB or VIP discounts. */
const BINANCE_SPOT_FEES: FeeRates = { maker: '0.001', taker: '0.001' };

/**
 * Binance testnet and live accounts through ccxt, behind the same {@link ExchangeAdapter} port as paper. An
 * order is persisted as `new` before it is sent, with its client order id as Binance's `newClientOrderId`, and
 * `createOrder` is never retried: when the exchange does not answer, the order becomes `unknown` and is looked
 * up by that id (at once, every {@link RECONCILE_EVERY_MS}, at start-up, and when the same id is sent again)
 * before anything else is sent for it. So one request never makes two exchange orders.
 */
@Injectable()
export class CcxtExchange implements ExchangeAdapter, OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  readonly kinds = ['binance-testnet', 'binance-live'] as const;
  private readonly logger = new Logger(CcxtExchange.name);
  private readonly clientsByAccount = new Map<string, Promise<ccxt.binance>>();
  /** Each account's pause after the exchange asked it to slow down (Binance counts orders per account). */
  private readonly backoffs = new Map<string, RateLimitBackoff>();
  private reconcileTimer: ReturnType<typeof setInterval> | undefined;
  private leadershipChanges?: Subscription;
  /** Resolves once the orders left open or unknown by the last run have been looked up. */
  private startUpReconciliation: Promise<void> = Promise.resolve();
  /** Each account's protection change under way: two at once would each cancel the pair the other armed. */
  private readonly protecting = new Map<string, Promise<unknown>>();
  /**
   * Each account's client for reading its open orders, apart from the one orders go through: ccxt makes a client
   * wait out the weight of its last request, and orders must not wait 4 s behind a read of every symbol.
   */
  private readonly scanClients = new Map<string, ccxt.binance>();
  private readonly scannedAt = new Map<string, number>();

  constructor(
    private readonly transactions: Transactions,
    private readonly clients: BinanceClients,
    private readonly exchangeAccounts: ExchangeAccountsService,
    private readonly clock: Clock,
    private readonly events: OrderEvents,
    private readonly registry: ExchangeRegistry,
    private readonly leadership: Leadership,
    private readonly problems: AccountProblems,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  onApplicationBootstrap(): void {
    // When an instance starts to lead (a single process at once), every `new` order is one the last leader may
    // have sent: all are looked up, before this instance takes orders.
    this.leadershipChanges = this.leadership.isLeading$.subscribe((isLeading) => {
      if (isLeading) this.startUpReconciliation = this.reconcileAll(0);
    });
    this.reconcileTimer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.reconcileTimer.unref();
  }

  onModuleDestroy(): void {
    this.leadershipChanges?.unsubscribe();
    clearInterval(this.reconcileTimer);
  }

  placeOrder(placement: OrderPlacement): Promise<{ order: Order; created: boolean }> {
    return this.toldIfFailing(placement.account, () => this.place(placement));
  }

  private async place(placement: OrderPlacement): Promise<{ order: Order; created: boolean }> {
    const { account } = placement;
    await this.readyToSend(account);
    if ((placement.sl || placement.tp) && placement.side === 'sell') {
      throw new InvalidOrderError({ sl: 'on an exchange account, stop-loss and take-profit protect buys only (spot cannot go short)' });
    }
    if ((placement.sl === undefined) !== (placement.tp === undefined)) {
      throw new InvalidOrderError({ [placement.sl ? 'tp' : 'sl']: 'goes with the other: Binance arms stop-loss and take-profit as one OCO pair' });
    }

    const order = await this.persistNew(placement);
    if (!order) return { order: await this.lookUp(await this.byClientOrderId(placement.userId, placement.clientOrderId)), created: false };
    const exchange = await this.clientFor(account);
    let sent: ccxt.Order;
    try {
      sent = await exchange.createOrder(placement.market.symbol, placement.type, placement.side, placement.qty.toNumber(), placement.limitPrice?.toNumber(), {
        clientOrderId: placement.clientOrderId,
      });
    } catch (error) {
      return { order: await this.afterFailedSend(order, error, exchange), created: true };
    }
    this.backoffOf(account.id).succeeded();
    try {
      return { order: await this.apply(order, sent), created: true };
    } catch (error) {
      // The exchange has the order: whatever failed here is Lilux's to finish, and the reconciler will.
      this.logger.error({ err: error, orderId: order.id }, 'could not record what the exchange answered; the reconciler will look the order up');
      return { order: await this.stored(order.id), created: true };
    }
  }

  /** Refuses what this server may not send for the account now: live trading switched off, or a pause the exchange asked for. */
  private async readyToSend(account: AccountEntity): Promise<void> {
    if (account.kind === 'binance-live' && !this.exchangeAccounts.isLiveTradingAllowed) {
      throw new InvalidOrderError({ accountId: 'is a live account, and live trading is switched off on this server (ALLOW_LIVE_TRADING)' });
    }
    await this.startUpReconciliation;
    const pausedMs = this.backoffOf(account.id).remainingMs();
    if (pausedMs > 0) {
      throw new ExchangeUnreachableError(`the exchange asked us to slow down; orders resume in ${Math.ceil(pausedMs / 1000)} s`, pausedMs / 1000);
    }
  }

  /** Once the entry filled, its stop-loss and take-profit for what it bought (after a commission taken in the coin). */
  private async armBrackets(entry: OrderEntity, sl: Money, tp: Money): Promise<void> {
    const { failure } = await this.armPair({
      userId: entry.userId,
      accountId: entry.accountId,
      symbol: entry.symbol,
      parentId: entry.id,
      clientOrderIdStem: entry.id,
      qty: money(entry.filledQty).minus(entry.feeAsset === entry.symbol.split('/')[0] ? entry.fee : 0),
      sl,
      tp,
    });
    if (failure) this.logger.warn({ orderId: entry.id, reason: failure.message }, 'could not arm stop-loss and take-profit on the exchange');
  }

  /**
   * A Binance OCO list selling `qty`: a LIMIT_MAKER at the take-profit and a STOP_LOSS_LIMIT at the stop. Both legs
   * are stored first, as `new`. When the exchange refuses the list, they are rejected with its reason and the
   * position stands unprotected, which the order events say; when it does not answer, they are `unknown` and looked
   * up by their client order ids like any order whose fate is unknown. `failure` says which, for the caller to tell.
   */
  private async armPair(pair: PairToArm): Promise<{ legs: OrderEntity[]; failure?: Error }> {
    const changes = this.changes();
    const stem = pair.clientOrderIdStem.replace(/-/g, '').slice(0, 32);
    const leg = (role: 'stop_loss' | 'take_profit', price: Money) =>
      changes.create({
        userId: pair.userId,
        accountId: pair.accountId,
        clientOrderId: `${role === 'stop_loss' ? 'sl' : 'tp'}.${stem}`,
        symbol: pair.symbol,
        side: 'sell',
        type: 'limit',
        role,
        parentId: pair.parentId,
        qty: toDecimalString(pair.qty),
        price: toDecimalString(price),
        sl: null,
        tp: null,
        feeAsset: pair.symbol.split('/')[1],
        // The exchange holds the coins of its orders; nothing is locked in Lilux's books.
        lockedAsset: pair.symbol.split('/')[1],
      });
    const legs = [leg('stop_loss', pair.sl), leg('take_profit', pair.tp)];
    await this.transactions.run((manager) => changes.write(manager));
    const [stopLoss, takeProfit] = legs;
    let exchange: ccxt.binance | undefined;
    try {
      exchange = await this.clientFor(await this.accountOf(stopLoss));
      const list = (await exchange.privatePostOrderListOco({
        symbol: exchange.marketId(pair.symbol),
        side: 'SELL',
        quantity: exchange.amountToPrecision(pair.symbol, pair.qty.toNumber()),
        aboveType: 'LIMIT_MAKER',
        abovePrice: exchange.priceToPrecision(pair.symbol, pair.tp.toNumber()),
        aboveClientOrderId: takeProfit.clientOrderId,
        belowType: 'STOP_LOSS_LIMIT',
        belowStopPrice: exchange.priceToPrecision(pair.symbol, pair.sl.toNumber()),
        belowPrice: exchange.priceToPrecision(pair.symbol, pair.sl.toNumber()),
        belowTimeInForce: 'GTC',
        belowClientOrderId: stopLoss.clientOrderId,
      })) as { orders: { orderId: number; clientOrderId: string }[] };
      const armed = this.changes();
      for (const leg of legs) {
        const sent = list.orders.find((candidate) => candidate.clientOrderId === leg.clientOrderId);
        leg.exchangeOrderId = sent ? String(sent.orderId) : null;
        armed.transition(leg, 'open', 'armed on the exchange as one OCO list');
      }
      await this.commit(armed);
      return { legs };
    } catch (error) {
      const failed = this.changes();
      const isRateLimit = error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection;
      if (error instanceof ccxt.OperationFailed && !isRateLimit) {
        // A timeout or a 5xx: the list may stand on the exchange. Its legs are looked up before anything is said.
        for (const leg of legs) failed.transition(leg, 'unknown', `no answer from the exchange: ${error.name}`);
        await this.commit(failed);
        return { legs, failure: new ExchangeUnreachableError("the stop-loss / take-profit pair's fate is unknown and is being checked with the exchange") };
      }
      if (isRateLimit && exchange) this.backoffOf(pair.accountId).refused(retryAfterMs(exchange.last_response_headers));
      const reason = error instanceof Error ? binanceReason(error) : String(error);
      for (const leg of legs) failed.transition(leg, 'rejected', `the exchange refused the stop-loss/take-profit pair: ${reason}`);
      await this.commit(failed);
      return { legs, failure: new ExchangeProtectionError(`the exchange refused the stop-loss / take-profit pair: ${reason}`) };
    }
  }

  /**
   * Replaces the stop-loss / take-profit legs resting on a held position with one OCO list for the coins free on
   * the exchange, or removes them. Binance cannot swap a list in one step: the old list is canceled first, then
   * the new one placed. What the exchange did is recorded either way, and a failure says what it left.
   */
  async protectPosition(change: ProtectionChange): Promise<PositionProtection> {
    const accountId = change.account.id;
    const run = (this.protecting.get(accountId) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.toldIfFailing(change.account, () => this.replaceProtection(change)));
    this.protecting.set(accountId, run);
    try {
      return await run;
    } finally {
      if (this.protecting.get(accountId) === run) this.protecting.delete(accountId);
    }
  }

  private async replaceProtection({ account, market, sl, tp }: ProtectionChange): Promise<PositionProtection> {
    await this.readyToSend(account);
    if ((sl === undefined) !== (tp === undefined)) {
      throw new InvalidOrderError({
        [sl ? 'tp' : 'sl']: 'goes with the other: Binance arms stop-loss and take-profit as one OCO pair (give both, or null for both to remove them)',
      });
    }
    const armed = await this.transactions.run((manager) =>
      manager.find(OrderEntity, {
        where: { accountId: account.id, symbol: market.symbol, side: 'sell', role: In(['stop_loss', 'take_profit']), status: In(ACTIVE_ORDER_STATUSES) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    );
    if (armed.some((leg) => isUnconfirmed(leg.status))) {
      throw new PositionNotProtectableError('a stop-loss / take-profit pair of it is still being confirmed by the exchange; try again in a few seconds');
    }
    let parentId: string | null = null;
    if (sl && tp) {
      parentId = await this.latestBuyOf(account.id, market.symbol);
      // Checked before anything is canceled: what the old legs hold comes back free once they are.
      const heldByLegs = [...new Map(armed.map((leg) => [leg.parentId, money(leg.qty).minus(leg.filledQty)])).values()].reduce(
        (sum, qty) => sum.plus(qty),
        ZERO,
      );
      protectableQty(market, (await this.freeOf(account, market.base)).plus(heldByLegs), sl);
    }
    const exchange = await this.clientFor(account);
    const reason = sl ? 'replaced by new stop-loss / take-profit levels' : 'protection removed';
    for (const leg of armed) await this.cancelLeg(exchange, leg, reason);

    const answer = { accountId: account.id, symbol: market.symbol, qty: '0', sl: null, tp: null, legs: [] as Order[] };
    if (!sl || !tp || !parentId) return answer;
    const qty = protectableQty(market, await this.freeOf(account, market.base), sl);
    const { legs, failure } = await this.armPair({
      userId: account.userId,
      accountId: account.id,
      symbol: market.symbol,
      parentId,
      clientOrderIdStem: randomUUID(),
      qty,
      sl,
      tp,
    });
    if (failure) {
      const canceled = armed.length > 0 ? 'the previous pair was canceled, and ' : '';
      throw failure instanceof ExchangeProtectionError ? new ExchangeProtectionError(`${failure.message}; ${canceled}the position is not protected`) : failure;
    }
    return {
      ...answer,
      qty: toDecimalString(qty),
      sl: toDecimalString(sl),
      tp: toDecimalString(tp),
      legs: await Promise.all(legs.map((leg) => this.stored(leg.id))),
    };
  }

  /**
   * Cancels one leg on the exchange (its OCO partner goes with it) and records what the exchange reports for both.
   * A leg the exchange no longer has was filled or canceled there: it is looked up and recorded as it is.
   */
  private async cancelLeg(exchange: ccxt.binance, leg: OrderEntity, reason: string): Promise<void> {
    const current = await this.entity(leg.id);
    if (!isActive(current.status)) return;
    try {
      const canceled = await exchange.cancelOrder(
        current.exchangeOrderId ?? '',
        current.symbol,
        current.exchangeOrderId ? {} : { origClientOrderId: current.clientOrderId },
      );
      await this.apply(current, canceled, reason);
    } catch (error) {
      // Whatever the exchange did, the records follow it before anything is said.
      await this.syncOpen(current, reason);
      if (!(error instanceof ccxt.OrderNotFound)) {
        if (error instanceof ccxt.OperationFailed) {
          throw new ExchangeUnreachableError(`the stop-loss / take-profit pair could not be canceled (${binanceReason(error)}); nothing new was armed`);
        }
        const refused = exchangeError(error);
        if (refused instanceof ExchangeUnreachableError) {
          throw new ExchangeProtectionError(
            `the exchange would not cancel the stop-loss / take-profit pair: ${error instanceof Error ? binanceReason(error) : String(error)}; nothing new was armed`,
          );
        }
        throw refused;
      }
    }
    const parentId = current.parentId;
    if (!parentId) return;
    const siblings = await this.transactions.run((manager) =>
      manager.find(OrderEntity, { where: { parentId, id: Not(current.id), status: In(RESTING_ORDER_STATUSES) } }),
    );
    for (const sibling of siblings) await this.syncOpen(sibling, reason);
  }

  /** The latest filled buy of the symbol on the account, which the pair hangs on as a bracket hangs on its entry. */
  private async latestBuyOf(accountId: string, symbol: string): Promise<string> {
    const entry = await this.transactions.run((manager) =>
      manager.findOne(OrderEntity, {
        where: { accountId, symbol, side: 'buy', role: 'entry', status: In(['filled', 'canceled']), filledQty: Not('0') },
        order: { updatedAt: 'DESC', id: 'DESC' },
      }),
    );
    if (!entry) throw new PositionNotProtectableError(`no buy of ${symbol} on this account opened it`);
    return entry.id;
  }

  /** What the exchange holds free of `asset` on the account now. */
  private async freeOf(account: AccountEntity, asset: string): Promise<Money> {
    return money((await this.fetchBalances(account)).find((balance) => balance.asset === asset)?.free ?? 0);
  }

  async cancelOrder(order: OrderEntity): Promise<Order> {
    if (!isResting(order.status) || !order.exchangeOrderId) throw new OrderNotCancelableError(order.status);
    const account = await this.accountOf(order);
    const exchangeOrderId = order.exchangeOrderId;
    return this.toldIfFailing(account, () => this.cancelOnExchange(account, order, exchangeOrderId));
  }

  private async cancelOnExchange(account: AccountEntity, order: OrderEntity, exchangeOrderId: string): Promise<Order> {
    try {
      const canceled = await (await this.clientFor(account)).cancelOrder(exchangeOrderId, order.symbol);
      const result = await this.apply(order, canceled);
      // Canceling one leg of an OCO list cancels the list on the exchange: the other leg learns it now.
      const parentId = order.parentId;
      if (parentId) {
        const siblings = await this.transactions.run((manager) => manager.find(OrderEntity, { where: { parentId, status: In(RESTING_ORDER_STATUSES) } }));
        for (const sibling of siblings) await this.syncOpen(sibling);
      }
      return result;
    } catch (error) {
      if (error instanceof ccxt.OrderNotFound) return this.lookUp(order);
      throw exchangeError(error);
    }
  }

  async fetchBalances(account: AccountEntity): Promise<Balance[]> {
    return this.toldIfFailing(account, async () => this.clients.balances(modeOf(account), await this.exchangeAccounts.keysOf(account.id)));
  }

  /** Runs `work` for the account, telling its owner when it failed for the exchange or the key rather than for the order. */
  private async toldIfFailing<T>(account: AccountEntity, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.problems.failed(account, error);
      throw error;
    }
  }

  feeRates(): FeeRates {
    return BINANCE_SPOT_FEES;
  }

  /** The order as the exchange knows it now, for an order whose fate is unknown; the order as stored otherwise. */
  async lookUp(order: OrderEntity): Promise<Order> {
    if (!isUnconfirmed(order.status)) return this.stored(order.id);
    try {
      const found = await (await this.clientFor(await this.accountOf(order))).fetchOrder('', order.symbol, { origClientOrderId: order.clientOrderId });
      return await this.apply(order, found);
    } catch (error) {
      if (error instanceof ccxt.OrderNotFound && this.clock.now() - Date.parse(order.createdAt) > NEVER_ARRIVED_AFTER_MS) {
        return this.transitionTo(order, 'rejected', 'the exchange never received it');
      }
      this.logger.warn({ err: error, orderId: order.id }, 'could not look up an order whose fate is unknown; will try again');
      return this.stored(order.id);
    }
  }

  /** Inserts the order as `new` before anything is sent; null when the user already has one with that client id. */
  private async persistNew(placement: OrderPlacement): Promise<OrderEntity | null> {
    const changes = this.changes();
    // Its stop-loss and take-profit are armed as one OCO list once it has filled, however long it rests.
    const order = changes.create({
      ...entryOf(placement),
      feeAsset: placement.side === 'buy' ? placement.market.base : placement.market.quote,
      // The exchange holds the funds of its orders; nothing is locked in Lilux's books.
      lockedAsset: placement.market.quote,
    });
    try {
      await this.transactions.run((manager) => changes.write(manager));
      return order;
    } catch (error) {
      // The unique (user, client order id) index: a request with this id got here first.
      if (isUniqueViolation(error)) return null;
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
      const known = await this.lookUp(await this.entity(order.id));
      if (known.status !== 'unknown') return known;
      throw new ExchangeUnreachableError("the order's fate is unknown and is being checked with the exchange; send the same clientOrderId again to learn it");
    }
    const reason = error instanceof Error ? binanceReason(error) : String(error);
    await this.transitionTo(order, 'rejected', reason);
    throw new ExchangeRefusedOrderError(reason);
  }

  /**
   * Brings the stored order to what the exchange reports. Each of the exchange's trades is recorded once per order,
   * keyed by its trade id, and the order's filled quantity, average price and fee are the sums of its recorded
   * trades: the order's status follows the exchange only once every trade it reports has been read. An entry with
   * a stop-loss and take-profit is protected once it is done filling.
   */
  private async apply(order: OrderEntity, reported: ccxt.Order, cancelReason?: string): Promise<Order> {
    const reportedStatus = statusOf(reported);
    if (reportedStatus === null) {
      this.logger.error({ orderId: order.id, status: reported.status }, 'the exchange reports a status Lilux does not know; looking again later');
    }
    const trades = await this.tradesOf(order, reported);
    const changes = this.changes();
    const entry = await this.transactions.run(async (manager) => {
      // A placement, a retry and the reconciler may record the same answer: one at a time, each reading the last.
      await lockForUpdate(manager, OrderEntity, [order.id]);
      const current = await manager.findOneByOrFail(OrderEntity, { id: order.id });
      const recorded = await manager.find(FillEntity, { where: { orderId: current.id }, order: { executedAt: 'ASC', id: 'ASC' } });
      for (const trade of newTrades(recorded, trades)) recorded.push(changes.addFill(this.fillOf(current, trade)));
      const filled = recorded.reduce((sum, fill) => sum.plus(fill.qty), ZERO);
      if (changes.fills.length > 0) {
        current.filledQty = toDecimalString(filled);
        current.averagePrice = toDecimalString(recorded.reduce((sum, fill) => sum.plus(fill.quoteQty), ZERO).div(filled));
        current.fee = toDecimalString(recorded.reduce((sum, fill) => sum.plus(fill.fee), ZERO));
        current.feeAsset = recorded[0].feeAsset;
        changes.changed(current);
      }
      if (reported.id && current.exchangeOrderId !== String(reported.id)) {
        current.exchangeOrderId = String(reported.id);
        changes.changed(current);
      }
      const wasActive = isActive(current.status);
      if (wasActive) {
        const status = this.statusToRecord(current, reportedStatus, filled, money(reported.filled ?? 0));
        changes.transition(current, status, status === 'canceled' ? cancelReason : undefined);
      } else if (reportedStatus !== null && reportedStatus !== current.status) {
        // A lookup and a placement (or a cancel) may race; the first to commit decided, and a final order stays so.
        this.logger.warn({ orderId: current.id, stored: current.status, reported: reportedStatus }, 'the exchange reports another status for a final order');
      }
      await changes.write(manager);
      const isDone = wasActive && !isActive(current.status) && filled.gt(ZERO);
      return isDone && current.role === 'entry' && current.sl && current.tp ? current : null;
    });
    this.events.published(changes);
    if (entry) await this.armBrackets(entry, money(entry.sl as string), money(entry.tp as string));
    return this.stored(order.id);
  }

  /**
   * The exchange's status, unless it reports trades Lilux could not read yet, or a status Lilux does not know:
   * then the order stays active, so the reconciler looks again and nothing is recorded that the fills do not show.
   */
  private statusToRecord(order: OrderEntity, reported: OrderStatus | null, recordedQty: Money, reportedQty: Money): OrderStatus {
    if (reported === null) return isUnconfirmed(order.status) ? 'unknown' : order.status;
    if (recordedQty.lt(reportedQty)) {
      this.logger.warn({ orderId: order.id, recorded: recordedQty.toFixed(), reported: reportedQty.toFixed() }, 'the exchange reports trades not read yet');
      if (recordedQty.gt(ZERO)) return 'partially_filled';
      return isUnconfirmed(order.status) ? 'open' : order.status;
    }
    return reported === 'open' && recordedQty.gt(ZERO) ? 'partially_filled' : reported;
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
      this.logger.warn({ err: error, orderId: order.id }, "could not read an order's trades; its fills are recorded once they can be read");
      return [];
    }
  }

  private fillOf(order: OrderEntity, trade: ccxt.Trade): Omit<FillEntity, 'id'> {
    const qty = money(trade.amount ?? 0);
    const price = money(trade.price ?? 0);
    return {
      tradeId: String(trade.id),
      orderId: order.id,
      accountId: order.accountId,
      symbol: order.symbol,
      side: order.side,
      qty: toDecimalString(qty),
      price: toDecimalString(price),
      quoteQty: toDecimalString(qty.mul(price)),
      fee: toDecimalString(money(trade.fee?.cost ?? 0)),
      feeAsset: trade.fee?.currency ?? order.feeAsset,
      liquidity: trade.takerOrMaker === 'maker' || trade.takerOrMaker === 'taker' ? trade.takerOrMaker : order.type === 'market' ? 'taker' : 'maker',
      executedAt: new Date(trade.timestamp ?? this.clock.now()).toISOString(),
    };
  }

  /**
   * Looks up every exchange order that is not final: unknown ones to learn their fate, resting ones to learn of
   * fills and cancels that happened on the exchange.
   */
  async reconcile(): Promise<void> {
    // One reconciler per cluster: the others would ask the exchange the same questions.
    if (!this.leadership.isLeading) return;
    await this.reconcileAll(IN_FLIGHT_MS);
    // Not in the start-up reconciliation, which orders wait for: an exchange that is down would hold them for a timeout per account.
    await this.findUnknownOrders().catch((error: unknown) => this.logger.warn({ err: error }, 'could not look for unknown exchange orders; will try again'));
  }

  /** `new` orders younger than `inFlightMs` are being sent right now: their sender learns their fate. */
  private async reconcileAll(inFlightMs: number): Promise<void> {
    try {
      const orders = await this.transactions.run((manager) =>
        manager
          .createQueryBuilder(OrderEntity, 'o')
          .innerJoin(AccountEntity, 'a', 'a.id = o.account_id')
          .where({ status: In(ACTIVE_ORDER_STATUSES) })
          .andWhere("a.kind <> 'paper'")
          .getMany(),
      );
      const sentBefore = new Date(this.clock.now() - inFlightMs).toISOString();
      for (const order of orders) {
        if (order.status === 'new' && order.createdAt > sentBefore) continue;
        if (isUnconfirmed(order.status)) await this.lookUp(order);
        else await this.syncOpen(order);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not reconcile exchange orders; will try again');
    }
  }

  /**
   * Asks each exchange account for its open orders and tells the owner of any that Lilux did not place (made on the
   * exchange's site, or by another tool with the same key): Lilux stores every order before sending it, so an
   * open order whose client order id and exchange id it does not have is not one of its own. An account the
   * exchange does not answer for, or whose key it refuses, is told as such: this runs even when no order is open.
   */
  private async findUnknownOrders(): Promise<void> {
    const accounts = await this.transactions.run((manager) => manager.find(AccountEntity, { where: { kind: In([...this.kinds]), archivedAt: IsNull() } }));
    for (const account of accounts) {
      // Rounds come every RECONCILE_EVERY_MS, a little late each: the look is taken on the round nearest its time.
      if (this.clock.now() - (this.scannedAt.get(account.id) ?? -Infinity) < UNKNOWN_ORDERS_EVERY_MS - RECONCILE_EVERY_MS / 2) continue;
      this.scannedAt.set(account.id, this.clock.now());
      try {
        const open = await (await this.scanClientFor(account)).fetchOpenOrders();
        if (open.length === 0) continue;
        const known = await this.transactions.run((manager) =>
          manager.find(OrderEntity, {
            select: { clientOrderId: true, exchangeOrderId: true },
            where: [
              { accountId: account.id, clientOrderId: In(open.map((order) => order.clientOrderId ?? '')) },
              { accountId: account.id, exchangeOrderId: In(open.map((order) => String(order.id))) },
            ],
          }),
        );
        const clientIds = new Set(known.map((order) => order.clientOrderId));
        const exchangeIds = new Set(known.map((order) => order.exchangeOrderId));
        for (const order of open) {
          if (!clientIds.has(order.clientOrderId ?? '') && !exchangeIds.has(String(order.id))) this.problems.unknownOrder(account, order);
        }
      } catch (error) {
        // Made again next time: the key may have been replaced meanwhile.
        this.scanClients.delete(account.id);
        this.problems.failed(account, error);
        this.logger.warn({ err: error, accountId: account.id }, "could not read an exchange account's open orders; will try again");
      }
    }
  }

  private async scanClientFor(account: AccountEntity): Promise<ccxt.binance> {
    let client = this.scanClients.get(account.id);
    if (!client) {
      client = this.clients.create(modeOf(account), await this.exchangeAccounts.keysOf(account.id));
      // Binance answers for every symbol at once; ccxt asks to be told that is meant.
      client.options['warnOnFetchOpenOrdersWithoutSymbol'] = false;
      this.scanClients.set(account.id, client);
    }
    return client;
  }

  /** An order resting on the exchange: it may have filled or been canceled while Lilux was not looking. */
  private async syncOpen(order: OrderEntity, cancelReason?: string): Promise<void> {
    try {
      const account = await this.accountOf(order);
      const found = await (
        await this.clientFor(account)
      ).fetchOrder(order.exchangeOrderId ?? '', order.symbol, order.exchangeOrderId ? {} : { origClientOrderId: order.clientOrderId });
      await this.apply(order, found, cancelReason);
    } catch (error) {
      this.logger.warn({ err: error, orderId: order.id }, 'could not look up an open exchange order');
    }
  }

  private async transitionTo(order: OrderEntity, status: OrderStatus, reason: string): Promise<Order> {
    const changes = this.changes();
    changes.transition(await this.entity(order.id), status, reason);
    await this.commit(changes);
    return this.stored(order.id);
  }

  /** Writes `changes` in a transaction of their own, then tells the live channel. */
  private async commit(changes: OrderChanges): Promise<void> {
    await this.transactions.run((manager) => changes.write(manager));
    this.events.published(changes);
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
    return this.transactions.run(async (manager: EntityManager) => (await withTransitions(manager, [await manager.findOneByOrFail(OrderEntity, { id })]))[0]);
  }

  private changes(): OrderChanges {
    return new OrderChanges(() => this.now());
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** A stop-loss / take-profit pair to arm as one OCO list: for a filled entry, or for a held position as a whole. */
interface PairToArm {
  userId: string;
  accountId: string;
  symbol: string;
  parentId: string;
  /** Makes the legs' client order ids, which Binance takes up to 36 characters long. */
  clientOrderIdStem: string;
  qty: Money;
  sl: Money;
  tp: Money;
}

/** `free` at the market's amount step, refused when the market would not take a sell of it at the stop-loss. */
function protectableQty(market: Market, free: Money, sl: Money): Money {
  const qty = floorToStep(free, money(market.amountPrecision));
  if (qty.lte(ZERO)) throw new PositionNotProtectableError(`no ${market.base} is free on the exchange account`);
  if (qty.lt(money(market.minAmount))) {
    throw new PositionNotProtectableError(`${qty.toFixed()} ${market.base} is free, below the market's minimum amount of ${market.minAmount}`);
  }
  if (qty.mul(sl).lt(money(market.minNotional))) {
    throw new PositionNotProtectableError(
      `${qty.toFixed()} ${market.base} is worth less than the minimum order value of ${market.minNotional} ${market.quote} at the stop-loss`,
    );
  }
  return qty;
}

/**
 * Lilux's status for what ccxt reports, or null for a status Lilux does not know (the order is then looked up
 * again, never guessed). An order canceled or expired after partial fills is canceled: its filled quantity says
 * how much of it traded.
 */
export function statusOf(order: Pick<ccxt.Order, 'status' | 'filled'>): OrderStatus | null {
  switch (order.status) {
    case 'closed':
      return 'filled';
    case 'open':
      return (order.filled ?? 0) > 0 ? 'partially_filled' : 'open';
    case 'canceled':
    case 'expired':
      return 'canceled';
    case 'rejected':
      return 'rejected';
    default:
      return null;
  }
}

/**
 * The trades of an order not recorded yet, oldest first. Fills recorded before trades were keyed (their trade id
 * is their own id) stand for the order's earliest trades, up to their quantity. A trade without an id, amount or
 * price cannot be recorded exactly and is left out: the order then stays active and is looked at again.
 */
export function newTrades(recorded: Pick<FillEntity, 'id' | 'tradeId' | 'qty'>[], trades: ccxt.Trade[]): ccxt.Trade[] {
  const known = new Set(recorded.map((fill) => fill.tradeId));
  let coveredByEarlierFills = recorded.filter((fill) => fill.tradeId === fill.id).reduce((sum, fill) => sum.plus(fill.qty), ZERO);
  const fresh: ccxt.Trade[] = [];
  const complete = trades.filter((trade) => trade.id && trade.amount && trade.price !== undefined);
  for (const trade of complete.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0))) {
    const tradeId = String(trade.id);
    if (known.has(tradeId)) continue;
    known.add(tradeId);
    if (coveredByEarlierFills.gt(ZERO)) {
      coveredByEarlierFills = coveredByEarlierFills.minus(money(trade.amount ?? 0));
      continue;
    }
    fresh.push(trade);
  }
  return fresh;
}
