import { computed, inject, Injectable, Pipe, PipeTransform, signal } from '@angular/core';
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

/** A traded volume keeps at most this many decimals: its whole units are what a trader reads. */
const VOLUME_DECIMALS = 2;
/** A percentage's decimals: a 24 h change or a position's return to the hundredth of a percent. */
const PERCENT_DECIMALS = 2;

/**
 * How the console writes a figure, for text composed once (a toast, an accessibility label) as much as for the
 * tables: {@link AssetFigures} in the console, {@link figuresFor} where the markets are at hand.
 */
export interface Figures {
  /** `value` of `asset` ("7020.0893378", "USDT" → "7,020.09"); a market's symbol stands for its base asset (a quantity). */
  amount(value: string | number | null | undefined, asset: string): string;
  /** A price on `symbol`'s market, at its tick ("98000.1", "BTC/USDT" → "98,000.10"). */
  price(value: string | number | null | undefined, symbol: string): string;
  /** A volume traded, at up to two decimals without trailing zeros ("1234.5" → "1,234.5", "1 234,5" in French). */
  volume(value: string | number | null | undefined): string;
  /** A change in percent, signed, at two decimals ("1.234" → "+1.23%", "+1,23 %" in French). */
  percent(value: string | number | null | undefined): string;
}

/** The figures of `markets` in `language`: the rules {@link AssetFigures} applies with the markets it read. */
export function figuresFor(markets: readonly Market[], language: ConsoleLanguage): Figures {
  return figuresOf(decimalsFromMarkets(markets), () => language);
}

function figuresOf(decimals: ReturnType<typeof decimalsFromMarkets>, language: () => ConsoleLanguage): Figures {
  return {
    amount: (value, asset) => (isBlank(value) ? '' : formatFigure(value, decimals.assets.get(asset.split('/')[0]), language())),
    price: (value, symbol) => (isBlank(value) ? '' : formatFigure(value, decimals.prices.get(symbol), language())),
    volume: (value) => (isBlank(value) ? '' : formatFigure(roundedDown(value, VOLUME_DECIMALS), undefined, language())),
    percent: (value) => (isBlank(value) ? '' : formatPercent(value, language())),
  };
}

function isBlank(value: string | number | null | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/** `value` at `decimals` places at most, trailing zeros dropped; text that is no number is left as it is. */
function roundedDown(value: string | number, decimals: number): string {
  try {
    return new Decimal(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed();
  } catch {
    return String(value);
  }
}

/** A rise carries its "+", as a fall its "-"; French puts a narrow no-break space before "%", as Angular's French locale. */
function formatPercent(value: string | number, language: ConsoleLanguage): string {
  const figure = formatFigure(value, PERCENT_DECIMALS, language);
  const signed = /[1-9]/.test(figure) && !figure.startsWith('-') ? `+${figure}` : figure;
  return language === 'fr' ? `${signed}\u202f%` : `${signed}%`;
}

/**
 * Every amount and price the console shows, at the precision its market trades it in and in the console's
 * language: the one place that decides how a figure looks, for every panel and page.
 */
@Injectable({ providedIn: 'root' })
export class AssetFigures implements Figures {
  private readonly marketApi = inject(MarketApi);
  private readonly language = inject(Language);
  private readonly decimals = signal(decimalsFromMarkets([]));
  private readonly figures = computed(() => figuresOf(this.decimals(), this.language.current));
  private reading: Promise<void> | null = null;

  amount(value: string | number | null | undefined, asset: string): string {
    return this.known().amount(value, asset);
  }

  price(value: string | number | null | undefined, symbol: string): string {
    return this.known().price(value, symbol);
  }

  volume(value: string | number | null | undefined): string {
    return this.known().volume(value);
  }

  percent(value: string | number | null | undefined): string {
    return this.known().percent(value);
  }

  /**
   * The markets' steps, read once when a figure is first shown; until then (or if they cannot be read, which the
   * error toast says) figures show at up to eight decimals.
   */
  private known(): Figures {
    void this.ready();
    return this.figures();
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

/** `{{ ticker.baseVolume24h | volume }}`: see {@link AssetFigures.volume}. */
@Pipe({ name: 'volume', pure: false })
export class VolumePipe implements PipeTransform {
  private readonly figures = inject(AssetFigures);

  transform(value: string | number | null | undefined): string {
    return this.figures.volume(value);
  }
}

/** `{{ ticker.change24hPercent | percentChange }}`: see {@link AssetFigures.percent}. */
@Pipe({ name: 'percentChange', pure: false })
export class PercentChangePipe implements PipeTransform {
  private readonly figures = inject(AssetFigures);

  transform(value: string | number | null | undefined): string {
    return this.figures.percent(value);
  }
}
