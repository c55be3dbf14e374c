import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { WholeNumberQuery } from '@lilux/api/shared';
import { OHLCV_LIMIT_DEFAULT, OHLCV_LIMIT_MAX, SYMBOL_PATTERN, TIMEFRAMES, type Timeframe } from '@lilux/contracts';

const SYMBOL_RULE = 'must be a market symbol such as BTC/USDT';

export class SymbolQueryDto {
  @ApiProperty({ example: 'BTC/USDT' })
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: SYMBOL_RULE })
  symbol!: string;
}

export class OhlcvQueryDto extends SymbolQueryDto {
  @ApiProperty({ enum: TIMEFRAMES, example: '1m' })
  @IsIn(TIMEFRAMES, { message: `must be one of ${TIMEFRAMES.join(', ')}` })
  timeframe!: Timeframe;

  @ApiPropertyOptional({ minimum: 1, maximum: OHLCV_LIMIT_MAX, default: OHLCV_LIMIT_DEFAULT })
  @IsOptional()
  @WholeNumberQuery()
  @IsInt({ message: `must be a whole number from 1 to ${OHLCV_LIMIT_MAX}` })
  @Min(1, { message: `must be a whole number from 1 to ${OHLCV_LIMIT_MAX}` })
  @Max(OHLCV_LIMIT_MAX, { message: `must be a whole number from 1 to ${OHLCV_LIMIT_MAX}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'Earliest candle open time, ms since the epoch; latest candles when absent' })
  @IsOptional()
  @WholeNumberQuery()
  @IsInt({ message: 'must be a time in whole milliseconds since the epoch' })
  @Min(0, { message: 'must be a time in whole milliseconds since the epoch' })
  since?: number;
}
