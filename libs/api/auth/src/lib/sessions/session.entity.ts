import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Why a session ended, kept on the row until it is purged. */
export type SessionEndReason = 'logout' | 'ended-by-user' | 'refresh-token-reused' | 'password-changed' | 'identity-changed';

/**
 * One sign-in and everything renewed from it: the family of its refresh tokens and the access tokens that carry its
 * id (`sid`). Ending it refuses all of them at once. Times are ISO-8601 in UTC (timestamptz on PostgreSQL).
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'user_id', length: 36 })
  userId!: string;

  /** The user's token version the session was opened (or its password changed) under; a newer one ends it. */
  @Column({ name: 'token_version', type: 'integer' })
  tokenVersion!: number;

  @Column({ length: 64 })
  device!: string;

  /** The client address of the last sign-in or refresh. */
  @Column({ length: 64 })
  address!: string;

  @Column({ name: 'created_at', length: 24 })
  createdAt!: string;

  @Index()
  @Column({ name: 'last_seen_at', length: 24 })
  lastSeenAt!: string;

  /** The absolute end (SESSION_MAX_AGE after sign-in), however often it is refreshed. */
  @Index()
  @Column({ name: 'expires_at', length: 24 })
  expiresAt!: string;

  @Column({ name: 'ended_at', type: 'varchar', length: 24, nullable: true })
  endedAt!: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason!: SessionEndReason | null;
}
