import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxChange, MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { SignedInUser } from '@lilux/web/auth';
import { ORDER_NOTIFICATION_TOPICS, type OrderNotificationTopic, type UpdateNotificationSettingsRequest } from '@lilux/contracts';
import { describeHttpError, fieldErrorsOf, Language, NotificationsApi, NotificationsStore, type OutsideChannel, Toasts } from '@lilux/web/data-access';

/** The fields of each channel's form, and the names a refusal may give them. */
const CHANNEL_FIELDS: Record<OutsideChannel, string[]> = { webhook: ['url', 'secret'], telegram: ['chatId', 'token'], email: ['address'] };

/**
 * Which order events notify, how the console announces them, and the channels outside it (webhook, Telegram,
 * email), each saved on its own, with "Send a test" and the state Lilux keeps of it (paused after failing, and why).
 */
@Component({
  selector: 'lx-notifications-card',
  imports: [
    FormsModule,
    TranslocoPipe,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
  ],
  templateUrl: './notifications-card.html',
  styleUrl: './notifications-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsCard {
  protected readonly store = inject(NotificationsStore);
  private readonly api = inject(NotificationsApi);
  private readonly toasts = inject(Toasts);
  protected readonly language = inject(Language);
  protected readonly topics = ORDER_NOTIFICATION_TOPICS;
  protected readonly channels: OutsideChannel[] = ['webhook', 'telegram', 'email'];

  protected readonly settings = this.store.settings;
  /** A viewer sees the settings but cannot change or test them (the API refuses). */
  protected readonly canEdit = inject(SignedInUser).canTrade;
  protected readonly isSaving = signal(false);
  /** What the user is typing for each channel, filled from the settings as read. */
  protected readonly draft = {
    webhook: { url: '', secret: '' },
    telegram: { chatId: '', token: '' },
    email: { address: '' },
  };
  protected readonly errors = signal<Partial<Record<OutsideChannel, Record<string, string>>>>({});
  /** The webhook's signing secret, shown once right after Lilux generated it. */
  protected readonly generatedSecret = signal<string | null>(null);
  protected readonly testing = signal<OutsideChannel | null>(null);
  /** What the last "Send a test" of each channel gave, in words: delivered, or why not. */
  protected readonly testResults = signal<Partial<Record<OutsideChannel, { delivered: boolean; text: string }>>>({});
  protected readonly browserBlocked = signal(false);

  constructor() {
    effect(() => {
      const settings = this.settings();
      if (!settings) return;
      untracked(() => {
        this.draft.webhook.url = settings.webhook?.url ?? '';
        this.draft.telegram.chatId = settings.telegram?.chatId ?? '';
        this.draft.email.address = settings.email?.address ?? '';
      });
    });
    // Settings read once by the shell may be stale (changed in another tab): this page reads them afresh.
    void this.store.loadSettings();
  }

  protected hasTopic(topic: OrderNotificationTopic): boolean {
    return this.settings()?.topics.includes(topic) ?? false;
  }

  protected async switchTopic(topic: OrderNotificationTopic, event: MatCheckboxChange): Promise<void> {
    const current = this.settings()?.topics ?? [];
    const topics = event.checked ? [...current, topic] : current.filter((known) => known !== topic);
    await this.save({ topics: this.topics.filter((known) => topics.includes(known)) });
  }

  protected async switchSound(event: MatSlideToggleChange): Promise<void> {
    await this.save({ console: { sound: event.checked, browser: this.settings()?.console.browser ?? false } });
  }

  /** The browser's permission is asked here, when the user switches browser notifications on, and nowhere else. */
  protected async switchBrowser(event: MatSlideToggleChange): Promise<void> {
    let browser = event.checked;
    this.browserBlocked.set(false);
    if (browser) {
      const permission = typeof Notification === 'undefined' ? 'denied' : await Notification.requestPermission();
      if (permission !== 'granted') {
        browser = false;
        event.source.checked = false;
        this.browserBlocked.set(true);
      }
    }
    await this.save({ console: { sound: this.settings()?.console.sound ?? false, browser } });
  }

  protected async saveChannel(channel: OutsideChannel): Promise<void> {
    const change: UpdateNotificationSettingsRequest = {};
    if (channel === 'webhook')
      change.webhook = { url: this.draft.webhook.url.trim(), ...(this.draft.webhook.secret ? { secret: this.draft.webhook.secret } : {}), enabled: true };
    if (channel === 'telegram')
      change.telegram = {
        chatId: this.draft.telegram.chatId.trim(),
        ...(this.draft.telegram.token ? { token: this.draft.telegram.token } : {}),
        enabled: true,
      };
    if (channel === 'email') change.email = { address: this.draft.email.address.trim(), enabled: true };
    if (await this.save(change, channel)) {
      this.draft.webhook.secret = '';
      this.draft.telegram.token = '';
      this.toasts.success(this.language.t('notificationSettings.saved', { channel: this.language.t(`notifications.channel.${channel}`) }));
    }
  }

  protected async removeChannel(channel: OutsideChannel): Promise<void> {
    if (!(await this.save({ [channel]: null }, channel))) return;
    if (channel === 'webhook') {
      this.draft.webhook = { url: '', secret: '' };
      this.generatedSecret.set(null);
    } else if (channel === 'telegram') this.draft.telegram = { chatId: '', token: '' };
    else this.draft.email = { address: '' };
  }

  protected async sendTest(channel: OutsideChannel): Promise<void> {
    this.testing.set(channel);
    this.testResults.update((results) => ({ ...results, [channel]: undefined }));
    let result: { delivered: boolean; text: string };
    try {
      const outcome = await this.api.test(channel);
      result = outcome.delivered
        ? { delivered: true, text: this.language.t('notificationSettings.testDelivered') }
        : { delivered: false, text: this.language.t('notificationSettings.testFailed', { error: outcome.error ?? '' }) };
      // A success resumes a paused channel: the state shown follows.
      if (outcome.delivered) void this.store.loadSettings();
    } catch (error) {
      result = { delivered: false, text: this.language.t('notificationSettings.testFailed', { error: describeHttpError(error, this.language) }) };
    } finally {
      this.testing.set(null);
    }
    this.testResults.update((results) => ({ ...results, [channel]: result }));
  }

  protected errorOf(channel: OutsideChannel, field: string): string | undefined {
    return this.errors()[channel]?.[field];
  }

  /** Saves a change; a refusal naming a field is shown next to it (in the channel's form), any other as a toast. */
  private async save(change: UpdateNotificationSettingsRequest, channel?: OutsideChannel): Promise<boolean> {
    this.isSaving.set(true);
    try {
      const saved = await this.store.saveSettings(change);
      if (saved.generatedWebhookSecret) this.generatedSecret.set(saved.generatedWebhookSecret);
      if (channel) this.errors.update((errors) => ({ ...errors, [channel]: {} }));
      return true;
    } catch (error) {
      const fields = fieldErrorsOf(error, this.language);
      if (channel && Object.keys(fields).length > 0) this.errors.update((errors) => ({ ...errors, [channel]: channelErrors(channel, fields) }));
      else if (Object.keys(fields).length > 0) this.toasts.error(describeHttpError(error, this.language));
      return false;
    } finally {
      this.isSaving.set(false);
    }
  }
}

/** The refusals of one channel's fields by the field's own name: `webhook.url`, or plain `url`; the rest under `channel`. */
function channelErrors(channel: OutsideChannel, fields: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, message] of Object.entries(fields)) {
    const field = name.startsWith(`${channel}.`) ? name.slice(channel.length + 1) : name;
    errors[CHANNEL_FIELDS[channel].includes(field) ? field : 'channel'] = message;
  }
  return errors;
}
