// The decimal helpers live with the order rules that the console shares; orders' files keep importing them here.
export { Money, ZERO, money, floorToStep, roundToStep, toDecimalString } from '@lilux/order-rules';
