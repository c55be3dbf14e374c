import { createHmac } from 'node:crypto';

/**
 * Builds JWTs by hand, so that tests can make the tokens no library would: `alg: none`, no `exp`, another
 * algorithm, a forged signature.
 */
export function craftToken(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string): string {
  const encode = (part: Record<string, unknown>) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const algorithm = header['alg'] === 'HS512' ? 'sha512' : 'sha256';
  const signature = header['alg'] === 'none' ? '' : createHmac(algorithm, secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
