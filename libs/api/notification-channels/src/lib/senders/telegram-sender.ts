import type { Notification } from '@lilux/contracts';
import { DELIVERED, failed, type SendOutcome } from './send-outcome';

export interface TelegramTarget {
  chatId: string;
  token: string;
}

export interface TelegramOptions {
  /** TELEGRAM_API_URL, without the `/bot<token>/…` part. */
  apiUrl: string;
  timeoutMs: number;
}

/** The message a chat receives: the title on its own line, then the body. */
export function telegramText(notification: Notification): string {
  return `${notification.title}\n${notification.body}`;
}

/**
 * One `sendMessage` call of the Bot API. The bot token is part of the URL, so nothing here ever quotes the URL or
 * an error of the HTTP client (whose text may hold it): every failure is a sentence written here.
 */
export async function sendTelegram(target: TelegramTarget, notification: Notification, options: TelegramOptions): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(`${options.apiUrl.replace(/\/+$/, '')}/bot${target.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: target.chatId, text: telegramText(notification) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return failed(`Telegram did not answer within ${options.timeoutMs} ms`, true);
    return failed('Telegram could not be reached', true);
  }
  const description = await descriptionOf(response);
  if (response.ok) return DELIVERED;
  if (response.status === 401 || response.status === 404) return failed('Telegram refused the bot token', false);
  if (response.status === 400 && /chat not found/i.test(description)) return failed('Telegram says the chat was not found', false);
  if (response.status === 403) return failed('Telegram refused: the bot may not write to this chat (blocked, or not a member)', false);
  if (response.status === 429) return failed('Telegram asks to slow down (429)', true);
  if (response.status >= 500) return failed(`Telegram answered ${response.status}`, true);
  return failed(`Telegram refused the message (${response.status})`, false);
}

/** Telegram's own explanation (`{"ok": false, "description": "Bad Request: chat not found"}`), or ''. */
async function descriptionOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { description?: unknown };
    return typeof body.description === 'string' ? body.description : '';
  } catch {
    return '';
  }
}
