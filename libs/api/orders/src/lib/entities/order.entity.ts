import type { OrderRole, OrderSide, OrderStatus, OrderType } from '@lilux/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('orders')
@Index(['userId', 'clientOrderId'], { unique: true })
@Index(['accountId', 'status'])
@Index(['parentId'])
@Index('IDX_orders_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_orders_account_created', ['accountId', 'createdAt', 'id'])
export class OrderEntity {
  /** A UUID made by Lilux when it creates the row, the same on every database (none generates it). */
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ name: 'user_id', length: 36 })
  userId!: string;

  @Column({ name: 'account_id', length: 36 })
  accountId!: string;

  @Column({ name: 'client_order_id', length: 64 })
  clientOrderId!: string;

  @Column({ length: 32 })
  symbol!: string;

  @Column({ type: 'varchar', length: 4 })
  side!: OrderSide;

  @Column({ type: 'varchar', length: 8 })
  type!: OrderType;

  @Column({ type: 'varchar', length: 12 })
  role!: OrderRole;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: OrderStatus;

  @Column({ length: 40 })
  qty!: string;

  /** Limit price; for a stop-loss leg its trigger price. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  price!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  sl!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  tp!: string | null;

  @Column({ name: 'filled_qty', length: 40 })
  filledQty!: string;

  @Column({ name: 'average_price', type: 'varchar', length: 40, nullable: true })
  averagePrice!: string | null;

  @Column({ length: 40 })
  fee!: string;

  @Column({ name: 'fee_asset', length: 16 })
  feeAsset!: string;

  /** Funds this order holds out of the free balance while it rests (a stop-loss/take-profit pair shares one lock). */
  @Column({ name: 'locked_asset', length: 16 })
  lockedAsset!: string;

  @Column({ name: 'locked_amount', length: 40 })
  lockedAmount!: string;

  /** The exchange's id for an order sent to a real exchange; null on paper and before the exchange answered. */
  @Column({ name: 'exchange_order_id', type: 'varchar', length: 64, nullable: true })
  exchangeOrderId!: string | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 200, nullable: true })
  rejectReason!: string | null;

  @Column({ name: 'created_at', length: 24 })
  createdAt!: string;

  @Column({ name: 'updated_at', length: 24 })
  updatedAt!: string;
}
