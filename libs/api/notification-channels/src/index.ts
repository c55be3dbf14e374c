export * from './lib/notification-channels.module';
export * from './lib/notification-channels';
export * from './lib/migrations';
export * from './lib/senders/webhook-signature';
