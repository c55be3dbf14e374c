import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { Environment } from '@lilux/api/shared';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenClaims, AuthenticatedUser, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, tokenSigningKey } from '../authenticated-user';
import { TokenService } from '../token.service';

/**
 * Accepts only HS256 tokens of ours with a signature, an issuer, an audience and an unexpired `exp`; the
 * token service decides whether the user behind them still stands.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly tokens: TokenService,
    config: ConfigService<Environment, true>,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken untouched, which takes a KeyObject; its types predate that.
      secretOrKey: tokenSigningKey(config.get('JWT_SECRET', { infer: true })) as unknown as Buffer,
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    return this.tokens.authenticate(claims);
  }
}
