import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ChannelTestResult,
  NotificationPage,
  NotificationSettings,
  NotificationSettingsSaved,
  NotificationChannel,
  UpdateNotificationSettingsRequest,
} from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';
import { FAILURES_SHOWN_BY_PAGE, SHOWN_NEXT_TO_FIELDS } from './api-errors';

/** The channels outside the console, each configured in Settings with its "Send a test". */
export type OutsideChannel = Exclude<NotificationChannel, 'console'>;

/** The signed-in user's notifications (what was sent, and where) and the channels they go to. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  list(page: { limit: number; cursor?: string }): Promise<NotificationPage> {
    let params = new HttpParams().set('limit', page.limit);
    if (page.cursor) params = params.set('cursor', page.cursor);
    return firstValueFrom(this.http.get<NotificationPage>('/api/notifications', { params }));
  }

  markRead(id: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`, {}));
  }

  markAllRead(): Promise<void> {
    return firstValueFrom(this.http.post<void>('/api/notifications/read-all', {}));
  }

  /** Read by the shell on every page: a failure leaves the console's sound and browser notifications off, not a toast. */
  settings(): Promise<NotificationSettings> {
    const context = new HttpContext().set(FAILURES_SHOWN_BY_PAGE, true);
    return firstValueFrom(this.http.get<NotificationSettings>('/api/notifications/settings', { context }));
  }

  /** Refusals that name a field (a malformed or private webhook URL, a missing chat id) come back to the form. */
  saveSettings(change: UpdateNotificationSettingsRequest): Promise<NotificationSettingsSaved> {
    const context = new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true);
    return firstValueFrom(this.http.put<NotificationSettingsSaved>('/api/notifications/settings', change, { context }));
  }

  /** "Send a test", sent at once: whether it was delivered, or why not; shown next to the channel, not as a toast. */
  test(channel: OutsideChannel): Promise<ChannelTestResult> {
    const context = new HttpContext().set(FAILURES_SHOWN_BY_PAGE, true);
    return firstValueFrom(this.http.post<ChannelTestResult>(`/api/notifications/settings/test/${channel}`, {}, { context }));
  }
}
