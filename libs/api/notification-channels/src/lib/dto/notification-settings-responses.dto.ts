import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ORDER_NOTIFICATION_TOPICS,
  type EmailChannel,
  type NotificationSettingsSaved,
  type OrderNotificationTopic,
  type TelegramChannel,
  type WebhookChannel,
} from '@lilux/contracts';
import { ConsoleSettingsDto } from './notification-settings.dto';

class ChannelStateDto {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Why Lilux paused the channel after repeated failures; saving or a successful test resumes it' })
  pausedReason!: string | null;
}

export class WebhookChannelDto extends ChannelStateDto implements WebhookChannel {
  @ApiProperty()
  url!: string;

  @ApiProperty({ example: '••••3f9a', description: 'The signing secret, masked' })
  secretHint!: string;
}

export class TelegramChannelDto extends ChannelStateDto implements TelegramChannel {
  @ApiProperty()
  chatId!: string;

  @ApiProperty({ example: '••••w11x', description: 'The bot token, masked' })
  tokenHint!: string;
}

export class EmailChannelDto extends ChannelStateDto implements EmailChannel {
  @ApiProperty()
  address!: string;
}

export class NotificationSettingsDto implements NotificationSettingsSaved {
  @ApiProperty({ enum: ORDER_NOTIFICATION_TOPICS, isArray: true })
  topics!: OrderNotificationTopic[];

  @ApiProperty({ type: ConsoleSettingsDto })
  console!: ConsoleSettingsDto;

  @ApiProperty({ type: WebhookChannelDto, nullable: true })
  webhook!: WebhookChannelDto | null;

  @ApiProperty({ type: TelegramChannelDto, nullable: true })
  telegram!: TelegramChannelDto | null;

  @ApiProperty({ type: EmailChannelDto, nullable: true })
  email!: EmailChannelDto | null;

  @ApiPropertyOptional({ description: 'The webhook signing secret Lilux generated, answered this once only' })
  generatedWebhookSecret?: string;
}

export class ChannelTestResultDto {
  @ApiProperty()
  delivered!: boolean;

  @ApiPropertyOptional({ description: 'Why the test was not delivered, in words; never a secret' })
  error?: string;
}
