import { placeAlertLines } from './alert-lines';

describe('placeAlertLines', () => {
  // An axis from 90,000 (y = 400) to 100,000 (y = 0).
  const yOf = (price: number) => ((100_000 - price) / 10_000) * 400;
  const grid = { top: 0, bottom: 400 };

  it('puts a level within the axis at its height', () => {
    expect(placeAlertLines([{ id: 'a', price: 95_000, label: 'Above 95,000' }], yOf, grid)).toEqual([
      { level: { id: 'a', price: 95_000, label: 'Above 95,000' }, y: 200, edge: null },
    ]);
  });

  it('pins a level beyond the axis to the nearer edge instead of stretching the axis to it', () => {
    const placed = placeAlertLines(
      [
        { id: 'far-up', price: 150_000, label: 'Above 150,000' },
        { id: 'far-down', price: 10_000, label: 'Below 10,000' },
      ],
      yOf,
      grid,
    );
    expect(placed.map(({ level, y, edge }) => [level.id, y, edge])).toEqual([
      ['far-up', 0, 'top'],
      ['far-down', 400, 'bottom'],
    ]);
  });

  it('leaves out a level the axis cannot place yet', () => {
    expect(placeAlertLines([{ id: 'a', price: 95_000, label: '' }], () => NaN, grid)).toEqual([]);
  });
});
