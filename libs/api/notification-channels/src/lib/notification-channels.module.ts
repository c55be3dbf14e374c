import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '@lilux/api/crypto';
import { ChannelSenders } from './channel-senders';
import { NotificationSettingsEntity } from './entities/notification-settings.entity';
import { NotificationChannels } from './notification-channels';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsService } from './notification-settings.service';

/** Each user's notification settings and outside channels (webhook, Telegram, email), and sending on them. */
@Module({
  imports: [CryptoModule, TypeOrmModule.forFeature([NotificationSettingsEntity])],
  controllers: [NotificationSettingsController],
  providers: [NotificationChannels, NotificationSettingsService, ChannelSenders],
  exports: [NotificationChannels],
})
export class NotificationChannelsModule {}
