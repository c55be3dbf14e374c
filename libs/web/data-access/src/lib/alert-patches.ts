import type { Notification, NotificationPage, PriceAlert } from '@lilux/contracts';

/** The alerts with `alert` as the server now tells it: replaced where it was, else added; newest first. */
export function withAlert(alerts: readonly PriceAlert[], alert: PriceAlert): PriceAlert[] {
  const others = alerts.filter((known) => known.id !== alert.id);
  return [...others, alert].sort(newestFirst);
}

export function withoutAlert(alerts: readonly PriceAlert[], id: string): PriceAlert[] {
  return alerts.filter((alert) => alert.id !== id);
}

/**
 * The list with `notification` in it: a new one goes in by its time and counts as unread until read; a known one
 * (its deliveries moved on, or it was read in another tab) replaces the old copy, and the count follows its read state.
 */
export function withNotification(list: NotificationPage, notification: Notification): NotificationPage {
  const previous = list.notifications.find((known) => known.id === notification.id);
  const notifications = [...list.notifications.filter((known) => known.id !== notification.id), notification].sort(newestFirst);
  const unread = list.unread + (isUnread(notification) ? 1 : 0) - (previous && isUnread(previous) ? 1 : 0);
  return { ...list, notifications, unread: Math.max(0, unread) };
}

export function withRead(list: NotificationPage, id: string, readAt: string): NotificationPage {
  const target = list.notifications.find((notification) => notification.id === id);
  if (!target || !isUnread(target)) return list;
  return {
    ...list,
    notifications: list.notifications.map((notification) => (notification.id === id ? { ...notification, readAt } : notification)),
    unread: Math.max(0, list.unread - 1),
  };
}

/** Every notification read, including those further down the history that the list has not loaded. */
export function withAllRead(list: NotificationPage, readAt: string): NotificationPage {
  return { ...list, notifications: list.notifications.map((notification) => (isUnread(notification) ? { ...notification, readAt } : notification)), unread: 0 };
}

/** The next page of the history below the one shown; a notification that arrived meanwhile is not repeated. */
export function withOlderPage(list: NotificationPage, older: NotificationPage): NotificationPage {
  const known = new Set(list.notifications.map((notification) => notification.id));
  return {
    notifications: [...list.notifications, ...older.notifications.filter((notification) => !known.has(notification.id))],
    unread: older.unread,
    nextCursor: older.nextCursor,
  };
}

function isUnread(notification: Notification): boolean {
  return notification.readAt === null;
}

function newestFirst(a: { createdAt: string }, b: { createdAt: string }): number {
  return b.createdAt.localeCompare(a.createdAt);
}
