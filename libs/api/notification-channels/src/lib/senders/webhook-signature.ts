import { createHmac } from 'node:crypto';

/** When the body was signed, in whole seconds since the epoch; part of what is signed, so an old body cannot be replayed as new. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-lilux-timestamp';
/** The notification's id: the same on every retry of one notification, so a receiver can drop repeats. */
export const WEBHOOK_DELIVERY_HEADER = 'x-lilux-delivery';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret>`, the value of WEBHOOK_SIGNATURE_HEADER. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
