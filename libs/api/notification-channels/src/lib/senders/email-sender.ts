import { createTransport, type Transporter } from 'nodemailer';
import type { Notification } from '@lilux/contracts';
import { DELIVERED, failed, type SendOutcome } from './send-outcome';

/** The SMTP server from the environment (SMTP_*). */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  timeoutMs: number;
}

/** The subject line of a notification's email. */
export function emailSubject(notification: Notification): string {
  return `Lilux: ${notification.title}`;
}

/** Sends notification emails through one SMTP server, over one transport made at start-up. */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
  }

  async send(address: string, notification: Notification): Promise<SendOutcome> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: address,
        subject: emailSubject(notification),
        text: notification.body,
        headers: { 'X-Lilux-Notification': notification.id },
      });
      return DELIVERED;
    } catch (error) {
      return outcomeOf(error as { code?: string; responseCode?: number });
    }
  }
}

/** SMTP's own rule: a 4xx reply is temporary, a 5xx permanent. The server's text is not quoted (it may echo credentials). */
function outcomeOf({ code, responseCode }: { code?: string; responseCode?: number }): SendOutcome {
  if (code === 'EAUTH') return failed("the SMTP server refused Lilux's user name or password", false);
  if (responseCode !== undefined && responseCode >= 500) return failed(`the SMTP server refused the email (${responseCode})`, false);
  if (responseCode !== undefined && responseCode >= 400) return failed(`the SMTP server deferred the email (${responseCode})`, true);
  if (code === 'ETIMEDOUT') return failed('the SMTP server did not answer in time', true);
  return failed(`the SMTP server could not be reached (${code ?? 'unknown error'})`, true);
}
