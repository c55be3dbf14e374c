import { TestBed } from '@angular/core/testing';
import { type ConsoleLanguage, Language, provideConsoleLanguage } from '@lilux/web/data-access';

/** The console's real dictionaries in `language`, loaded, for the specs of functions that word messages. */
export async function consoleLanguage(language: ConsoleLanguage): Promise<Language> {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({ providers: [provideConsoleLanguage(language)] });
  const texts = TestBed.inject(Language);
  await texts.load();
  return texts;
}
