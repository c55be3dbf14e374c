import pino from 'pino';
import { Writable } from 'node:stream';
import { requestLoggerOptions } from './request-logger.options';

describe('requestLoggerOptions', () => {
  const { pinoHttp } = requestLoggerOptions('info') as { pinoHttp: pino.LoggerOptions };

  function logged(entry: object): string {
    let output = '';
    const sink = new Writable({ write: (chunk, _encoding, done) => ((output += chunk), done()) });
    pino({ redact: pinoHttp.redact, serializers: pinoHttp.serializers }, sink).info(entry, 'test');
    return output;
  }

  it('logs a request as id, method and URL only, without its headers', () => {
    const line = logged({
      req: { id: 'req-1', method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer secret.jwt.token' } },
    });
    expect(JSON.parse(line).req).toEqual({ id: 'req-1', method: 'GET', url: '/api/auth/me' });
    expect(line).not.toContain('secret.jwt.token');
  });

  it('redacts passwords, exchange keys and tokens logged by hand', () => {
    const line = logged({
      body: { password: 'p4ss', newPassword: 'n3w', apiKey: 'AK', secret: 'SK', access_token: 'JWT' },
    });
    expect(JSON.parse(line).body).toEqual({
      password: '[redacted]',
      newPassword: '[redacted]',
      apiKey: '[redacted]',
      secret: '[redacted]',
      access_token: '[redacted]',
    });
  });
});
