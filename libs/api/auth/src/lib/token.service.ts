import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { AccessTokenResponse } from '@lilux/contracts';
import { Environment } from '@lilux/api/shared';
import type { UserIdentity } from '@lilux/api/users';
import { randomUUID } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { AccessTokenClaims, AuthenticatedUser } from './authenticated-user';
import { RevokedTokenEntity } from './revoked-token.entity';

/** Issues access tokens and keeps the list of those logged out before they expire. */
@Injectable()
export class TokenService {
  private readonly ttlSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    @InjectRepository(RevokedTokenEntity) private readonly revoked: Repository<RevokedTokenEntity>,
    config: ConfigService<Environment, true>,
  ) {
    this.ttlSeconds = config.get('JWT_TTL', { infer: true });
  }

  async issue(user: UserIdentity): Promise<AccessTokenResponse> {
    const claims: AccessTokenClaims = { sub: user.id, jti: randomUUID(), ver: user.tokenVersion };
    return {
      access_token: await this.jwt.signAsync(claims, { expiresIn: this.ttlSeconds }),
      token_type: 'Bearer',
      expires_in: this.ttlSeconds,
    };
  }

  async revoke(user: AuthenticatedUser): Promise<void> {
    await this.revoked.delete({ expiresAt: LessThan(new Date()) });
    await this.revoked.upsert(
      { tokenId: user.tokenId, userId: user.id, expiresAt: user.tokenExpiresAt },
      { conflictPaths: ['tokenId'] },
    );
  }

  isRevoked(tokenId: string): Promise<boolean> {
    return this.revoked.exists({ where: { tokenId } });
  }
}
