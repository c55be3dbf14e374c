import type { TwoFactorProof } from './two-factor';

/** Decimal numbers travel as strings ("0.1", "97123.45"), never as JSON numbers, so no digit is lost. */
export type DecimalString = string;

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ['market', 'limit'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/**
 * `unknown`: sent to an exchange that did not answer (a timeout, a 5xx, Binance's -1007). The order may or may not
 * exist there; Lilux looks it up by its client order id before anything else is sent for it.
 */
export const ORDER_STATUSES = ['new', 'open', 'partially_filled', 'filled', 'canceled', 'rejected', 'unknown'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** An entry order, or one leg of the stop-loss / take-profit pair armed when the entry fills. */
export type OrderRole = 'entry' | 'stop_loss' | 'take_profit';

export const ACCOUNT_KINDS = ['paper', 'binance-testnet', 'binance-live'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** A quantity or price as accepted: up to 18 decimal places, which the market's precision then rounds. */
export const DECIMAL_PATTERN = /^(0|[1-9]\d{0,19})(\.\d{1,18})?$/;

export interface PlaceOrderRequest {
  symbol: string;
  side: OrderSide;
  /** Base-asset quantity. */
  qty: DecimalString;
  /** Limit price; giving one makes the order a limit order unless `type` says otherwise. */
  price?: DecimalString;
  /** Stop-loss trigger price, armed when the entry fills. */
  sl?: DecimalString;
  /** Take-profit price, armed when the entry fills. */
  tp?: DecimalString;
  type?: OrderType;
  /** The caller's id for the order: sending the same one again returns the first order. */
  clientOrderId?: string;
  /** The account to trade on; the user's paper account when absent. */
  accountId?: string;
}

/**
 * The stop-loss and take-profit of an open position, as a whole: both levels are given, `null` for none. It
 * replaces every stop-loss / take-profit leg resting on the position's symbol with one pair covering the position.
 */
export interface PositionProtectionRequest {
  symbol: string;
  /** Stop-loss trigger price, below the market; null for none. */
  sl: DecimalString | null;
  /** Take-profit price, above the market; null for none. */
  tp: DecimalString | null;
  /** The account holding the position; the user's paper account when absent. */
  accountId?: string;
}

/** A position's protection as it now stands: the legs armed for it (none once removed). */
export interface PositionProtection {
  accountId: string;
  symbol: string;
  /** The quantity the legs would sell: the position's, at the market's step; '0' when nothing is armed. */
  qty: DecimalString;
  sl: DecimalString | null;
  tp: DecimalString | null;
  /** The open stop-loss / take-profit legs, one pair sharing one lock. */
  legs: Order[];
}

export interface OrderTransition {
  status: OrderStatus;
  at: string;
  reason?: string;
}

export interface Order {
  id: string;
  accountId: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  role: OrderRole;
  /** The entry a stop-loss or take-profit leg belongs to. */
  parentId: string | null;
  status: OrderStatus;
  qty: DecimalString;
  /** Limit price, or the trigger price of a stop-loss leg. */
  price: DecimalString | null;
  sl: DecimalString | null;
  tp: DecimalString | null;
  filledQty: DecimalString;
  averagePrice: DecimalString | null;
  fee: DecimalString;
  feeAsset: string;
  /**
   * What the order holds back of a paper account's balance while it rests ("0" once it no longer does, and on
   * exchange accounts, where the exchange keeps the locks). The two legs of a stop-loss / take-profit pair share one
   * lock, held by the first leg.
   */
  lockedAmount: DecimalString;
  lockedAsset: string;
  rejectReason: string | null;
  createdAt: string;
  updatedAt: string;
  transitions: OrderTransition[];
}

/**
 * One page of a list sorted newest first. Pages go on by `cursor` (pass `nextCursor` back: each page costs the
 * same however deep) or by `offset` (kept for pagers that jump to page n; a deep offset costs its depth).
 */
export interface ListPage {
  /** Every row matching the filter: counted on offset paging unless `total=false`; never with a cursor. */
  total?: number;
  limit: number;
  /** Rows skipped before this page; 0 when the page was asked for by cursor. */
  offset: number;
  /** The `cursor` of the page after this one; null on the last page. */
  nextCursor: string | null;
}

/** Query of `GET /api/orders` and `GET /api/trades` shared by both lists. */
export interface ListQuery {
  limit?: number;
  offset?: number;
  /** A `nextCursor` from an earlier page of the same list; not with an `offset`. */
  cursor?: string;
  /** `false` skips counting every matching row (offset paging counts by default). */
  total?: 'true' | 'false';
  symbol?: string;
  accountId?: string;
}

export interface OrderPage extends ListPage {
  orders: Order[];
}

export type Liquidity = 'maker' | 'taker';

/** One execution: the ledger everything else is computed from. */
export interface Trade {
  id: string;
  orderId: string;
  accountId: string;
  time: string;
  symbol: string;
  side: OrderSide;
  qty: DecimalString;
  price: DecimalString;
  /** qty × price, in the quote asset. */
  quoteQty: DecimalString;
  fee: DecimalString;
  feeAsset: string;
  liquidity: Liquidity;
}

export interface TradePage extends ListPage {
  trades: Trade[];
}

export interface Balance {
  asset: string;
  free: DecimalString;
  locked: DecimalString;
}

export interface Account {
  id: string;
  kind: AccountKind;
  label: string;
  createdAt: string;
  /** Exchange accounts: the API key masked to its last four characters ("••••7Xk2"). Never the key itself. */
  apiKeyMasked?: string;
}

export const EXCHANGE_MODES = ['testnet', 'live'] as const;
export type ExchangeMode = (typeof EXCHANGE_MODES)[number];
export const EXCHANGE_IDS = ['binance'] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];

/**
 * Connects an exchange account. The password is the user's own, asked again before keys are stored, with the
 * two-factor proof once the user has two-factor authentication (step-up).
 */
export interface AddExchangeAccountRequest extends TwoFactorProof {
  exchange: ExchangeId;
  mode: ExchangeMode;
  label: string;
  apiKey: string;
  secret: string;
  password: string;
}

/** The answer of a connection check: the exchange accepted the key and holds these balances. */
export interface ExchangeAccountCheck {
  ok: true;
  balances: Balance[];
  checkedAt: string;
}

/** What this server allows: live trading only when its operator switched it on. */
export interface TradingCapabilities {
  exchanges: { exchange: ExchangeId; modes: ExchangeMode[] }[];
  liveTradingAllowed: boolean;
}

/** Fractions of the traded value, e.g. "0.001" for 0.1 %. */
export interface FeeRates {
  /** For an order that rests in the book and is filled later. */
  maker: DecimalString;
  /** For an order that fills at once. */
  taker: DecimalString;
}

export interface AccountWithBalances extends Account {
  balances: Balance[];
  fees: FeeRates;
}

export interface Position {
  asset: string;
  symbol: string;
  qty: DecimalString;
  /**
   * Average cost per unit, buy fees included (see the README's worked example). Null when Lilux's fills do not
   * explain the holding: coins that reached an exchange account some other way.
   */
  averageCost: DecimalString | null;
  lastPrice: DecimalString;
  value: DecimalString;
  unrealizedPnl: DecimalString | null;
  unrealizedPnlPercent: DecimalString | null;
}

/** The seed's portfolio shape (`user`, `total_usdt`, `positions`, `pnls`) plus the rest a trader needs. */
export interface Portfolio {
  user: string;
  accountId: string;
  total_usdt: DecimalString;
  cash: DecimalString;
  fees_paid: DecimalString;
  positions: Position[];
  pnls: { realized: DecimalString; unrealized: DecimalString };
  valuedAt: string;
  /** Exchange accounts: assets held that no USDT market prices, left out of the total. */
  unpriced?: string[];
}

export const EQUITY_RANGES = ['1d', '1w', '1m', '3m', 'all'] as const;
export type EquityRange = (typeof EQUITY_RANGES)[number];

export interface EquityPoint {
  time: string;
  equity: DecimalString;
}

export interface EquityHistory {
  accountId: string;
  range: EquityRange;
  points: EquityPoint[];
}

/** A kept figure of a position (`positions` of the API's database) that the fills do not explain. */
export const POSITION_FIGURES = ['qty', 'cost', 'realizedPnl', 'feesPaid', 'cashFlow'] as const;
export type PositionFigure = (typeof POSITION_FIGURES)[number];

export interface LedgerDifference {
  asset: string;
  /** What the fills say. */
  expected: DecimalString;
  /** What the account holds, or keeps. */
  actual: DecimalString;
  /** A balance's total or lock, a negative balance, or a figure of the asset's kept position (`position.qty`, …). */
  what: 'total' | 'locked' | 'negative' | `position.${PositionFigure}`;
}

/**
 * Whether balances equal the starting balance plus every fill and fee, locks equal open orders, and the kept
 * positions equal a replay of every fill.
 */
export interface LedgerAudit {
  accountId: string;
  ok: boolean;
  fills: number;
  differences: LedgerDifference[];
}

/**
 * What the live channel tells a user about their own orders, after the change is committed: an order as it now
 * stands (placed, filled, canceled, a stop-loss or take-profit armed or triggered), or one fill. The console patches
 * its open orders, fills and balances from these instead of asking the server again.
 */
export type OrderEvent = { event: 'order'; data: Order } | { event: 'trade'; data: Trade };
