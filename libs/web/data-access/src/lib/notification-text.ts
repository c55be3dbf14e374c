import type { Notification } from '@lilux/contracts';
import { groupDigits } from './language/decimal-text';
import type { LanguageTexts } from './language/language';

/** The figures of a notification worth a line, in the order they are read. */
const FIGURES = ['symbol', 'side', 'qty', 'price', 'channel', 'note'] as const;

/**
 * A notification in the console's language. The API writes English: in English its text is shown as it is; in any
 * other language the console names the topic itself and lines up the figures it carries.
 */
export function notificationText(notification: Notification, language: LanguageTexts): { title: string; body: string } {
  if (language.current() === 'en') return { title: notification.title, body: notification.body };
  const { data } = notification;
  const figures = FIGURES.filter((name) => data[name]).map((name) => figureText(name, data[name], language));
  return { title: language.t(`notifications.topic.${notification.topic}`), body: figures.length > 0 ? figures.join(' · ') : notification.body };
}

function figureText(name: (typeof FIGURES)[number], value: string, language: LanguageTexts): string {
  if (name === 'side') return language.t(`orders.sideName.${value}`);
  if (name === 'qty' || name === 'price') return /^-?\d+(\.\d+)?$/.test(value) ? groupDigits(value, language.current()) : value;
  if (name === 'channel') return language.t(`notifications.channel.${value}`);
  return value;
}
