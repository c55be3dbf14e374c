import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What an account holds of an asset at average cost, and what its fills of that asset did to the account: kept up
 * to date in the transaction of every fill (see `keepPositions`), so that valuing an account reads one row per
 * asset instead of every fill. Decimal strings; the ledger audit checks them against a replay of the fills.
 */
@Entity('positions')
export class PositionEntity {
  @PrimaryColumn({ name: 'account_id', length: 36 })
  accountId!: string;

  /** The base asset; fills of every symbol with this base add to it. */
  @PrimaryColumn({ length: 16 })
  asset!: string;

  /** The symbol of the first fill of the asset, which prices it. */
  @Column({ length: 32 })
  symbol!: string;

  @Column()
  qty!: string;

  /** What the held quantity cost, buy fees included. */
  @Column()
  cost!: string;

  @Column({ name: 'realized_pnl' })
  realizedPnl!: string;

  @Column({ name: 'fees_paid' })
  feesPaid!: string;

  /** Proceeds of sales minus costs of buys of this asset, fees included: its part of the change of cash. */
  @Column({ name: 'cash_flow' })
  cashFlow!: string;

  /** The price of the asset's last fill: what values it in the equity curve between two looks at the market. */
  @Column({ name: 'last_price' })
  lastPrice!: string;
}
