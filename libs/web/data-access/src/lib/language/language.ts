import { registerLocaleData } from '@angular/common';
import localeFr from '@angular/common/locales/fr';
import { EnvironmentProviders, inject, Injectable, makeEnvironmentProviders, provideAppInitializer, signal } from '@angular/core';
import { provideTransloco, Translation, TranslocoLoader, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import en from './en.json';

/** The console's languages; English is the one the API speaks and the one to fall back to. */
export const CONSOLE_LANGUAGES = ['en', 'fr'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

/** A text of the console in the active language: `t('ticket.review', { side: 'buy' })`. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** What a function that words a message needs: the texts, and the language for the numbers in them. */
export interface LanguageTexts {
  t: Translate;
  current(): ConsoleLanguage;
}

/** Where the trader's choice is kept, so that the next visit opens in it. */
export const LANGUAGE_STORAGE_KEY = 'lilux.language';

/** The first of the browser's preferred languages that the console speaks, else English. */
export function languageFromBrowser(preferred: readonly string[]): ConsoleLanguage {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isConsoleLanguage(primary)) return primary;
  }
  return 'en';
}

export function isConsoleLanguage(value: unknown): value is ConsoleLanguage {
  return (CONSOLE_LANGUAGES as readonly unknown[]).includes(value);
}

/** The trader's choice if there is one, else the browser's. */
function startingLanguage(): ConsoleLanguage {
  const chosen = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
  if (isConsoleLanguage(chosen)) return chosen;
  return languageFromBrowser(globalThis.navigator?.languages ?? []);
}

/** English ships in the main bundle (no blank first paint); French is fetched as its own chunk when it is used. */
class ConsoleTranslationLoader implements TranslocoLoader {
  getTranslation(language: string): Promise<Translation> {
    return language === 'fr' ? import('./fr.json').then((module) => module.default) : Promise.resolve(en);
  }
}

/**
 * The language the console speaks now. Texts follow it through Transloco; numbers and dates through
 * {@link locale}, passed to the number and date pipes, since Angular's LOCALE_ID cannot change once the app runs.
 */
@Injectable({ providedIn: 'root' })
export class Language implements LanguageTexts {
  private readonly transloco = inject(TranslocoService);
  private readonly active = signal<ConsoleLanguage>(this.transloco.getActiveLang() as ConsoleLanguage);
  readonly current = this.active.asReadonly();
  /** The locale id for Angular's number and date pipes: the language's own id, whose locale data is registered. */
  readonly locale = this.current;
  readonly t: Translate = (key, params) => this.transloco.translate(key, params);

  /** Resolves once the active language's texts are loaded, so that no page shows before them. */
  async load(): Promise<void> {
    await firstValueFrom(this.transloco.load(this.active()));
    if (this.active() !== 'en') await firstValueFrom(this.transloco.load('en'));
    globalThis.document?.documentElement.setAttribute('lang', this.active());
  }

  /** Switches the whole console at once and remembers the choice in this browser. */
  async choose(language: ConsoleLanguage): Promise<void> {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
    await firstValueFrom(this.transloco.load(language));
    this.transloco.setActiveLang(language);
    this.active.set(language);
    globalThis.document?.documentElement.setAttribute('lang', language);
  }
}

/** Transloco with the console's two languages, started in the remembered or the browser's one (or `language`, for tests). */
export function provideConsoleLanguage(language: ConsoleLanguage = startingLanguage()): EnvironmentProviders {
  registerLocaleData(localeFr);
  return makeEnvironmentProviders([
    provideTransloco({
      config: {
        availableLangs: [...CONSOLE_LANGUAGES],
        defaultLang: language,
        fallbackLang: 'en',
        missingHandler: { useFallbackTranslation: true, logMissingKey: true },
        reRenderOnLangChange: true,
        prodMode: true,
      },
      loader: ConsoleTranslationLoader,
    }),
    provideAppInitializer(() => inject(Language).load()),
  ]);
}
