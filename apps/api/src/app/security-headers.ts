import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  // Angular Material and Swagger UI set inline styles; no inline script is allowed.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
};

/**
 * Over plain HTTP (a LAN name such as http://lilux.lan:3000), `upgrade-insecure-requests` sends the console's
 * scripts to an https:// that does not exist, leaving the page blank, and HSTS is meaningless. Both go only to
 * clients that came over HTTPS: `request.protocol`, which believes X-Forwarded-Proto only with TRUST_PROXY.
 */
const OVER_PLAIN_HTTP: Partial<FastifyHelmetOptions> = {
  hsts: false,
  contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: null } },
};

/**
 * Helmet's headers on every answer, and `Cache-Control: no-store` on every answer that does not set its own
 * (the API's, tokens included; the console's static files keep theirs, so browsers may keep them).
 */
export async function addSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  // Not global: the hook below applies it, knowing the request's protocol.
  await app.register(helmet, { global: false, contentSecurityPolicy: { directives: DIRECTIVES } });
  const server = app.getHttpAdapter().getInstance();
  server.addHook('onRequest', (request, reply, done) => {
    reply.helmet(request.protocol === 'https' ? undefined : OVER_PLAIN_HTTP);
    done();
  });
  server.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
