import type { IncomingHttpHeaders } from 'node:http';

/** The token of an `Authorization: Bearer <token>` header, the scheme in any case (as passport-jwt read it). */
export function bearerTokenOf(request: { headers: IncomingHttpHeaders }): string | undefined {
  const match = /(\S+)\s+(\S+)/.exec(request.headers.authorization ?? '');
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : undefined;
}
