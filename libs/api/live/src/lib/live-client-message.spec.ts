import { parseLiveClientMessage } from './live-client-message';

describe('parseLiveClientMessage', () => {
  it('reads candle and ticker subscriptions', () => {
    const candles = { type: 'subscribe', channel: 'candles', symbol: 'BTC/USDT', timeframe: '5m' };
    expect(parseLiveClientMessage(JSON.stringify(candles))).toEqual(candles);
    const ticker = { type: 'unsubscribe', channel: 'ticker', symbol: 'ETH/USDT' };
    expect(parseLiveClientMessage(JSON.stringify(ticker))).toEqual(ticker);
  });

  it.each([
    ['not json', 'a message must be JSON'],
    ['[1]', 'a message must be a JSON object'],
    ['null', 'a message must be a JSON object'],
    ['{"type":"listen","channel":"ticker","symbol":"BTC/USDT"}', 'type must be subscribe or unsubscribe'],
    ['{"type":"subscribe","channel":"trades","symbol":"BTC/USDT"}', 'channel must be candles or ticker'],
    ['{"type":"subscribe","channel":"ticker","symbol":"btc"}', 'symbol must be a market symbol such as BTC/USDT'],
    ['{"type":"subscribe","channel":"candles","symbol":"BTC/USDT","timeframe":"7m"}', 'timeframe must be one of'],
    ['{"type":"subscribe","channel":"candles","symbol":"BTC/USDT"}', 'timeframe is required for candles'],
    ['{"type":"subscribe","channel":"ticker","symbol":"BTC/USDT","timeframe":"1m"}', 'timeframe is not a field of ticker'],
    ['{"type":"subscribe","channel":"ticker","symbol":"BTC/USDT","userId":"x"}', 'userId is not a field of this message'],
  ])('refuses %s', (frame, reason) => {
    const parsed = parseLiveClientMessage(frame);
    expect(parsed).toEqual({ error: expect.stringContaining(reason) });
  });
});
