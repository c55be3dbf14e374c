import type { Account } from '@lilux/contracts';
import type { AuditedRoute } from '@lilux/api/audit';
import type { AddExchangeAccountDto } from './dto/exchange-account.dto';

/** Which exchange, mode and label: never the key, the secret or the password that came with them. */
export const EXCHANGE_ACCOUNT_ADD_AUDIT: AuditedRoute<AddExchangeAccountDto, Account> = {
  subjectType: 'account',
  subjectId: ({ result }) => result?.id,
  details: ({ body }) => ({ exchange: body.exchange, mode: body.mode, label: body.label }),
};
