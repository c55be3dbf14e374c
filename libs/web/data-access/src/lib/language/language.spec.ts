import { formatDate, formatNumber } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { fieldMessage } from './field-messages';
import en from './en.json';
import fr from './fr.json';
import { Language, LANGUAGE_STORAGE_KEY, languageFromBrowser, provideConsoleLanguage } from './language';

describe('languageFromBrowser', () => {
  it('takes French for any French the browser prefers first, English otherwise', () => {
    expect(languageFromBrowser(['fr-FR', 'en'])).toBe('fr');
    expect(languageFromBrowser(['fr-CA'])).toBe('fr');
    expect(languageFromBrowser(['de-DE', 'fr'])).toBe('fr');
    expect(languageFromBrowser(['en-US', 'fr'])).toBe('en');
    expect(languageFromBrowser(['de-DE'])).toBe('en');
    expect(languageFromBrowser([])).toBe('en');
  });
});

describe('Language', () => {
  const start = async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideConsoleLanguage()] });
    const language = TestBed.inject(Language);
    await language.load();
    return language;
  };
  const preferred = jest.spyOn(window.navigator, 'languages', 'get');

  beforeEach(() => localStorage.clear());
  afterAll(() => preferred.mockRestore());

  it("starts in the browser's language until the trader chooses, then remembers the choice", async () => {
    preferred.mockReturnValue(['fr-FR', 'fr']);
    const language = await start();
    expect(language.current()).toBe('fr');
    expect(language.t('login.signIn')).toBe('Se connecter');
    expect(document.documentElement.lang).toBe('fr');

    await language.choose('en');
    expect(language.t('login.signIn')).toBe('Sign in');
    expect(language.locale()).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect((await start()).current()).toBe('en');
  });

  it('formats numbers and dates for the French locale it registers: 10 000,00', async () => {
    preferred.mockReturnValue(['fr-FR']);
    const language = await start();
    expect(formatNumber(10000, language.locale(), '1.2-2')).toBe('10\u202f000,00');
    expect(formatNumber(10000, 'en', '1.2-2')).toBe('10,000.00');
    expect(formatDate('2026-11-26T10:00:00Z', 'd MMMM y', language.locale(), 'UTC')).toBe('26 novembre 2026');
  });

  it('words the known API field messages in French and keeps the others in English', async () => {
    preferred.mockReturnValue(['fr']);
    const language = await start();
    expect(fieldMessage('is below the price step of 0.01', language)).toBe('est inférieur au pas de prix de 0,01');
    expect(fieldMessage('must be above the entry price (50000.5) for a sell', language)).toBe("doit être supérieur au prix d'entrée (50000,5) pour une vente");
    expect(fieldMessage('is taken', language)).toBe('is taken');
  });

  it("words a position's stop-loss / take-profit refusals in French", async () => {
    preferred.mockReturnValue(['fr']);
    const language = await start();
    expect(fieldMessage('must be below the market price (98000.5)', language)).toBe('doit être inférieur au prix du marché (98000,5)');
    expect(fieldMessage('must be above the market price (98000.5)', language)).toBe('doit être supérieur au prix du marché (98000,5)');
    expect(fieldMessage('must be a multiple of the price step 0.01', language)).toBe('doit être un multiple du pas de prix 0,01');
  });
});

describe('the dictionaries', () => {
  const keysOf = (dictionary: object, prefix = ''): string[] =>
    Object.entries(dictionary).flatMap(([key, value]) => (typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]));

  it('have the same keys in French as in English', () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
  });
});
