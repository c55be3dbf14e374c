import { ThrottlerStorageService } from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';
import { clientAddressOf, UpgradeRateLimit } from './upgrade-rate-limit';

const upgradeFrom = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('clientAddressOf', () => {
  it("reads the peer's address and ignores X-Forwarded-For unless the proxy is trusted", () => {
    expect(clientAddressOf(upgradeFrom('192.0.2.1', '203.0.113.9'), false)).toBe('192.0.2.1');
  });

  it('reads the first X-Forwarded-For entry behind a trusted proxy, the peer without one', () => {
    expect(clientAddressOf(upgradeFrom('192.0.2.1', ' 203.0.113.9 , 10.0.0.1'), true)).toBe('203.0.113.9');
    expect(clientAddressOf(upgradeFrom('192.0.2.1'), true)).toBe('192.0.2.1');
    expect(clientAddressOf(upgradeFrom('192.0.2.1', ''), true)).toBe('192.0.2.1');
  });
});

describe('UpgradeRateLimit', () => {
  let storage: ThrottlerStorageService;

  beforeEach(() => (storage = new ThrottlerStorageService()));
  afterEach(() => storage.onApplicationShutdown());

  it('lets three upgrades a minute through per address, then says how long to wait', async () => {
    const limit = new UpgradeRateLimit(storage, 3, false);
    for (let i = 0; i < 3; i++) expect(await limit.secondsToWait(upgradeFrom('192.0.2.1'))).toBe(0);
    const wait = await limit.secondsToWait(upgradeFrom('192.0.2.1'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limit.secondsToWait(upgradeFrom('192.0.2.2'))).toBe(0);
  });

  it('counts a forged X-Forwarded-For against the peer unless the proxy is trusted', async () => {
    const limit = new UpgradeRateLimit(storage, 2, false);
    expect(await limit.secondsToWait(upgradeFrom('192.0.2.1', '203.0.113.1'))).toBe(0);
    expect(await limit.secondsToWait(upgradeFrom('192.0.2.1', '203.0.113.2'))).toBe(0);
    expect(await limit.secondsToWait(upgradeFrom('192.0.2.1', '203.0.113.3'))).toBeGreaterThan(0);
  });

  it('counts each forwarded client on its own behind a trusted proxy', async () => {
    const limit = new UpgradeRateLimit(storage, 1, true);
    expect(await limit.secondsToWait(upgradeFrom('10.0.0.1', '203.0.113.1'))).toBe(0);
    expect(await limit.secondsToWait(upgradeFrom('10.0.0.1', '203.0.113.2'))).toBe(0);
    expect(await limit.secondsToWait(upgradeFrom('10.0.0.1', '203.0.113.1, 10.0.0.1'))).toBeGreaterThan(0);
  });
});
