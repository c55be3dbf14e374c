import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs transactions one after another. TypeORM talks to SQLite over a single connection, on which two
 * interleaved transactions would be one; queuing them also makes a check-then-write (is the balance enough?
 * then debit it) atomic against every other writer in the process.
 */
@Injectable()
export class SerializedTransactions {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
