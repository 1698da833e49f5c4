import { describe, expect, it } from 'vitest';
import { portableLog } from '../../src/core/portable-math';

/** The distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const view = new Float64Array([a, b]);
  const ints = new BigInt64Array(view.buffer);
  const d = ints[0] - ints[1];
  return Number(d < 0n ? -d : d);
}

describe('portableLog', () => {
  // fdlibm's results (the same bits on every engine, since only +, −, ×, ÷ are used).
  it.each([
    [1, 0],
    [2, Math.LN2],
    [10, Math.LN10],
    [0.5, -Math.LN2],
    [3.7, 1.308332819650179],
    [1e-300, -690.7755278982137],
    [5e-324, -744.4400719213812],
    [123456789, 18.63140176616802],
    [1.0000001, 9.999999505838704e-8],
    [0.999999, -0.000001000000500029089],
    [Math.E, 1],
  ])('log(%d) = %d', (x, expected) => {
    expect(portableLog(x)).toBe(expected);
  });

  it('gives the special values of log', () => {
    expect(portableLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(portableLog(-0)).toBe(Number.NEGATIVE_INFINITY);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Number.NaN)).toBeNaN();
    expect(portableLog(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is within one ulp of the engine, and exact on the ratios and counts TF-IDF takes', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 20000; i++) {
      for (const x of [next() * 1e6, next(), 1 + next() * 1e-6, next() * 1e-310]) {
        if (x === 0) continue;
        expect(ulps(portableLog(x), Math.log(x))).toBeLessThanOrEqual(1);
      }
    }
    // Sums of logs of integers stay exact: log(a·b) = log a + log b within rounding.
    for (const n of [2, 3, 1000, 65536]) {
      expect(Math.abs(portableLog(n * n) - 2 * portableLog(n))).toBeLessThan(1e-12);
    }
  });
});
