import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuditPage, AuditVerification } from '@lilux/contracts';
import { Roles } from '@lilux/api/shared';
import { Readable } from 'node:stream';
import { auditCsv } from './audit-csv';
import { AuditIntegrity } from './audit-integrity';
import { AuditSearch, OtherUsersEventsError } from './audit-search';
import { AuditViewer, Viewer } from './audit-viewer';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditPageDto, AuditVerificationDto } from './dto/audit-responses.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly search: AuditSearch,
    private readonly integrity: AuditIntegrity,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Audit events, newest first: your own (what you did, what was done to your account); administrators see everyone's",
    description: 'Administrators may filter by userId and download every matching event as CSV (?format=csv, oldest first, no paging).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ description: 'A filter is invalid; the field is named' })
  @ApiForbiddenResponse({ description: "A filter on another user's events, or a CSV export, asked for by someone who is not an administrator" })
  list(@Viewer() viewer: AuditViewer, @Query() query: AuditQueryDto): Promise<AuditPage> | StreamableFile {
    if (query.format !== 'csv') return this.search.page(viewer, query);
    if (viewer.role !== 'admin') throw new OtherUsersEventsError();
    return new StreamableFile(Readable.from(auditCsv(this.search.everyMatching(viewer, query))), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="lilux-audit.csv"',
    });
  }

  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Check the hash chain: every event as written, none missing (administrators only)' })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  verify(): Promise<AuditVerification> {
    return this.integrity.verify();
  }
}
