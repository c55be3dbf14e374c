import { isResting, type Order } from '@lilux/contracts';
import type { Figures, LanguageTexts } from '@lilux/web/data-access';

export interface OrderNotice {
  text: string;
  isError: boolean;
}

/**
 * What the ticket says once the server took an order: what happened to it, not its status code, in the console's language,
 * its quantity and price written as the tables write them (`figures`).
 */
export function placedNotice(order: Order, language: LanguageTexts, figures: Figures): OrderNotice {
  const { t } = language;
  const what = { qty: figures.amount(order.qty, order.symbol), base: baseOf(order) };
  const side = t(`orders.sideCapitalized.${order.side}`);
  switch (order.status) {
    case 'filled':
      return {
        text: t(order.side === 'buy' ? 'orders.bought' : 'orders.sold', { ...what, at: at(order, order.averagePrice, language, figures) }),
        isError: false,
      };
    case 'open':
    case 'partially_filled':
      return {
        text: t('orders.placed', { ...what, role: roleName(order, language), side: sideName(order, language), at: at(order, order.price, language, figures) }),
        isError: false,
      };
    case 'rejected':
      return { text: t('orders.rejected', { ...what, side, why: why(order, language) }), isError: true };
    case 'canceled':
      return { text: t('orders.canceled', { ...what, side }), isError: false };
    case 'new':
    case 'unknown':
      return { text: t('orders.sent', { ...what, side }), isError: false };
  }
}

/**
 * What to tell the trader when an order that was resting fills (wholly or in part) or fails later (a limit reached, a stop-loss or
 * take-profit triggered); nothing for the changes the trader made here, which the ticket or the cancel button tells.
 */
export function laterNotice(previous: Order | undefined, order: Order, language: LanguageTexts, figures: Figures): OrderNotice | null {
  if (!previous || !isResting(previous.status)) return null;
  const { t } = language;
  const what = t('orders.what', {
    role: roleName(order, language),
    side: sideName(order, language),
    qty: figures.amount(order.qty, order.symbol),
    base: baseOf(order),
  });
  switch (order.status) {
    case 'filled':
      return { text: t('orders.filled', { what, at: at(order, order.averagePrice, language, figures) }), isError: false };
    case 'partially_filled':
      return order.filledQty === previous.filledQty
        ? null
        : {
            text: t('orders.partlyFilled', {
              what,
              filled: figures.amount(order.filledQty, order.symbol),
              at: at(order, order.averagePrice, language, figures),
            }),
            isError: false,
          };
    case 'rejected':
      return { text: t('orders.couldNotFill', { what, why: why(order, language) }), isError: true };
    default:
      return null;
  }
}

/** "Limit", "Stop-loss", "Take-profit": what kind of order this is, for the trader. */
export function roleName(order: Pick<Order, 'role'>, { t }: LanguageTexts): string {
  return t(`orders.role.${order.role}`);
}

function sideName(order: Order, { t }: LanguageTexts): string {
  return t(`orders.side.${order.side}`);
}

function at(order: Order, price: string | null, { t }: LanguageTexts, figures: Figures): string {
  return price ? t('orders.at', { price: figures.price(price, order.symbol) }) : '';
}

function why(order: Order, { t }: LanguageTexts): string {
  return order.rejectReason ? t('orders.why', { reason: order.rejectReason }) : '';
}

function baseOf(order: Order): string {
  return order.symbol.split('/')[0];
}
