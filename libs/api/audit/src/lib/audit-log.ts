import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { AuditAction, AuditDetails, AuditOutcome, AuditSubjectType } from '@lilux/contracts';
import { Clock, DomainError, Transactions } from '@lilux/api/shared';
import { EntityManager } from 'typeorm';
import { ChainedRow, ChainLink, extendChain, GENESIS, UnchainedRow } from './audit-chain';
import { AuditFacts, detailsText, plainText } from './audit-details';
import { AuditChainHeadEntity, CHAIN_HEAD_ID } from './entities/audit-chain-head.entity';
import { AuditEventEntity } from './entities/audit-event.entity';

/** What happened, as a caller tells it. Details are facts picked one by one, never a request body. */
export interface AuditRecord {
  actorId?: string | null;
  actorName?: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  address?: string | null;
  subjectType?: AuditSubjectType;
  subjectId?: string | null;
  details?: AuditFacts;
}

/** An action that must not happen unrecorded was refused because the audit log could not be written. */
export class AuditUnavailableError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  override readonly retryAfterSeconds = 5;

  constructor() {
    super('the audit log cannot be written just now, so this was not done: try again shortly');
  }
}

interface WaitingRow {
  row: UnchainedRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Rows per INSERT: well under both engines' limits on bound parameters (12 a row). */
const INSERT_ROWS = 500;

/**
 * The append-only audit log. Each row carries the hash of the one before, so an edited or missing row shows
 * (see {@link AuditVerification}). Appends are group-committed like paper orders: the events that arrive while
 * a transaction runs are chained and written together in the next, under the chain head's row lock, so the chain
 * stays one line whatever the number of instances, and recording costs an order one shared transaction at most.
 */
@Injectable()
export class AuditLog implements OnModuleInit {
  private readonly logger = new Logger(AuditLog.name);
  private readonly waiting: WaitingRow[] = [];
  private isGroupScheduled = false;
  /** The row this process last appended; the head, where nobody else writes (see {@link write}). */
  private lastWritten: ChainLink | null = null;

  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The chain head's one row, made on first start (by whichever instance gets there first). */
  async onModuleInit(): Promise<void> {
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(AuditChainHeadEntity)
        .values({ id: CHAIN_HEAD_ID, lastId: GENESIS.id, lastHash: GENESIS.hash, anchorId: GENESIS.id, anchorHash: GENESIS.hash })
        .orIgnore()
        .execute(),
    );
  }

  /**
   * Records an event, resolving once it is committed. Never throws: the action it describes has happened, so a
   * failed write is logged as an error with the whole event (nothing secret is in it) and the answer stands.
   */
  async record(event: AuditRecord): Promise<void> {
    const row = this.rowOf(event);
    try {
      await this.append(row);
    } catch (error) {
      this.logger.error({ err: error, event: row }, 'could not write an audit event');
    }
  }

  /**
   * Records an event or throws {@link AuditUnavailableError} (503): for an action that must not happen
   * unrecorded, recorded before it is done (a login, before its token is issued).
   */
  async recordOrRefuse(event: AuditRecord): Promise<void> {
    const row = this.rowOf(event);
    try {
      await this.append(row);
    } catch (error) {
      this.logger.error({ err: error, event: row }, 'could not write an audit event: the action is refused');
      throw new AuditUnavailableError();
    }
  }

  /** The facts of the latest event of `action`: what a setting was when it was last recorded. */
  async latestDetails(action: AuditAction): Promise<AuditDetails | null> {
    const latest = await this.transactions.run((manager) => manager.findOne(AuditEventEntity, { where: { action }, order: { id: 'DESC' } }));
    return latest?.details ? (JSON.parse(latest.details) as AuditDetails) : null;
  }

  private rowOf(event: AuditRecord): UnchainedRow {
    return {
      at: new Date(this.clock.now()).toISOString(),
      actorId: event.actorId ?? null,
      actorName: event.actorName ? plainText(event.actorName) : null,
      action: event.action,
      outcome: event.outcome,
      address: event.address ? plainText(event.address) : null,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ? plainText(event.subjectId) : null,
      details: detailsText(event.details),
    };
  }

