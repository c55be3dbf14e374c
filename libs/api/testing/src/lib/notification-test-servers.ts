import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** Reads a request's whole body as text. */
function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

abstract class LocalHttpServer {
  protected readonly server: Server = createServer((request, response) => void this.handle(request, response));

  protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.baseUrl;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedWebhook {
  path: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** Whether `x-lilux-signature` is the HMAC-SHA256 of `<x-lilux-timestamp>.<raw body>` with the receiver's secret, checked as docs/notifications.md tells receivers to. */
  signatureValid: boolean;
}

/**
 * A webhook receiver as a user would run one: it verifies each call's signature with the secret it was given, and
 * answers what the test scripts (200 by default).
 */
export class WebhookReceiver extends LocalHttpServer {
  readonly received: ReceivedWebhook[] = [];
  secret = '';
  /** Answers to give, first to last, before going back to 200: a status, with a Location for redirects, or a delay. */
  readonly script: { status?: number; location?: string; delayMs?: number }[] = [];

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await bodyOf(request);
    this.received.push({ path: request.url ?? '', headers: request.headers, rawBody, signatureValid: verifySignature(this.secret, request.headers, rawBody) });
    const next = this.script.shift() ?? {};
    if (next.delayMs) await new Promise((resolve) => setTimeout(resolve, next.delayMs));
    response.writeHead(next.status ?? 200, next.location ? { location: next.location } : {});
    response.end('ok');
  }
}

function verifySignature(secret: string, headers: IncomingMessage['headers'], rawBody: string): boolean {
  const timestamp = String(headers['x-lilux-timestamp'] ?? '');
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  const given = Buffer.from(String(headers['x-lilux-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface TelegramMessage {
  chatId: string;
  text: string;
}

/**
 * The part of Telegram's Bot API Lilux uses: `POST /bot<token>/sendMessage` answers like Telegram for a known token
 * and chat, 401 for another token, 400 "chat not found" for another chat; `failNext` scripts outages.
 */
export class TelegramTestServer extends LocalHttpServer {
  readonly messages: TelegramMessage[] = [];
  /** Every path asked for, to check where the token went. */
  readonly paths: string[] = [];
  readonly failNext: number[] = [];

  constructor(
    private readonly token: string,
    private readonly chats: string[],
  ) {
    super();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await bodyOf(request);
    this.paths.push(request.url ?? '');
    const answer = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const failure = this.failNext.shift();
    if (failure !== undefined) return answer(failure, { ok: false, error_code: failure, description: 'scripted failure' });
    if (request.method !== 'POST' || request.url !== `/bot${this.token}/sendMessage`) {
      return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    const { chat_id: chatId, text } = JSON.parse(raw) as { chat_id: string; text: string };
    if (!this.chats.includes(String(chatId))) return answer(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    this.messages.push({ chatId: String(chatId), text });
    answer(200, { ok: true, result: { message_id: this.messages.length, chat: { id: chatId }, text } });
  }
}

export interface ReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

/** An SMTP server on loopback (the `smtp-server` package) that keeps every message; no TLS, any or no login. */
export class SmtpTestServer {
  readonly messages: ReceivedEmail[] = [];
  /** Replies with this SMTP code to the next messages' data, first to last (e.g. 450 deferred, 550 refused). */
  readonly refuseNext: number[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData: (stream, session, callback) => {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const code = this.refuseNext.shift();
        if (code !== undefined) return callback(Object.assign(new Error('scripted refusal'), { responseCode: code }));
        this.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          ...parseEmail(raw),
          raw,
        });
        callback();
      });
    },
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The subject and text of a plain-text email as nodemailer writes it (7bit or quoted-printable). */
function parseEmail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? '';
  const body = raw.slice(split + 4).replace(/\r\n$/, '');
  const text = /quoted-printable/i.test(header('Content-Transfer-Encoding'))
    ? Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8')
    : body;
  return { subject: header('Subject'), text };
}
