import { Module } from '@nestjs/common';
import { NotificationChannels } from './notification-channels';

@Module({
  providers: [NotificationChannels],
  exports: [NotificationChannels],
})
export class NotificationChannelsModule {}
