import { ApiProperty } from '@nestjs/swagger';
import type { AccessTokenResponse } from '@lilux/contracts';

export class AccessTokenDto implements AccessTokenResponse {
  @ApiProperty({ description: 'HS256 JWT to send as `Authorization: Bearer <token>`' })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 })
  expires_in!: number;
}
