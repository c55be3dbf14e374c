import type { AuditAction, AuditOutcome, AuditSubjectType } from '@lilux/contracts';
import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';

/** PostgreSQL's `pg` reads a bigint as text (it may not fit a double); ours count rows and always fit. */
export const bigintAsNumber: ValueTransformer = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/** One row of the audit log; never updated, deleted only by retention, oldest first. */
@Entity('audit_events')
@Index(['actorId'])
@Index(['subjectType', 'subjectId'])
@Index(['action'])
@Index(['at'])
export class AuditEventEntity {
  /** Its place in the chain, given by the application under the chain head's lock. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  id!: number;

  @Column({ length: 24 })
  at!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 64, nullable: true })
  actorName!: string | null;

  @Column({ type: 'varchar', length: 40 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 16 })
  outcome!: AuditOutcome;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;

  @Column({ name: 'subject_type', type: 'varchar', length: 16, nullable: true })
  subjectType!: AuditSubjectType | null;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId!: string | null;

  /** Canonical JSON text, hashed as it is stored. */
  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'prev_hash', length: 64 })
  prevHash!: string;

  @Column({ length: 64 })
  hash!: string;
}
