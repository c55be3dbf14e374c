import type { ConsoleLanguage } from './language';

/** Spaces a French trader may type or paste between thousands: plain, no-break and narrow no-break. */
const GROUP_SPACES = /[\s\u00a0\u202f]/g;

/**
 * What the trader typed, as the decimal the API reads (`0.01`): in French, `0,01` and `98 000,5` are the usual way
 * to write numbers, and a point is still taken as the decimal mark. English is read as typed.
 */
export function decimalInput(text: string, language: ConsoleLanguage): string {
  const trimmed = text.trim();
  return language === 'fr' ? trimmed.replace(GROUP_SPACES, '').replace(',', '.') : trimmed;
}

/** A decimal string with the language's decimal mark, its digits untouched ("98000.5" → "98000,5" in French). */
export function decimalText(value: string, language: ConsoleLanguage): string {
  return language === 'fr' ? value.replace('.', ',') : value;
}

/**
 * A decimal string with the language's thousands separators and decimal mark, its digits untouched:
 * "98000.5" → "98,000.5" in English, "98 000,5" (narrow no-break spaces, as Angular's French locale) in French.
 */
export function groupDigits(value: string, language: ConsoleLanguage): string {
  const [whole, fraction] = value.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'fr' ? '\u202f' : ',');
  return fraction === undefined ? grouped : `${grouped}${language === 'fr' ? ',' : '.'}${fraction}`;
}
