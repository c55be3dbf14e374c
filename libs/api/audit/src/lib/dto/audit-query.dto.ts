import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome, type AuditQuery } from '@lilux/contracts';
import { WholeNumberQuery } from '@lilux/api/shared';

const TIME_RULE = 'must be a time: ISO-8601 or ms since the epoch';

export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Administrators only: the events this user did or that were done to this user's account" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  userId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: 'must be one of the audit actions (see AUDIT_ACTIONS)' })
  action?: AuditAction;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES, { message: `must be one of ${AUDIT_OUTCOMES.join(', ')}` })
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ description: 'Earliest time (ISO-8601 or ms since the epoch)' })
  @IsOptional()
  @Transform(({ value }) => toIsoTime(value))
  @Matches(/^\d{4}-\d{2}-\d{2}T/, { message: TIME_RULE })
  from?: string;

  @ApiPropertyOptional({ description: 'Latest time, exclusive' })
  @IsOptional()
  @Transform(({ value }) => toIsoTime(value))
  @Matches(/^\d{4}-\d{2}-\d{2}T/, { message: TIME_RULE })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @WholeNumberQuery()
  @IsInt({ message: 'must be a whole number from 1 to 500' })
  @Min(1, { message: 'must be a whole number from 1 to 500' })
  @Max(500, { message: 'must be a whole number from 1 to 500' })
  limit = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @WholeNumberQuery()
  @IsInt({ message: 'must be a whole number, 0 or more' })
  @Min(0, { message: 'must be a whole number, 0 or more' })
  offset = 0;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv (administrators): every matching event, oldest first, no paging' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'must be json or csv' })
  format?: 'json' | 'csv';
}

function toIsoTime(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  const time = /^\d{1,15}$/.test(value) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(time.getTime()) ? 'invalid' : time.toISOString();
}
