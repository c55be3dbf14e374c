import { decimalText } from './decimal-text';
import type { LanguageTexts } from './language';

/**
 * The API's and the market rules' field messages the console words itself (`errors.field.*`), each with the
 * figures it quotes. These English texts are stable: the API's tests pin them.
 */
const FIELD_MESSAGES: readonly { pattern: RegExp; key: string; params: readonly string[] }[] = [
  { pattern: /^is required$/, key: 'required', params: [] },
  { pattern: /^must be a positive number such as (\S+)$/, key: 'positiveNumber', params: ['example'] },
  { pattern: /^must be more than 0$/, key: 'moreThanZero', params: [] },
  { pattern: /^is below the minimum amount of (\S+) (\S+) \(step (\S+)\)$/, key: 'belowMinAmount', params: ['amount', 'asset', 'step'] },
  { pattern: /^is worth less than the minimum order value of (\S+) (\S+)$/, key: 'belowMinNotional', params: ['value', 'asset'] },
  { pattern: /^is below the price step of (\S+)$/, key: 'belowPriceStep', params: ['step'] },
  { pattern: /^must be below the entry price \((\S+)\) for a (buy|sell)$/, key: 'belowEntry', params: ['price', 'side'] },
  { pattern: /^must be below the market price \((\S+)\)$/, key: 'belowMarket', params: ['price'] },
  { pattern: /^must be above the market price \((\S+)\)$/, key: 'aboveMarket', params: ['price'] },
  { pattern: /^must be a multiple of the price step (\S+)$/, key: 'offTick', params: ['step'] },
  { pattern: /^must be above the entry price \((\S+)\) for a (buy|sell)$/, key: 'aboveEntry', params: ['price', 'side'] },
  { pattern: /^is already taken$/, key: 'taken', params: [] },
  { pattern: /^is not your current password$/, key: 'notCurrentPassword', params: [] },
];

const DECIMAL = /^\d+(\.\d+)?$/;

/** A field message in the console's language, its figures with the language's decimal mark; unknown ones as sent. */
export function fieldMessage(message: string, language: LanguageTexts): string {
  for (const { pattern, key, params } of FIELD_MESSAGES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const values = Object.fromEntries(params.map((name, index) => [name, wordOf(name, match[index + 1], language)]));
    return language.t(`errors.field.${key}`, values);
  }
  return message;
}

function wordOf(name: string, value: string, language: LanguageTexts): string {
  if (name === 'side') return language.t(`errors.field.forSide.${value}`);
  return DECIMAL.test(value) ? decimalText(value, language.current()) : value;
}
