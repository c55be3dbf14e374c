import type { OrderStatus } from '@lilux/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every status an order went through, and when: its audit trail. */
@Entity('order_transitions')
@Index(['orderId'])
export class OrderTransitionEntity {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ name: 'order_id', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OrderStatus;

  @Column({ length: 24 })
  at!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;
}
