import { LRUCache } from 'lru-cache';
import { CANDLE_FIELDS, CandleRows } from '@lilux/api/simulated-market';

/** Candles a cache entry spans; a request for up to 1000 candles touches at most three entries. */
export const CANDLES_PER_CHUNK = 500;
/** What a run of candles costs beyond its candles: the key, the objects, the LRU's bookkeeping. */
const RUN_OVERHEAD_BYTES = 200;

/** Closed candles opening in [from, until), all of them: a candle missing there does not exist. */
interface Run {
  from: number;
  until: number;
  rows: CandleRows;
}

/** A chunk's runs, sorted and apart: runs that touch are joined. */
type Chunk = Run[];

/** Candles still to fetch: `count` of them from open time `from`. */
export interface CandleGap {
  from: number;
  count: number;
}

/**
 * Closed candles never change, so they are kept, least recently used first out, within a byte budget
 * (48 bytes a candle). Entries are chunks of {@link CANDLES_PER_CHUNK} candle slots so that a chart's window is
 * a handful of lookups. Only the candles asked for are fetched: a chunk holds the runs fetched so far, and the
 * newest chunk grows as candles close.
 */
export class CandleCache {
  private readonly chunks: LRUCache<string, Chunk>;

  constructor(maxBytes: number) {
    this.chunks = new LRUCache<string, Chunk>({
      maxSize: maxBytes,
      sizeCalculation: (chunk) => chunk.reduce((bytes, run) => bytes + run.rows.byteLength + RUN_OVERHEAD_BYTES, 0),
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
    const parts: CandleRows[] = [];
    for (const { key, needFrom, needUntil } of this.chunksOf(series, timeframeMs, from, to)) {
      let chunk = this.chunks.get(key) ?? [];
      for (const gap of gapsIn(chunk, needFrom, needUntil, timeframeMs)) {
        const until = gap.from + gap.count * timeframeMs;
        const fetched = await fetch(gap.from, gap.count);
        // Other requests may have filled the chunk meanwhile; if it was evicted, what this one fetched still counts.
        chunk = withRun(this.chunks.get(key) ?? chunk, { from: gap.from, until, rows: within(fetched, gap.from, until) });
        this.chunks.set(key, chunk);
      }
      const run = chunk.find((candidate) => candidate.from <= needFrom && needUntil <= candidate.until) as Run;
      parts.push(within(run.rows, needFrom, needUntil));
    }
    return parts;
  }

  /** What {@link closedCandles} would fetch for the same arguments now. */
  missing(series: string, timeframeMs: number, from: number, to: number): CandleGap[] {
    return this.chunksOf(series, timeframeMs, from, to).flatMap(({ key, needFrom, needUntil }) =>
      gapsIn(this.chunks.peek(key) ?? [], needFrom, needUntil, timeframeMs),
    );
  }

  get sizeInBytes(): number {
    return this.chunks.calculatedSize;
  }

  private chunksOf(series: string, timeframeMs: number, from: number, to: number): { key: string; needFrom: number; needUntil: number }[] {
    const chunkMs = timeframeMs * CANDLES_PER_CHUNK;
    const chunks: { key: string; needFrom: number; needUntil: number }[] = [];
    // A window that ends where it starts (a chart asked for from its forming candle) needs no closed candle.
    if (from >= to) return chunks;
    for (let chunkStart = Math.floor(from / chunkMs) * chunkMs; chunkStart < to; chunkStart += chunkMs) {
      chunks.push({ key: `${series}|${timeframeMs}|${chunkStart}`, needFrom: Math.max(from, chunkStart), needUntil: Math.min(to, chunkStart + chunkMs) });
    }
    return chunks;
  }
}

/** The parts of [from, until) that no run covers. */
function gapsIn(chunk: Chunk, from: number, until: number, timeframeMs: number): CandleGap[] {
  const gaps: CandleGap[] = [];
  let cursor = from;
  for (const run of chunk) {
    if (run.until <= cursor) continue;
    if (run.from >= until) break;
    if (run.from > cursor) gaps.push({ from: cursor, count: (run.from - cursor) / timeframeMs });
    cursor = run.until;
  }
  if (cursor < until) gaps.push({ from: cursor, count: (until - cursor) / timeframeMs });
  return gaps;
}

/** The chunk with `added` in it, joined to every run it overlaps or touches. */
function withRun(chunk: Chunk, added: Run): Chunk {
  const apart = chunk.filter((run) => run.until < added.from || run.from > added.until);
  const joined = [...chunk.filter((run) => !apart.includes(run)), added].sort((a, b) => a.from - b.from);
  const parts: CandleRows[] = [];
  let until = joined[0].from;
  for (const run of joined) {
    if (run.until <= until) continue;
    parts.push(within(run.rows, until, run.until));
    until = run.until;
  }
  const run = { from: joined[0].from, until, rows: concat(parts) };
  return [...apart, run].sort((a, b) => a.from - b.from);
}

/** The rows whose open time lies in [from, to); rows are sorted by open time. */
function within(rows: CandleRows, from: number, to: number): CandleRows {
  let start = 0;
  while (start < rows.length && rows[start] < from) start += CANDLE_FIELDS;
  let end = start;
  while (end < rows.length && rows[end] < to) end += CANDLE_FIELDS;
  return rows.subarray(start, end);
}

function concat(parts: CandleRows[]): CandleRows {
  const rows = new Float64Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    rows.set(part, offset);
    offset += part.length;
  }
  return rows;
}
