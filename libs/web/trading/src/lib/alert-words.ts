import type { PriceAlert } from '@lilux/contracts';
import { groupDigits, type LanguageTexts } from '@lilux/web/data-access';

/** What an alert waits for, in words: "Above 98,000", "Moves 2 % within 15 min". */
export function alertCondition(alert: Pick<PriceAlert, 'condition' | 'price' | 'movePercent' | 'windowMinutes'>, language: LanguageTexts): string {
  const lang = language.current();
  if (alert.condition === 'moves') {
    return language.t('alerts.conditionText.moves', { percent: groupDigits(alert.movePercent ?? '', lang), minutes: alert.windowMinutes ?? '' });
  }
  return language.t(`alerts.conditionText.${alert.condition}`, { price: groupDigits(alert.price ?? '', lang) });
}
