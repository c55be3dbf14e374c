import { TestBed } from '@angular/core/testing';
import type { Notification } from '@lilux/contracts';
import { Language, provideConsoleLanguage } from './language/language';
import { notificationText } from './notification-text';

const base: Omit<Notification, 'topic' | 'title' | 'body' | 'data'> = { id: 'n', createdAt: '2026-11-26T10:00:00.000Z', readAt: null, deliveries: [] };

describe('notificationText', () => {
  const start = async (language: 'en' | 'fr') => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideConsoleLanguage(language)] });
    const texts = TestBed.inject(Language);
    await texts.load();
    return texts;
  };

  it("shows the API's English as it is in English", async () => {
    const language = await start('en');
    const fired = { ...base, topic: 'price_alert' as const, title: 'BTC/USDT above 98000', body: 'BTC/USDT rose to 98001, at or above 98000.', data: {} };
    expect(notificationText(fired, language)).toEqual({ title: 'BTC/USDT above 98000', body: 'BTC/USDT rose to 98001, at or above 98000.' });
  });

  it('words an alert and a fill in French from their figures, and keeps the English of a test', async () => {
    const language = await start('fr');
    const fired: Notification = {
      ...base,
      topic: 'price_alert',
      title: 'BTC/USDT above 98000',
      body: 'BTC/USDT rose to 98001.5, at or above 98000.',
      data: { symbol: 'BTC/USDT', condition: 'above', level: '98000', price: '98001.5', note: 'Prendre les bénéfices' },
    };
    expect(notificationText(fired, language)).toEqual({
      title: 'Alerte de prix · BTC/USDT',
      body: 'Au-dessus de 98\u202f000 ; cours : 98\u202f001,5. Prendre les bénéfices',
    });
    const filled: Notification = {
      ...base,
      topic: 'order_filled',
      title: 'Order filled: buy BTC/USDT',
      body: 'buy 0.01 of 0.01 BTC/USDT at 97000 (limit, filled).',
      data: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', filledQty: '0.01', price: '97000' },
    };
    expect(notificationText(filled, language)).toEqual({ title: 'Ordre exécuté · BTC/USDT', body: 'achat 0,01 BTC/USDT à 97\u202f000' });
    const test: Notification = { ...base, topic: 'test', title: 'Test from Lilux', body: 'This is a test.', data: {} };
    expect(notificationText(test, language)).toEqual({ title: 'Test', body: 'This is a test.' });
  });
});
