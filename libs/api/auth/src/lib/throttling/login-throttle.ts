import { ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';

const LOGIN_THROTTLE_KEY = 'lilux:loginThrottle';
const MINUTE_MS = 60_000;

/** Marks a login route: besides the global limit, it gets the strict per address-and-username one. */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE_KEY, true);

export function isLoginRoute(context: ExecutionContext): boolean {
  return Reflect.getMetadata(LOGIN_THROTTLE_KEY, context.getHandler()) === true;
}

export interface ThrottledRequest {
  ip: string;
  body?: { username?: unknown };
}

/**
 * Two limits: `default`, per client address on every route, and `login`, per address and username on login
 * routes, so that guessing one user's password is slow while other users behind the same address can still
 * log in. The address is the socket's unless TRUST_PROXY lets Fastify read X-Forwarded-For.
 */
export function throttlerOptions(perMinute: number, loginsPerMinute: number): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'default', ttl: MINUTE_MS, limit: perMinute },
      {
        name: 'login',
        ttl: MINUTE_MS,
        limit: loginsPerMinute,
        skipIf: (context) => !isLoginRoute(context),
        getTracker: (request) => {
          const { ip, body } = request as ThrottledRequest;
          const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
          return `${ip}|${username}`;
        },
      },
    ],
  };
}
