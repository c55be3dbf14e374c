import { ApiPropertyOptional } from '@nestjs/swagger';
import { SESSION_KEEP_OPTIONS, type SessionKeepOption } from '@lilux/contracts';
import { IsIn, IsOptional } from 'class-validator';

export class EndSessionsQueryDto {
  @ApiPropertyOptional({ enum: SESSION_KEEP_OPTIONS, description: '`current`: end every session but this one; absent: all of them' })
  @IsOptional()
  @IsIn(SESSION_KEEP_OPTIONS, { message: `must be ${SESSION_KEEP_OPTIONS.join(' or ')} (or absent, to end every session)` })
  keep?: SessionKeepOption;
}
