import type { OrderStatus } from './orders';

/**
 * Every status an order may move to from each status; anything else is a bug and is refused. `new` is stored
 * before an order reaches an exchange; `unknown` is an order sent to an exchange that did not answer. Staying in
 * an active status is no transition (a partly filled order that fills more is still partly filled).
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  new: ['open', 'partially_filled', 'filled', 'canceled', 'rejected', 'unknown'],
  unknown: ['open', 'partially_filled', 'filled', 'canceled', 'rejected'],
  // A resting stop-loss is rejected when it triggers and the funds are no longer there.
  open: ['partially_filled', 'filled', 'canceled', 'rejected'],
  partially_filled: ['filled', 'canceled'],
  filled: [],
  canceled: [],
  rejected: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Statuses an order can still leave. */
export const ACTIVE_ORDER_STATUSES: readonly OrderStatus[] = ['new', 'unknown', 'open', 'partially_filled'];
/** In the exchange's book, waiting for the price: what a trader can cancel. */
export const RESTING_ORDER_STATUSES: readonly OrderStatus[] = ['open', 'partially_filled'];
/** Stored, but whether the exchange has it is not known yet: looked up before anything else is sent for it. */
export const UNCONFIRMED_ORDER_STATUSES: readonly OrderStatus[] = ['new', 'unknown'];

export function isActive(status: OrderStatus): boolean {
  return ACTIVE_ORDER_STATUSES.includes(status);
}

export function isResting(status: OrderStatus): boolean {
  return RESTING_ORDER_STATUSES.includes(status);
}

export function isUnconfirmed(status: OrderStatus): boolean {
  return UNCONFIRMED_ORDER_STATUSES.includes(status);
}
