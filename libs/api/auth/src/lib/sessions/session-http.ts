import '@fastify/cookie';
import { REFRESH_COOKIE } from '@lilux/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { deviceName } from './device-name';
import type { ClientDescription, IssuedRefreshToken } from './sessions.service';

/**
 * Out of reach of the page's scripts (HttpOnly), never sent by another site's page (SameSite=Strict), only to the
 * auth routes, and over HTTPS only when the request came over HTTPS (`request.protocol`, which honours TRUST_PROXY):
 * a console on plain HTTP on a LAN still works.
 */
const COOKIE_OPTIONS = { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: 'auto' } as const;

export function setRefreshCookie(reply: FastifyReply, token: IssuedRefreshToken): void {
  reply.setCookie(REFRESH_COOKIE, token.value, { ...COOKIE_OPTIONS, maxAge: token.maxAgeSeconds });
}

export function clearRefreshCookie(reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, COOKIE_OPTIONS);
}

export function refreshTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[REFRESH_COOKIE] || undefined;
}

/**
 * Whether the request is JSON. A page on another site can send a form or `text/plain` without asking; JSON needs
 * a CORS preflight it would not pass, so the cookie is only spent by the console's own scripts (or a client that
 * holds it).
 */
export function isJsonRequest(request: FastifyRequest): boolean {
  return /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');
}

export function clientOf(request: FastifyRequest): ClientDescription {
  return { device: deviceName(request.headers['user-agent']), address: request.ip };
}
