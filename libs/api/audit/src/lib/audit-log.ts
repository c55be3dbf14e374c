import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { AuditAction, AuditDetails, AuditOutcome, AuditSubjectType } from '@lilux/contracts';
import { Clock, DomainError, Transactions } from '@lilux/api/shared';
import { EntityManager } from 'typeorm';
import { extendChain, GENESIS, UnchainedRow } from './audit-chain';
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
        const head = await lockChainHead(manager);
        const rows = extendChain(
          { id: head.lastId, hash: head.lastHash },
          group.map((waiting) => waiting.row),
        );
        for (let start = 0; start < rows.length; start += INSERT_ROWS) await manager.insert(AuditEventEntity, rows.slice(start, start + INSERT_ROWS));
        const last = rows[rows.length - 1];
        await manager.update(AuditChainHeadEntity, { id: CHAIN_HEAD_ID }, { lastId: last.id, lastHash: last.hash });
      });
      for (const waiting of group) waiting.resolve();
    } catch (error) {
      // The transaction failed as a whole, possibly before taking its group: nothing of it was written.
      if (group.length === 0) {
        this.isGroupScheduled = false;
        group = this.waiting.splice(0);
      }
      for (const waiting of group) waiting.reject(error);
    }
  }
}

/**
 * Locks the chain head until the transaction ends and reads it. A write, not `SELECT … FOR UPDATE`: on
 * PostgreSQL it locks the row just the same, and on SQLite it takes the database's write lock before the head
 * is read, so another process on the same file (`npm run keys:rotate` beside the server) waits its turn instead
 * of chaining from a head that is about to move.
 */
export async function lockChainHead(manager: EntityManager): Promise<AuditChainHeadEntity> {
  await manager
    .createQueryBuilder()
    .update(AuditChainHeadEntity)
    .set({ lastId: () => 'last_id' })
    .where('id = :id', { id: CHAIN_HEAD_ID })
    .execute();
  return manager.findOneByOrFail(AuditChainHeadEntity, { id: CHAIN_HEAD_ID });
}
