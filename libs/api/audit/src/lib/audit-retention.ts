import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, Environment, Transactions } from '@lilux/api/shared';
import { LessThanOrEqual, MoreThan } from 'typeorm';
import { lockChainHead } from './audit-log';
import { AuditChainHeadEntity, CHAIN_HEAD_ID } from './entities/audit-chain-head.entity';
import { AuditEventEntity } from './entities/audit-event.entity';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows removed per transaction, so pruning a long backlog never holds the chain (or SQLite) for long. */
const PRUNE_BATCH = 1000;
const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Keeps the audit log within `AUDIT_RETENTION_DAYS` (0: for ever) and writes the chain's head to the server log
 * when it moved, a minute after start and then every hour: logs shipped elsewhere then hold hashes a rewrite of the whole chain cannot match.
 * Every instance does this; the chain head's lock makes two prunes take turns, and the second finds nothing.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditRetention.name);
  private readonly retentionDays: number;
  private timer: NodeJS.Timeout | undefined;
  private isStopped = false;
  private lastLoggedHash: string | undefined;

  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    this.retentionDays = config.get('AUDIT_RETENTION_DAYS', { infer: true });
  }

  onApplicationBootstrap(): void {
    // Not at once: a command-line tool (npm run keys:rotate) starts the same modules and is gone within seconds.
    this.schedule(FIRST_RUN_DELAY_MS);
  }

  onModuleDestroy(): void {
    this.isStopped = true;
    clearTimeout(this.timer);
  }

  /**
   * Removes the events older than the retention period, oldest first. Only a run of the oldest rows goes, and
   * the chain head keeps the id and hash of the last one removed (the anchor): the rows left are checked from it.
   */
  async prune(): Promise<number> {
    if (this.retentionDays === 0) return 0;
    const cutoff = new Date(this.clock.now() - this.retentionDays * DAY_MS).toISOString();
    let removed = 0;
    for (;;) {
      const batch = await this.transactions.run(async (manager) => {
        const { anchorId } = await lockChainHead(manager);
        const oldest = await manager.find(AuditEventEntity, {
          select: { id: true, at: true, hash: true },
          where: { id: MoreThan(anchorId) },
          order: { id: 'ASC' },
          take: PRUNE_BATCH,
        });
        // Instances' clocks may differ a little: the run stops at the first row young enough to keep.
        const kept = oldest.findIndex((row) => row.at >= cutoff);
        const expired = kept === -1 ? oldest : oldest.slice(0, kept);
        if (expired.length === 0) return 0;
        const last = expired[expired.length - 1];
        await manager.delete(AuditEventEntity, { id: LessThanOrEqual(last.id) });
        await manager.update(AuditChainHeadEntity, { id: CHAIN_HEAD_ID }, { anchorId: last.id, anchorHash: last.hash });
        return expired.length;
      });
      removed += batch;
      if (batch < PRUNE_BATCH) break;
    }
    if (removed > 0) this.logger.log(`removed ${removed} audit event(s) older than ${this.retentionDays} day(s)`);
    return removed;
  }

  private schedule(delayMs: number): void {
    if (this.isStopped) return;
    this.timer = setTimeout(() => void this.maintain().finally(() => this.schedule(HOUR_MS)), delayMs);
    this.timer.unref();
  }

  private async maintain(): Promise<void> {
    try {
      await this.prune();
      const head = await this.transactions.run((manager) => manager.findOneByOrFail(AuditChainHeadEntity, { id: CHAIN_HEAD_ID }));
      if (head.lastId > 0 && head.lastHash !== this.lastLoggedHash) {
        this.logger.log(`audit chain head: event ${head.lastId}, hash ${head.lastHash}`);
        this.lastLoggedHash = head.lastHash;
      }
    } catch (error) {
      this.logger.error({ err: error }, 'audit log maintenance failed');
    }
  }
}
