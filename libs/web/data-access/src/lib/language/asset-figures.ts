import { inject, Injectable, Pipe, PipeTransform, signal } from '@angular/core';
import type { Market } from '@lilux/contracts';
import Decimal from 'decimal.js';
import { MarketApi } from '../market-api';
import { groupDigits } from './decimal-text';
import { Language, type ConsoleLanguage } from './language';

/** Decimals shown for an asset no market names (a coin the exchange holds but Lilux does not trade). */
const UNKNOWN_ASSET_DECIMALS = 8;

/**
 * Decimals of each asset and market, read from the markets' steps: a base asset at its quantity step (BTC at
 * 0.00001: five), a quote asset at the coarsest price tick of its markets (USDT at BTC/USDT's 0.01: two, not at
 * DOGE/USDT's 0.00001), a market's prices at its tick.
 */
export function decimalsFromMarkets(markets: readonly Market[]): { assets: Map<string, number>; prices: Map<string, number> } {
  const bases = new Map<string, number>();
  const quotes = new Map<string, number>();
  const prices = new Map<string, number>();
  for (const market of markets) {
    const priceDecimals = new Decimal(market.pricePrecision).decimalPlaces();
    prices.set(market.symbol, priceDecimals);
    bases.set(market.base, Math.max(bases.get(market.base) ?? 0, new Decimal(market.amountPrecision).decimalPlaces()));
    quotes.set(market.quote, Math.min(quotes.get(market.quote) ?? Infinity, priceDecimals));
  }
  // An asset traded as a base is held in its quantity steps, even where it also quotes another market.
  return { assets: new Map([...quotes, ...bases]), prices };
}

/**
 * A decimal at `decimals` places (all of them: "4951.9" USDT is "4,951.90"), or, without a known precision, at up to
 * eight with the trailing zeros dropped; with the language's thousands separators and decimal mark.
 */
export function formatFigure(value: string | number, decimals: number | undefined, language: ConsoleLanguage): string {
  let figure: Decimal;
  try {
    figure = new Decimal(value);
  } catch {
    return String(value);
  }
  const fixed =
    decimals === undefined ? figure.toDecimalPlaces(UNKNOWN_ASSET_DECIMALS, Decimal.ROUND_HALF_UP).toFixed() : figure.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const unsigned = fixed.startsWith('-') ? fixed.slice(1) : fixed;
  // A loss rounded to nothing is no loss: "-0.00" reads as one.
  const sign = fixed.startsWith('-') && new Decimal(unsigned).gt(0) ? '-' : '';
  return sign + groupDigits(unsigned, language);
}

/**
 * Every amount and price the console shows, at the precision its market trades it in and in the console's
 * language: the one place that decides how a figure looks, for every panel and page.
 */
@Injectable({ providedIn: 'root' })
export class AssetFigures {
  private readonly marketApi = inject(MarketApi);
  private readonly language = inject(Language);
  private readonly decimals = signal(decimalsFromMarkets([]));
  private reading: Promise<void> | null = null;

  /** `value` of `asset` ("7020.0893378", "USDT" → "7,020.09"); a market's symbol stands for its base asset (a quantity). */
  amount(value: string | number | null | undefined, asset: string): string {
    if (value === null || value === undefined || value === '') return '';
    return formatFigure(value, this.known().assets.get(asset.split('/')[0]), this.language.current());
  }

  /** A price on `symbol`'s market, at its tick ("98000.1", "BTC/USDT" → "98,000.10"). */
  price(value: string | number | null | undefined, symbol: string): string {
    if (value === null || value === undefined || value === '') return '';
    return formatFigure(value, this.known().prices.get(symbol), this.language.current());
  }

  /**
   * The markets' steps, read once when a figure is first shown; until then (or if they cannot be read, which the
   * error toast says) figures show at up to eight decimals.
   */
  private known(): ReturnType<typeof decimalsFromMarkets> {
    void this.ready();
    return this.decimals();
  }

  /** Resolves once the markets' steps are known (or could not be read), for text composed once rather than rendered. */
  ready(): Promise<void> {
    this.reading ??= this.marketApi.markets().then(
      (markets) => this.decimals.set(decimalsFromMarkets(markets)),
      () => undefined,
    );
    return this.reading;
  }
}

/** `{{ balance.free | amount: balance.asset }}`: see {@link AssetFigures.amount}. Impure: it follows the language and the markets. */
@Pipe({ name: 'amount', pure: false })
export class AmountPipe implements PipeTransform {
  private readonly figures = inject(AssetFigures);

  transform(value: string | number | null | undefined, asset: string): string {
    return this.figures.amount(value, asset);
  }
}

/** `{{ order.price | price: order.symbol }}`: see {@link AssetFigures.price}. */
@Pipe({ name: 'price', pure: false })
export class PricePipe implements PipeTransform {
  private readonly figures = inject(AssetFigures);

  transform(value: string | number | null | undefined, symbol: string): string {
    return this.figures.price(value, symbol);
  }
}
