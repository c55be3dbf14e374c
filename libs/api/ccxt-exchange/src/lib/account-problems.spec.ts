import { ExchangeKeyRejectedError, ExchangeUnreachableError, InvalidOrderError } from '@lilux/api/orders';
import * as ccxt from 'ccxt';
import { detailOf, problemOf } from './account-problems';

describe('problemOf', () => {
  it('tells a refused key, including the -2015 that ccxt takes for a ban once the key has worked', () => {
    expect(problemOf(new ccxt.AuthenticationError('binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}'))).toBe('key_rejected');
    expect(problemOf(new ccxt.DDoSProtection('binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}'))).toBe('key_rejected');
    expect(problemOf(new ExchangeKeyRejectedError('Invalid API-key'))).toBe('key_rejected');
  });

  it('tells an exchange that does not answer, and neither a rate limit nor a refused order', () => {
    expect(problemOf(new ccxt.NetworkError('connect ECONNREFUSED'))).toBe('exchange_unreachable');
    expect(problemOf(new ExchangeUnreachableError("the order's fate is unknown"))).toBe('exchange_unreachable');
    expect(problemOf(new ExchangeUnreachableError('the exchange asks us to slow down', 10))).toBeNull();
    expect(problemOf(new ccxt.DDoSProtection('binance 418 {"code":-1003}'))).toBeNull();
    expect(problemOf(new ExchangeUnreachableError('the exchange answered with an error: Invalid symbol.'))).toBeNull();
    expect(problemOf(new InvalidOrderError({ qty: 'too small' }))).toBeNull();
  });
});

describe('detailOf', () => {
  it('keeps the exchange words and drops the signed URL ccxt puts in its messages', () => {
    const error = new ccxt.RequestTimeout('binance GET http://127.0.0.1:9/api/v3/openOrders?timestamp=1&signature=abc123 request timed out (2000 ms)');
    expect(detailOf(error)).toBe('GET request timed out (2000 ms)');
    expect(detailOf(new ccxt.DDoSProtection('binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}'))).toBe(
      'Invalid API-key, IP, or permissions for action.',
    );
  });
});
