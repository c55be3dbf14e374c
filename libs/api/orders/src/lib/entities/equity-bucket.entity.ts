import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The equity curve of an account within one span of time, as it happened: its first, lowest, highest and last
 * point (at fills, and at valuations when someone looked). Any range of the curve then reads one row per span,
 * however many fills the account made, and still shows every extreme. Equity is a decimal string, times ISO-8601
 * in UTC.
 */
export abstract class EquityBucket {
  @PrimaryColumn({ name: 'account_id', length: 36 })
  accountId!: string;

  /** Where the span starts. */
  @PrimaryColumn({ length: 24 })
  start!: string;

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

/** The curve an hour at a time: ranges up to a month. */
@Entity('equity_hours')
export class EquityHourEntity extends EquityBucket {}

/** The curve a day at a time: longer ranges, at most 366 rows a year. */
@Entity('equity_days')
export class EquityDayEntity extends EquityBucket {}
