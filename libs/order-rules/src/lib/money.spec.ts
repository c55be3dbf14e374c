import fc from 'fast-check';
import { floorToStep, money, roundToStep, toDecimalString } from './money';

describe('floorToStep', () => {
  it.each([
    ['0.123456789', '0.00001', '0.12345'],
    ['0.00001999', '0.00001', '0.00001'],
    ['0.000009', '0.00001', '0'],
    ['1', '0.00001', '1'],
    ['0.3', '0.1', '0.3'],
    ['12.7', '0.5', '12.5'],
    ['1234.5678', '1', '1234'],
    ['155', '10', '150'],
  ])('rounds %s down to %s, giving %s', (value, step, expected) => {
    expect(toDecimalString(floorToStep(money(value), money(step)))).toBe(expected);
  });

  it('never gives more than asked, nor a whole step less', () => {
    const steps = fc.constantFrom('0.00001', '0.001', '0.01', '0.5', '1', '10');
    // Values with up to 12 decimals, as typed or computed from a balance.
    const values = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 12 })).map(([units, decimals]) => money(units).div(money(10).pow(decimals)));
    fc.assert(
      fc.property(values, steps, (value, text) => {
        const step = money(text);
        const floored = floorToStep(value, step);
        return floored.lte(value) && value.minus(floored).lt(step) && floored.mod(step).isZero();
      }),
    );
  });
});

describe('roundToStep', () => {
  it.each([
    ['50000.006', '0.01', '50000.01'],
    ['50000.004', '0.01', '50000'],
    ['49999.996', '0.01', '50000'],
    ['0.004', '0.01', '0'],
    ['0.1234567', '0.000001', '0.123457'],
    ['101.3', '0.5', '101.5'],
  ])('rounds %s to the nearest %s, giving %s', (value, step, expected) => {
    expect(toDecimalString(roundToStep(money(value), money(step)))).toBe(expected);
  });

  it.each([
    ['50000.005', '50000'],
    ['50000.015', '50000.02'],
    ['101.245', '101.24'],
  ])('rounds a price exactly half a tick off, %s, to the even tick %s', (value, expected) => {
    expect(toDecimalString(roundToStep(money(value), money('0.01')))).toBe(expected);
  });
});

describe('toDecimalString', () => {
  it('writes plain decimals, without exponent or trailing zeros', () => {
    expect(toDecimalString(money('0.0000001'))).toBe('0.0000001');
    expect(toDecimalString(money('1e21'))).toBe('1000000000000000000000');
    expect(toDecimalString(money('12.500'))).toBe('12.5');
  });
});
