import { decodeCursor, encodeCursor, newestFirst } from './list-cursor';

describe('list cursors', () => {
  const cursor = { time: '2026-11-26T08:00:00.123Z', id: '0b0f6a4e-57c5-4a4b-9d51-0c1f8e1f2a3b' };

  it('reads back the time and id it was made from, as an opaque URL-safe token', () => {
    const token = encodeCursor(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token)).toEqual(cursor);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('time,id').toString('base64url')],
    ['an object', Buffer.from(JSON.stringify(cursor)).toString('base64url')],
    ['a time that is no time', Buffer.from('["2026-13-45T99:00:00.000Z","abc"]').toString('base64url')],
    ['a time without milliseconds', Buffer.from('["2026-11-26T08:00:00Z","abc"]').toString('base64url')],
    ['an id with quotes', Buffer.from(`["${cursor.time}","a' OR '1"]`).toString('base64url')],
    ['a number for an id', Buffer.from(`["${cursor.time}",7]`).toString('base64url')],
    ['three parts', Buffer.from(`["${cursor.time}","abc","x"]`).toString('base64url')],
    ['too long', 'A'.repeat(201)],
  ])('refuses %s', (_case, token) => {
    expect(decodeCursor(token)).toBeUndefined();
  });

  it('orders newest first, then by id descending, so that no two rows tie', () => {
    const rows = [
      { time: '2026-11-26T08:00:00.000Z', id: 'a' },
      { time: '2026-11-26T09:00:00.000Z', id: 'a' },
      { time: '2026-11-26T08:00:00.000Z', id: 'b' },
    ];
    expect([...rows].sort(newestFirst)).toEqual([rows[1], rows[2], rows[0]]);
  });
});
