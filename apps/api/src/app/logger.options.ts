import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, LoggerOptions } from 'pino';
import { prettyFactory } from 'pino-pretty';

/** Where the logs go: the process's stdout, or a stand-in in tests. */
export interface LogOutput {
  isTTY?: boolean;
  hasColors?(): boolean;
  write(line: string): unknown;
}

export type LogFormat = 'readable' | 'json';

/** Readable lines for a person at a terminal; JSON lines for everything else (CI, files, log shippers). */
export function logFormatFor(output: LogOutput): LogFormat {
  return output.isTTY === true ? 'readable' : 'json';
}

/**
 * Nest's start-up chatter: a line per module, per controller and per route. Logged at debug, so `LOG_LEVEL=debug`
 * still shows how routes were mapped.
 */
const START_UP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);
const INFO = 30;

/**
 * A URL as the log keeps it: its query string replaced, since a client may put a token there
 * (`?access_token=…`) and URLs are logged whole.
 */
export function withoutQuery(url: unknown): unknown {
  if (typeof url !== 'string') return url;
  const queryStart = url.indexOf('?');
  return queryStart < 0 ? url : `${url.slice(0, queryStart)}?[redacted]`;
}

/**
 * The logger of the whole API (Nest's own lines, the services' and one per request). Requests are logged as
 * method, path and id only, so headers (Authorization), query strings and bodies (passwords, exchange keys)
 * never reach the log; the redaction list guards anything logged by hand, in either format, and a `url`
 * logged by hand loses its query string too.
 */
export function loggerOptions(level: string, output: LogOutput = process.stdout): Params {
  const options: LoggerOptions = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.currentPassword', '*.newPassword', '*.secret', '*.apiKey', '*.access_token'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: withoutQuery(req.url) }),
      url: withoutQuery,
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    hooks: {
      logMethod(args, method, level) {
        if (level === INFO && isStartUpChatter(args[0])) return this.debug(...args);
        return method.apply(this, args);
      },
    },
  };
  const pinoHttp = {
    ...options,
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  } as const;
  // JSON goes through pino's own stdout writer, unchanged; only a terminal gets the readable stream.
  return { pinoHttp: logFormatFor(output) === 'readable' ? [pinoHttp, readableDestination(output)] : pinoHttp };
}

function isStartUpChatter(firstArgument: unknown): boolean {
  const context = typeof firstArgument === 'object' && firstArgument !== null ? (firstArgument as { context?: unknown }).context : undefined;
  return typeof context === 'string' && START_UP_CONTEXTS.has(context);
}

/** One line per entry: time, level, `[Context] message`, or `GET /api/health 200 (3 ms)` for a request. */
function readableDestination(output: LogOutput): DestinationStream {
  const prettify = prettyFactory({
    colorize: output.hasColors?.() ?? false,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: (log, messageKey) => {
      const req = log['req'] as { method?: string; url?: string } | undefined;
      const res = log['res'] as { statusCode?: number } | undefined;
      if (req && res) return `${req.method} ${req.url} ${res.statusCode} (${log['responseTime']} ms)`;
      const message = String(log[messageKey] ?? '');
      return typeof log['context'] === 'string' ? `[${log['context']}] ${message}` : message;
    },
  });
  return { write: (line: string) => void output.write(prettify(line)) };
}
