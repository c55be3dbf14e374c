import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreateUserRequest, User, UserRole } from '@lilux/contracts';
import { ClusterBus } from '@lilux/api/shared';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { hashPassword, passwordMatches } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsernameTakenError, UserNotFoundError, WrongPasswordError } from './users.errors';

/** What the auth module needs to know of a user to accept one of its tokens. */
export interface UserIdentity {
  id: string;
  username: string;
  role: UserRole;
  tokenVersion: number;
}

/**
 * How long an identity read for token checks is trusted. Changes made through any instance apply at once (they
 * are announced on the cluster bus); the bound is for changes made elsewhere, e.g. by a command-line tool.
 */
export const IDENTITY_CACHE_TTL_MS = 5000;

/** Announced when a user's identity changed (password, token version), so no instance trusts the old one. */
const IDENTITY_CHANGED = 'identity-changed';

@Injectable()
export class UsersService implements OnModuleInit {
  private readonly logger = new Logger(UsersService.name);
  /** Every authenticated request asks for its user's identity; answering from memory halves its cost. */
  private readonly identities = new LRUCache<string, UserIdentity | false>({ max: 10_000, ttl: IDENTITY_CACHE_TTL_MS });

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly bus: ClusterBus,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(IDENTITY_CHANGED, (message) => this.identities.delete((message as { userId: string }).userId));
  }

  async create(request: CreateUserRequest): Promise<User> {
    const usernameKey = keyOf(request.username);
    if (await this.users.exists({ where: { usernameKey } })) throw new UsernameTakenError(request.username);
    const entity = this.users.create({
      id: randomUUID(),
      username: request.username,
      usernameKey,
      passwordHash: await hashPassword(request.password),
      role: request.role ?? 'trader',
    });
    try {
      return toUser(await this.users.save(entity));
    } catch (error) {
      // Two requests for the same name can both pass the check above; the unique index decides.
      if (await this.users.exists({ where: { usernameKey } })) throw new UsernameTakenError(request.username);
      throw error;
    }
  }

  async list(): Promise<User[]> {
    const entities = await this.users.find({ order: { createdAt: 'ASC', usernameKey: 'ASC' } });
    return entities.map(toUser);
  }

  async get(id: string): Promise<User> {
    return toUser(await this.require(id));
  }

  async findIdentity(id: string): Promise<UserIdentity | null> {
    const cached = this.identities.get(id);
    if (cached !== undefined) return cached || null;
    const entity = await this.users.findOne({
      where: { id },
      select: { id: true, username: true, role: true, tokenVersion: true },
    });
    const identity = entity ? this.identityOf(entity) : null;
    this.identities.set(id, identity ?? false);
    return identity;
  }

  /**
   * The user whose username and password these are, or null. Unknown names cost the same bcrypt work as
   * wrong passwords.
   */
  async verifyCredentials(username: string, password: string): Promise<UserIdentity | null> {
    const entity = await this.users.findOne({ where: { usernameKey: keyOf(username) } });
    const matches = await passwordMatches(password, entity?.passwordHash);
    return entity && matches ? this.identityOf(entity) : null;
  }

  /** The id of the user with this name (case-insensitively), or null: whose account a refused login tried. */
  async idOf(username: string): Promise<string | null> {
    const entity = await this.users.findOne({ where: { usernameKey: keyOf(username) }, select: { id: true } });
    return entity?.id ?? null;
  }

  /** Whether `password` is the user's, asked again before something sensitive such as storing exchange keys. */
  async confirmPassword(id: string, password: string): Promise<boolean> {
    return passwordMatches(password, (await this.require(id)).passwordHash);
  }

  /** Changes the password and revokes every token issued before; returns the new identity to sign for. */
  async changePassword(id: string, currentPassword: string, newPassword: string): Promise<UserIdentity> {
    const entity = await this.require(id);
    if (!(await passwordMatches(currentPassword, entity.passwordHash))) throw new WrongPasswordError();
    entity.passwordHash = await hashPassword(newPassword);
    entity.tokenVersion += 1;
    const identity = this.identityOf(await this.users.save(entity));
    this.identities.delete(id);
    await this.announceIdentityChange(id);
    return identity;
  }

  /**
   * Creates the administrator on first start. Idempotent: an existing user of that name is left as it is,
   * password included, so editing ADMIN_PASSWORD later never resets a password changed in the console.
   */
  async ensureAdmin(username: string, password: string): Promise<'created' | 'exists'> {
    if (await this.users.exists({ where: { usernameKey: keyOf(username) } })) return 'exists';
    try {
      await this.create({ username, password, role: 'admin' });
    } catch (error) {
      // Two processes starting at once on one database: the other one created it.
      if (error instanceof UsernameTakenError) return 'exists';
      throw error;
    }
    this.logger.log(`created administrator "${username}"`);
    return 'created';
  }

  private async announceIdentityChange(userId: string): Promise<void> {
    try {
      await this.bus.publish(IDENTITY_CHANGED, { userId });
    } catch (error) {
      // The change is committed; other instances see it once their cached identity expires.
      this.logger.warn({ err: error, userId }, 'could not announce an identity change to the other instances');
    }
  }

  private async require(id: string): Promise<UserEntity> {
    const entity = await this.users.findOne({ where: { id } });
    if (!entity) throw new UserNotFoundError();
    return entity;
  }

  private identityOf(entity: UserEntity): UserIdentity {
    return { id: entity.id, username: entity.username, role: entity.role, tokenVersion: entity.tokenVersion };
  }
}

function keyOf(username: string): string {
  return username.trim().toLowerCase();
}

function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    username: entity.username,
    role: entity.role,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
