import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { WEBHOOK_SIGNATURE_HEADER, type Notification } from '@lilux/contracts';
import { hostOf, NonPublicAddressError, nonPublicKind, publicOnlyLookup } from '../public-address';
import { DELIVERED, failed, type SendOutcome } from './send-outcome';
import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_TIMESTAMP_HEADER, webhookSignature } from './webhook-signature';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookOptions {
  timeoutMs: number;
  /** ALERT_WEBHOOK_ALLOW_PRIVATE: whether loopback and private addresses may be called. */
  allowPrivate: boolean;
  /** Seconds since the epoch, signed with the body. */
  now: () => number;
}

/** The body every webhook receives. */
export function webhookBody(notification: Notification): string {
  const { id, topic, title, body, data, createdAt } = notification;
  return JSON.stringify({ id, topic, title, body, data, createdAt });
}

/**
 * One signed POST of `notification` to the user's webhook. Redirects are not followed (one to another host would
 * take the body and signature where the user never pointed them), and every address connected to is checked
 * again here, not only when the URL was saved. Errors never quote the URL: webhook URLs often carry a token.
 */
export function sendWebhook(target: WebhookTarget, notification: Notification, options: WebhookOptions): Promise<SendOutcome> {
  const url = new URL(target.url);
  const host = hostOf(url);
  if (!options.allowPrivate && isIP(host) && nonPublicKind(host) !== null) {
    return Promise.resolve(failed(`the webhook's address ${host} is a ${nonPublicKind(host)} address, which webhooks may not call`, false));
  }
  const rawBody = webhookBody(notification);
  const timestamp = String(options.now());
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(rawBody)),
    'user-agent': 'Lilux-Webhook',
    [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(target.secret, timestamp, rawBody),
    [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
    [WEBHOOK_DELIVERY_HEADER]: notification.id,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const outgoing = send(url, {
      method: 'POST',
      headers,
      lookup: options.allowPrivate ? undefined : publicOnlyLookup,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    outgoing.on('response', (response) => {
      // The receiver's answer is not read: draining it frees the socket.
      response.resume();
      resolve(outcomeOfStatus(response));
    });
    outgoing.on('error', (error) => resolve(outcomeOfError(error as NodeJS.ErrnoException, options.timeoutMs)));
    outgoing.end(rawBody);
  });
}

function outcomeOfStatus({ statusCode = 0 }: IncomingMessage): SendOutcome {
  if (statusCode >= 200 && statusCode < 300) return DELIVERED;
  if (statusCode >= 300 && statusCode < 400) return failed(`the webhook answered ${statusCode}, a redirect, which Lilux does not follow`, false);
  if (statusCode >= 500) return failed(`the webhook answered ${statusCode}`, true);
  return failed(`the webhook answered ${statusCode}`, false);
}

const TLS_ERROR = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|HOSTNAME_MISMATCH)/;

function outcomeOfError(error: NodeJS.ErrnoException, timeoutMs: number): SendOutcome {
  if (error instanceof NonPublicAddressError) return failed(`the webhook's host now resolves to ${error.message}, which webhooks may not call`, false);
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return failed(`the webhook did not answer within ${timeoutMs} ms`, true);
  const code = error.code ?? 'unknown';
  if (code === 'ECONNREFUSED') return failed("the webhook's server refused the connection", true);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return failed("the webhook's host name does not resolve", true);
  if (TLS_ERROR.test(code)) return failed(`the webhook's TLS certificate was refused (${code})`, false);
  return failed(`the connection to the webhook failed (${code})`, true);
}
