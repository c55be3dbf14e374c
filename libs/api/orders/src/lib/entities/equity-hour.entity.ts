import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The equity curve of an account within one hour, as it happened: its first, lowest, highest and last point
 * (at fills, and at the hourly valuation). Any range of the curve then reads one row per hour, however many fills
 * the account made, and still shows every extreme. Equity is a decimal string, times ISO-8601 in UTC.
 */
@Entity('equity_hours')
export class EquityHourEntity {
  @PrimaryColumn({ name: 'account_id', length: 36 })
  accountId!: string;

  /** The start of the hour. */
  @PrimaryColumn({ length: 24 })
  hour!: string;

  @Column({ name: 'first_at', length: 24 })
  firstAt!: string;

  @Column({ name: 'first_equity' })
  firstEquity!: string;

  @Column({ name: 'low_at', length: 24 })
  lowAt!: string;

  @Column({ name: 'low_equity' })
  lowEquity!: string;

  @Column({ name: 'high_at', length: 24 })
  highAt!: string;

  @Column({ name: 'high_equity' })
  highEquity!: string;

  @Column({ name: 'last_at', length: 24 })
  lastAt!: string;

  @Column({ name: 'last_equity' })
  lastEquity!: string;
}
