import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketModule } from '@lilux/api/market';
import { NotificationChannelsModule } from '@lilux/api/notification-channels';
import { AccountNotifications } from './account-notifications';
import { AlertEvaluator } from './alert-evaluator';
import { AlertFiring } from './alert-firing';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { DeliveryWorker } from './delivery-worker';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { NotificationEntity } from './entities/notification.entity';
import { PriceAlertEntity } from './entities/price-alert.entity';
import { NotificationOutbox } from './notification-outbox';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OrderNotifications } from './order-notifications';

/** Price alerts and notifications: evaluated on the market's ticks, recorded in an outbox, delivered from it. */
@Module({
  imports: [NotificationChannelsModule, MarketModule, TypeOrmModule.forFeature([PriceAlertEntity, NotificationEntity, NotificationDeliveryEntity])],
  controllers: [AlertsController, NotificationsController],
  providers: [AlertsService, AlertEvaluator, AlertFiring, NotificationOutbox, DeliveryWorker, OrderNotifications, AccountNotifications, NotificationsService],
  exports: [AlertsService, NotificationsService],
})
export class AlertsModule {}
