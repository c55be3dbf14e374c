import type { AlertCondition, AlertState } from '@lilux/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Where the market was, for a `crosses` alert, when it was armed: it fires on the first tick on the other side. */
export type ArmedSide = 'below' | 'above';

@Entity('price_alerts')
@Index(['userId', 'state'])
@Index(['state'])
export class PriceAlertEntity {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ name: 'user_id', length: 36 })
  userId!: string;

  @Column({ length: 32 })
  symbol!: string;

  @Column({ type: 'varchar', length: 8 })
  condition!: AlertCondition;

  @Column({ type: 'varchar', length: 40, nullable: true })
  price!: string | null;

  @Column({ name: 'move_percent', type: 'varchar', length: 40, nullable: true })
  movePercent!: string | null;

  @Column({ name: 'window_minutes', type: 'integer', nullable: true })
  windowMinutes!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @Column({ type: 'boolean', default: false })
  repeat!: boolean;

  @Column({ name: 'cooldown_seconds', type: 'integer', default: 0 })
  cooldownSeconds!: number;

  @Column({ type: 'varchar', length: 8 })
  state!: AlertState;

  @Column({ name: 'fired_count', type: 'integer', default: 0 })
  firedCount!: number;

  @Column({ name: 'last_fired_at', type: 'varchar', length: 24, nullable: true })
  lastFiredAt!: string | null;

  @Column({ name: 'armed_side', type: 'varchar', length: 5, nullable: true })
  armedSide!: ArmedSide | null;

  @Column({ name: 'created_at', length: 24 })
  createdAt!: string;
}
