import { DestroyRef, computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type {
  Notification,
  NotificationPage,
  NotificationTopic,
  NotificationSettings,
  NotificationSettingsSaved,
  UpdateNotificationSettingsRequest,
} from '@lilux/contracts';
import { withAllRead, withNotification, withOlderPage, withRead } from './alert-patches';
import { Language } from './language/language';
import { LiveFeed } from './live-feed';
import { NotificationsApi } from './notifications-api';
import { notificationText } from './notification-text';
import { Toasts } from './toasts';

/** Notifications read at once; older ones page in from the panel. */
const PAGE = 30;
/** The order topics a page that follows the orders toasts itself; the exchange's troubles it does not. */
const TOLD_BY_ORDER_PAGES: NotificationTopic[] = [
  'order_filled',
  'order_partially_filled',
  'order_canceled',
  'order_rejected',
  'stop_loss_triggered',
  'take_profit_triggered',
];
const EMPTY: NotificationPage = { notifications: [], unread: 0, nextCursor: null };

/**
 * The signed-in user's notifications and how the console announces them. The list is read once, then patched from
 * the live channel; each new one becomes a toast, a short sound when the user asked for it, and a browser
 * notification when the tab is in the background and the user switched those on (the permission is asked in
 * Settings, never here). Provided by the shell, so it lives as long as the user is signed in.
 */
@Injectable()
export class NotificationsStore {
  private readonly api = inject(NotificationsApi);
  private readonly live = inject(LiveFeed);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);
  private readonly page = signal<NotificationPage>(EMPTY);

  readonly notifications = computed(() => this.page().notifications);
  readonly unread = computed(() => this.page().unread);
  readonly hasMore = computed(() => this.page().nextCursor !== null);
  /** Null until read, and when the server could not say: no sound and no browser notification then. */
  readonly settings = signal<NotificationSettings | null>(null);
  /** Pages showing now that toast the user's order events themselves (the dashboard, from the same events). */
  private readonly orderTellers = signal(0);
  private hasLoaded = false;

  constructor() {
    this.live.alertEvents.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((event) => {
      if (event.event === 'notification') this.receive(event.data);
    });
    // Events sent while the socket was away are lost: read the list again once it is back.
    let wasLive = false;
    effect(() => {
      const isLive = this.live.state() === 'live';
      if (isLive && !wasLive && untracked(() => this.hasLoaded)) untracked(() => void this.load());
      wasLive = isLive;
    });
    void this.load();
    void this.loadSettings();
  }

  async load(): Promise<void> {
    this.page.set(await this.api.list({ limit: PAGE }));
    this.hasLoaded = true;
  }

  async loadMore(): Promise<void> {
    const cursor = this.page().nextCursor;
    if (!cursor) return;
    const older = await this.api.list({ limit: PAGE, cursor });
    this.page.update((page) => withOlderPage(page, older));
  }

  async markRead(id: string): Promise<void> {
    this.page.update((page) => withRead(page, id, new Date().toISOString()));
    await this.api.markRead(id);
  }

  async markAllRead(): Promise<void> {
    await this.api.markAllRead();
    this.page.update((page) => withAllRead(page, new Date().toISOString()));
  }

  async loadSettings(): Promise<void> {
    try {
      this.settings.set(await this.api.settings());
    } catch {
      // Without settings the console still lists and toasts notifications; only sound and browser notifications wait.
      this.settings.set(null);
    }
  }

  /** Saves a change of the settings; refusals naming a field come back to the caller. */
  async saveSettings(change: UpdateNotificationSettingsRequest): Promise<NotificationSettingsSaved> {
    const saved = await this.api.saveSettings(change);
    const { generatedWebhookSecret, ...settings } = saved;
    void generatedWebhookSecret;
    this.settings.set(settings);
    return saved;
  }

  /**
   * A page that toasts the user's order events itself says so for as long as it lives: the notifications of those
   * events are then listed, sounded and shown by the browser, but not toasted a second time over its own message.
   */
  ordersToldBy(destroyRef: DestroyRef): void {
    this.orderTellers.update((count) => count + 1);
    destroyRef.onDestroy(() => this.orderTellers.update((count) => count - 1));
  }

  /** A notification from the live channel: a new one is announced; a known one (its deliveries moved on) is updated. */
  receive(notification: Notification): void {
    const isNew = !this.page().notifications.some((known) => known.id === notification.id);
    this.page.update((page) => withNotification(page, notification));
    if (isNew && notification.readAt === null) this.announce(notification);
  }

  private announce(notification: Notification): void {
    const { title, body } = notificationText(notification, this.language);
    const isToldByPage = this.orderTellers() > 0 && TOLD_BY_ORDER_PAGES.includes(notification.topic);
    if (!isToldByPage) this.toasts.notice(body ? `${title} — ${body}` : title);
    const wanted = this.settings()?.console;
    if (wanted?.sound) playChime();
    const BrowserNotification = globalThis.Notification;
    if (wanted?.browser && document.visibilityState === 'hidden' && BrowserNotification?.permission === 'granted') {
      new BrowserNotification(title, { body, tag: notification.id });
    }
  }
}

/** Two short soft notes, made rather than downloaded; a browser that refuses to play before any click stays silent. */
function playChime(): void {
  if (typeof AudioContext === 'undefined') return;
  const audio = new AudioContext();
  [880, 1320].forEach((frequency, i) => {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    const start = audio.currentTime + i * 0.15;
    tone.frequency.value = frequency;
    volume.gain.setValueAtTime(0.08, start);
    volume.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
    tone.connect(volume).connect(audio.destination);
    tone.start(start);
    tone.stop(start + 0.15);
  });
  setTimeout(() => void audio.close(), 600);
}
