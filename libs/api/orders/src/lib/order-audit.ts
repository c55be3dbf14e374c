import type { Account, Order, PositionProtection } from '@lilux/contracts';
import type { AuditedRoute } from '@lilux/api/audit';
import type { PlaceOrderDto, PositionProtectionDto } from './dto/order.dto';

/** An order as the audit log keeps it: what was asked, what it became; an order its exchange rejected failed. */
export const ORDER_PLACEMENT_AUDIT: AuditedRoute<PlaceOrderDto, Order> = {
  subjectType: 'order',
  subjectId: ({ result }) => result?.id,
  details: ({ body, result }) => ({
    accountId: result?.accountId ?? body.accountId,
    symbol: body.symbol,
    side: body.side,
    type: result?.type ?? body.type,
    qty: result?.qty ?? body.qty,
    price: result?.price ?? body.price,
    sl: result?.sl ?? body.sl,
    tp: result?.tp ?? body.tp,
    clientOrderId: result?.clientOrderId ?? body.clientOrderId,
    status: result?.status,
    reason: result?.rejectReason,
  }),
  outcomeOf: (order) => (order.status === 'rejected' ? 'failed' : 'ok'),
  isAnsweredFirst: true,
};

export const ORDER_CANCEL_AUDIT: AuditedRoute<unknown, Order> = {
  subjectType: 'order',
  details: ({ result }) => ({ accountId: result?.accountId, symbol: result?.symbol, status: result?.status }),
  isAnsweredFirst: true,
};

/** The new paper account is the subject; the archived one is the caller's previous paper account. */
export const PAPER_RESET_AUDIT: AuditedRoute<unknown, Account> = { subjectType: 'account', subjectId: ({ result }) => result?.id };

/** The levels asked for and the legs they became; the subject is the stop-loss leg, else the take-profit leg. */
export const POSITION_PROTECTION_AUDIT: AuditedRoute<PositionProtectionDto, PositionProtection> = {
  subjectType: 'order',
  subjectId: ({ result }) => result?.legs[0]?.id ?? null,
  details: ({ body, result }) => ({
    accountId: result?.accountId ?? body.accountId,
    symbol: body.symbol,
    sl: body.sl,
    tp: body.tp,
    qty: result?.qty,
  }),
};
