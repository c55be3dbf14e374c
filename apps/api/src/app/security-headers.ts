import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  // Angular Material and Swagger UI set inline styles; no inline script is allowed.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
};

const OVER_HTTPS: HelmetOptions = { contentSecurityPolicy: { directives: DIRECTIVES } };

/**
 * Over plain HTTP (a LAN name such as http://lilux.lan:3000), `upgrade-insecure-requests` sends the console's
 * scripts to an https:// that does not exist, leaving the page blank, and HSTS is meaningless. Both go only to
 * clients that came over HTTPS: `request.protocol`, which believes X-Forwarded-Proto only with TRUST_PROXY.
 */
const OVER_PLAIN_HTTP: HelmetOptions = { hsts: false, contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: null } } };

/**
 * Helmet's headers on every answer, and `Cache-Control: no-store` on every answer that does not set its own
 * (the API's, tokens included; the console's static files keep theirs, so browsers may keep them).
 *
 * The headers depend on the options alone, so Helmet computes them once at start-up; @fastify/helmet built
 * Helmet anew for each request (options merged, CSP directives parsed), half the cost of a small answer.
 */
export async function addSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const overHttps = helmetHeaders(OVER_HTTPS);
  const overPlainHttp = helmetHeaders(OVER_PLAIN_HTTP);
  const server = app.getHttpAdapter().getInstance();
  server.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.protocol === 'https' ? overHttps : overPlainHttp);
    done();
  });
  server.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

/** The headers Helmet sets with these options, read off a response that only records them. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => (headers[name.toLowerCase()] = String(value)),
    // Helmet removes X-Powered-By, which Fastify never sets.
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
