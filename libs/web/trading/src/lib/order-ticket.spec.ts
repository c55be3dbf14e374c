import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AccountWithBalances, Market, Ticker } from '@lilux/contracts';
import { ActiveAccount, Language, provideConsoleLanguage } from '@lilux/web/data-access';
import { OrderTicket } from './order-ticket';
import { TradingStore } from './trading-store';

const market: Market = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  pricePrecision: '0.01',
  amountPrecision: '0.00001',
  minAmount: '0.00001',
  minNotional: '5',
};
const account: AccountWithBalances = {
  id: 'paper-1',
  kind: 'paper',
  label: 'Paper',
  createdAt: '2026-11-24T00:00:00.000Z',
  balances: [{ asset: 'USDT', free: '1000', locked: '0' }],
  fees: { maker: '0.001', taker: '0.001' },
};
const ticker = { symbol: 'BTC/USDT', timestamp: 0, last: '50000' } as Ticker;

describe('OrderTicket', () => {
  let element: HTMLElement;
  let backend: HttpTestingController;
  let fixtureStable: () => Promise<void>;

  const byTestId = <T extends HTMLElement>(testId: string): T => {
    const found = element.querySelector<T>(`[data-testid="${testId}"]`);
    if (!found) throw new Error(`no ${testId} on the ticket`);
    return found;
  };
  const type = async (testId: string, value: string) => {
    const input = byTestId<HTMLInputElement>(testId);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixtureStable();
  };
  const click = async (testId: string) => {
    byTestId<HTMLButtonElement>(testId).click();
    await fixtureStable();
  };
  /** Answers what the store asks on start-up (the account, then its open orders, fills and portfolio), round by round. */
  const answerServer = async () => {
    const answers: Record<string, unknown> = {
      '/api/accounts': [account],
      '/api/orders': { orders: [], total: 0, limit: 500, offset: 0 },
      '/api/trades': { trades: [], total: 0, limit: 200, offset: 0 },
      '/api/exchanges': { exchanges: [{ exchange: 'binance', modes: ['testnet', 'live'] }], liveTradingAllowed: false },
      '/api/portfolio': {
        user: 'trader',
        accountId: 'paper-1',
        total_usdt: '1000',
        cash: '1000',
        fees_paid: '0',
        positions: [],
        pnls: { realized: '0', unrealized: '0' },
        valuedAt: '',
      },
    };
    for (let round = 0; round < 5; round++) {
      TestBed.tick();
      await new Promise((resolve) => setTimeout(resolve, 0));
      const pending = backend.match((request) => request.method === 'GET');
      for (const request of pending) {
        if (!(request.request.url in answers)) throw new Error(`the test has no answer for ${request.request.url}`);
        request.flush(answers[request.request.url] as object);
      }
    }
  };
  const alerts = () => [...element.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent?.trim());

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideConsoleLanguage('en'), TradingStore] });
    await TestBed.inject(Language).load();
    backend = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(TradingStore);
    store.markets.set([market]);
    store.ticker.set(ticker);
    // The account and its ledger come from the server, as in the console; the answers are the test's.
    TestBed.inject(ActiveAccount);
    await answerServer();
    const fixture = TestBed.createComponent(OrderTicket);
    fixtureStable = () => fixture.whenStable();
    element = fixture.nativeElement;
    await fixture.whenStable();
    expect(store.account()?.id).toBe('paper-1');
  });

  it('shows the cost and fee before sending, and what is wrong next to the field', async () => {
    await type('ticket-qty', '0.01');
    expect(element.querySelector('[data-testid="ticket-estimate"]')?.textContent).toContain('500.5 USDT');

    await type('ticket-qty', '0.03');
    expect(alerts()).toEqual(['Quantity costs 1501.5 USDT; 1000 is free']);
    await click('ticket-review');
    expect(element.querySelector('[data-testid="ticket-confirm"]')).toBeNull();
  });

  it("asks for a confirmation, then puts the server's refusal next to the field it names", async () => {
    await type('ticket-qty', '0.01');
    await type('ticket-sl', '49000');
    await click('ticket-review');
    await click('ticket-confirm');

    const request = backend.expectOne('/api/orders');
    expect(request.request.body).toMatchObject({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', sl: '49000', accountId: 'paper-1' });
    request.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'sl: must be below the entry price (48900) for a buy',
        fields: { sl: 'must be below the entry price (48900) for a buy' },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixtureStable();
    expect(alerts()).toEqual(['Stop-loss must be below the entry price (48900) for a buy']);

    await type('ticket-sl', '48000');
    expect(alerts()).toEqual([]);
  });
});
