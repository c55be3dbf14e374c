import pino, { DestinationStream, LoggerOptions } from 'pino';
import { LogOutput, logFormatFor, loggerOptions } from './logger.options';

/** A stand-in for stdout that keeps what was written. */
class CapturedOutput implements LogOutput {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(line: string): boolean {
    this.text += line;
    return true;
  }
}

/** The API's logger as configured for `output` (JSON is written to the capture instead of the real stdout). */
function loggerWritingTo(output: CapturedOutput, level = 'info'): pino.Logger {
  const { pinoHttp } = loggerOptions(level, output) as { pinoHttp: LoggerOptions | [LoggerOptions, DestinationStream] };
  return Array.isArray(pinoHttp) ? pino(...pinoHttp) : pino(pinoHttp, output);
}

describe('logFormatFor', () => {
  it('chooses readable lines for a terminal and JSON for a pipe or a file', () => {
    expect(logFormatFor({ isTTY: true, write: () => true })).toBe('readable');
    expect(logFormatFor({ isTTY: false, write: () => true })).toBe('json');
    expect(logFormatFor({ write: () => true })).toBe('json');
  });
});

describe('loggerOptions', () => {
  it('writes JSON lines when stdout is not a terminal', () => {
    const output = new CapturedOutput(false);
    loggerWritingTo(output).info({ context: 'UsersService' }, 'created administrator "admin"');
    expect(JSON.parse(output.text)).toMatchObject({ level: 30, context: 'UsersService', msg: 'created administrator "admin"' });
  });

  it('writes one readable line, not JSON, when stdout is a terminal', () => {
    const output = new CapturedOutput(true);
    loggerWritingTo(output).info({ context: 'UsersService' }, 'created administrator "admin"');
    expect(output.text).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: \[UsersService\] created administrator "admin"\n$/);
  });

  it('shows a request on a terminal as method, URL, status and time', () => {
    const output = new CapturedOutput(true);
    loggerWritingTo(output).info({ req: { id: 1, method: 'GET', url: '/api/health' }, res: { statusCode: 200 }, responseTime: 3 }, 'request completed');
    expect(output.text).toMatch(/INFO: GET \/api\/health 200 \(3 ms\)\n$/);
  });

  it("keeps Nest's per-module and per-route start-up lines out of the info level", () => {
    for (const isTTY of [true, false]) {
      const output = new CapturedOutput(isTTY);
      const logger = loggerWritingTo(output);
      logger.info({ context: 'InstanceLoader' }, 'AppModule dependencies initialized');
      logger.info({ context: 'RoutesResolver' }, 'HealthController {/api/health}:');
      logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/health, GET} route');
      expect(output.text).toBe('');
    }
  });

  it('still shows the start-up lines, as debug, at LOG_LEVEL=debug', () => {
    const output = new CapturedOutput(false);
    loggerWritingTo(output, 'debug').info({ context: 'RouterExplorer' }, 'Mapped {/api/health, GET} route');
    expect(JSON.parse(output.text)).toMatchObject({ level: 20, msg: 'Mapped {/api/health, GET} route' });
  });

  it('logs a request as id, method and URL only, without its headers', () => {
    const output = new CapturedOutput(false);
    loggerWritingTo(output).info({ req: { id: 'req-1', method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer secret.jwt.token' } } }, 'test');
    expect(JSON.parse(output.text).req).toEqual({ id: 'req-1', method: 'GET', url: '/api/auth/me' });
    expect(output.text).not.toContain('secret.jwt.token');
  });

  it('logs a URL without its query string, where a client may have put a token', () => {
    for (const isTTY of [true, false]) {
      const output = new CapturedOutput(isTTY);
      const logger = loggerWritingTo(output);
      logger.info(
        { req: { id: 1, method: 'GET', url: '/api/auth/me?access_token=secret.jwt.token' }, res: { statusCode: 200 }, responseTime: 3 },
        'request completed',
      );
      logger.error({ method: 'GET', url: '/api/orders?token=secret.jwt.token' }, 'unhandled error');
      expect(output.text).not.toContain('secret.jwt.token');
      expect(output.text).toContain('/api/auth/me?[redacted]');
      expect(output.text).toContain('/api/orders?[redacted]');
    }
  });

  it('redacts passwords, exchange keys and tokens logged by hand', () => {
    const output = new CapturedOutput(false);
    loggerWritingTo(output).info({ body: { password: 'p4ss', newPassword: 'n3w', apiKey: 'AK', secret: 'SK', access_token: 'JWT' } }, 'test');
    expect(JSON.parse(output.text).body).toEqual({
      password: '[redacted]',
      newPassword: '[redacted]',
      apiKey: '[redacted]',
      secret: '[redacted]',
      access_token: '[redacted]',
    });
  });

  it('redacts them on a terminal too', () => {
    const output = new CapturedOutput(true);
    loggerWritingTo(output).info({ body: { password: 'p4ss', apiKey: 'AK-visible', secret: 'SK-visible' } }, 'test');
    expect(output.text).toContain('[redacted]');
    expect(output.text).not.toMatch(/p4ss|AK-visible|SK-visible/);
  });
});
