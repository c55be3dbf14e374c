import { LRUCache } from 'lru-cache';
import { CANDLE_FIELDS, CandleRows } from '@lilux/api/simulated-market';

/** Candles a cache entry spans; a request for up to 1000 candles touches at most three entries. */
export const CANDLES_PER_CHUNK = 500;
/** What an entry costs beyond its candles: the key, the entry object, the LRU's bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 200;

/** A run of closed candles, complete from the chunk's first open time up to `completeUntil`. */
interface Chunk {
  rows: CandleRows;
  completeUntil: number;
}

/**
 * Closed candles never change, so they are kept, least recently used first out, within a byte budget
 * (48 bytes a candle). Entries are chunks of {@link CANDLES_PER_CHUNK} candle slots so that a chart's window is
 * a handful of lookups, and the newest chunk grows as candles close.
 */
export class CandleCache {
  private readonly chunks: LRUCache<string, Chunk>;

  constructor(maxBytes: number) {
    this.chunks = new LRUCache<string, Chunk>({
      maxSize: maxBytes,
      sizeCalculation: (chunk) => chunk.rows.byteLength + ENTRY_OVERHEAD_BYTES,
    });
  }

  /**
   * The closed candles opening in [from, to) for `series`, fetching what is missing through `fetch`
   * (which is asked for at most one chunk at a time). `to` must not be later than the forming candle's start.
   */
  async closedCandles(
    series: string,
    timeframeMs: number,
    from: number,
    to: number,
    fetch: (from: number, count: number) => Promise<CandleRows>,
  ): Promise<CandleRows[]> {
    const chunkMs = timeframeMs * CANDLES_PER_CHUNK;
    const parts: CandleRows[] = [];
    for (let chunkStart = Math.floor(from / chunkMs) * chunkMs; chunkStart < to; chunkStart += chunkMs) {
      const needUntil = Math.min(to, chunkStart + chunkMs);
      const key = `${series}|${timeframeMs}|${chunkStart}`;
      let chunk = this.chunks.get(key);
      if (!chunk || chunk.completeUntil < needUntil) {
        const fetchFrom = chunk?.completeUntil ?? chunkStart;
        const fetched = await fetch(fetchFrom, (needUntil - fetchFrom) / timeframeMs);
        chunk = { rows: concat([chunk?.rows, within(fetched, fetchFrom, needUntil)]), completeUntil: needUntil };
        this.chunks.set(key, chunk);
      }
      parts.push(within(chunk.rows, Math.max(from, chunkStart), needUntil));
    }
    return parts;
  }

  get sizeInBytes(): number {
    return this.chunks.calculatedSize;
  }
}

/** The rows whose open time lies in [from, to); rows are sorted by open time. */
function within(rows: CandleRows, from: number, to: number): CandleRows {
  let start = 0;
  while (start < rows.length && rows[start] < from) start += CANDLE_FIELDS;
  let end = start;
  while (end < rows.length && rows[end] < to) end += CANDLE_FIELDS;
  return rows.subarray(start, end);
}

function concat(parts: (CandleRows | undefined)[]): CandleRows {
  const present = parts.filter((part): part is CandleRows => part !== undefined && part.length > 0);
  if (present.length === 1) return present[0].slice();
  const rows = new Float64Array(present.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of present) {
    rows.set(part, offset);
    offset += part.length;
  }
  return rows;
}
