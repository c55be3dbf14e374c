import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@lilux/api/shared';

/** Another user's order answers exactly like one that does not exist, so ids reveal nothing. */
export class OrderNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('no such order');
  }
}

export class AccountNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  override readonly fields = { accountId: 'is not one of your accounts' };
  constructor() {
    super('no such account');
  }
}

export class InvalidOrderError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(override readonly fields: Record<string, string>) {
    super(
      `the order was refused: ${Object.entries(fields)
        .map(([field, problem]) => `${field} ${problem}`)
        .join('; ')}`,
    );
  }
}

export class InsufficientFundsError extends InvalidOrderError {
  constructor(asset: string, needed: string, free: string) {
    super({ qty: `needs ${needed} ${asset} but only ${free} ${asset} is free (open orders lock the rest)` });
  }
}

export class OrderNotCancelableError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(status: string) {
    super(`the order is ${status} and can no longer be canceled`);
  }
}

export class WrongPasswordForKeysError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  override readonly fields = { password: 'is not your current password' };
  constructor() {
    super('password is not your current password');
  }
}

export class AccountWithoutKeysError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(action: string) {
    super(`the paper account has no exchange keys: it cannot be ${action}`);
  }
}

/** The exchange refused the key: wrong, deleted, or without the permission asked for. */
export class ExchangeKeyRejectedError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(reason: string) {
    super(`the exchange rejected the key: ${reason}`);
  }
}

export class ExchangeUnreachableError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor(
    reason: string,
    override readonly retryAfterSeconds?: number,
  ) {
    super(`exchange unreachable: ${reason}`);
  }
}

/** The exchange received the order and said no (funds, filters, symbol): nothing was traded. */
export class ExchangeRefusedOrderError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(reason: string) {
    super(`the exchange refused the order: ${reason}`);
  }
}

/**
 * The equity curve and the ledger audit replay every balance change, and only paper accounts have all of them:
 * an exchange account's balances also move by deposits, withdrawals and trades made elsewhere.
 */
export class ExchangeLedgerUnavailableError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  override readonly fields = {
    accountId: 'is an exchange account: its equity history and ledger audit are not kept; GET /api/portfolio values it from the exchange',
  };
  constructor() {
    super('equity history and ledger audit are kept for paper accounts only');
  }
}

/** The position cannot carry the pair asked for: nothing held, too little to sell, or its coins locked by other orders. */
export class PositionNotProtectableError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(reason: string) {
    super(`the position cannot be protected: ${reason}`);
  }
}

/**
 * The exchange failed a protection change half-way (a pair it would not cancel, or a new pair it refused): the
 * records follow what the exchange did, and the message says what that was.
 */
export class ExchangeProtectionError extends DomainError {
  readonly status = HttpStatus.BAD_GATEWAY;
  constructor(what: string) {
    super(what);
  }
}
