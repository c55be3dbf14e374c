import { ApiPropertyOptional } from '@nestjs/swagger';
import { RECOVERY_CODE_PATTERN, RECOVERY_CODE_RULE, TWO_FACTOR_CODE_PATTERN, TWO_FACTOR_CODE_RULE, type TwoFactorProof } from '@lilux/contracts';
import { IsOptional, Matches } from 'class-validator';

/**
 * The second factor, for every request that asks for it (login and the step-up before sensitive changes):
 * request DTOs extend it. Without two-factor authentication both fields may be left out.
 */
export class TwoFactorProofDto implements TwoFactorProof {
  @ApiPropertyOptional({ description: 'The current code of your authenticator app, once two-factor authentication is on', example: '123456' })
  @IsOptional()
  @Matches(TWO_FACTOR_CODE_PATTERN, { message: TWO_FACTOR_CODE_RULE })
  code?: string;

  @ApiPropertyOptional({ description: 'Instead of a code: one of your recovery codes, each good once', example: 'k7m2p-x9q4r' })
  @IsOptional()
  @Matches(RECOVERY_CODE_PATTERN, { message: RECOVERY_CODE_RULE })
  recoveryCode?: string;
}
