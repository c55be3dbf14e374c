import type { Trade } from '@lilux/contracts';

const COLUMNS: (keyof Trade)[] = ['time', 'symbol', 'side', 'qty', 'price', 'quoteQty', 'fee', 'feeAsset', 'liquidity', 'orderId', 'id', 'accountId'];

/** RFC 4180 CSV. Every value is ours (times, symbols, decimals, ids), but quoting keeps it safe regardless. */
export function tradesCsv(trades: Trade[]): string {
  const quote = (value: unknown) => {
    const text = String(value);
    return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [COLUMNS.join(','), ...trades.map((trade) => COLUMNS.map((column) => quote(trade[column])).join(','))].join('\r\n') + '\r\n';
}
