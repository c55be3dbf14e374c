import type { ExecutionContext } from '@nestjs/common';
import { LoginThrottle, throttlerOptions } from './login-throttle';

class Routes {
  @LoginThrottle()
  login(): void {
    // a login route
  }

  portfolio(): void {
    // any other route
  }
}

const contextFor = (handler: () => void) => ({ getHandler: () => handler }) as unknown as ExecutionContext;

describe('throttlerOptions', () => {
  const options = throttlerOptions(600, 5, 20);
  const throttlers = 'throttlers' in options ? options.throttlers : options;
  const [general, login, loginAddress] = throttlers;

  it('limits every route per client, and login routes per client and username and per client alone', () => {
    expect(general).toMatchObject({ name: 'default', limit: 600, ttl: 60_000 });
    expect(login).toMatchObject({ name: 'login', limit: 5, ttl: 60_000 });
    expect(loginAddress).toMatchObject({ name: 'login-address', limit: 20, ttl: 60_000 });
    for (const throttler of [login, loginAddress]) {
      expect(throttler.skipIf?.(contextFor(Routes.prototype.login))).toBe(false);
      expect(throttler.skipIf?.(contextFor(Routes.prototype.portfolio))).toBe(true);
    }
    // The library's tracker: the client address alone.
    expect(loginAddress.getTracker).toBeUndefined();
  });

  it('keys login attempts by address and lower-cased username', async () => {
    const context = contextFor(Routes.prototype.login);
    const track = (request: object) => login.getTracker?.(request as Record<string, unknown>, context);
    expect(await track({ ip: '203.0.113.1', body: { username: ' Alice ' } })).toBe('203.0.113.1|alice');
    expect(await track({ ip: '203.0.113.1', body: { username: 'bob' } })).toBe('203.0.113.1|bob');
    expect(await track({ ip: '203.0.113.1', body: { username: 42 } })).toBe('203.0.113.1|');
    expect(await track({ ip: '203.0.113.1' })).toBe('203.0.113.1|');
  });
});
