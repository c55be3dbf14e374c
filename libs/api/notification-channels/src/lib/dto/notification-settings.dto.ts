import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_NOTIFICATION_TOPICS, type OrderNotificationTopic, type UpdateNotificationSettingsRequest } from '@lilux/contracts';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsWebhookUrl } from './webhook-url';

export class ConsoleSettingsDto {
  @ApiProperty({ description: 'Play a sound with each notification in the console' })
  @IsBoolean({ message: 'must be true or false' })
  sound!: boolean;

  @ApiProperty({ description: 'Show a browser notification when the console is in a background tab' })
  @IsBoolean({ message: 'must be true or false' })
  browser!: boolean;
}

export class WebhookSettingsDto {
  @ApiProperty({
    example: 'https://example.com/hooks/lilux',
    description: 'http(s); must resolve to public addresses only (unless the server allows private ones)',
  })
  @IsWebhookUrl()
  url!: string;

  @ApiPropertyOptional({
    description: 'The HMAC-SHA256 signing secret, 16 to 256 characters without spaces. Omitted: the current one is kept, or one is generated and answered once',
  })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @Matches(/^\S{16,256}$/, { message: 'must be 16 to 256 characters without spaces' })
  secret?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;
}

export class TelegramSettingsDto {
  @ApiProperty({ example: '123456789', description: "A chat's numeric id (negative for groups) or a channel's @name" })
  @Matches(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,63})$/, { message: 'is required: a chat id such as 123456789 or -1001234567890, or @channelname' })
  chatId!: string;

  @ApiPropertyOptional({ description: 'The bot token from @BotFather; stored encrypted, never returned. Omitted: the current one is kept' })
  @IsOptional()
  @Matches(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, { message: 'must be a bot token such as 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11' })
  token?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;
}

export class EmailSettingsDto {
  @ApiProperty({ example: 'trader@example.com' })
  @MaxLength(254, { message: 'must be at most 254 characters' })
  @IsEmail({}, { message: 'must be an email address such as trader@example.com' })
  address!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;
}

/** Each field given replaces that part of the settings; a channel given as null is removed. */
export class UpdateNotificationSettingsDto implements UpdateNotificationSettingsRequest {
  @ApiPropertyOptional({ enum: ORDER_NOTIFICATION_TOPICS, isArray: true, description: 'The order events that notify; price alerts always do' })
  @IsOptional()
  @IsArray({ message: 'must be a list of topics' })
  @ArrayUnique({ message: 'must not name a topic twice' })
  @IsIn(ORDER_NOTIFICATION_TOPICS, { each: true, message: `must hold only ${ORDER_NOTIFICATION_TOPICS.join(', ')}` })
  topics?: OrderNotificationTopic[];

  @ApiPropertyOptional({ type: ConsoleSettingsDto })
  @IsOptional()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => ConsoleSettingsDto)
  console?: ConsoleSettingsDto;

  @ApiPropertyOptional({ type: WebhookSettingsDto, nullable: true })
  @IsOptional()
  @IsObject({ message: 'must be an object, or null to remove the webhook' })
  @ValidateNested()
  @Type(() => WebhookSettingsDto)
  webhook?: WebhookSettingsDto | null;

  @ApiPropertyOptional({ type: TelegramSettingsDto, nullable: true })
  @IsOptional()
  @IsObject({ message: 'must be an object, or null to remove the Telegram channel' })
  @ValidateNested()
  @Type(() => TelegramSettingsDto)
  telegram?: TelegramSettingsDto | null;

  @ApiPropertyOptional({ type: EmailSettingsDto, nullable: true })
  @IsOptional()
  @IsObject({ message: 'must be an object, or null to remove the email channel' })
  @ValidateNested()
  @Type(() => EmailSettingsDto)
  email?: EmailSettingsDto | null;
}
