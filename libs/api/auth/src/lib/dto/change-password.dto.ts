import { ApiProperty } from '@nestjs/swagger';
import type { ChangePasswordRequest } from '@lilux/contracts';
import { PasswordByteLength } from '@lilux/api/shared';
import { IsNotEmpty, IsString, Validate } from 'class-validator';
import { TwoFactorProofDto } from '../two-factor/dto/two-factor-proof.dto';

export class ChangePasswordDto extends TwoFactorProofDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  currentPassword!: string;

  @ApiProperty({ format: 'password', description: '8 to 72 bytes (UTF-8)' })
  @IsString()
  @Validate(PasswordByteLength)
  newPassword!: string;
}
