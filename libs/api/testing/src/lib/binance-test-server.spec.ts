import { SimulatedMarket } from '@lilux/api/simulated-market';
import { createHmac } from 'node:crypto';
import { BinanceTestServer } from './binance-test-server';

// Fixed in the middle of a minute, so the forming candle is a real partial one.
const NOW = Date.UTC(2026, 10, 24, 12, 30, 30);

describe('BinanceTestServer', () => {
  const server = new BinanceTestServer(new SimulatedMarket(7), () => NOW);
  let base: string;

  beforeAll(async () => (base = await server.start()));
  afterAll(() => server.stop());
  afterEach(() => server.clearFaults());

  const get = async (path: string) => {
    const response = await fetch(base + path);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  it('answers klines as Binance does: 12 fields, prices as strings, the last candle still forming', async () => {
    const answer = await get('/klines?symbol=BTCUSDT&interval=1m&limit=3');
    const rows = JSON.parse(answer.text) as unknown[][];
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toHaveLength(12);
      expect(typeof row[0]).toBe('number');
      expect(row.slice(1, 6).every((value) => typeof value === 'string' && /^\d+\.\d{8}$/.test(value))).toBe(true);
      expect(row[6]).toBe((row[0] as number) + 59_999);
    }
    expect(rows[2][0]).toBe(Date.UTC(2026, 10, 24, 12, 30));
  });

  it('aggregates minutes into the hour it serves', async () => {
    const [hour] = JSON.parse((await get('/klines?symbol=ETHUSDT&interval=1h&startTime=' + Date.UTC(2026, 10, 24, 9) + '&limit=1')).text);
    const minutes = JSON.parse((await get('/klines?symbol=ETHUSDT&interval=1m&startTime=' + Date.UTC(2026, 10, 24, 9) + '&limit=60')).text) as string[][];
    expect(hour[1]).toBe(minutes[0][1]);
    expect(hour[4]).toBe(minutes[59][4]);
    expect(Number(hour[2])).toBe(Math.max(...minutes.map((m) => Number(m[2]))));
    expect(Number(hour[3])).toBe(Math.min(...minutes.map((m) => Number(m[3]))));
  });

  it('describes symbols with the PRICE_FILTER, LOT_SIZE and NOTIONAL filters ccxt reads precision from', async () => {
    const info = JSON.parse((await get('/exchangeInfo')).text);
    const btc = info.symbols.find((symbol: { symbol: string }) => symbol.symbol === 'BTCUSDT');
    expect(btc).toMatchObject({ status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', isSpotTradingAllowed: true });
    expect(btc.filters.map((filter: { filterType: string }) => filter.filterType)).toEqual(expect.arrayContaining(['PRICE_FILTER', 'LOT_SIZE', 'NOTIONAL']));
  });

  it('rejects an unknown symbol with code -1121 and an unknown interval with -1120', async () => {
    expect(await get('/ticker/price?symbol=NOPEUSDT')).toMatchObject({ status: 400, text: '{"code":-1121,"msg":"Invalid symbol."}' });
    expect(JSON.parse((await get('/klines?symbol=BTCUSDT&interval=7m')).text).code).toBe(-1120);
  });

  it('applies an armed fault to the given number of requests on the given path only', async () => {
    server.inject({ kind: 'rate-limit', retryAfterSeconds: 9 }, { path: '/api/v3/time', times: 2 });
    expect((await get('/ping')).status).toBe(200);
    const limited = await get('/time');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('9');
    expect((await get('/time')).status).toBe(429);
    expect((await get('/time')).status).toBe(200);
  });

  it('answers gateway errors with HTML and breaks JSON on request', async () => {
    server.inject({ kind: 'server-error', status: 502 });
    const gateway = await get('/time');
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html');
    server.inject({ kind: 'malformed-json' });
    const broken = await get('/ticker/24hr?symbol=BTCUSDT');
    expect(() => JSON.parse(broken.text)).toThrow(SyntaxError);
  });

  describe('signed requests', () => {
    const signed = async (apiKey: string, secret: string, params: string) => {
      const signature = createHmac('sha256', secret).update(params).digest('hex');
      const response = await fetch(`${base}/account?${params}&signature=${signature}`, { headers: { 'X-MBX-APIKEY': apiKey } });
      return { status: response.status, body: await response.json() };
    };

    beforeAll(() => server.addAccount('key-1', 'secret-1', { USDT: '1000', BTC: '0.5' }));

    it("answers the account's balances to a request signed with its secret", async () => {
      const answer = await signed('key-1', 'secret-1', `timestamp=${NOW}&recvWindow=5000`);
      expect(answer.status).toBe(200);
      expect(answer.body.balances).toEqual([
        { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' },
        { asset: 'BTC', free: '0.50000000', locked: '0.00000000' },
      ]);
    });

    it('refuses an unknown or revoked key with 401 and -2015, as Binance does', async () => {
      server.addAccount('key-2', 'secret-2', {});
      server.revokeKey('key-2');
      expect(await signed('key-2', 'secret-2', `timestamp=${NOW}`)).toEqual({
        status: 401,
        body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
      });
    });

    it('refuses a wrong signature with -1022 and a stale timestamp with -1021', async () => {
      expect((await signed('key-1', 'another-secret', `timestamp=${NOW}`)).body.code).toBe(-1022);
      expect((await signed('key-1', 'secret-1', `timestamp=${NOW - 6000}`)).body.code).toBe(-1021);
      expect((await signed('key-1', 'secret-1', `timestamp=${NOW - 6000}&recvWindow=10000`)).status).toBe(200);
    });
  });
});
