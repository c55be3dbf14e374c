import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './audit-event.entity';

/** The one row every append locks: which row the chain ends with, and where retention made it start. */
export const CHAIN_HEAD_ID = 'head';

@Entity('audit_chain')
export class AuditChainHeadEntity {
  @PrimaryColumn({ length: 16 })
  id!: string;

  @Column({ name: 'last_id', type: 'bigint', transformer: bigintAsNumber })
  lastId!: number;

  @Column({ name: 'last_hash', length: 64 })
  lastHash!: string;

  /** The last row retention removed (0 while none was): the first row left follows its hash. */
  @Column({ name: 'anchor_id', type: 'bigint', transformer: bigintAsNumber })
  anchorId!: number;

  @Column({ name: 'anchor_hash', length: 64 })
  anchorHash!: string;
}
