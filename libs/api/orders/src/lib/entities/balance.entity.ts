import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How much of an asset an account holds: free to use, and locked by its open orders. Decimal strings. */
@Entity('balances')
export class BalanceEntity {
  @PrimaryColumn({ name: 'account_id', length: 36 })
  accountId!: string;

  @PrimaryColumn({ length: 16 })
  asset!: string;

  @Column({ length: 40 })
  free!: string;

  @Column({ length: 40 })
  locked!: string;
}
