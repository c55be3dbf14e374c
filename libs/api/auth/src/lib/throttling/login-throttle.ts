import { ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';

const LOGIN_THROTTLE_KEY = 'lilux:loginThrottle';
const MINUTE_MS = 60_000;

/** Marks a login route: besides the global limit, it gets the strict per address-and-username and per address ones. */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE_KEY, true);

export function isLoginRoute(context: ExecutionContext): boolean {
  return Reflect.getMetadata(LOGIN_THROTTLE_KEY, context.getHandler()) === true;
}

export interface ThrottledRequest {
  ip: string;
  body?: { username?: unknown };
}

/**
 * Three limits: `default`, one budget per client (its user with a valid token, else its address; see
 * RateLimitGuard) over every route together; `login`, per address and username on login routes, so that guessing
 * one user's password is slow while other users behind the same address can still log in; and `login-address`,
 * per address on login routes whatever the usernames, as each attempt costs a bcrypt hash even for a name that
 * does not exist. The address is the socket's unless TRUST_PROXY lets Fastify read X-Forwarded-For.
 */
export function throttlerOptions(perMinute: number, loginsPerMinute: number, loginsPerAddressPerMinute: number): ThrottlerModuleOptions {
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
      { name: 'login-address', ttl: MINUTE_MS, limit: loginsPerAddressPerMinute, skipIf: (context) => !isLoginRoute(context) },
    ],
  };
}