  private append(row: UnchainedRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (!this.isGroupScheduled) {
        this.isGroupScheduled = true;
        void this.commitWaiting();
      }
    });
  }

  private async commitWaiting(): Promise<void> {
    let group: WaitingRow[] = [];
    try {
      await this.transactions.run(async (manager) => {
        // Everything that arrived until now; later arrivals schedule the next group.
        this.isGroupScheduled = false;
        group = this.waiting.splice(0);
        await this.write(
          manager,
          group.map((waiting) => waiting.row),
        );
      });
      for (const waiting of group) waiting.resolve();
    } catch (error) {
      this.lastWritten = null;
      // The transaction failed as a whole, possibly before taking its group: nothing of it was written.
      if (group.length === 0) {
        this.isGroupScheduled = false;
        group = this.waiting.splice(0);
      }
      for (const waiting of group) waiting.reject(error);
    }
  }

  /**
   * Chains the rows after the head, moves the head to the last of them and inserts them. Where this process is
   * the database's one writer (SQLite), the head is the one it wrote last, and the update that moves it checks so:
   * another process on the same file (`npm run keys:rotate` beside the server) may have appended since. That
   * spares reading the head, and on the order path every statement counts.
   */
  private async write(manager: EntityManager, unchained: UnchainedRow[]): Promise<void> {
    const known = this.transactions.isSingleWriter ? this.lastWritten : null;
    let head = known ?? (await lockChainHead(manager));
    let rows = extendChain(head, unchained);
    if (!(await advanceHead(manager, head, rows[rows.length - 1]))) {
      // The update that found the head moved holds the write lock: what is read now stays the head.
      head = await lockChainHead(manager);
      rows = extendChain(head, unchained);
      if (!(await advanceHead(manager, head, rows[rows.length - 1]))) throw new Error('the audit chain head moved while it was locked');
    }
    for (let start = 0; start < rows.length; start += INSERT_ROWS) await insertRows(manager, rows.slice(start, start + INSERT_ROWS));
    this.lastWritten = rows[rows.length - 1];
  }
}

const COLUMNS = ['id', 'at', 'actor_id', 'actor_name', 'action', 'outcome', 'address', 'subject_type', 'subject_id', 'details', 'prev_hash', 'hash'];

/**
 * One INSERT for the rows, written here rather than by TypeORM, whose per-row work (metadata, transformers,
 * parameter escaping) was most of what recording cost an order.
 */
async function insertRows(manager: EntityManager, rows: ChainedRow[]): Promise<void> {
  const isPostgres = manager.connection.options.type === 'postgres';
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const fields = [
      row.id,
      row.at,
      row.actorId,
      row.actorName,
      row.action,
      row.outcome,
      row.address,
      row.subjectType,
      row.subjectId,
      row.details,
      row.prevHash,
      row.hash,
    ];
    const marks = fields.map((field) => {
      values.push(field);
      return isPostgres ? `$${values.length}` : '?';
    });
    return `(${marks.join(', ')})`;
  });
  await manager.query(`INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
}

/** Moves the head from `from` to `to`; false when it no longer is at `from`. */
async function advanceHead(manager: EntityManager, from: ChainLink, to: ChainLink): Promise<boolean> {
  const moved = await manager.update(AuditChainHeadEntity, { id: CHAIN_HEAD_ID, lastId: from.id, lastHash: from.hash }, { lastId: to.id, lastHash: to.hash });
  return moved.affected === 1;
}

/**
 * Locks the chain head until the transaction ends and reads it: `SELECT … FOR UPDATE` on PostgreSQL; on SQLite a
 * write first, which takes the database's write lock before the head is read, so another process on the same
 * file waits its turn instead of chaining from a head that is about to move.
 */
export async function lockChainHead(manager: EntityManager): Promise<ChainLink & { anchorId: number }> {
  const isSqlite = manager.connection.options.type === 'sqlite';
  if (isSqlite) {
    await manager
      .createQueryBuilder()
      .update(AuditChainHeadEntity)
      .set({ lastId: () => 'last_id' })
      .where('id = :id', { id: CHAIN_HEAD_ID })
      .execute();
  }
  const head = await manager.findOneOrFail(AuditChainHeadEntity, {
    where: { id: CHAIN_HEAD_ID },
    ...(isSqlite ? {} : { lock: { mode: 'pessimistic_write' as const } }),
  });
  return { id: head.lastId, hash: head.lastHash, anchorId: head.anchorId };
}
