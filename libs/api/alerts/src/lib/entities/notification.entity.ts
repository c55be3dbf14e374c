import type { NotificationTopic } from '@lilux/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The outbox: recorded in the transaction of what it tells, delivered from here; also the user's list. */
@Entity('notifications')
@Index(['dedupeKey'], { unique: true })
@Index(['userId', 'createdAt', 'id'])
@Index(['userId', 'readAt'])
export class NotificationEntity {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ name: 'user_id', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 32 })
  topic!: NotificationTopic;

  @Column({ length: 200 })
  title!: string;

  @Column({ length: 1000 })
  body!: string;

  /** JSON of string figures. */
  @Column({ type: 'text' })
  data!: string;

  /** What the notification is about, once: an alert's firing, an order's status and filled quantity. */
  @Column({ name: 'dedupe_key', length: 200 })
  dedupeKey!: string;

  @Column({ name: 'created_at', length: 24 })
  createdAt!: string;

  @Column({ name: 'read_at', type: 'varchar', length: 24, nullable: true })
  readAt!: string | null;
}
