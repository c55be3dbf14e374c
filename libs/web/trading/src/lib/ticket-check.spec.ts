import type { Market, OrderSide, OrderType } from '@lilux/contracts';
import { applyMarketRules, money } from '@lilux/order-rules';
import type { Language } from '@lilux/web/data-access';
import { consoleLanguage } from './console-language.testing';
import { checkTicket as checkTicketIn, confirmationOf as confirmationIn, quantityForShare, TicketContext, TicketInput, TicketOrder } from './ticket-check';

const market: Market = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  pricePrecision: '0.01',
  amountPrecision: '0.00001',
  minAmount: '0.00001',
  minNotional: '5',
};
const context: TicketContext = { market, last: '50000', freeBase: '0.5', freeQuote: '1000', fees: { maker: '0.0008', taker: '0.001' } };
const buy: TicketInput = { side: 'buy', type: 'market', qty: '0.01', price: '', sl: '', tp: '' };

let english: Language;
let french: Language;
beforeAll(async () => {
  english = await consoleLanguage('en');
  french = await consoleLanguage('fr');
});
const checkTicket = (input: TicketInput, ticketContext: TicketContext) => checkTicketIn(input, ticketContext, english);
const confirmationOf = (side: OrderSide, type: OrderType, order: TicketOrder, base: string) => confirmationIn(side, type, order, base, english);

describe('checkTicket', () => {
  it('estimates a market buy at the last price with the taker fee', () => {
    expect(checkTicket(buy, context)).toEqual({ errors: {}, estimate: { price: '50000', value: '500', fee: '0.5', total: '500.5' }, order: { qty: '0.01' } });
  });

  it('estimates a resting limit order with the maker fee and a sell net of its fee', () => {
    expect(checkTicket({ ...buy, type: 'limit', price: '40000' }, context).estimate).toEqual({ price: '40000', value: '400', fee: '0.32', total: '400.32' });
    expect(checkTicket({ ...buy, side: 'sell' }, context).estimate).toEqual({ price: '50000', value: '500', fee: '0.5', total: '499.5' });
  });

  it('estimates the order the API would place: the quantity floored to the step, the price rounded to the tick', () => {
    expect(checkTicket({ ...buy, type: 'limit', qty: '0.0100099', price: '40000.004' }, context)).toEqual({
      errors: {},
      estimate: { price: '40000', value: '400', fee: '0.32', total: '400.32' },
      order: { qty: '0.01', price: '40000' },
    });
  });

  it('confirms the figures that will be sent, at the steps of the market, not the ones typed', () => {
    const typed: TicketInput = { ...buy, type: 'limit', qty: '0.0100099', price: '38000.123456', sl: '37000.006', tp: '39999.996' };
    const order = checkTicket(typed, context).order;
    expect(order).toEqual({ qty: '0.01', price: '38000.12', sl: '37000.01', tp: '40000' });
    expect(order && confirmationOf('buy', 'limit', order, 'BTC')).toBe('Limit buy 0.01 BTC at 38000.12, stop-loss 37000.01, take-profit 40000?');
    expect(confirmationOf('sell', 'market', { qty: '0.5' }, 'BTC')).toBe('Sell 0.5 BTC at market?');
  });

  it('names each field that is missing, not a number, or not above zero', () => {
    expect(checkTicket({ ...buy, qty: '', type: 'limit', price: '' }, context).errors).toEqual({ qty: 'is required', price: 'is required' });
    expect(checkTicket({ ...buy, qty: '1e3' }, context).errors).toEqual({ qty: 'must be a positive number such as 0.015' });
    expect(checkTicket({ ...buy, qty: '0', sl: '-1' }, context).errors).toEqual({ qty: 'must be more than 0', sl: 'must be a positive number such as 0.015' });
  });

  it("refuses amounts below the market's minimum amount or value", () => {
    expect(checkTicket({ ...buy, qty: '0.000001' }, context).errors.qty).toBe('is below the minimum amount of 0.00001 BTC (step 0.00001)');
    expect(checkTicket({ ...buy, qty: '0.00009' }, context).errors.qty).toBe('is worth less than the minimum order value of 5 USDT');
  });

  it('wants the stop-loss below and the take-profit above a buy, the reverse for a sell', () => {
    expect(checkTicket({ ...buy, sl: '49000', tp: '52000' }, context).errors).toEqual({});
    expect(checkTicket({ ...buy, sl: '51000', tp: '49000' }, context).errors).toEqual({
      sl: 'must be below the entry price (50000) for a buy',
      tp: 'must be above the entry price (50000) for a buy',
    });
    expect(checkTicket({ ...buy, side: 'sell', sl: '49000', tp: '52000' }, context).errors).toEqual({
      sl: 'must be above the entry price (50000) for a sell',
      tp: 'must be below the entry price (50000) for a sell',
    });
  });

  it('refuses what the free balance cannot pay, the fee included', () => {
    expect(checkTicket({ ...buy, qty: '0.02' }, context).errors.qty).toBe('costs 1001 USDT; 1000 is free');
    expect(checkTicket({ ...buy, qty: '0.0199' }, context).errors).toEqual({});
    expect(checkTicket({ ...buy, side: 'sell', qty: '0.6' }, context).errors.qty).toBe('is more than the 0.5 BTC free');
  });

  it('computes decimals exactly: 0.1 + 0.2 is 0.3', () => {
    const tiny = { ...context, last: '0.1', market: { ...market, minNotional: '0.01' } };
    expect(checkTicket({ ...buy, qty: '3', type: 'market' }, tiny).estimate?.value).toBe('0.3');
  });
});

