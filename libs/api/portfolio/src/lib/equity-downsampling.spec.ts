import { type CurvePoint, downsample } from './equity-downsampling';

/** A seeded walk, the same on every run. */
function walk(length: number, seed = 7): CurvePoint[] {
  let state = seed;
  let value = 1000;
  return Array.from({ length }, (_, index) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    value += (state / 2 ** 31 - 0.5) * 10;
    return { time: 1_700_000_000_000 + index * 1000, value };
  });
}

describe('downsampling the equity curve', () => {
  it('returns a curve that fits as it is', () => {
    const points = walk(500);
    expect(downsample(points, 500)).toBe(points);
  });

  it('keeps at most the asked number of points, first and last included, in time order', () => {
    for (const length of [501, 1000, 12_345, 200_000]) {
      const points = walk(length);
      const kept = downsample(points, 500);
      expect(kept.length).toBeLessThanOrEqual(500);
      expect(kept[0]).toBe(points[0]);
      expect(kept[kept.length - 1]).toBe(points[points.length - 1]);
      for (let index = 1; index < kept.length; index++) expect(kept[index].time).toBeGreaterThan(kept[index - 1].time);
    }
  });

  it('keeps the lowest and the highest point of the whole curve, however short a spike', () => {
    const points = walk(100_000);
    points[31_337] = { ...points[31_337], value: -1e9 };
    points[77_777] = { ...points[77_777], value: 1e9 };
    const kept = downsample(points, 500);
    expect(kept).toContain(points[31_337]);
    expect(kept).toContain(points[77_777]);
  });

  it('keeps the lowest and highest point of every span of time', () => {
    const points = walk(10_000);
    const kept = downsample(points, 100);
    const span = (points[points.length - 1].time - points[0].time) / 49;
    for (let bucket = 0; bucket < 49; bucket++) {
      const inside = points.slice(1, -1).filter((point) => Math.min(48, Math.floor((point.time - points[0].time) / span)) === bucket);
      const values = inside.map((point) => point.value);
      expect(kept).toContainEqual(inside[values.indexOf(Math.min(...values))]);
      expect(kept).toContainEqual(inside[values.indexOf(Math.max(...values))]);
    }
  });

  it('copes with points that share one time', () => {
    const points = Array.from({ length: 2000 }, (_, index) => ({ time: 5, value: index % 17 }));
    expect(downsample(points, 500).length).toBeLessThanOrEqual(500);
  });
});
