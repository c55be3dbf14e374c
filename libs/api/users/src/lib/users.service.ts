import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreateUserRequest, UpdateUserRequest, User, UserRole } from '@lilux/contracts';
import { ClusterBus, lockForUpdate, Transactions } from '@lilux/api/shared';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { Observable, Subject } from 'rxjs';
import { EntityManager, FindOptionsWhere, IsNull, Not, Repository } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { PasswordRecheck } from './password-recheck';
import { UserEntity } from './user.entity';
import { UserHoldings } from './user-holdings';
import {
  LastAdminError,
  NothingToChangeError,
  UnchangedPasswordError,
  UsernameTakenError,
  UserNotDisabledError,
  UserNotFoundError,
  UserStillHoldsError,
  WrongPasswordError,
} from './users.errors';

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

/**
 * Announced when a user's identity changed (password, role, token version, disabled, deleted), so no instance
 * trusts the old one.
 */
const IDENTITY_CHANGED = 'identity-changed';

/** A user who may sign in: neither disabled nor deleted. */
const ACTIVE: FindOptionsWhere<UserEntity> = { disabledAt: IsNull(), deletedAt: IsNull() };
const ACTIVE_ADMIN: FindOptionsWhere<UserEntity> = { ...ACTIVE, role: 'admin' };

