import { ApiProperty } from '@nestjs/swagger';
import {
  PASSWORD_MAX_BYTES,
  TWO_FACTOR_CODE_PATTERN,
  TWO_FACTOR_CODE_RULE,
  type ConfirmTwoFactorEnrolmentRequest,
  type DisableTwoFactorRequest,
  type StartTwoFactorEnrolmentRequest,
  type SetTwoFactorPolicyRequest,
} from '@lilux/contracts';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { TwoFactorProofDto } from './two-factor-proof.dto';

export class StartTwoFactorEnrolmentDto implements StartTwoFactorEnrolmentRequest {
  @ApiProperty({ format: 'password', description: 'Your password, asked again before a second factor is attached' })
  @IsString({ message: 'must be text' })
  @Length(1, PASSWORD_MAX_BYTES * 4, { message: 'is required' })
  password!: string;
}

export class ConfirmTwoFactorEnrolmentDto implements ConfirmTwoFactorEnrolmentRequest {
  @ApiProperty({ description: 'The code the authenticator app shows now', example: '123456' })
  @Matches(TWO_FACTOR_CODE_PATTERN, { message: TWO_FACTOR_CODE_RULE })
  code!: string;
}

export class DisableTwoFactorDto extends TwoFactorProofDto implements DisableTwoFactorRequest {
  @ApiProperty({ format: 'password' })
  @IsString({ message: 'must be text' })
  @Length(1, PASSWORD_MAX_BYTES * 4, { message: 'is required' })
  password!: string;
}

export class SetTwoFactorPolicyDto extends TwoFactorProofDto implements SetTwoFactorPolicyRequest {
  @ApiProperty({ description: 'Whether every user must set up two-factor authentication before doing anything else' })
  @IsBoolean({ message: 'must be true or false' })
  required!: boolean;
}
