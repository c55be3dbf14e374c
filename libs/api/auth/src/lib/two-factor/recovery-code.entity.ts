import { Entity, PrimaryColumn } from 'typeorm';

/** One unused recovery code of a user, as its SHA-256; using it deletes the row. */
@Entity('two_factor_recovery_codes')
export class RecoveryCodeEntity {
  @PrimaryColumn({ name: 'user_id', length: 36 })
  userId!: string;

  @PrimaryColumn({ name: 'code_hash', length: 64 })
  codeHash!: string;
}
