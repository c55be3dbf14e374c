import { CreateTrading1764000000000 } from './1764000000000-create-trading';
import { CreateExchangeCredentials1764100000000 } from './1764100000000-create-exchange-credentials';
import { AddExchangeOrderId1764200000000 } from './1764200000000-add-exchange-order-id';
import { AddFillTradeId1764300000000 } from './1764300000000-add-fill-trade-id';
import { OneActivePaperAccount1764400000000 } from './1764400000000-one-active-paper-account';
import { PostgresTypes1764600000000 } from './1764600000000-postgres-types';
import { ListIndexes1764745000000 } from './1764745000000-list-indexes';
import { KeepPositions1764760000000 } from './1764760000000-keep-positions';

export const ORDERS_MIGRATIONS = [
  CreateTrading1764000000000,
  CreateExchangeCredentials1764100000000,
  AddExchangeOrderId1764200000000,
  AddFillTradeId1764300000000,
  OneActivePaperAccount1764400000000,
  PostgresTypes1764600000000,
  ListIndexes1764745000000,
  KeepPositions1764760000000,
];
export { KeepPositions1764760000000 };
