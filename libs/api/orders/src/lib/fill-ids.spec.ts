import { nextFillId } from './fill-ids';

describe('fill ids', () => {
  it('sort in the order they were made, also many in one millisecond and when the clock steps back', () => {
    const ids = [...Array.from({ length: 5000 }, () => nextFillId(1_800_000_000_000)), nextFillId(1_700_000_000_000), nextFillId(1_800_000_000_005)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are version 7 UUIDs', () => {
    expect(nextFillId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
