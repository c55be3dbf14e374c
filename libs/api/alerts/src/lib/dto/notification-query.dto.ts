import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { WholeNumberQuery } from '@lilux/api/shared';
import { decodeCursor } from '@lilux/api/orders';

export class NotificationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @WholeNumberQuery()
  @IsInt({ message: 'must be a whole number from 1 to 200' })
  @Min(1, { message: 'must be a whole number from 1 to 200' })
  @Max(200, { message: 'must be a whole number from 1 to 200' })
  limit = 50;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @ValidateBy(
    { name: 'isListCursor', validator: { validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== undefined } },
    { message: 'must be a nextCursor given by an earlier page of this list' },
  )
  cursor?: string;
}
