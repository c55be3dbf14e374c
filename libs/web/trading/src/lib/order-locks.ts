import type { Order } from '@lilux/contracts';
import { money } from '@lilux/order-rules';
import type { LanguageTexts } from '@lilux/web/data-access';
import { roleName } from './order-notices';

/** The other leg of a stop-loss / take-profit pair still open: cancelling or filling one ends both. */
export function partnerOf(order: Order, openOrders: readonly Order[]): Order | null {
  if (order.role === 'entry' || order.parentId === null) return null;
  return openOrders.find((other) => other.id !== order.id && other.parentId === order.parentId && other.role !== 'entry') ?? null;
}

/**
 * What holds an asset's locked balance, for the ticket: "0.01000 by a stop-loss / take-profit pair on BTC/USDT",
 * "400.00 by a limit buy on BTC/USDT", several joined; empty when nothing open locks it. `amount` writes an amount
 * of the asset as the console shows amounts (see AssetFigures).
 */
export function lockDescriptions(
  asset: string,
  openOrders: readonly Order[],
  language: LanguageTexts,
  amount: (value: string, asset: string) => string,
): string[] {
  const seenPairs = new Set<string>();
  const descriptions: string[] = [];
  for (const order of openOrders) {
    if (order.lockedAsset !== asset || money(order.lockedAmount).isZero()) continue;
    const partner = partnerOf(order, openOrders);
    if (partner && order.parentId) {
      // A pair shares one lock: the coins either leg would sell.
      if (seenPairs.has(order.parentId)) continue;
      seenPairs.add(order.parentId);
      descriptions.push(language.t('ticket.lockedByPair', { amount: amount(order.lockedAmount, asset), symbol: order.symbol }));
    } else {
      const side = language.t(`orders.side.${order.side}`);
      descriptions.push(
        language.t('ticket.lockedByOrder', {
          amount: amount(order.lockedAmount, asset),
          role: roleName(order, language).toLowerCase(),
          side,
          symbol: order.symbol,
        }),
      );
    }
  }
  return descriptions;
}

/** The stop-loss and take-profit levels resting on a held position (its sell legs), for the positions panel. */
export function protectionOf(symbol: string, openOrders: readonly Order[]): { sl: string | null; tp: string | null } {
  const level = (role: Order['role']) => openOrders.find((order) => order.symbol === symbol && order.side === 'sell' && order.role === role)?.price ?? null;
  return { sl: level('stop_loss'), tp: level('take_profit') };
}
