import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { LiveClient } from '../support/live-client';
import { RawConnection } from '../support/raw-connection';

/** The timeouts below are 1–2 s; the server checks them every second; the rest is room for a loaded machine. */
const HANG_UP_WITHIN_MS = 10_000;

describe('slow clients', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' });
  });

  afterAll(() => api.stop());

  it('hangs up on headers that trickle in, once HTTP_HEADERS_TIMEOUT_MS has passed', async () => {
    const connection = await RawConnection.open(api.baseUrl);
    connection.write('GET /api/health HTTP/1.1\r\nHost: lilux\r\n');
    const trickling = connection.trickle(`X-Slow: ${'a'.repeat(200)}\r\n\r\n`, 250);
    expect(await connection.waitForClose(HANG_UP_WITHIN_MS)).toBe(true);
    await trickling;
    expect(connection.received).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  it('hangs up on a body that trickles in, once HTTP_REQUEST_TIMEOUT_MS has passed', async () => {
    const connection = await RawConnection.open(api.baseUrl);
    connection.write('POST /api/auth/login HTTP/1.1\r\nHost: lilux\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n');
    // 200 bytes at four a second would take 50 s.
    const trickling = connection.trickle(' '.repeat(200), 250);
    expect(await connection.waitForClose(HANG_UP_WITHIN_MS)).toBe(true);
    await trickling;
    expect(connection.received).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  it('closes an idle kept-alive connection after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const connection = await RawConnection.open(api.baseUrl);
    connection.write('GET /api/health HTTP/1.1\r\nHost: lilux\r\n\r\n');
    await connection.waitForAnswerOrClose(HANG_UP_WITHIN_MS);
    expect(connection.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(await connection.waitForClose(HANG_UP_WITHIN_MS)).toBe(true);
  });

  it('still answers a client that sends its request at once', async () => {
    const answer = await request(api.baseUrl, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'wrong-password' } });
    expect(answer.status).toBe(401);
  });

  it('keeps a live WebSocket open past every timeout', async () => {
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const client = await LiveClient.connect(`${api.baseUrl.replace('http', 'ws')}/ws`, ['lilux.v1', `bearer.${token}`]);
    client.send({ type: 'subscribe', channel: 'ticker', symbol: 'BTC/USDT' });
    await client.next((message) => message.type === 'subscribed');
    // Past the request timeout and a check of it; the simulated feed sends a ticker every second meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    client.messages.length = 0;
    expect(await client.next((message) => message.type === 'ticker', 3000)).toMatchObject({ type: 'ticker' });
    await client.close();
  });
});

describe('the connection cap', () => {
  const CAP = 3;
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi({ HTTP_MAX_CONNECTIONS: String(CAP) });
  });

  afterAll(() => api.stop());

  it('drops connections beyond HTTP_MAX_CONNECTIONS and takes new ones once others have closed', async () => {
    const connections: RawConnection[] = [];
    for (let i = 0; i < CAP + 3; i++) connections.push(await RawConnection.open(api.baseUrl));
    for (const connection of connections) connection.write('GET /api/health HTTP/1.1\r\nHost: lilux\r\n\r\n');
    await Promise.all(connections.map((connection) => connection.waitForAnswerOrClose(HANG_UP_WITHIN_MS)));

    const answered = connections.filter((connection) => connection.received.startsWith('HTTP/1.1 200 '));
    const dropped = connections.filter((connection) => connection.received === '' && connection.closed);
    // The test's own HTTP client may hold a kept-alive connection of its own: at most CAP are answered.
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.length).toBeLessThanOrEqual(CAP);
    expect(answered.length + dropped.length).toBe(connections.length);

    for (const connection of connections) connection.close();
    expect(await answersWithin(api.baseUrl, HANG_UP_WITHIN_MS)).toBe(true);
  });
});

/** Whether a new connection gets an answer within `timeoutMs` (the server notices closed ones asynchronously). */
async function answersWithin(baseUrl: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const connection = await RawConnection.open(baseUrl);
    connection.write('GET /api/health HTTP/1.1\r\nHost: lilux\r\nConnection: close\r\n\r\n');
    await connection.waitForAnswerOrClose(timeoutMs);
    connection.close();
    if (connection.received.startsWith('HTTP/1.1 200 ')) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
