/**
 * Integer hashing that turns (key, lane, index) into a repeatable uniform number. Every random choice of the
 * simulated feed goes through here, which is what lets any minute of history be generated on its own.
 */
export function hash32(key: number, lane: number, index: number): number {
  let h = key ^ Math.imul(lane + 0x632be5ab, 0x9e3779b1) ^ Math.imul(index, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Uniform in [0, 1). */
export function unit(key: number, lane: number, index: number): number {
  return hash32(key, lane, index) / 4_294_967_296;
}

/** Uniform in [-1, 1). */
export function signedUnit(key: number, lane: number, index: number): number {
  return unit(key, lane, index) * 2 - 1;
}

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
