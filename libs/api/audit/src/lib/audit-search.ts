import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuditDetails, AuditEvent, AuditPage } from '@lilux/contracts';
import { DomainError, Transactions } from '@lilux/api/shared';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuditViewer } from './audit-viewer';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEventEntity } from './entities/audit-event.entity';

/** Events read per query when every matching one is wanted (the CSV export). */
const EXPORT_PAGE = 1000;

export class OtherUsersEventsError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  override readonly fields = { userId: "is someone else's: only administrators see other users' events" };
  constructor() {
    super("only administrators see other users' events");
  }
}

/**
 * Reads the audit log for a viewer: a user's own events (what they did, and what was done to their account);
 * for an administrator, everyone's, filtered by user, action, outcome and time.
 */
@Injectable()
export class AuditSearch {
  constructor(private readonly transactions: Transactions) {}

  async page(viewer: AuditViewer, query: AuditQueryDto): Promise<AuditPage> {
    const [rows, total] = await this.transactions.run((manager) =>
      this.matching(manager, viewer, query).orderBy('e.id', 'DESC').take(query.limit).skip(query.offset).getManyAndCount(),
    );
    return { events: rows.map(toAuditEvent), total, limit: query.limit, offset: query.offset };
  }

  /** Every matching event, oldest first, a page per query: an export never holds the whole log in memory. */
  async *everyMatching(viewer: AuditViewer, query: AuditQueryDto): AsyncGenerator<AuditEvent[]> {
    let after = 0;
    for (;;) {
      const rows = await this.transactions.run((manager) =>
        this.matching(manager, viewer, query).andWhere('e.id > :after', { after }).orderBy('e.id', 'ASC').take(EXPORT_PAGE).getMany(),
      );
      if (rows.length > 0) yield rows.map(toAuditEvent);
      if (rows.length < EXPORT_PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  private matching(manager: EntityManager, viewer: AuditViewer, query: AuditQueryDto): SelectQueryBuilder<AuditEventEntity> {
    if (viewer.role !== 'admin' && query.userId !== undefined && query.userId !== viewer.id) throw new OtherUsersEventsError();
    const userId = viewer.role === 'admin' ? query.userId : viewer.id;
    const select = manager.createQueryBuilder(AuditEventEntity, 'e');
    if (userId !== undefined) {
      select.andWhere(new Brackets((about) => about.where('e.actor_id = :userId').orWhere("(e.subject_type = 'user' AND e.subject_id = :userId)")), { userId });
    }
    if (query.action) select.andWhere('e.action = :action', { action: query.action });
    if (query.outcome) select.andWhere('e.outcome = :outcome', { outcome: query.outcome });
    if (query.from) select.andWhere('e.at >= :from', { from: query.from });
    if (query.to) select.andWhere('e.at < :to', { to: query.to });
    return select;
  }
}

export function toAuditEvent(row: AuditEventEntity): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    outcome: row.outcome,
    address: row.address,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    details: row.details === null ? null : (JSON.parse(row.details) as AuditDetails),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
