import { Global, Module, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { AUDIT_MIGRATIONS } from '@lilux/api/audit';
import { Clock, ClusterModule, DatabaseModule, ManualClock } from '@lilux/api/shared';
import { USERS_MIGRATIONS, UsersModule, UsersService } from '@lilux/api/users';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedConfig, TEST_FERNET_KEY } from '@lilux/api/testing';
import { ORDERS_MIGRATIONS } from '../lib/migrations';
import { OrdersModule } from '../lib/orders.module';

/**
 * The orders module as the application runs it — real SQLite file, real migrations, the simulated market —
 * with the exchange modules a test needs and a clock the test moves. Settings are those of a default install
 * unless a test overrides them.
 */
export async function startTradingTestBed(clock: ManualClock, exchanges: Type[], settings: Record<string, unknown> = {}) {
  const directory = mkdtempSync(join(tmpdir(), 'lilux-orders-'));
  let app = await startModule(directory, clock, exchanges, settings);
  const users = () => app.get(UsersService);
  return {
    get app() {
      return app;
    },
    newUser: async (username: string) => (await users().create({ username, password: 'password-of-' + username })).id,
    /** Closes the application and starts it again on the same database file, like a restart of the process, with `changed` settings. */
    restart: async (changed: Record<string, unknown> = {}) => {
      await app.close();
      settings = { ...settings, ...changed };
      app = await startModule(directory, clock, exchanges, settings);
    },
    close: async () => {
      await app.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function startModule(directory: string, clock: ManualClock, exchanges: Type[], settings: Record<string, unknown>): Promise<TestingModule> {
  @Global()
  @Module({ providers: [{ provide: Clock, useValue: clock }], exports: [Clock] })
  class TestClockModule {}

  const app: TestingModule = await Test.createTestingModule({
    imports: [
      isolatedConfig({
        DATABASE_URL: `sqlite:${join(directory, 'test.db')}`,
        MARKET_DATA: 'simulated',
        MARKET_SEED: 3,
        MARKET_CACHE_MB: 16,
        MARKET_DATA_TIMEOUT_MS: 1000,
        PAPER_START_BALANCE: '10000',
        PAPER_TAKER_FEE: '0.001',
        PAPER_MAKER_FEE: '0.001',
        PAPER_SLIPPAGE_BPS: 5,
        FERNET_KEYS: [TEST_FERNET_KEY],
        ALLOW_LIVE_TRADING: false,
        EXCHANGE_TIMEOUT_MS: 2000,
        PASSWORD_HASH_QUEUE_LIMIT: 16,
        ...settings,
      }),
      TestClockModule,
      ClusterModule,
      DatabaseModule.forRoot([...USERS_MIGRATIONS, ...ORDERS_MIGRATIONS, ...AUDIT_MIGRATIONS]),
      UsersModule,
      OrdersModule,
      ...exchanges,
    ],
  }).compile();
  await app.init();
  return app;
}
