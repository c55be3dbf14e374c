import type { Notification, NotificationPage, PriceAlert } from '@lilux/contracts';
import { withAlert, withAllRead, withNotification, withOlderPage, withoutAlert, withRead } from './alert-patches';

const alert = (id: string, createdAt: string, change: Partial<PriceAlert> = {}): PriceAlert => ({
  id,
  symbol: 'BTC/USDT',
  condition: 'above',
  price: '98000',
  movePercent: null,
  windowMinutes: null,
  note: null,
  repeat: false,
  cooldownSeconds: 0,
  state: 'active',
  firedCount: 0,
  lastFiredAt: null,
  createdAt,
  ...change,
});

const notification = (id: string, createdAt: string, change: Partial<Notification> = {}): Notification => ({
  id,
  topic: 'price_alert',
  title: `BTC/USDT above 98000 (${id})`,
  body: 'BTC/USDT rose to 98001, at or above 98000.',
  data: { symbol: 'BTC/USDT' },
  createdAt,
  readAt: null,
  deliveries: [{ channel: 'console', status: 'delivered', attempts: 1, lastError: null, deliveredAt: createdAt }],
  ...change,
});

const page = (notifications: Notification[], unread: number): NotificationPage => ({ notifications, unread, nextCursor: null });

describe('alert patches', () => {
  it('adds a new alert newest first and replaces a known one where it was', () => {
    const older = alert('a', '2026-11-26T10:00:00.000Z');
    const newer = alert('b', '2026-11-26T11:00:00.000Z');
    expect(withAlert([older], newer).map((known) => known.id)).toEqual(['b', 'a']);
    const fired = { ...older, state: 'fired' as const, firedCount: 1 };
    const patched = withAlert([newer, older], fired);
    expect(patched.map((known) => known.id)).toEqual(['b', 'a']);
    expect(patched[1]).toEqual(fired);
  });

  it('removes a deleted alert', () => {
    expect(withoutAlert([alert('a', '2026-11-26T10:00:00.000Z'), alert('b', '2026-11-26T11:00:00.000Z')], 'a').map((known) => known.id)).toEqual(['b']);
  });
});

describe('notification patches', () => {
  const first = notification('n1', '2026-11-26T10:00:00.000Z');
  const second = notification('n2', '2026-11-26T10:05:00.000Z');

  it('puts a new notification first and counts it unread', () => {
    const list = withNotification(page([first], 1), second);
    expect(list.notifications.map((known) => known.id)).toEqual(['n2', 'n1']);
    expect(list.unread).toBe(2);
  });

  it('replaces a known notification whose deliveries moved on without counting it twice', () => {
    const delivered = {
      ...second,
      deliveries: [
        ...second.deliveries,
        { channel: 'webhook' as const, status: 'delivered' as const, attempts: 2, lastError: null, deliveredAt: second.createdAt },
      ],
    };
    const list = withNotification(page([second, first], 2), delivered);
    expect(list.unread).toBe(2);
    expect(list.notifications[0].deliveries.map((delivery) => delivery.channel)).toEqual(['console', 'webhook']);
  });

  it('counts one less when a known notification comes back read (read in another tab)', () => {
    expect(withNotification(page([second, first], 2), { ...first, readAt: '2026-11-26T10:06:00.000Z' }).unread).toBe(1);
  });

  it('marks one read once, and all read', () => {
    const once = withRead(page([second, first], 2), 'n1', '2026-11-26T10:06:00.000Z');
    expect(once.unread).toBe(1);
    expect(once.notifications[1].readAt).toBe('2026-11-26T10:06:00.000Z');
    expect(withRead(once, 'n1', '2026-11-26T10:07:00.000Z')).toBe(once);
    const all = withAllRead(once, '2026-11-26T10:08:00.000Z');
    expect(all.unread).toBe(0);
    expect(all.notifications.every((known) => known.readAt !== null)).toBe(true);
    expect(all.notifications[1].readAt).toBe('2026-11-26T10:06:00.000Z');
  });

  it('appends an older page without repeating what arrived meanwhile, taking its cursor and count', () => {
    const third = notification('n0', '2026-11-26T09:00:00.000Z');
    const list = withOlderPage(page([second, first], 2), { notifications: [first, third], unread: 3, nextCursor: 'next' });
    expect(list.notifications.map((known) => known.id)).toEqual(['n2', 'n1', 'n0']);
    expect(list).toMatchObject({ unread: 3, nextCursor: 'next' });
  });
});
