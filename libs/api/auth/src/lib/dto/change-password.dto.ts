import { ApiProperty } from '@nestjs/swagger';
import type { ChangePasswordRequest } from '@lilux/contracts';
import { PasswordByteLength } from '@lilux/api/shared';
import { IsNotEmpty, IsString, Validate } from 'class-validator';

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  currentPassword!: string;

  @ApiProperty({ format: 'password', description: '8 to 72 bytes (UTF-8)' })
  @IsString()
  @Validate(PasswordByteLength)
  newPassword!: string;
}
