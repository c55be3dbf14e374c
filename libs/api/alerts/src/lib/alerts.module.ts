import { Module } from '@nestjs/common';
import { NotificationChannelsModule } from '@lilux/api/notification-channels';

/** Price alerts and notifications: evaluated on the market's ticks, recorded in an outbox, delivered from it. */
@Module({
  imports: [NotificationChannelsModule],
})
export class AlertsModule {}
