import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Runs database transactions. On SQLite they run one after another: TypeORM talks to SQLite over a single
 * connection, on which two interleaved transactions would be one, and a single writer makes every
 * check-then-write atomic. On PostgreSQL they run side by side from the pool, and what must not interleave
 * (two orders spending the same balance, on any number of instances) takes row locks with {@link lockForUpdate}.
 */
@Injectable()
export class Transactions implements OnModuleInit {
  private tail: Promise<unknown> = Promise.resolve();
  /** Whether this process is the database's only writer (SQLite): what it wrote last is what is there. */
  readonly isSingleWriter: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.isSingleWriter = dataSource.options.type === 'sqlite';
  }

  async onModuleInit(): Promise<void> {
    // In WAL mode NORMAL syncs at checkpoints instead of at every commit: a crash or kill of the process loses
    // nothing committed; only a power cut or OS crash can lose the last transactions, never consistency.
    if (this.isSingleWriter) await this.dataSource.query('PRAGMA synchronous = NORMAL');
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSingleWriter) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Locks rows until the transaction ends (`SELECT … FOR UPDATE`), in id order so that two transactions locking
 * overlapping sets never deadlock. Whoever locks first goes first; the other waits, then reads what the first
 * committed. On SQLite, whose one writer already runs alone, there is nothing to lock.
 */
export async function lockForUpdate(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, ids: string[]): Promise<void> {
  if (manager.connection.options.type === 'sqlite' || ids.length === 0) return;
  await manager
    .createQueryBuilder(entity, 'locked')
    .select('locked.id')
    .whereInIds([...new Set(ids)])
    .orderBy('locked.id')
    .setLock('pessimistic_write')
    .getMany();
}
