import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  ALERT_CONDITIONS,
  DECIMAL_PATTERN,
  SYMBOL_PATTERN,
  type AlertCondition,
  type CreatePriceAlertRequest,
  type UpdatePriceAlertRequest,
} from '@lilux/contracts';

const DECIMAL_RULE = 'must be a decimal number such as "98000" (at most 18 decimals)';
export const NOTE_MAX_LENGTH = 200;
export const MAX_WINDOW_MINUTES = 1440;
export const MAX_COOLDOWN_SECONDS = 7 * 24 * 3600;

const asDecimalText = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);
/** Optional, but a null is a value given, and refused like any other wrong one. */
const GivenEvenIfNull = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/** The fields of an alert as a client may send them; which ones a condition needs is checked on the whole alert. */
class PriceAlertFieldsDto {
  @ApiPropertyOptional({ example: '98000', description: 'The level of above, below and crosses' })
  @GivenEvenIfNull()
  @Transform(asDecimalText)
  @IsString({ message: DECIMAL_RULE })
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_RULE })
  price?: string;

  @ApiPropertyOptional({ example: '2.5', description: 'For moves: the move in percent, up or down' })
  @GivenEvenIfNull()
  @Transform(asDecimalText)
  @IsString({ message: DECIMAL_RULE })
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_RULE })
  movePercent?: string;

  @ApiPropertyOptional({ example: 15, description: `For moves: how far back the move is measured, 1 to ${MAX_WINDOW_MINUTES} minutes` })
  @GivenEvenIfNull()
  @IsInt({ message: `must be a whole number of minutes from 1 to ${MAX_WINDOW_MINUTES}` })
  @Min(1, { message: `must be a whole number of minutes from 1 to ${MAX_WINDOW_MINUTES}` })
  @Max(MAX_WINDOW_MINUTES, { message: `must be a whole number of minutes from 1 to ${MAX_WINDOW_MINUTES}` })
  windowMinutes?: number;

  @ApiPropertyOptional({ maxLength: NOTE_MAX_LENGTH })
  @GivenEvenIfNull()
  @IsString({ message: 'must be text' })
  @MaxLength(NOTE_MAX_LENGTH, { message: `must be at most ${NOTE_MAX_LENGTH} characters` })
  note?: string;

  @ApiPropertyOptional({ default: false, description: 'Fire again after each cooldown instead of once' })
  @GivenEvenIfNull()
  @IsBoolean({ message: 'must be true or false' })
  repeat?: boolean;

  @ApiPropertyOptional({ default: 300, description: 'Seconds a repeating alert waits after firing before it may fire again' })
  @GivenEvenIfNull()
  @IsInt({ message: `must be a whole number of seconds from 1 to ${MAX_COOLDOWN_SECONDS}` })
  @Min(1, { message: `must be a whole number of seconds from 1 to ${MAX_COOLDOWN_SECONDS}` })
  @Max(MAX_COOLDOWN_SECONDS, { message: `must be a whole number of seconds from 1 to ${MAX_COOLDOWN_SECONDS}` })
  cooldownSeconds?: number;
}

export class CreatePriceAlertDto extends PriceAlertFieldsDto implements CreatePriceAlertRequest {
  @ApiProperty({ example: 'BTC/USDT' })
  @IsString({ message: 'must be a market symbol such as BTC/USDT' })
  @Matches(SYMBOL_PATTERN, { message: 'must be a market symbol such as BTC/USDT' })
  symbol!: string;

  @ApiProperty({ enum: ALERT_CONDITIONS })
  @IsIn(ALERT_CONDITIONS, { message: `must be one of ${ALERT_CONDITIONS.join(', ')}` })
  condition!: AlertCondition;
}

export class UpdatePriceAlertDto extends PriceAlertFieldsDto implements UpdatePriceAlertRequest {
  @ApiPropertyOptional({ example: 'BTC/USDT' })
  @GivenEvenIfNull()
  @IsString({ message: 'must be a market symbol such as BTC/USDT' })
  @Matches(SYMBOL_PATTERN, { message: 'must be a market symbol such as BTC/USDT' })
  symbol?: string;

  @ApiPropertyOptional({ enum: ALERT_CONDITIONS })
  @GivenEvenIfNull()
  @IsIn(ALERT_CONDITIONS, { message: `must be one of ${ALERT_CONDITIONS.join(', ')}` })
  condition?: AlertCondition;

  @ApiPropertyOptional({ enum: ['active', 'paused'], description: 'paused switches the alert off; active re-arms it (also after it fired)' })
  @GivenEvenIfNull()
  @IsIn(['active', 'paused'], { message: 'must be active or paused' })
  state?: 'active' | 'paused';
}
