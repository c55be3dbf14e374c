import { isResting, type Order } from '@lilux/contracts';

export const ROLE_NAMES: Readonly<Record<Order['role'], string>> = { entry: 'Limit', stop_loss: 'Stop-loss', take_profit: 'Take-profit' };

export interface OrderNotice {
  text: string;
  isError: boolean;
}

/** What the ticket says once the server took an order: what happened to it, not its status code. */
export function placedNotice(order: Order): OrderNotice {
  const base = baseOf(order);
  switch (order.status) {
    case 'filled':
      return { text: `${order.side === 'buy' ? 'Bought' : 'Sold'} ${order.qty} ${base}${at(order.averagePrice)}`, isError: false };
    case 'open':
    case 'partially_filled':
      return { text: `${ROLE_NAMES[order.role]} ${order.side} ${order.qty} ${base}${at(order.price)} placed`, isError: false };
    case 'rejected':
      return { text: `${capitalized(order.side)} ${order.qty} ${base} rejected${order.rejectReason ? `: ${order.rejectReason}` : ''}`, isError: true };
    case 'canceled':
      return { text: `${capitalized(order.side)} ${order.qty} ${base} canceled`, isError: false };
    case 'new':
    case 'unknown':
      return { text: `${capitalized(order.side)} ${order.qty} ${base} sent; waiting for the exchange to confirm it`, isError: false };
  }
}

/**
 * What to tell the trader when an order that was resting fills (wholly or in part) or fails later (a limit reached, a stop-loss or
 * take-profit triggered); nothing for the changes the trader made here, which the ticket or the cancel button tells.
 */
export function laterNotice(previous: Order | undefined, order: Order): OrderNotice | null {
  if (!previous || !isResting(previous.status)) return null;
  const what = `${ROLE_NAMES[order.role]} ${order.side} ${order.qty} ${baseOf(order)}`;
  switch (order.status) {
    case 'filled':
      return { text: `${what} filled${at(order.averagePrice)}`, isError: false };
    case 'partially_filled':
      return order.filledQty === previous.filledQty ? null : { text: `${what}: ${order.filledQty} filled${at(order.averagePrice)}`, isError: false };
    case 'rejected':
      return { text: `${what} could not fill${order.rejectReason ? `: ${order.rejectReason}` : ''}`, isError: true };
    default:
      return null;
  }
}

/** A decimal string with thousands separators ("98000.5" → "98,000.5"), its digits untouched. */
export function groupDigits(value: string): string {
  const [whole, fraction] = value.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function at(price: string | null): string {
  return price ? ` @ ${groupDigits(price)}` : '';
}

function baseOf(order: Order): string {
  return order.symbol.split('/')[0];
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
