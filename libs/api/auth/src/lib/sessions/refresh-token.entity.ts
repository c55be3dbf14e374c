import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A refresh token, by the SHA-256 of its value (the value itself is only ever in the client's cookie). Each one
 * is used once: a refresh marks it used and issues the next in the same session.
 */
@Entity('refresh_tokens')
export class RefreshTokenEntity {
  /** Hex SHA-256 of the token: 256 random bits need no salt or slow hash. */
  @PrimaryColumn({ name: 'token_hash', length: 64 })
  tokenHash!: string;

  @Index()
  @Column({ name: 'session_id', length: 36 })
  sessionId!: string;

  @Index()
  @Column({ name: 'issued_at', length: 24 })
  issuedAt!: string;

  /** When it was traded for the next one; presented again after that, it ends its session. */
  @Column({ name: 'used_at', type: 'varchar', length: 24, nullable: true })
  usedAt!: string | null;
}
