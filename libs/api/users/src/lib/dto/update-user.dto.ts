import { ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ROLES, type UpdateUserRequest, type UserRole } from '@lilux/contracts';
import { IsBoolean, IsIn, ValidateIf } from 'class-validator';

/** Optional, but a null is a value given, and refused like any other wrong one (IsOptional would skip it). */
const GivenEvenIfNull = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ enum: USER_ROLES, description: 'The new role; the last active administrator keeps theirs' })
  @GivenEvenIfNull()
  @IsIn(USER_ROLES, { message: `must be one of ${USER_ROLES.join(', ')}` })
  role?: UserRole;

  @ApiPropertyOptional({ description: 'true: the user cannot sign in and their tokens stop working; false: enabled again' })
  @GivenEvenIfNull()
  @IsBoolean({ message: 'must be true or false' })
  disabled?: boolean;
}