describe('checkTicket in French', () => {
  const checkInFrench = (input: Partial<TicketInput>) => checkTicketIn({ ...buy, ...input }, context, french);

  it('reads decimal commas and spaced thousands, and sends the API decimal points', () => {
    expect(checkInFrench({ qty: '0,01' })).toEqual({
      errors: {},
      estimate: { price: '50000', value: '500', fee: '0.5', total: '500.5' },
      order: { qty: '0.01' },
    });
    expect(checkInFrench({ type: 'limit', qty: '0,001', price: '48 000,5' }).order).toEqual({ qty: '0.001', price: '48000.5' });
    expect(checkInFrench({ type: 'limit', qty: '0.001', price: '48\u202f000,5' }).order).toEqual({ qty: '0.001', price: '48000.5' });
  });

  it('says what is wrong in French, with French figures', () => {
    expect(checkInFrench({ qty: '' }).errors).toEqual({ qty: 'est obligatoire' });
    expect(checkInFrench({ qty: '1,2,3' }).errors).toEqual({ qty: 'doit être un nombre positif, par exemple 0,015' });
    expect(checkInFrench({ qty: '0,000001' }).errors.qty).toBe('est inférieure au montant minimum de 0,00001 BTC (pas de 0,00001)');
    expect(checkInFrench({ sl: '51000' }).errors.sl).toBe("doit être inférieur au prix d'entrée (50000) pour un achat");
    expect(checkInFrench({ qty: '0,02' }).errors.qty).toBe('coûte 1001 USDT ; 1000 sont disponibles');
  });

  it('asks its confirmation in French, in the figures sent', () => {
    const order = checkInFrench({ type: 'limit', qty: '0,0100099', price: '38000,123456', sl: '37000,006' }).order;
    expect(order && confirmationIn('buy', 'limit', order, 'BTC', french)).toBe("Ordre limite d'achat de 0,01 BTC à 38000,12, stop-loss 37000,01 ?");
    expect(confirmationIn('sell', 'market', { qty: '0.5' }, 'BTC', french)).toBe('Vendre 0,5 BTC au marché ?');
  });

  it('reads an English ticket as typed: a comma is not a decimal mark there', () => {
    expect(checkTicket({ ...buy, qty: '0,01' }, context).errors).toEqual({ qty: 'must be a positive number such as 0.015' });
  });
});

describe('checkTicket and the API', () => {
  /** What the API's OrdersService asks the shared rules for the same ticket: the limit price, else the last price. */
  const apiFields = (input: TicketInput) => {
    const result = applyMarketRules(market, {
      side: input.side,
      qty: money(input.qty),
      price: money(input.type === 'limit' ? input.price : (context.last as string)),
      isLimit: input.type === 'limit',
      sl: input.sl ? money(input.sl) : undefined,
      tp: input.tp ? money(input.tp) : undefined,
    });
    return 'fields' in result ? result.fields : {};
  };

  it.each<[string, TicketInput, Record<string, string>]>([
    [
      'a quantity worth the minimum only before it is floored to the step',
      { ...buy, type: 'limit', qty: '0.000109', price: '48000' },
      { qty: 'is worth less than the minimum order value of 5 USDT' },
    ],
    ['a stop-loss that rounds to a price of 0', { ...buy, sl: '0.001' }, { sl: 'is below the price step of 0.01' }],
    [
      'a stop-loss that rounds up to the entry price',
      { ...buy, type: 'limit', price: '50000', sl: '49999.996' },
      { sl: 'must be below the entry price (50000) for a buy' },
    ],
  ])('refuses %s, as the API does', (_case, input, expected) => {
    expect(apiFields(input)).toEqual(expected);
    expect(checkTicket(input, context).errors).toEqual(expected);
  });
});

describe('quantityForShare', () => {
  it('spends a share of the free quote on a buy, fee included, rounded down to the step', () => {
    expect(quantityForShare(100, 'buy', '50000', context)).toBe('0.01998');
    expect(quantityForShare(25, 'buy', '50000', context)).toBe('0.00499');
  });

  it('sells a share of the free base asset, and asks nothing without a price to buy at', () => {
    expect(quantityForShare(50, 'sell', null, context)).toBe('0.25');
    expect(quantityForShare(50, 'buy', null, context)).toBe('');
  });
});
