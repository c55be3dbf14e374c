import type { DecimalString } from './orders';

/**
 * `above`: the first tick at or above `price`; `below`: at or below; `crosses`: the first tick on the other side of
 * `price` from where the market was when the alert was armed (or last fired); `moves`: the price moved by at least
 * `movePercent` % (up or down) within the last `windowMinutes`.
 */
export const ALERT_CONDITIONS = ['above', 'below', 'crosses', 'moves'] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

/** `active`: evaluated on every tick; `fired`: a one-shot alert that has fired; `paused`: switched off by the user. */
export const ALERT_STATES = ['active', 'fired', 'paused'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface PriceAlert {
  id: string;
  symbol: string;
  condition: AlertCondition;
  /** The level of `above`, `below` and `crosses`; null for `moves`. */
  price: DecimalString | null;
  /** For `moves`: the size of the move in percent, either way. */
  movePercent: DecimalString | null;
  /** For `moves`: how far back the move is measured. */
  windowMinutes: number | null;
  note: string | null;
  /** A repeating alert fires again once `cooldownSeconds` have passed since it last fired; a one-shot alert once. */
  repeat: boolean;
  cooldownSeconds: number;
  state: AlertState;
  firedCount: number;
  lastFiredAt: string | null;
  createdAt: string;
}

export interface CreatePriceAlertRequest {
  symbol: string;
  condition: AlertCondition;
  price?: DecimalString;
  movePercent?: DecimalString;
  windowMinutes?: number;
  note?: string;
  repeat?: boolean;
  cooldownSeconds?: number;
}

/** Any field of the alert, and `state` to pause (`paused`) or re-arm (`active`) it; dragging its line sends `price`. */
export type UpdatePriceAlertRequest = Partial<CreatePriceAlertRequest> & { state?: 'active' | 'paused' };

/** What a notification is about. The order topics are the ones a user can switch on and off. */
export const ORDER_NOTIFICATION_TOPICS = [
  'order_filled',
  'order_partially_filled',
  'order_canceled',
  'order_rejected',
  'stop_loss_triggered',
  'take_profit_triggered',
  'exchange_unreachable',
  'key_rejected',
  'unknown_order_found',
] as const;
export type OrderNotificationTopic = (typeof ORDER_NOTIFICATION_TOPICS)[number];

/** `channel_paused`: a channel failed too often and was paused; `test`: the "send a test" button. */
export type NotificationTopic = 'price_alert' | OrderNotificationTopic | 'channel_paused' | 'test';

export const NOTIFICATION_CHANNELS = ['console', 'webhook', 'telegram', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** `pending`: not sent yet or waiting for a retry; `failed`: given up after the last retry. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface NotificationDelivery {
  channel: NotificationChannel;
  status: DeliveryStatus;
  attempts: number;
  /** The last failure, in words ("the webhook answered 503"); never a secret. */
  lastError: string | null;
  deliveredAt: string | null;
}

export interface Notification {
  id: string;
  topic: NotificationTopic;
  /** English text; the console shows its own words for the topic and uses `data` for the figures. */
  title: string;
  body: string;
  /** The figures the text is made of (symbol, price, side, qty, alertId, orderId…), as strings. */
  data: Record<string, string>;
  createdAt: string;
  readAt: string | null;
  deliveries: NotificationDelivery[];
}

export interface NotificationPage {
  notifications: Notification[];
  unread: number;
  nextCursor: string | null;
}

/** One outside channel as a user sees it: secrets are never returned, only whether one is set. */
export interface ChannelState {
  enabled: boolean;
  /** Paused by Lilux after failing repeatedly; saving the channel again (or a successful test) resumes it. */
  pausedReason: string | null;
}

export interface WebhookChannel extends ChannelState {
  url: string;
  /** The HMAC-SHA256 signing secret, masked ("••••3f9a"). */
  secretHint: string;
}

export interface TelegramChannel extends ChannelState {
  chatId: string;
  /** The bot token, masked. */
  tokenHint: string;
}

export interface EmailChannel extends ChannelState {
  address: string;
}

export interface NotificationSettings {
  /** Which order events notify (price alerts always do). */
  topics: OrderNotificationTopic[];
  console: { sound: boolean; browser: boolean };
  webhook: WebhookChannel | null;
  telegram: TelegramChannel | null;
  email: EmailChannel | null;
}

/**
 * A change of settings: each channel given is replaced (null removes it). A webhook without `secret` keeps its
 * secret, or gets a generated one when new; a Telegram channel without `token` keeps its token.
 */
export interface UpdateNotificationSettingsRequest {
  topics?: OrderNotificationTopic[];
  console?: { sound: boolean; browser: boolean };
  webhook?: { url: string; secret?: string; enabled?: boolean } | null;
  telegram?: { chatId: string; token?: string; enabled?: boolean } | null;
  email?: { address: string; enabled?: boolean } | null;
}

/** The answer of saving a webhook: its signing secret, shown once when it was generated. */
export interface NotificationSettingsSaved extends NotificationSettings {
  generatedWebhookSecret?: string;
}

/**
 * The header carrying a webhook body's signature: `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the
 * secret>`, where the timestamp is the `x-lilux-timestamp` header (seconds since the epoch), so that an old body
 * cannot be replayed as a new one (see docs/notifications.md).
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-lilux-signature';

/** The answer of "send a test": whether the channel took it, and if not why, in words without secrets. */
export interface ChannelTestResult {
  delivered: boolean;
  error?: string;
}

/** What the live channel tells a user about their alerts and notifications. */
export type NotificationEvent = { event: 'notification'; data: Notification } | { event: 'alert'; data: PriceAlert };
