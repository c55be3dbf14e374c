/** One of the user's price alerts, drawn as a dashed line with a bell, apart from the order lines. */
export interface AlertLevel {
  id: string;
  price: number;
  /** What the line says ("🔔 Above 98,000"); also its accessible name. */
  label: string;
}

/** Where an alert line stands: `edge` when its level is off the price axis, pinned to that edge with an arrow. */
export interface PlacedAlertLine {
  level: AlertLevel;
  y: number;
  edge: 'top' | 'bottom' | null;
}

/**
 * Alert lines in pixels of the price grid. A level beyond what the axis shows is pinned to the nearer edge rather
 * than stretching the axis to reach it: an alert far from the price must not squash the candles into a strip.
 */
export function placeAlertLines(levels: readonly AlertLevel[], yOf: (price: number) => number, grid: { top: number; bottom: number }): PlacedAlertLine[] {
  return levels
    .map((level) => ({ level, y: yOf(level.price) }))
    .filter(({ y }) => Number.isFinite(y))
    .map(({ level, y }) => {
      if (y < grid.top) return { level, y: grid.top, edge: 'top' as const };
      if (y > grid.bottom) return { level, y: grid.bottom, edge: 'bottom' as const };
      return { level, y, edge: null };
    });
}
