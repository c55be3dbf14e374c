import { Injectable } from '@nestjs/common';
import type { AuditVerification } from '@lilux/contracts';
import { Transactions } from '@lilux/api/shared';
import { And, LessThanOrEqual, MoreThan } from 'typeorm';
import { ChainVerifier } from './audit-chain';
import { AuditChainHeadEntity, CHAIN_HEAD_ID } from './entities/audit-chain-head.entity';
import { AuditEventEntity } from './entities/audit-event.entity';

/** Rows hashed per query: each page is a short read of its own, so checking a long log never holds up orders. */
const VERIFY_PAGE = 1000;

/** Checks the audit log's chain: every row as it was written, none missing, from the retention anchor to the head. */
@Injectable()
export class AuditIntegrity {
  constructor(private readonly transactions: Transactions) {}

  async verify(): Promise<AuditVerification> {
    let result = await this.verifyOnce();
    // Retention may have removed the rows ahead of the check while it read: the chain then starts further on.
    if (!result.ok && (await this.head()).anchorId !== result.anchorId) result = await this.verifyOnce();
    return result;
  }

  private async verifyOnce(): Promise<AuditVerification> {
    // Rows appended after this point are not checked: the head says where the chain ended when the check began.
    const head = await this.head();
    const verifier = new ChainVerifier({ id: head.anchorId, hash: head.anchorHash });
    let after = head.anchorId;
    while (after < head.lastId && !verifier.broken) {
      const rows = await this.transactions.run((manager) =>
        manager.find(AuditEventEntity, { where: { id: And(MoreThan(after), LessThanOrEqual(head.lastId)) }, order: { id: 'ASC' }, take: VERIFY_PAGE }),
      );
      if (rows.length === 0) break;
      for (const row of rows) if (!verifier.check(row)) break;
      after = rows[rows.length - 1].id;
    }
    const broken = verifier.end({ id: head.lastId, hash: head.lastHash });
    return {
      ok: broken === null,
      checked: verifier.checked,
      ...(broken ? { firstBrokenId: broken.id, problem: broken.problem } : {}),
      anchorId: head.anchorId,
      lastId: head.lastId,
      lastHash: head.lastHash,
    };
  }

  private head(): Promise<AuditChainHeadEntity> {
    return this.transactions.run((manager) => manager.findOneByOrFail(AuditChainHeadEntity, { id: CHAIN_HEAD_ID }));
  }
}
