import type { DeliveryStatus, NotificationChannel } from '@lilux/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('notification_deliveries')
@Index(['status', 'nextAttemptAt'])
export class NotificationDeliveryEntity {
  @PrimaryColumn({ name: 'notification_id', length: 36 })
  notificationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  channel!: NotificationChannel;

  @Column({ type: 'varchar', length: 10 })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When a pending delivery is due (again); null once it no longer is. */
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 24, nullable: true })
  nextAttemptAt!: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'varchar', length: 24, nullable: true })
  deliveredAt!: string | null;
}
