import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { WholeNumberQuery } from '@lilux/api/shared';
import {
  DECIMAL_PATTERN,
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  SYMBOL_PATTERN,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  type ListQuery,
  type PlaceOrderRequest,
  type PositionProtectionRequest,
} from '@lilux/contracts';
import { decodeCursor } from '../list-cursor';

/** Binance's rule for client order ids, so the same id can be sent on to the exchange. */
export const CLIENT_ORDER_ID_PATTERN = /^[A-Za-z0-9._:/-]{1,36}$/;
const DECIMAL_RULE = 'must be a positive decimal number such as "0.015" (at most 18 decimals)';

/**
 * JSON numbers are accepted for the seed's clients and read back as the decimal they were written as (the
 * shortest form that round-trips); anything that is not plain decimal notation is refused.
 */
const asDecimalText = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);

/** Optional, but a null is a value given, and refused like any other wrong one (not skipped, then crashing). */
const GivenEvenIfNull = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

export class PlaceOrderDto implements PlaceOrderRequest {
  @ApiProperty({ example: 'BTC/USDT' })
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'must be a market symbol such as BTC/USDT' })
  symbol!: string;

  @ApiProperty({ enum: ORDER_SIDES })
  @IsIn(ORDER_SIDES, { message: 'must be buy or sell' })
  side!: OrderSide;

  @ApiProperty({ example: '0.015', description: 'Base-asset quantity, a decimal string' })
  @Transform(asDecimalText)
  @IsString({ message: DECIMAL_RULE })
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_RULE })
  qty!: string;

  @ApiPropertyOptional({ example: '95000', description: 'Limit price; makes the order a limit order' })
  @GivenEvenIfNull()
  @Transform(asDecimalText)
  @IsString({ message: DECIMAL_RULE })
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_RULE })
  price?: string;

  @ApiPropertyOptional({ example: '93000', description: 'Stop-loss trigger, armed when the entry fills' })
  @GivenEvenIfNull()
  @Transform(asDecimalText)
  @IsString({ message: DECIMAL_RULE })
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_RULE })
  sl?: string;

  @ApiPropertyOptional({ example: '99000', description: 'Take-profit price, armed when the entry fills' })
  @GivenEvenIfNull()
  @Transform(asDecimalText)
  @IsString({ message: DECIMAL_RULE })
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_RULE })
  tp?: string;

  @ApiPropertyOptional({ enum: ORDER_TYPES, description: 'market by default, limit when a price is given' })
  @GivenEvenIfNull()
  @IsIn(ORDER_TYPES, { message: 'must be market or limit' })
  type?: OrderType;

  @ApiPropertyOptional({ example: 'my-order-0001', description: 'Sending the same id again returns the first order' })
  @GivenEvenIfNull()
  @IsString()
  @Matches(CLIENT_ORDER_ID_PATTERN, { message: 'must be 1 to 36 letters, digits or . _ : / -' })
  clientOrderId?: string;

  @ApiPropertyOptional({ description: 'The account to trade on; your paper account when absent' })
  @GivenEvenIfNull()
  @IsUUID('all', { message: 'must be an account id' })
  accountId?: string;
}

const LEVEL_RULE = 'must be a positive decimal number such as "93000", or null for none';

/** Both levels are required: a client that leaves one out must not remove it by accident. */
const LevelOrNull = () => ValidateIf((_object: unknown, value: unknown) => value !== null);

export class PositionProtectionDto implements PositionProtectionRequest {
  @ApiProperty({ example: 'BTC/USDT' })
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'must be a market symbol such as BTC/USDT' })
  symbol!: string;

  @ApiProperty({ type: String, nullable: true, example: '93000', description: 'Stop-loss trigger, below the market; null for none' })
  @LevelOrNull()
  @Transform(asDecimalText)
  @IsString({ message: LEVEL_RULE })
  @Matches(DECIMAL_PATTERN, { message: LEVEL_RULE })
  sl!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '99000', description: 'Take-profit price, above the market; null for none' })
  @LevelOrNull()
  @Transform(asDecimalText)
  @IsString({ message: LEVEL_RULE })
  @Matches(DECIMAL_PATTERN, { message: LEVEL_RULE })
  tp!: string | null;

  @ApiPropertyOptional({ description: 'The account holding the position; your paper account when absent' })
  @GivenEvenIfNull()
  @IsUUID('all', { message: 'must be an account id' })
  accountId?: string;
}

export class PageQueryDto implements ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @WholeNumberQuery()
  @IsInt({ message: 'must be a whole number from 1 to 500' })
  @Min(1, { message: 'must be a whole number from 1 to 500' })
  @Max(500, { message: 'must be a whole number from 1 to 500' })
  limit = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @WholeNumberQuery()
  @IsInt({ message: 'must be a whole number, 0 or more' })
  @Min(0, { message: 'must be a whole number, 0 or more' })
  @ValidateBy(
    {
      name: 'notWithCursor',
      validator: { validate: (value: unknown, { object }: ValidationArguments) => value === 0 || (object as PageQueryDto).cursor === undefined },
    },
    { message: 'cannot be combined with a cursor (the cursor already says where the page starts)' },
  )
  offset = 0;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page: the next page, however deep, at the cost of the first' })
  @IsOptional()
  @ValidateBy(
    { name: 'isListCursor', validator: { validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== undefined } },
    { message: 'must be a nextCursor given by an earlier page of this list' },
  )
  cursor?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: 'false: leave out the count of every matching row (offset paging)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  total?: 'true' | 'false';

  @ApiPropertyOptional({ example: 'BTC/USDT' })
  @IsOptional()
  @Matches(SYMBOL_PATTERN, { message: 'must be a market symbol such as BTC/USDT' })
  symbol?: string;

  @ApiPropertyOptional({ description: 'Only this account; all of yours when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an account id' })
  accountId?: string;
}

export class OrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES, { message: `must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: OrderStatus;
}

export class TradeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Earliest execution time (ISO-8601 or ms since the epoch)' })
  @IsOptional()
  @Transform(({ value }) => toIsoTime(value))
  @Matches(/^\d{4}-\d{2}-\d{2}T/, { message: 'must be a time: ISO-8601 or ms since the epoch' })
  from?: string;

  @ApiPropertyOptional({ description: 'Latest execution time, exclusive' })
  @IsOptional()
  @Transform(({ value }) => toIsoTime(value))
  @Matches(/^\d{4}-\d{2}-\d{2}T/, { message: 'must be a time: ISO-8601 or ms since the epoch' })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: every matching trade, streamed; no paging' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'must be json or csv' })
  format?: 'json' | 'csv';
}

function toIsoTime(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  const time = /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(time.getTime()) ? 'invalid' : time.toISOString();
}
