import type { Environment } from '@lilux/api/shared';
import type { FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';

/**
 * How often Node looks for requests past their header or request timeout. Its default, 30 s, would let a
 * trickled request live up to 30 s past its timeout; a pass over the (capped) open connections costs little.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * Bounds on what a slow client can hold: the headers and the whole request must arrive within their timeouts
 * (else 408 and the connection is closed), and an idle connection is closed after the keep-alive timeout.
 * Without them, a body sent a byte every few seconds kept its connection open indefinitely.
 */
export function connectionTimeouts(environment: Environment): Pick<FastifyHttpOptions<Server>, 'requestTimeout' | 'keepAliveTimeout' | 'http'> {
  return {
    requestTimeout: environment.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: environment.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      requestTimeout: environment.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeout: environment.HTTP_HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
  };
}

/** Connections past the cap are dropped as they arrive, so many idle or slow clients cannot exhaust the process. */
export function capConnections(server: Server, environment: Environment): void {
  server.maxConnections = environment.HTTP_MAX_CONNECTIONS;
}
