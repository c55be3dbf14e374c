import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { SignedInUser } from '@lilux/web/auth';
import type { Notification, NotificationDelivery } from '@lilux/contracts';
import { Language, NotificationsStore, notificationText } from '@lilux/web/data-access';

/**
 * The bell in the toolbar with the count of unread notifications, and the list it opens: newest first, read or
 * unread, and for each where it was delivered (console, webhook, Telegram, email) or why not. Escape or a click
 * elsewhere closes it, and the focus goes back to the bell.
 */
@Component({
  selector: 'lx-notification-bell',
  imports: [DatePipe, TranslocoPipe, MatButtonModule],
  templateUrl: './notification-bell.html',
  styleUrl: './notification-bell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:pointerdown)': 'closeOutside($event)', '(document:keydown.escape)': 'close()' },
})
export class NotificationBell {
  protected readonly store = inject(NotificationsStore);
  protected readonly language = inject(Language);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly isOpen = signal(false);
  /** A viewer's account is read-only, reading notifications included (the API refuses marking them read). */
  protected readonly canMarkRead = inject(SignedInUser).canTrade;
  private readonly bell = viewChild.required<ElementRef<HTMLButtonElement>>('bell');
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  protected text(notification: Notification): { title: string; body: string } {
    return notificationText(notification, this.language);
  }

  protected deliveryText(delivery: NotificationDelivery): string {
    const channel = this.language.t(`notifications.channel.${delivery.channel}`);
    const status = this.language.t(`notifications.status.${delivery.status}`);
    return delivery.lastError ? `${channel}: ${status} (${delivery.lastError})` : `${channel}: ${status}`;
  }

  protected toggle(): void {
    if (this.isOpen()) return this.close();
    this.isOpen.set(true);
    // The list is what the user came for: the focus goes to its heading, so a screen reader starts there.
    setTimeout(() => this.heading()?.nativeElement.focus());
  }

  protected close(): void {
    if (!this.isOpen()) return;
    this.isOpen.set(false);
    this.bell().nativeElement.focus();
  }

  protected closeOutside(event: Event): void {
    if (this.isOpen() && !this.host.nativeElement.contains(event.target as Node)) this.isOpen.set(false);
  }

  protected markRead(notification: Notification): void {
    void this.store.markRead(notification.id);
  }

  protected markAllRead(): void {
    void this.store.markAllRead();
  }

  protected loadMore(): void {
    void this.store.loadMore();
  }
}
