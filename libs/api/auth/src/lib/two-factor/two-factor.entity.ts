import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's TOTP secret: pending until confirmed with a code, then asked at login and before sensitive changes. */
@Entity('two_factor')
export class TwoFactorEntity {
  @PrimaryColumn({ name: 'user_id', length: 36 })
  userId!: string;

  /** Fernet-encrypted base32; decrypted only to check a code. */
  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted!: string;

  /** False while the enrolment waits for its first code. */
  @Column({ name: 'is_enabled', type: 'boolean', default: false })
  isEnabled!: boolean;

  /** The last time step whose code was accepted: that code, and any older one, is refused from then on. */
  @Column({ name: 'last_used_step', type: 'integer', default: 0 })
  lastUsedStep!: number;
}
