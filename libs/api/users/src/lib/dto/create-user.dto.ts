import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ROLES, USERNAME_PATTERN, USERNAME_RULE, type CreateUserRequest, type UserRole } from '@lilux/contracts';
import { HardToGuessPassword, PasswordByteLength } from '@lilux/api/shared';
import { IsIn, IsOptional, IsString, Matches, Validate } from 'class-validator';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'alice', pattern: USERNAME_PATTERN.source, description: USERNAME_RULE })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: `must be ${USERNAME_RULE}` })
  username!: string;

  @ApiProperty({ example: 'correct horse battery', minLength: 8, description: '8 to 72 bytes (UTF-8), not blank, not one of the most common passwords' })
  @IsString()
  @Validate(HardToGuessPassword)
  @Validate(PasswordByteLength)
  password!: string;

  @ApiPropertyOptional({ enum: USER_ROLES, default: 'trader' })
  @IsOptional()
  @IsIn(USER_ROLES, { message: `must be one of ${USER_ROLES.join(', ')}` })
  role?: UserRole;
}
