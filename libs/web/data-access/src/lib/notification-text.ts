import { ORDER_NOTIFICATION_TOPICS, type Notification, type OrderNotificationTopic } from '@lilux/contracts';
import { groupDigits } from './language/decimal-text';
import type { LanguageTexts } from './language/language';

/**
 * A notification in the console's language. The API writes English: in English its text is shown as it is; in any
 * other language the console words the topic itself from the figures the notification carries (symbol, side,
 * quantity, prices), and keeps the API's sentence for what it has no words of its own for (a test, a paused channel).
 */
export function notificationText(notification: Notification, language: LanguageTexts): { title: string; body: string } {
  if (language.current() === 'en') return { title: notification.title, body: notification.body };
  const { data, topic } = notification;
  const lang = language.current();
  const figure = (value: string | undefined) => (value !== undefined && /^-?\d+(\.\d+)?$/.test(value) ? groupDigits(value, lang) : (value ?? ''));
  const topicWords = language.t(`notifications.topic.${topic}`);
  const title = data['symbol'] ? `${topicWords} · ${data['symbol']}` : topicWords;
  if (topic === 'price_alert' && data['condition']) {
    const condition =
      data['condition'] === 'moves'
        ? language.t('notifications.body.moved', { percent: figure(data['movePercent']) })
        : language.t(`alerts.conditionText.${data['condition']}`, { price: figure(data['level']) });
    const note = data['note'] ? ` ${data['note']}` : '';
    return { title, body: `${language.t('notifications.body.priceAlert', { condition, price: figure(data['price']) })}${note}` };
  }
  if (isOrderTopic(topic) && data['side']) {
    const side = language.t(`orders.sideName.${data['side']}`);
    const qty = figure(data['filledQty'] && topic === 'order_partially_filled' ? data['filledQty'] : data['qty']);
    const at = data['price'] ? language.t('notifications.body.at', { price: figure(data['price']) }) : '';
    const reason = data['reason'] ? ` (${data['reason']})` : '';
    return { title, body: `${language.t('notifications.body.order', { side, qty, symbol: data['symbol'] ?? '' })}${at}${reason}` };
  }
  return { title, body: notification.body };
}

function isOrderTopic(topic: string): topic is OrderNotificationTopic {
  return (ORDER_NOTIFICATION_TOPICS as readonly string[]).includes(topic);
}
