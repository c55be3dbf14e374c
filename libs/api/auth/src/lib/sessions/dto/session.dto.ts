import { ApiProperty } from '@nestjs/swagger';
import type { UserSession } from '@lilux/contracts';

/** Swagger's view of {@link UserSession}. */
export class SessionDto implements UserSession {
  @ApiProperty({ format: 'uuid', description: 'Also the `sid` claim of its access tokens' })
  id!: string;

  @ApiProperty({ example: 'Firefox on Linux', description: 'Read from the User-Agent at sign-in' })
  device!: string;

  @ApiProperty({ example: '192.0.2.10', description: 'Client address of the last sign-in or refresh' })
  address!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Last sign-in or token refresh' })
  lastSeenAt!: string;

  @ApiProperty({ description: 'The session of the token that asked' })
  isCurrent!: boolean;
}
