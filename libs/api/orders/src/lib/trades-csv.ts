import type { Trade } from '@lilux/contracts';

const COLUMNS: (keyof Trade)[] = ['time', 'symbol', 'side', 'qty', 'price', 'quoteQty', 'fee', 'feeAsset', 'liquidity', 'orderId', 'id', 'accountId'];

/** RFC 4180 CSV, the header then each batch of trades: a stream for a download of any length. Every value is ours (times, symbols, decimals, ids), but quoting keeps it safe regardless. */
export async function* tradesCsv(batches: AsyncIterable<Trade[]>): AsyncGenerator<string> {
  const quote = (value: unknown) => {
    const text = String(value);
    return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  yield COLUMNS.join(',') + '\r\n';
  for await (const trades of batches) yield trades.map((trade) => COLUMNS.map((column) => quote(trade[column])).join(',') + '\r\n').join('');
}
