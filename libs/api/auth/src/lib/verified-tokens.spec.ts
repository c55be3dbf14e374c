import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ManualClock } from '@lilux/api/shared';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, tokenSigningKey } from './authenticated-user';
import { VerifiedTokens } from './verified-tokens';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const SECRET = 'unit-secret-that-is-long-enough-for-hs256-0123456789';

function jwtService(secret = SECRET): JwtService {
  return new JwtService({
    secret: tokenSigningKey(secret),
    signOptions: { algorithm: TOKEN_ALGORITHM, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
    verifyOptions: { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
  });
}

describe('VerifiedTokens', () => {
  const clock = new ManualClock(NOW);
  const jwt = jwtService();
  let tokens: VerifiedTokens;
  const sign = (expiresInSeconds: number) => jwt.sign({ sub: 'u1', jti: 't1', ver: 1, sid: 's1', iat: NOW / 1000 }, { expiresIn: expiresInSeconds });

  beforeEach(() => {
    clock.set(NOW);
    tokens = new VerifiedTokens(jwt, clock);
  });

  it('checks a token once and answers its claims from memory afterwards', async () => {
    const token = sign(900);
    const verify = jest.spyOn(jwt, 'verifyAsync');
    const first = await tokens.claimsOf(token);
    expect(first).toMatchObject({ sub: 'u1', sid: 's1', exp: NOW / 1000 + 900 });
    expect(await tokens.claimsOf(token)).toBe(first);
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockRestore();
  });

  it('refuses a remembered token from the second it expires', async () => {
    const token = sign(900);
    await tokens.claimsOf(token);
    clock.advance(899_999);
    await expect(tokens.claimsOf(token)).resolves.toMatchObject({ sub: 'u1' });
    clock.advance(1);
    await expect(tokens.claimsOf(token)).rejects.toBeInstanceOf(UnauthorizedException);
    expect(tokens.size).toBe(0);
  });

  it('refuses an expired token, another key, a tampered payload, and remembers none of them', async () => {
    const expired = sign(60);
    clock.advance(61_000);
    await expect(tokens.claimsOf(expired)).rejects.toBeInstanceOf(UnauthorizedException);
    const foreign = jwtService('another-secret-that-is-long-enough-for-hs256-9876543210').sign({ sub: 'u1' }, { expiresIn: 900 });
    await expect(tokens.claimsOf(foreign)).rejects.toBeInstanceOf(UnauthorizedException);
    const [header, , signature] = sign(900).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'admin', jti: 't1', ver: 1, sid: 's1', exp: NOW / 1000 + 900 })).toString('base64url');
    await expect(tokens.claimsOf(`${header}.${payload}.${signature}`)).rejects.toBeInstanceOf(UnauthorizedException);
    expect(tokens.size).toBe(0);
  });
});
