/** When something waiting on a price acts: once the price has fallen to its level, or once it has risen to it. */
export type TriggerWhen = 'falls-to' | 'rises-to';

/** A resting order of the paper exchange, or a price alert: `id` is the order's or the alert's. */
export interface Trigger {
  id: string;
  symbol: string;
  when: TriggerWhen;
  level: number;
}

/**
 * What waits on a price (resting orders, price alerts) for every symbol, indexed by price, so that a tick costs a
 * look at the nearest level on each side instead of a scan of everything. Each side is kept sorted with the
 * nearest level last, where it is popped. Levels are prices with at most 8 decimals and 15 significant digits,
 * which doubles order exactly.
 */
export class TriggerIndex<T extends Trigger = Trigger> {
  private readonly books = new Map<string, { fallsTo: T[]; risesTo: T[] }>();
  private readonly byId = new Map<string, T>();

  get size(): number {
    return this.byId.size;
  }

  symbols(): string[] {
    return [...this.books.keys()];
  }

  clear(): void {
    this.books.clear();
    this.byId.clear();
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  add(trigger: T): void {
    this.remove(trigger.id);
    const side = this.side(trigger.symbol, trigger.when);
    // falls-to: ascending, highest (nearest from above) last; rises-to: descending, lowest last.
    const before = trigger.when === 'falls-to' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
    let low = 0;
    let high = side.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(side[middle].level, trigger.level) || side[middle].level === trigger.level) low = middle + 1;
      else high = middle;
    }
    side.splice(low, 0, trigger);
    this.byId.set(trigger.id, trigger);
  }

  remove(id: string): void {
    const trigger = this.byId.get(id);
    if (!trigger) return;
    this.byId.delete(id);
    const book = this.books.get(trigger.symbol);
    if (!book) return;
    const side = trigger.when === 'falls-to' ? book.fallsTo : book.risesTo;
    side.splice(side.indexOf(trigger), 1);
    if (book.fallsTo.length === 0 && book.risesTo.length === 0) this.books.delete(trigger.symbol);
  }

  /** Takes out and returns every trigger `price` reaches on `symbol`, nearest level first. */
  takeTriggered(symbol: string, price: number): T[] {
    const book = this.books.get(symbol);
    if (!book) return [];
    const triggered = [...takeReached(book.fallsTo, (level) => level >= price), ...takeReached(book.risesTo, (level) => level <= price)];
    for (const trigger of triggered) this.byId.delete(trigger.id);
    if (book.fallsTo.length === 0 && book.risesTo.length === 0) this.books.delete(symbol);
    return triggered;
  }

  private side(symbol: string, when: TriggerWhen): T[] {
    let book = this.books.get(symbol);
    if (!book) {
      book = { fallsTo: [], risesTo: [] };
      this.books.set(symbol, book);
    }
    return when === 'falls-to' ? book.fallsTo : book.risesTo;
  }
}

/** Takes the triggers off the end of a side (its nearest levels) whose level the price reached, nearest first. */
function takeReached<T extends Trigger>(side: T[], isReached: (level: number) => boolean): T[] {
  let first = side.length;
  while (first > 0 && isReached(side[first - 1].level)) first -= 1;
  return side.splice(first).reverse();
}
