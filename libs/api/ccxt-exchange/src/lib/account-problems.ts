import { Injectable, Logger } from '@nestjs/common';
import type { AccountProblem, AccountProblemNotice } from '@lilux/contracts';
import { Clock, ClusterBus, USER_EVENT, UserEvent } from '@lilux/api/shared';
import { AccountEntity, ExchangeKeyRejectedError, ExchangeUnreachableError } from '@lilux/api/orders';
import * as ccxt from 'ccxt';
import { binanceReason } from './binance-client';

/**
 * Tells an exchange account's owner, on the user events every instance hears, of what went wrong with it: the
 * exchange not answering, the key refused, an order on it that Lilux did not place. Told each time it is seen;
 * whoever turns it into notifications decides how often that is worth saying.
 */
@Injectable()
export class AccountProblems {
  private readonly logger = new Logger(AccountProblems.name);

  constructor(
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
  ) {}

  /** Tells of `error` when it is a problem of the account rather than of one order (a refused order is told by its own event). */
  failed(account: AccountEntity, error: unknown): void {
    const problem = problemOf(error);
    if (problem) this.tell(account, { problem, detail: detailOf(error) });
  }

  unknownOrder(account: AccountEntity, order: ccxt.Order): void {
    this.tell(account, {
      problem: 'unknown_order_found',
      detail: `an order Lilux did not place is open on the exchange: ${order.side ?? ''} ${order.amount ?? ''} ${order.symbol ?? ''}`
        .replace(/\s+/g, ' ')
        .trim(),
      exchangeOrderId: String(order.id),
      symbol: order.symbol,
    });
  }

  private tell(account: AccountEntity, notice: Pick<AccountProblemNotice, 'problem' | 'detail' | 'exchangeOrderId' | 'symbol'>): void {
    const message: UserEvent = {
      userId: account.userId,
      event: 'account',
      data: { accountId: account.id, label: account.label, ...notice, at: new Date(this.clock.now()).toISOString() },
    };
    this.bus.publish(USER_EVENT, message).catch((error: unknown) => this.logger.warn({ err: error }, 'could not publish an account problem'));
  }
}

/**
 * The account's problem `error` shows, from ccxt's error classes or the API's errors made of them; none for a rate
 * limit (Lilux pauses and says so itself) or for the exchange refusing one order.
 */
export function problemOf(error: unknown): AccountProblem | null {
  if (error instanceof ExchangeKeyRejectedError) return 'key_rejected';
  if (error instanceof ccxt.AuthenticationError || error instanceof ccxt.PermissionDenied || error instanceof ccxt.AccountSuspended) return 'key_rejected';
  // ccxt calls Binance's -2015 a ban once the key has worked before: a deleted or restricted key looks just like that.
  if (error instanceof ccxt.DDoSProtection && error.message.includes('"code":-2015')) return 'key_rejected';
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) return null;
  if (error instanceof ccxt.OperationFailed) return 'exchange_unreachable';
  if (error instanceof ExchangeUnreachableError) {
    return error.retryAfterSeconds === undefined && !error.message.includes('answered with an error') ? 'exchange_unreachable' : null;
  }
  return null;
}

/** The error in words, without the URLs ccxt puts in its messages: a signed one carries the key and its signature. */
export function detailOf(error: unknown): string {
  const text = error instanceof ccxt.BaseError ? binanceReason(error) : error instanceof Error ? error.message : String(error);
  return (
    text
      .replace(/\b\w+:\/\/\S+/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200) || (error instanceof Error ? error.name : 'unknown error')
  );
}
