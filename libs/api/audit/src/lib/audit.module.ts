import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditIntegrity } from './audit-integrity';
import { AuditLog } from './audit-log';
import { AuditRetention } from './audit-retention';
import { AuditSearch } from './audit-search';
import { AuditChainHeadEntity } from './entities/audit-chain-head.entity';
import { AuditEventEntity } from './entities/audit-event.entity';

/**
 * The audit log: {@link AuditLog} records, routes marked `@Audited` are recorded by the interceptor, and
 * `/api/audit` reads, exports and verifies it. Imported by every module that records an event.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity, AuditChainHeadEntity])],
  controllers: [AuditController],
  providers: [AuditLog, AuditSearch, AuditIntegrity, AuditRetention, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditLog],
})
export class AuditModule {}
