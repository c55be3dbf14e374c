import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MARKET_DATA_MODES,
  type Market,
  type MarketDataMode,
  type MarketDataSourceName,
  type MarketList,
  type MarketStatus,
  type Ticker,
} from '@lilux/contracts';

/** Swagger's views of the market contracts; the API returns plain objects of these shapes. */
export class MarketDto implements Market {
  @ApiProperty({ example: 'BTC/USDT' }) symbol!: string;
  @ApiProperty({ example: 'BTC' }) base!: string;
  @ApiProperty({ example: 'USDT' }) quote!: string;
  @ApiProperty({ example: '0.01', description: 'Smallest price step' }) pricePrecision!: string;
  @ApiProperty({ example: '0.00001', description: 'Smallest quantity step' }) amountPrecision!: string;
  @ApiProperty({ example: '0.00001' }) minAmount!: string;
  @ApiProperty({ example: '5', description: 'Smallest order value in the quote currency' }) minNotional!: string;
}

export class MarketListDto implements MarketList {
  @ApiProperty({ type: [MarketDto] }) markets!: MarketDto[];
}

export class TickerDto implements Ticker {
  @ApiProperty({ example: 'BTC/USDT' }) symbol!: string;
  @ApiProperty({ description: 'ms since the epoch' }) timestamp!: number;
  @ApiProperty({ example: '97123.45' }) last!: string;
  @ApiProperty({ type: String, nullable: true }) bid!: string | null;
  @ApiProperty({ type: String, nullable: true }) ask!: string | null;
  @ApiProperty({ type: String, nullable: true }) open24h!: string | null;
  @ApiProperty({ type: String, nullable: true }) high24h!: string | null;
  @ApiProperty({ type: String, nullable: true }) low24h!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '-1.25' }) change24hPercent!: string | null;
  @ApiProperty({ type: String, nullable: true }) baseVolume24h!: string | null;
}

export class MarketStatusDto implements MarketStatus {
  @ApiProperty({ enum: ['simulated', 'binance'] }) source!: MarketDataSourceName;
  @ApiProperty({ enum: MARKET_DATA_MODES }) mode!: MarketDataMode;
  @ApiPropertyOptional({ example: 'binance did not answer in time' }) reason?: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty() symbols!: number;
}

/** `[open time, open, high, low, close, volume]` rows, as ccxt returns OHLCV. */
export const CANDLES_SCHEMA = {
  type: 'array',
  items: { type: 'array', items: { type: 'number' }, minItems: 6, maxItems: 6 },
  example: [[1732406400000, 97000.1, 97100, 96950.5, 97050.25, 12.345]],
} as const;
