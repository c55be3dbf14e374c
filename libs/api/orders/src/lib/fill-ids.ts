import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * A UUID (version 7) that sorts after every id this process made before: the milliseconds, then a counter within
 * the millisecond, then randomness. Fills are replayed in (time, id) order, and fills of one account are written
 * one transaction after another, so this order is the order in which the kept positions took them, also for fills
 * made in the same millisecond (or at the same time of a test's clock).
 */
export function nextFillId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, '0');
  const random = randomBytes(8);
  random[0] = (random[0] & 0x3f) | 0x80;
  const tail = random.toString('hex');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
