/** What can go wrong with an exchange account that its owner should hear of; each is a notification topic of the same name. */
export const ACCOUNT_PROBLEMS = ['exchange_unreachable', 'key_rejected', 'unknown_order_found'] as const;
export type AccountProblem = (typeof ACCOUNT_PROBLEMS)[number];

export interface AccountProblemNotice {
  accountId: string;
  /** The account's label, as its owner named it. */
  label: string;
  problem: AccountProblem;
  /** What the exchange said, in words; never a key or a signed URL. */
  detail: string;
  /** For `unknown_order_found`: the exchange's id of the order Lilux did not place. */
  exchangeOrderId?: string;
  symbol?: string;
  at: string;
}

/** Told on the user's live channel when Lilux finds a problem with one of their exchange accounts. */
export type AccountProblemEvent = { event: 'account'; data: AccountProblemNotice };
