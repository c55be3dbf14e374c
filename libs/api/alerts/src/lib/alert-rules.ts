import type { AlertCondition } from '@lilux/contracts';
import Decimal from 'decimal.js';

export interface AlertLevelFields {
  condition: AlertCondition;
  price: string | null;
  movePercent: string | null;
  windowMinutes: number | null;
}

/** What a whole alert lacks or gets wrong for its condition, by field; empty when it can be watched. */
export function alertProblems({ condition, price, movePercent, windowMinutes }: AlertLevelFields): Record<string, string> {
  const problems: Record<string, string> = {};
  if (condition === 'moves') {
    if (movePercent === null) problems['movePercent'] = 'is needed for a move alert';
    else if (!new Decimal(movePercent).gt(0)) problems['movePercent'] = 'must be more than 0';
    else if (new Decimal(movePercent).gt(1000)) problems['movePercent'] = 'must be at most 1000';
    if (windowMinutes === null) problems['windowMinutes'] = 'is needed for a move alert';
  } else if (price === null) {
    problems['price'] = `is needed for ${condition === 'above' ? 'an above' : condition === 'below' ? 'a below' : 'a crosses'} alert`;
  } else if (!new Decimal(price).gt(0)) {
    problems['price'] = 'must be more than 0';
  }
  return problems;
}
