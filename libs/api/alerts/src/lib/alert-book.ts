import type { AlertCondition } from '@lilux/contracts';
import { Trigger, TriggerIndex, TriggerWhen } from '@lilux/api/shared';
import type { ArmedSide } from './entities/price-alert.entity';
import { RecentTicks } from './recent-ticks';

/** What the evaluator needs of an active alert to know when it fires. */
export interface WatchedAlert {
  id: string;
  userId: string;
  symbol: string;
  condition: AlertCondition;
  /** The level of `above`, `below` and `crosses`. */
  level: number | null;
  armedSide: ArmedSide | null;
  /** For `moves`: the move, in percent, and the window it is measured over. */
  movePercent: number | null;
  windowMinutes: number | null;
}

interface MoveWatch {
  alert: WatchedAlert;
  /** The move as a fraction (1.5 % is 0.015). */
  fraction: number;
}

/**
 * Every active alert of every symbol, arranged so that a tick costs a look at what it can fire: price levels in a
 * {@link TriggerIndex} (the nearest levels on each side), moves by window with the smallest move first, so that a
 * tick measures the move once per distinct window and stops at the first alert it does not reach. An alert that
 * fires is taken out; the caller puts it back when it is armed again.
 */
export class AlertBook {
  private readonly levels = new TriggerIndex<Trigger & { alert: WatchedAlert }>();
  /** symbol → window (minutes) → moves sorted by their fraction, smallest first. */
  private readonly moves = new Map<string, Map<number, MoveWatch[]>>();
  private readonly movesById = new Map<string, WatchedAlert>();
  private readonly ticks = new Map<string, RecentTicks>();

  get size(): number {
    return this.levels.size + this.movesById.size;
  }

  symbols(): string[] {
    return [...new Set([...this.levels.symbols(), ...this.moves.keys()])];
  }

  has(id: string): boolean {
    return this.levels.has(id) || this.movesById.has(id);
  }

  clear(): void {
    this.levels.clear();
    this.moves.clear();
    this.movesById.clear();
    this.ticks.clear();
  }

  add(alert: WatchedAlert): void {
    this.remove(alert.id);
    if (alert.condition === 'moves') {
      this.addMove(alert);
      return;
    }
    this.levels.add({ id: alert.id, symbol: alert.symbol, when: whenOf(alert), level: alert.level ?? 0, alert });
  }

  remove(id: string): void {
    this.levels.remove(id);
    const move = this.movesById.get(id);
    if (!move) return;
    this.movesById.delete(id);
    const windows = this.moves.get(move.symbol);
    const watches = windows?.get(move.windowMinutes ?? 0);
    if (!windows || !watches) return;
    watches.splice(
      watches.findIndex((watch) => watch.alert.id === id),
      1,
    );
    if (watches.length === 0) windows.delete(move.windowMinutes ?? 0);
    if (windows.size === 0) {
      this.moves.delete(move.symbol);
      this.ticks.delete(move.symbol);
    }
  }

  /** Takes out and returns every alert the tick `price` at `at` (ms) fires on `symbol`. */
  tick(symbol: string, price: number, at: number): WatchedAlert[] {
    const fired = this.levels.takeTriggered(symbol, price).map((trigger) => trigger.alert);
    const windows = this.moves.get(symbol);
    if (!windows) return fired;
    const ticks = this.ticks.get(symbol) ?? new RecentTicks();
    this.ticks.set(symbol, ticks);
    ticks.record(at, price, Math.max(...windows.keys()) * 60_000);
    for (const [windowMinutes, watches] of windows) {
      const reference = ticks.priceAt(at - windowMinutes * 60_000);
      if (reference === undefined || reference <= 0) continue;
      const moved = Math.abs(price - reference) / reference;
      let reached = 0;
      while (reached < watches.length && watches[reached].fraction <= moved) reached += 1;
      // The smallest moves come first: the ones reached are one prefix, taken out in one go.
      for (const { alert } of watches.splice(0, reached)) {
        this.movesById.delete(alert.id);
        fired.push(alert);
      }
      if (watches.length === 0) windows.delete(windowMinutes);
    }
    if (windows.size === 0) {
      this.moves.delete(symbol);
      this.ticks.delete(symbol);
    }
    return fired;
  }

  private addMove(alert: WatchedAlert): void {
    const windowMinutes = alert.windowMinutes ?? 0;
    let windows = this.moves.get(alert.symbol);
    if (!windows) {
      windows = new Map();
      this.moves.set(alert.symbol, windows);
    }
    let watches = windows.get(windowMinutes);
    if (!watches) {
      watches = [];
      windows.set(windowMinutes, watches);
    }
    const fraction = (alert.movePercent ?? 0) / 100;
    let at = 0;
    while (at < watches.length && watches[at].fraction <= fraction) at += 1;
    watches.splice(at, 0, { alert, fraction });
    this.movesById.set(alert.id, alert);
  }
}

/** `above` waits for the price to rise to its level, `below` to fall to it, `crosses` to come from where it was armed. */
function whenOf(alert: WatchedAlert): TriggerWhen {
  if (alert.condition === 'above') return 'rises-to';
  if (alert.condition === 'below') return 'falls-to';
  return alert.armedSide === 'above' ? 'falls-to' : 'rises-to';
}
