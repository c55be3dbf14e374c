import type { Liquidity, OrderSide } from '@lilux/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One execution. Fills are the ledger: balances, positions and PnL are all derived from them. */
@Entity('fills')
@Index('IDX_fills_account_executed', ['accountId', 'executedAt', 'id'])
@Index('IDX_fills_account_symbol_executed', ['accountId', 'symbol', 'executedAt', 'id'])
@Index(['orderId'])
@Index('UQ_fills_order_trade', ['orderId', 'tradeId'], { unique: true })
export class FillEntity {
  /** A UUID made by Lilux when it creates the row, the same on every database (none generates it). */
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** The exchange's id of the trade; a paper fill is its own trade and carries its own id. */
  @Column({ name: 'trade_id', length: 64 })
  tradeId!: string;

  @Column({ name: 'order_id', length: 36 })
  orderId!: string;

  @Column({ name: 'account_id', length: 36 })
  accountId!: string;

  @Column({ length: 32 })
  symbol!: string;

  @Column({ type: 'varchar', length: 4 })
  side!: OrderSide;

  @Column({ length: 40 })
  qty!: string;

  @Column({ length: 40 })
  price!: string;

  @Column({ name: 'quote_qty', length: 40 })
  quoteQty!: string;

  @Column({ length: 40 })
  fee!: string;

  @Column({ name: 'fee_asset', length: 16 })
  feeAsset!: string;

  @Column({ type: 'varchar', length: 8 })
  liquidity!: Liquidity;

  /** ISO-8601 in UTC with milliseconds: sorts as text on every database. */
  @Column({ name: 'executed_at', length: 24 })
  executedAt!: string;
}
