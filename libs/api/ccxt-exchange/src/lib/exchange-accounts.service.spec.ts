import { HttpStatus } from '@nestjs/common';
import { CryptoService } from '@lilux/api/crypto';
import { ManualClock } from '@lilux/api/shared';
import { SimulatedMarket } from '@lilux/api/simulated-market';
import { BinanceTestServer } from '@lilux/api/testing';
import { DataSource } from 'typeorm';
import { startTradingTestBed } from '@lilux/api/orders/testing';
// Every user has a paper account, which the accounts list shows beside the exchange's.
import { PaperExchangeModule } from '@lilux/api/paper-exchange';
import { AccountsService, ExchangeKeyRejectedError, ExchangeUnreachableError, WrongPasswordForKeysError } from '@lilux/api/orders';
import { CcxtExchangeModule } from './ccxt-exchange.module';
import { ExchangeAccountsService } from './exchange-accounts.service';

const API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

describe('exchange accounts (real SQLite, real ccxt against a local Binance)', () => {
  const clock = new ManualClock(Date.now());
  const binance = new BinanceTestServer(new SimulatedMarket(3));
  let bed: Awaited<ReturnType<typeof startTradingTestBed>>;
  let exchangeAccounts: ExchangeAccountsService;
  let users = 0;

  const passwords = new Map<string, string>();
  const newTrader = async () => {
    const username = `keyholder${++users}`;
    const id = await bed.newUser(username);
    passwords.set(id, `password-of-${username}`);
    return id;
  };
  const credentialRows = () => bed.app.get(DataSource).query('SELECT * FROM exchange_credentials') as Promise<Record<string, string>[]>;
  const connect = (userId: string, overrides: Partial<{ apiKey: string; secret: string; password: string }> = {}) =>
    exchangeAccounts.add(userId, {
      exchange: 'binance',
      mode: 'testnet',
      label: 'Testnet',
      apiKey: API_KEY,
      secret: SECRET,
      password: passwords.get(userId) ?? '',
      ...overrides,
    });

  beforeAll(async () => {
    const baseUrl = await binance.start();
    binance.addAccount(API_KEY, SECRET, { USDT: '10000.5', BTC: '1', ETH: '0' });
    bed = await startTradingTestBed(clock, [PaperExchangeModule, CcxtExchangeModule], { BINANCE_TESTNET_URL: baseUrl, EXCHANGE_TIMEOUT_MS: 2000 });
    exchangeAccounts = bed.app.get(ExchangeAccountsService);
  });
  afterAll(async () => {
    await bed.close();
    await binance.stop();
  });
  beforeEach(() => {
    clock.set(Date.now());
    binance.clearFaults();
  });

  it('stores both halves of the key encrypted and shows only the last four characters', async () => {
    const trader = await newTrader();
    const account = await connect(trader);
    expect(account).toMatchObject({ kind: 'binance-testnet', label: 'Testnet', apiKeyMasked: '••••Eh8A' });
    expect(JSON.stringify(account)).not.toContain(SECRET);

    const [row] = (await credentialRows()).filter((candidate) => candidate['account_id'] === account.id);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(API_KEY);
    expect(stored).not.toContain(SECRET);
    const crypto = bed.app.get(CryptoService);
    expect([crypto.decrypt(row['api_key_encrypted']), crypto.decrypt(row['secret_encrypted'])]).toEqual([API_KEY, SECRET]);

    const listed = (await bed.app.get(AccountsService).list(trader)).find((candidate) => candidate.id === account.id);
    expect(listed).toMatchObject({ apiKeyMasked: '••••Eh8A', balances: [] });
  });

  it('asks for the password again and stores nothing when it is wrong', async () => {
    const trader = await newTrader();
    const before = (await credentialRows()).length;
    await expect(connect(trader, { password: 'not-my-password' })).rejects.toBeInstanceOf(WrongPasswordForKeysError);
    expect((await credentialRows()).length).toBe(before);
    expect((await bed.app.get(AccountsService).list(trader)).map((account) => account.kind)).toEqual(['paper']);
  });

  it("checks the connection with the exchange's balances, as Binance's decimal strings", async () => {
    const trader = await newTrader();
    const account = await connect(trader);
    const check = await exchangeAccounts.check(trader, account.id);
    expect(check).toMatchObject({
      ok: true,
      balances: [
        { asset: 'BTC', free: '1', locked: '0' },
        { asset: 'USDT', free: '10000.5', locked: '0' },
      ],
    });
    expect(binance.requestsTo('/api/v3/account')).toBeGreaterThan(0);
  });

  it('says the exchange rejected the key, with its reason, when the key was revoked', async () => {
    const trader = await newTrader();
    const apiKey = 'RevokedKey0123456789RevokedKey0123456789';
    binance.addAccount(apiKey, SECRET, { USDT: '1' });
    const account = await connect(trader, { apiKey });
    binance.revokeKey(apiKey);
    const check = exchangeAccounts.check(trader, account.id);
    await expect(check).rejects.toBeInstanceOf(ExchangeKeyRejectedError);
    await expect(check).rejects.toMatchObject({
      status: HttpStatus.BAD_REQUEST,
      message: 'the exchange rejected the key: Invalid API-key, IP, or permissions for action.',
    });
  });

  it('answers 503 "exchange unreachable" on 5xx, slowness and rate limits, with a wait for the last', async () => {
    const trader = await newTrader();
    const account = await connect(trader);
    binance.inject({ kind: 'server-error', status: 503 }, { path: '/api/v3/account' });
    await expect(exchangeAccounts.check(trader, account.id)).rejects.toMatchObject({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      message: expect.stringMatching(/^exchange unreachable: /),
    });
    binance.inject({ kind: 'slow', delayMs: 3000 }, { path: '/api/v3/account' });
    await expect(exchangeAccounts.check(trader, account.id)).rejects.toBeInstanceOf(ExchangeUnreachableError);
    binance.inject({ kind: 'rate-limit', retryAfterSeconds: 7 }, { path: '/api/v3/account' });
    await expect(exchangeAccounts.check(trader, account.id)).rejects.toMatchObject({ status: HttpStatus.SERVICE_UNAVAILABLE, retryAfterSeconds: 30 });
    expect((await exchangeAccounts.check(trader, account.id)).ok).toBe(true);
  });

  it('destroys the keys of a disconnected account and keeps the paper account', async () => {
    const trader = await newTrader();
    const account = await connect(trader);
    await exchangeAccounts.remove(trader, account.id);
    expect((await credentialRows()).some((row) => row['account_id'] === account.id)).toBe(false);
    expect((await bed.app.get(AccountsService).list(trader)).map((listed) => listed.kind)).toEqual(['paper']);
    await expect(exchangeAccounts.check(trader, account.id)).rejects.toMatchObject({ status: HttpStatus.NOT_FOUND });
    const [paper] = await bed.app.get(AccountsService).list(trader);
    await expect(exchangeAccounts.remove(trader, paper.id)).rejects.toMatchObject({ status: HttpStatus.BAD_REQUEST });
  });

  it('re-encrypts every stored key under the newest key when asked', async () => {
    await connect(await newTrader());
    const rows = await credentialRows();
    const rotated = await exchangeAccounts.reencryptAll((token) => `${token}.rotated`);
    expect(rotated).toBe(rows.length * 2);
    expect((await credentialRows()).every((row) => row['secret_encrypted'].endsWith('.rotated'))).toBe(true);
  });

  it('records each start that switches live trading on or off in the audit log', async () => {
    const switches = async () =>
      ((await bed.app.get(DataSource).query("SELECT details FROM audit_events WHERE action = 'live-trading.switch' ORDER BY id")) as { details: string }[]).map(
        (row) => JSON.parse(row.details),
      );
    expect(await switches()).toEqual([]);
    await bed.restart({ ALLOW_LIVE_TRADING: true });
    await bed.restart();
    await bed.restart({ ALLOW_LIVE_TRADING: false });
    expect(await switches()).toEqual([
      { allowed: true, setting: 'ALLOW_LIVE_TRADING' },
      { allowed: false, setting: 'ALLOW_LIVE_TRADING' },
    ]);
  });
});
