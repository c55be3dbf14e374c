import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_MAX_BYTES, type ChangePasswordRequest } from '@lilux/contracts';
import { HardToGuessPassword, PasswordByteLength } from '@lilux/api/shared';
import { IsNotEmpty, IsString, Validate } from 'class-validator';
import { MaxBytes } from './max-bytes.validator';
import { TwoFactorProofDto } from '../two-factor/dto/two-factor-proof.dto';

export class ChangePasswordDto extends TwoFactorProofDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  // As at login: bcrypt reads no further, and a new password differing only past that point would be the same one.
  @MaxBytes(PASSWORD_MAX_BYTES)
  currentPassword!: string;

  @ApiProperty({ format: 'password', description: '8 to 72 bytes (UTF-8), not blank, not one of the most common passwords, not the current one' })
  @IsString()
  @Validate(HardToGuessPassword)
  @Validate(PasswordByteLength)
  newPassword!: string;
}
