import { isResting, type Order } from '@lilux/contracts';
import { decimalText, groupDigits, type LanguageTexts } from '@lilux/web/data-access';

export interface OrderNotice {
  text: string;
  isError: boolean;
}

/** What the ticket says once the server took an order: what happened to it, not its status code, in the console's language. */
export function placedNotice(order: Order, language: LanguageTexts): OrderNotice {
  const { t } = language;
  const figures = { qty: decimalText(order.qty, language.current()), base: baseOf(order) };
  const side = t(`orders.sideCapitalized.${order.side}`);
  switch (order.status) {
    case 'filled':
      return { text: t(order.side === 'buy' ? 'orders.bought' : 'orders.sold', { ...figures, at: at(order.averagePrice, language) }), isError: false };
    case 'open':
    case 'partially_filled':
      return {
        text: t('orders.placed', { ...figures, role: roleName(order, language), side: sideName(order, language), at: at(order.price, language) }),
        isError: false,
      };
    case 'rejected':
      return { text: t('orders.rejected', { ...figures, side, why: why(order, language) }), isError: true };
    case 'canceled':
      return { text: t('orders.canceled', { ...figures, side }), isError: false };
    case 'new':
    case 'unknown':
      return { text: t('orders.sent', { ...figures, side }), isError: false };
  }
}

/**
 * What to tell the trader when an order that was resting fills (wholly or in part) or fails later (a limit reached, a stop-loss or
 * take-profit triggered); nothing for the changes the trader made here, which the ticket or the cancel button tells.
 */
export function laterNotice(previous: Order | undefined, order: Order, language: LanguageTexts): OrderNotice | null {
  if (!previous || !isResting(previous.status)) return null;
  const { t } = language;
  const what = t('orders.what', {
    role: roleName(order, language),
    side: sideName(order, language),
    qty: decimalText(order.qty, language.current()),
    base: baseOf(order),
  });
  switch (order.status) {
    case 'filled':
      return { text: t('orders.filled', { what, at: at(order.averagePrice, language) }), isError: false };
    case 'partially_filled':
      return order.filledQty === previous.filledQty
        ? null
        : {
            text: t('orders.partlyFilled', { what, filled: decimalText(order.filledQty, language.current()), at: at(order.averagePrice, language) }),
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

function at(price: string | null, language: LanguageTexts): string {
  return price ? language.t('orders.at', { price: groupDigits(price, language.current()) }) : '';
}

function why(order: Order, { t }: LanguageTexts): string {
  return order.rejectReason ? t('orders.why', { reason: order.rejectReason }) : '';
}

function baseOf(order: Order): string {
  return order.symbol.split('/')[0];
}
