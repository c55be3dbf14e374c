import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs transactions one after another. TypeORM talks to SQLite over a single connection, on which two
 * interleaved transactions would be one; queuing them also makes a check-then-write (is the balance enough?
 * then debit it) atomic against every other writer in the process.
 */
@Injectable()
export class SerializedTransactions implements OnModuleInit {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    // In WAL mode NORMAL syncs at checkpoints instead of at every commit: a crash or kill of the process loses
    // nothing committed; only a power cut or OS crash can lose the last transactions, never consistency.
    if (this.dataSource.options.type === 'sqlite') await this.dataSource.query('PRAGMA synchronous = NORMAL');
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
