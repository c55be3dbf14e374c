import { LiveClientMessage, SYMBOL_PATTERN, TIMEFRAMES, Timeframe } from '@lilux/contracts';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, ValidationError, validateSync } from 'class-validator';

class LiveClientMessageDto {
  @IsIn(['subscribe', 'unsubscribe'], { message: 'must be subscribe or unsubscribe' })
  type!: 'subscribe' | 'unsubscribe';

  @IsIn(['candles', 'ticker'], { message: 'must be candles or ticker' })
  channel!: 'candles' | 'ticker';

  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'must be a market symbol such as BTC/USDT' })
  symbol!: string;

  @IsOptional()
  @IsIn(TIMEFRAMES, { message: `must be one of ${TIMEFRAMES.join(', ')}` })
  timeframe?: Timeframe;
}

/**
 * A client's frame as a message, or why it is not one (sent back as an `error` message). Frames are checked
 * like request bodies: unknown fields are refused, not ignored.
 */
export function parseLiveClientMessage(frame: string): LiveClientMessage | { error: string } {
  let plain: unknown;
  try {
    plain = JSON.parse(frame);
  } catch {
    return { error: 'a message must be JSON' };
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return { error: 'a message must be a JSON object' };
  const errors = validateSync(plainToInstance(LiveClientMessageDto, plain), { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) return { error: errors.map(describe).join('; ') };
  const message = plain as LiveClientMessageDto;
  if (message.channel === 'candles' && message.timeframe === undefined) return { error: 'timeframe is required for candles' };
  if (message.channel === 'ticker' && message.timeframe !== undefined) return { error: 'timeframe is not a field of ticker messages' };
  return message as LiveClientMessage;
}

function describe(error: ValidationError): string {
  if (error.constraints?.['whitelistValidation']) return `${error.property} is not a field of this message`;
  return `${error.property} ${Object.values(error.constraints ?? {})[0]}`;
}
