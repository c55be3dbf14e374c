import fastifyStatic from '@fastify/static';
import { ArgumentsHost, Catch, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExceptionFilter } from '@lilux/api/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `nx build web` puts the console, relative to the built API (dist/apps/api/main.js). */
const CONSOLE_ROOT = join(__dirname, '..', 'web', 'browser');

/** Serves the built Angular console at `/`; returns whether there is one to serve. */
export async function serveConsole(app: NestFastifyApplication): Promise<boolean> {
  if (!existsSync(join(CONSOLE_ROOT, 'index.html'))) {
    new Logger('WebConsole').warn(`no built console at ${CONSOLE_ROOT}: serving the API only (run nx build web)`);
    return false;
  }
  await app.register(fastifyStatic, { root: CONSOLE_ROOT, prefix: '/', wildcard: false, index: 'index.html' });
  return true;
}

/**
 * The API's error filter, plus the single-page app's fallback: a browser asking for `/portfolio` gets the
 * console's index.html, so that Angular's router can show that page. Paths under /api keep their JSON 404.
 */
@Catch()
export class ConsoleFallbackFilter extends ApiExceptionFilter {
  constructor(private readonly hasConsole: boolean) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (this.hasConsole && exception instanceof NotFoundException && isConsolePage(request)) {
      host.switchToHttp().getResponse<FastifyReply>().status(HttpStatus.OK).sendFile('index.html');
      return;
    }
    super.catch(exception, host);
  }
}

function isConsolePage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return (
    request.method === 'GET' &&
    !path.startsWith('/api/') &&
    path !== '/api' &&
    !/\.[a-z0-9]+$/i.test(path) &&
    (request.headers.accept ?? '').includes('text/html')
  );
}
