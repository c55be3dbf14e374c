import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Balance, ExchangeMode } from '@lilux/contracts';
import { Environment } from '@lilux/api/shared';
import { createBinanceClient } from '@lilux/api/ccxt-client';
import { ExchangeKeyRejectedError, ExchangeUnreachableError, money, toDecimalString } from '@lilux/api/orders';
import * as ccxt from 'ccxt';

/** Seconds to wait after Binance said "too many requests" without saying how long. */
const DEFAULT_BACKOFF_SECONDS = 30;

export interface ExchangeKeys {
  apiKey: string;
  secret: string;
}

/** Builds the ccxt client of one exchange account from its decrypted keys and the operator's configuration. */
@Injectable()
export class BinanceClients {
  private readonly urls: Record<ExchangeMode, string | undefined>;
  private readonly timeoutMs: number;

  constructor(config: ConfigService<Environment, true>) {
    this.urls = { testnet: config.get('BINANCE_TESTNET_URL', { infer: true }), live: config.get('BINANCE_LIVE_URL', { infer: true }) };
    this.timeoutMs = config.get('EXCHANGE_TIMEOUT_MS', { infer: true });
  }

  create(mode: ExchangeMode, keys: ExchangeKeys): ccxt.binance {
    return createBinanceClient({ baseUrl: this.urls[mode], timeoutMs: this.timeoutMs, sandbox: mode === 'testnet', keys });
  }

  /** The account's non-zero balances, or the exchange's refusal as an error the API answers with. */
  async balances(mode: ExchangeMode, keys: ExchangeKeys): Promise<Balance[]> {
    const exchange = this.create(mode, keys);
    try {
      // Binance's own decimal strings, not the numbers ccxt parses them into.
      const { info } = (await exchange.fetchBalance()) as unknown as { info: { balances?: { asset: string; free: string; locked: string }[] } };
      return (info.balances ?? [])
        .map(({ asset, free, locked }) => ({ asset, free: toDecimalString(money(free)), locked: toDecimalString(money(locked)) }))
        .filter(({ free, locked }) => free !== '0' || locked !== '0')
        .sort((a, b) => a.asset.localeCompare(b.asset));
    } catch (error) {
      throw exchangeError(error);
    }
  }
}

/** ccxt's error classes, mapped to what the API answers; order matters, as the rate-limit errors are network errors. */
export function exchangeError(error: unknown): Error {
  if (error instanceof ccxt.AuthenticationError || error instanceof ccxt.PermissionDenied || error instanceof ccxt.AccountSuspended) {
    return new ExchangeKeyRejectedError(binanceReason(error));
  }
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) {
    return new ExchangeUnreachableError('the exchange asks us to slow down; try again later', DEFAULT_BACKOFF_SECONDS);
  }
  // OperationFailed: network errors, timeouts, and what Binance itself calls an unknown failure (-1000, 5xx).
  if (error instanceof ccxt.OperationFailed) return new ExchangeUnreachableError(binanceReason(error));
  if (error instanceof ccxt.ExchangeError) return new ExchangeUnreachableError(`the exchange answered with an error: ${binanceReason(error)}`);
  return error instanceof Error ? error : new Error(String(error));
}

/** Binance's own message from ccxt's "binance {json}" text, or ccxt's message when there is none. */
export function binanceReason(error: Error): string {
  const json = /\{.*\}/.exec(error.message)?.[0];
  try {
    const parsed = json ? (JSON.parse(json) as { msg?: string }) : undefined;
    if (parsed?.msg) return parsed.msg;
  } catch {
    // Not Binance's JSON: ccxt's own text follows.
  }
  return error.message.replace(/^binance\s*/, '').slice(0, 200) || error.name;
}
