import type { AccountKind } from '@lilux/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Where a user's orders run. Resetting a paper account archives it and opens a new one, so history stays. */
@Entity('accounts')
@Index(['userId', 'kind'])
@Index('UQ_accounts_active_paper', ['userId'], { unique: true, where: "kind = 'paper' AND archived_at IS NULL" })
export class AccountEntity {
  /** A UUID made by Lilux when it creates the row, the same on every database (none generates it). */
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ name: 'user_id', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: AccountKind;

  @Column({ length: 64 })
  label!: string;

  /** What the account started with, the first term of the ledger invariant. */
  @Column({ name: 'start_asset', length: 16 })
  startAsset!: string;

  @Column({ name: 'start_amount', length: 40 })
  startAmount!: string;

  @Column({ name: 'created_at', length: 24 })
  createdAt!: string;

  @Column({ name: 'archived_at', type: 'varchar', length: 24, nullable: true })
  archivedAt!: string | null;
}
