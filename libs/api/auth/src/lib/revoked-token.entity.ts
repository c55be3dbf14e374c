import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A token logged out before it expired. Rows are useless once `expiresAt` has passed and get purged. */
@Entity('revoked_tokens')
export class RevokedTokenEntity {
  @PrimaryColumn({ name: 'token_id', length: 36 })
  tokenId!: string;

  @Column({ name: 'user_id', length: 36 })
  userId!: string;

  @Index()
  @Column({ name: 'expires_at' })
  expiresAt!: Date;
}
