/** A pair the simulated feed trades, with Binance-like precision and limits and the character of its price. */
export interface SimulatedInstrument {
  symbol: string;
  base: string;
  quote: string;
  /** Decimals of the price step (2 means 0.01). */
  priceDecimals: number;
  /** Decimals of the quantity step. */
  amountDecimals: number;
  minAmount: string;
  minNotional: string;
  /** Price on {@link ANCHOR_TIME}; the walk wanders around it. */
  anchorPrice: number;
  /** Annualised volatility of log returns (0.6 = 60%). */
  annualVolatility: number;
  /** Annual drift of the log price. */
  annualDrift: number;
  /** Typical traded base quantity a minute. */
  minuteVolume: number;
}

/** Where each instrument's walk is anchored: 2025-01-01T00:00Z. */
export const ANCHOR_TIME = Date.UTC(2025, 0, 1);

export const SIMULATED_INSTRUMENTS: readonly SimulatedInstrument[] = [
  {
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    priceDecimals: 2,
    amountDecimals: 5,
    minAmount: '0.00001',
    minNotional: '5',
    anchorPrice: 64_000,
    annualVolatility: 0.55,
    annualDrift: 0.2,
    minuteVolume: 12,
  },
  {
    symbol: 'ETH/USDT',
    base: 'ETH',
    quote: 'USDT',
    priceDecimals: 2,
    amountDecimals: 4,
    minAmount: '0.0001',
    minNotional: '5',
    anchorPrice: 3_300,
    annualVolatility: 0.7,
    annualDrift: 0.1,
    minuteVolume: 250,
  },
  {
    symbol: 'SOL/USDT',
    base: 'SOL',
    quote: 'USDT',
    priceDecimals: 2,
    amountDecimals: 3,
    minAmount: '0.001',
    minNotional: '5',
    anchorPrice: 190,
    annualVolatility: 0.9,
    annualDrift: 0.05,
    minuteVolume: 2_500,
  },
  {
    symbol: 'DOGE/USDT',
    base: 'DOGE',
    quote: 'USDT',
    priceDecimals: 5,
    amountDecimals: 0,
    minAmount: '1',
    minNotional: '1',
    anchorPrice: 0.32,
    annualVolatility: 1.0,
    annualDrift: 0,
    minuteVolume: 600_000,
  },
  {
    symbol: 'BNB/USDT',
    base: 'BNB',
    quote: 'USDT',
    priceDecimals: 2,
    amountDecimals: 3,
    minAmount: '0.001',
    minNotional: '5',
    anchorPrice: 700,
    annualVolatility: 0.5,
    annualDrift: 0.1,
    minuteVolume: 150,
  },
  {
    symbol: 'XRP/USDT',
    base: 'XRP',
    quote: 'USDT',
    priceDecimals: 4,
    amountDecimals: 1,
    minAmount: '0.1',
    minNotional: '5',
    anchorPrice: 2.3,
    annualVolatility: 0.8,
    annualDrift: 0,
    minuteVolume: 400_000,
  },
];
