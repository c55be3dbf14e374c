import type { UserRole } from '@lilux/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  /** A UUID made by Lilux when it creates the row, the same on every database (none generates it). */
  @PrimaryColumn({ length: 36 })
  id!: string;

  /** As the user typed it, for display. */
  @Column({ length: 32 })
  username!: string;

  /** Lower-cased username: the unique key, so `Alice` and `alice` are one user on every database. */
  @Column({ name: 'username_key', length: 32, unique: true })
  usernameKey!: string;

  @Column({ name: 'password_hash', length: 100 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  /** Part of every token; raising it revokes all tokens issued before. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  /** Set while the user may not sign in; their tokens are refused and everything they own stays. */
  @Column({ name: 'disabled_at', type: Date, nullable: true })
  disabledAt!: Date | null;

  /**
   * Set when an administrator deleted the user. The row stays, so that their orders and fills keep their owner and
   * their name is not given to someone else; the user is gone from every list and can never sign in again.
   */
  @Column({ name: 'deleted_at', type: Date, nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
