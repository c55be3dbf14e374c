import Decimal from 'decimal.js';

/**
 * Decimal arithmetic for money. A private Decimal constructor with 40 significant digits, far beyond any price
 * times quantity we handle, so `0.1 + 0.2` is `0.3` and nothing is ever rounded by accident; rounding to a
 * market's steps is always explicit.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Money = Decimal;

export const ZERO = new Money(0);

export function money(value: Decimal.Value): Money {
  return new Money(value);
}

/** `value` rounded down to a whole number of `step`s: never more than asked for, never more than one holds. */
export function floorToStep(value: Money, step: Money): Money {
  return value.div(step).floor().mul(step);
}

/** `value` rounded to the nearest whole number of `step`s. */
export function roundToStep(value: Money, step: Money): Money {
  return value.div(step).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).mul(step);
}

/** The plain decimal string stored and sent: no exponent, no trailing zeros. */
export function toDecimalString(value: Money): string {
  return value.toFixed();
}
