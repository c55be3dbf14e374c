import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type User, type UserRole } from '@lilux/contracts';

/** Swagger's view of {@link User}; the API returns plain objects of that shape. */
export class UserDto implements User {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'alice' })
  username!: string;

  @ApiProperty({ enum: USER_ROLES })
  role!: UserRole;

  @ApiProperty({ description: 'A disabled user cannot sign in and none of their tokens works' })
  disabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