@Injectable()
export class UsersService implements OnModuleInit {
  private readonly logger = new Logger(UsersService.name);
  /** Every authenticated request asks for its user's identity; answering from memory halves its cost. */
  private readonly identities = new LRUCache<string, UserIdentity | false>({ max: 10_000, ttl: IDENTITY_CACHE_TTL_MS });
  private readonly identityChanges = new Subject<string>();
  /** Ids of users whose identity changed through any instance, heard once the old one is forgotten here. */
  readonly identityChanged$: Observable<string> = this.identityChanges.asObservable();

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly bus: ClusterBus,
    private readonly transactions: Transactions,
    private readonly holdings: UserHoldings,
    private readonly hasher: PasswordHasher,
    private readonly recheck: PasswordRecheck,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(IDENTITY_CHANGED, (message) => this.forgetIdentity((message as { userId: string }).userId));
  }

  async create(request: CreateUserRequest): Promise<User> {
    const usernameKey = keyOf(request.username);
    if (await this.users.exists({ where: { usernameKey } })) throw new UsernameTakenError(request.username);
    const entity = this.users.create({
      id: randomUUID(),
      username: request.username,
      usernameKey,
      passwordHash: await this.hasher.hash(request.password),
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

  /** Every user but the deleted ones. */
  async list(): Promise<User[]> {
    const entities = await this.users.find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC', usernameKey: 'ASC' } });
    return entities.map(toUser);
  }

  async get(id: string): Promise<User> {
    return toUser(await this.require(id));
  }

  async findIdentity(id: string): Promise<UserIdentity | null> {
    const cached = this.identities.get(id);
    if (cached !== undefined) return cached || null;
    const entity = await this.users.findOne({
      where: { id, ...ACTIVE },
      select: { id: true, username: true, role: true, tokenVersion: true },
    });
    const identity = entity ? this.identityOf(entity) : null;
    this.identities.set(id, identity ?? false);
    return identity;
  }

  /**
   * The user whose username and password these are, or null. Unknown names, and disabled or deleted users, cost
   * the same bcrypt work as wrong passwords and get the same null: the answer tells nothing of who exists.
   */
  async verifyCredentials(username: string, password: string): Promise<UserIdentity | null> {
    const entity = await this.users.findOne({ where: { usernameKey: keyOf(username) } });
    const matches = await this.hasher.matches(password, entity?.passwordHash);
    return entity && matches && isActive(entity) ? this.identityOf(entity) : null;
  }

  /** The id of the user with this name (case-insensitively), or null: whose account a refused login tried. */
  async idOf(username: string): Promise<string | null> {
    const entity = await this.users.findOne({ where: { usernameKey: keyOf(username) }, select: { id: true } });
    return entity?.id ?? null;
  }

  /**
   * Whether `password` is the user's, asked again before something sensitive such as storing exchange keys; too
   * many wrong answers and it throws 429 (see {@link PasswordRecheck}).
   */
  confirmPassword(id: string, password: string): Promise<boolean> {
    return this.recheck.confirm(id, password);
  }

  /** Changes the password and revokes every token issued before; returns the new identity to sign for. */
  async changePassword(id: string, currentPassword: string, newPassword: string): Promise<UserIdentity> {
    if (newPassword === currentPassword) throw new UnchangedPasswordError();
    if (!(await this.recheck.confirm(id, currentPassword))) throw new WrongPasswordError();
    const passwordHash = await this.hasher.hash(newPassword);
    // Written on the row as it is now: a role or a disabling an administrator set during the hashing stays.
    const changed = await this.changeUnderLock(id, async (manager, user) => {
      user.passwordHash = passwordHash;
      user.tokenVersion += 1;
      return manager.save(user);
    });
    return this.identityOf(changed);
  }

  /**
   * Changes a user's role or disables / enables them, and revokes every token issued before. The last active
   * administrator can be neither demoted nor disabled, by anyone, themselves included.
   */
  async update(id: string, change: UpdateUserRequest): Promise<User> {
    if (change.role === undefined && change.disabled === undefined) throw new NothingToChangeError();
    const updated = await this.changeUnderLock(id, async (manager, user) => {
      const isDisabled = change.disabled ?? user.disabledAt !== null;
      const role = change.role ?? user.role;
      if (isDisabled === (user.disabledAt !== null) && role === user.role) return user;
      if (isActiveAdmin(user) && (isDisabled || role !== 'admin')) await assertAnotherActiveAdmin(manager, user.id);
      user.role = role;
      user.disabledAt = isDisabled ? (user.disabledAt ?? new Date()) : null;
      user.tokenVersion += 1;
      return manager.save(user);
    });
    return toUser(updated);
  }

  /** Signs the user out everywhere: every token issued before is refused from now on. */
  async endSessions(id: string): Promise<void> {
    await this.changeUnderLock(id, async (manager, user) => {
      user.tokenVersion += 1;
      return manager.save(user);
    });
  }

  /**
   * Deletes a disabled user who has nothing left running (open orders, connected exchange accounts). The row
   * stays, marked deleted, so that the ledger keeps the owner of every order and fill.
   */
  async delete(id: string): Promise<void> {
    await this.changeUnderLock(id, async (manager, user) => {
      if (isActiveAdmin(user)) await assertAnotherActiveAdmin(manager, user.id);
      if (user.disabledAt === null) throw new UserNotDisabledError();
      const holdings = await this.holdings.of(manager, user.id);
      if (holdings.length > 0) throw new UserStillHoldsError(holdings);
      user.deletedAt = new Date();
      user.tokenVersion += 1;
      return manager.save(user);
    });
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

  /**
   * Runs `change` on the user in a transaction holding the locks of the user and of every active administrator,
   * so that two changes at once (on any instance) cannot both see another administrator and both remove one.
   * Afterwards every instance forgets the identity it had cached.
   */
  private async changeUnderLock(id: string, change: (manager: EntityManager, user: UserEntity) => Promise<UserEntity>): Promise<UserEntity> {
    const changed = await this.transactions.run(async (manager) => {
      const admins = await manager.find(UserEntity, { where: ACTIVE_ADMIN, select: { id: true } });
      await lockForUpdate(manager, UserEntity, [id, ...admins.map((admin) => admin.id)]);
      const user = await manager.findOneBy(UserEntity, { id, deletedAt: IsNull() });
      if (!user) throw new UserNotFoundError();
      return change(manager, user);
    });
    this.identities.delete(id);
    await this.announceIdentityChange(id);
    return changed;
  }

  private async announceIdentityChange(userId: string): Promise<void> {
    try {
      await this.bus.publish(IDENTITY_CHANGED, { userId });
    } catch (error) {
      // The change is committed; other instances see it once their cached identity expires.
      this.logger.warn({ err: error, userId }, 'could not announce an identity change to the other instances');
      this.forgetIdentity(userId);
    }
  }

  private forgetIdentity(userId: string): void {
    this.identities.delete(userId);
    this.identityChanges.next(userId);
  }

  private async require(id: string): Promise<UserEntity> {
    const entity = await this.users.findOne({ where: { id, deletedAt: IsNull() } });
    if (!entity) throw new UserNotFoundError();
    return entity;
  }

  private identityOf(entity: UserEntity): UserIdentity {
    return { id: entity.id, username: entity.username, role: entity.role, tokenVersion: entity.tokenVersion };
  }
}

function isActive(entity: UserEntity): boolean {
  return entity.disabledAt === null && entity.deletedAt === null;
}

function isActiveAdmin(entity: UserEntity): boolean {
  return entity.role === 'admin' && isActive(entity);
}

/** Read after the administrators' rows are locked: what the other changes committed while this one waited. */
async function assertAnotherActiveAdmin(manager: EntityManager, exceptId: string): Promise<void> {
  if ((await manager.count(UserEntity, { where: { ...ACTIVE_ADMIN, id: Not(exceptId) } })) === 0) throw new LastAdminError();
}

function keyOf(username: string): string {
  return username.trim().toLowerCase();
}

function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    username: entity.username,
    role: entity.role,
    disabled: entity.disabledAt !== null,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
