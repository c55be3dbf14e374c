/** A point of a curve: its time in ms, and the value that places it, as a number only to compare. */
export interface CurvePoint {
  time: number;
  value: number;
}

/**
 * At most `max` points of a curve sorted by time, without losing what a trader looks for: the first and the last
 * point, and in each of `(max − 2) / 2` equal spans of time between them its lowest and its highest point, in
 * time order. A curve that fits is returned as it is.
 */
export function downsample<T extends CurvePoint>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const first = points[0];
  const last = points[points.length - 1];
  const buckets = Math.floor((max - 2) / 2);
  const span = (last.time - first.time) / buckets;
  const kept: T[] = [first];
  let low: T | undefined;
  let high: T | undefined;
  let bucket = 0;
  const close = () => {
    if (low && high) kept.push(...(low === high ? [low] : low.time <= high.time ? [low, high] : [high, low]));
    low = high = undefined;
  };
  for (let index = 1; index < points.length - 1; index++) {
    const point = points[index];
    const at = span > 0 ? Math.min(buckets - 1, Math.floor((point.time - first.time) / span)) : 0;
    if (at !== bucket) {
      close();
      bucket = at;
    }
    if (!low || point.value < low.value) low = point;
    if (!high || point.value > high.value) high = point;
  }
  close();
  kept.push(last);
  return kept;
}
