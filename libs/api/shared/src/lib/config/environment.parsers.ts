/** `a, b,,c` -> `['a', 'b', 'c']`; undefined -> `[]`. */
export function parseList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

const DURATION = /^(\d+)\s*(s|m|h|d)?$/i;
const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `3600`, `90m`, `1h`, `2d` -> seconds; anything else -> NaN, which validation then reports. */
export function parseDuration(value: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) return Number.NaN;
  return Number(match[1]) * SECONDS_PER_UNIT[(match[2] ?? 's').toLowerCase()];
}
