import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { Environment } from '@lilux/api/shared';
import { UsersService } from '@lilux/api/users';
import { ExtractJwt, Strategy } from 'passport-jwt';
import {
  AccessTokenClaims,
  AuthenticatedUser,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from '../authenticated-user';
import { TokenService } from '../token.service';

/**
 * Accepts only HS256 tokens of ours with a signature, an issuer, an audience and an unexpired `exp`, whose user
 * still exists with the same token version and which were not logged out.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    config: ConfigService<Environment, true>,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.get('JWT_SECRET', { infer: true }),
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    // jsonwebtoken accepts a token without `exp` as never expiring; ours always carry one.
    if (typeof claims.exp !== 'number' || typeof claims.jti !== 'string' || typeof claims.sub !== 'string') {
      throw new UnauthorizedException();
    }
    const user = await this.users.findIdentity(claims.sub);
    if (!user || user.tokenVersion !== claims.ver || (await this.tokens.isRevoked(claims.jti))) {
      throw new UnauthorizedException();
    }
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      tokenId: claims.jti,
      tokenExpiresAt: new Date(claims.exp * 1000),
    };
  }
}
