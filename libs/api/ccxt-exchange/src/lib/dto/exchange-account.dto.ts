import { ApiProperty } from '@nestjs/swagger';
import { EXCHANGE_IDS, EXCHANGE_MODES, PASSWORD_MAX_BYTES, type AddExchangeAccountRequest, type ExchangeId, type ExchangeMode } from '@lilux/contracts';
import { TwoFactorProofDto } from '@lilux/api/auth';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { IsLabel } from '@lilux/api/shared';

const LABEL_MAX_LENGTH = 64;

/** Binance keys and secrets are 64 letters and digits; other exchanges' fit the same bounds. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export class AddExchangeAccountDto extends TwoFactorProofDto implements AddExchangeAccountRequest {
  @ApiProperty({ enum: EXCHANGE_IDS })
  @IsIn(EXCHANGE_IDS, { message: `must be one of ${EXCHANGE_IDS.join(', ')}` })
  exchange!: ExchangeId;

  @ApiProperty({ enum: EXCHANGE_MODES, description: 'testnet trades with test funds; live with real money' })
  @IsIn(EXCHANGE_MODES, { message: `must be one of ${EXCHANGE_MODES.join(', ')}` })
  mode!: ExchangeMode;

  @ApiProperty({
    example: 'Binance testnet',
    minLength: 1,
    maxLength: LABEL_MAX_LENGTH,
    description: 'Not only spaces; no control or text-direction characters',
  })
  @IsLabel(LABEL_MAX_LENGTH)
  label!: string;

  @ApiProperty({ description: 'Stored encrypted, never returned' })
  @IsString({ message: 'must be text' })
  @Matches(KEY_PATTERN, { message: 'must be 16 to 128 letters or digits' })
  apiKey!: string;

  @ApiProperty({ description: 'Stored encrypted, never returned' })
  @IsString({ message: 'must be text' })
  @Matches(KEY_PATTERN, { message: 'must be 16 to 128 letters or digits' })
  secret!: string;

  @ApiProperty({ description: 'Your Lilux password, asked again before keys are stored' })
  @IsString({ message: 'must be text' })
  @Length(1, PASSWORD_MAX_BYTES * 4, { message: 'is required' })
  password!: string;
}
