import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  AUDIT_SUBJECT_TYPES,
  type AuditAction,
  type AuditDetails,
  type AuditEvent,
  type AuditOutcome,
  type AuditPage,
  type AuditSubjectType,
  type AuditVerification,
} from '@lilux/contracts';

/** Swagger's views of the audit contracts; the API returns plain objects of these shapes. */
export class AuditEventDto implements AuditEvent {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'alice' }) actorName!: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: AuditOutcome;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) address!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: AUDIT_SUBJECT_TYPES }) subjectType!: AuditSubjectType | null;
  @ApiProperty({ type: String, nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: Object, nullable: true, example: { symbol: 'BTC/USDT', side: 'buy' }, description: 'Flat facts; never a secret' })
  details!: AuditDetails | null;
  @ApiProperty({ description: 'Hash of the row before (64 zeros before the first)' }) prevHash!: string;
  @ApiProperty({ description: "sha256 of this row's canonical JSON with prevHash" }) hash!: string;
}

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: [AuditEventDto] }) events!: AuditEventDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class AuditVerificationDto implements AuditVerification {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'Rows checked' }) checked!: number;
  @ApiPropertyOptional({ description: 'The first changed row, or the first missing id' }) firstBrokenId?: number;
  @ApiPropertyOptional({ example: 'was changed after it was written' }) problem?: string;
  @ApiProperty({ description: 'Rows up to this id were removed by retention (0: none)' }) anchorId!: number;
  @ApiProperty() lastId!: number;
  @ApiProperty({ description: 'Keep it elsewhere to detect a rewrite of the whole chain' }) lastHash!: string;
}
