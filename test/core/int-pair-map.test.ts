import { describe, expect, it } from 'vitest';
import { IntPairMap } from '../../src/core/int-pair-map';

/** A small deterministic generator (mulberry32) for the model checks. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The reference: numbers pairs in order of first appearance with a Map keyed "a,b". */
class ModelPairMap {
  readonly ids = new Map<string, number>();
  readonly pairs: [number, number][] = [];
  id(a: number, b: number): number {
    const key = `${a},${b}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.pairs.length;
      this.ids.set(key, id);
      this.pairs.push([a, b]);
    }
    return id;
  }
}

describe('IntPairMap ids', () => {
  it('starts empty', () => {
    expect(new IntPairMap().size).toBe(0);
  });

  it('numbers pairs 0, 1, 2, … in order of first appearance, and repeats give the same id', () => {
    const map = new IntPairMap();
    expect(map.id(5, 7)).toBe(0);
    expect(map.id(0, 0)).toBe(1);
    expect(map.id(5, 7)).toBe(0);
    expect(map.id(3, 9)).toBe(2);
    expect(map.id(0, 0)).toBe(1);
    expect(map.id(3, 9)).toBe(2);
    expect(map.size).toBe(3);
  });

  it('keeps (a, b) and (b, a) apart', () => {
    const map = new IntPairMap();
    expect(map.id(1, 2)).toBe(0);
    expect(map.id(2, 1)).toBe(1);
    expect(map.id(1, 2)).toBe(0);
    expect(map.id(2, 1)).toBe(1);
    expect(map.firstOf(1)).toBe(2);
    expect(map.secondOf(1)).toBe(1);
    expect(map.size).toBe(2);
  });

  it('keeps apart pairs that share one element', () => {
    const map = new IntPairMap();
    const pairs: [number, number][] = [
      [0, 1],
      [0, 2],
      [1, 0],
      [2, 0],
      [1, 1],
      [0, 0],
    ];
    pairs.forEach(([a, b], i) => {
      expect(map.id(a, b)).toBe(i);
    });
    pairs.forEach(([a, b], i) => {
      expect(map.id(a, b)).toBe(i);
    });
    expect(map.size).toBe(pairs.length);
  });

  it('gives back each pair by its id with firstOf and secondOf', () => {
    const map = new IntPairMap();
    const pairs: [number, number][] = [
      [10, 20],
      [20, 10],
      [0, 0],
      [7, 0],
      [0, 7],
      [123456, 654321],
    ];
    for (const [a, b] of pairs) map.id(a, b);
    pairs.forEach(([a, b], id) => {
      expect(map.firstOf(id)).toBe(a);
      expect(map.secondOf(id)).toBe(b);
    });
  });

  it('does not change a pair by asking for it again', () => {
    const map = new IntPairMap();
    map.id(4, 5);
    map.id(6, 7);
    for (let k = 0; k < 10; k++) map.id(4, 5);
    expect(map.size).toBe(2);
    expect([map.firstOf(0), map.secondOf(0), map.firstOf(1), map.secondOf(1)]).toEqual([4, 5, 6, 7]);
  });
});

describe('IntPairMap growth against a Map model', () => {
  it('agrees with the model on 100,000 distinct pairs mixed with repeats', () => {
    const random = mulberry32(12345);
    const map = new IntPairMap();
    const model = new ModelPairMap();
    let calls = 0;
    while (model.pairs.length < 100_000) {
      let a: number;
      let b: number;
      const r = random();
      if (r < 0.3 && model.pairs.length > 0) {
        // A repeat of a known pair, or its mirror.
        const [x, y] = model.pairs[Math.floor(random() * model.pairs.length)];
        [a, b] = random() < 0.5 ? [x, y] : [y, x];
      } else if (r < 0.6) {
        // Small ids, as term ids mostly are: many shared first or second elements.
        a = Math.floor(random() * 400);
        b = Math.floor(random() * 400);
      } else {
        a = Math.floor(random() * 2_000_000);
        b = Math.floor(random() * 2_000_000);
      }
      const expected = model.id(a, b);
      const got = map.id(a, b);
      if (got !== expected) expect({ calls, a, b, got }).toEqual({ calls, a, b, got: expected });
      calls++;
    }
    expect(map.size).toBe(model.pairs.length);
    // Every pair still has its id after all the growth, and its elements back.
    let wrong = 0;
    model.pairs.forEach(([a, b], id) => {
      if (map.id(a, b) !== id || map.firstOf(id) !== a || map.secondOf(id) !== b) wrong++;
    });
    expect(wrong).toBe(0);
    expect(map.size).toBe(100_000);
  });

  it('keeps every pair of a dense grid (all a, b below 320) in row order', () => {
    const map = new IntPairMap();
    const n = 320;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) map.id(a, b);
    expect(map.size).toBe(n * n);
    let wrong = 0;
    for (let a = n - 1; a >= 0; a--)
      for (let b = n - 1; b >= 0; b--) {
        const id = a * n + b;
        if (map.id(a, b) !== id || map.firstOf(id) !== a || map.secondOf(id) !== b) wrong++;
      }
    expect(wrong).toBe(0);
    expect(map.size).toBe(n * n);
  });
});

describe('IntPairMap large integers', () => {
  const MAX_INT32 = 2 ** 31 - 1;

  it('keeps pairs up to 2^31 - 1 apart and gives them back', () => {
    const map = new IntPairMap();
    const pairs: [number, number][] = [
      [MAX_INT32, MAX_INT32],
      [MAX_INT32, 0],
      [0, MAX_INT32],
      [MAX_INT32 - 1, MAX_INT32],
      [MAX_INT32, MAX_INT32 - 1],
      [1_000_000_007, 998_244_353],
      [2 ** 30, 2 ** 30 + 1],
    ];
    pairs.forEach(([a, b], i) => {
      expect(map.id(a, b)).toBe(i);
    });
    pairs.forEach(([a, b], i) => {
      expect(map.id(a, b)).toBe(i);
      expect(map.firstOf(i)).toBe(a);
      expect(map.secondOf(i)).toBe(b);
    });
    expect(map.size).toBe(pairs.length);
  });

  it('agrees with the model on random pairs over the whole int32 range, through growth', () => {
    const random = mulberry32(99);
    const map = new IntPairMap();
    const model = new ModelPairMap();
    const draws: [number, number][] = [];
    for (let i = 0; i < 5000; i++)
      draws.push([Math.floor(random() * 2 ** 31), Math.floor(random() * 2 ** 31)]);
    let wrong = 0;
    for (const [a, b] of [...draws, ...draws.map(([a, b]) => [b, a] as [number, number]), ...draws])
      if (map.id(a, b) !== model.id(a, b)) wrong++;
    expect(wrong).toBe(0);
    expect(map.size).toBe(model.pairs.length);
    model.pairs.forEach(([a, b], id) => {
      if (map.firstOf(id) !== a || map.secondOf(id) !== b) wrong++;
    });
    expect(wrong).toBe(0);
  });
});
