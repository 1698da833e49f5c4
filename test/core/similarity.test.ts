import { describe, expect, it } from 'vitest';
import { corpusRow, mergeShards } from '../../src/core/corpus';
import {
  mergeNeighbours,
  type Neighbours,
  neighbourShard,
  searchIndex,
  topNeighbours,
} from '../../src/core/similarity';
import { type CsrMatrix, rowDot, toCsc } from '../../src/core/sparse';
import { analyzeShard } from '../../src/core/text';
import { tfidf } from '../../src/core/tfidf';
import { randomMatrix } from './random-matrix';

/** Every pair scored by rowDot; each paper's positive ones sorted by score desc, then index asc. */
function bruteForce(m: CsrMatrix, k: number): Array<Array<[number, number]>> {
  const lists: Array<Array<[number, number]>> = [];
  for (let i = 0; i < m.rows; i++) {
    const all: Array<[number, number]> = [];
    for (let j = 0; j < m.rows; j++) {
      if (j === i) continue;
      const s = rowDot(m, i, j);
      if (s > 0) all.push([j, s]);
    }
    all.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    lists.push(all.slice(0, k));
  }
  return lists;
}

function listsOf(nb: Neighbours): Array<Array<[number, number]>> {
  return Array.from({ length: nb.n }, (_, i) =>
    Array.from({ length: nb.count[i] }, (_, r): [number, number] => [
      nb.index[i * nb.k + r],
      nb.score[i * nb.k + r],
    ]),
  );
}

function sharded(m: CsrMatrix, k: number, shards: number): Neighbours {
  const index = searchIndex(m);
  return mergeNeighbours(
    Array.from({ length: shards }, (_, shard) => neighbourShard(m, k, { shard, shards }, index)),
  );
}

const SIZES = [0, 1, 2, 5, 17, 60, 150];
const DENSITIES = [0.02, 0.1, 0.4];
const CASES = SIZES.flatMap((n, a) =>
  DENSITIES.flatMap((density, b) =>
    [false, true].map((binary, c) => ({ n, density, binary, seed: 1 + a * 97 + b * 13 + c })),
  ),
);

describe('topNeighbours equals brute force', () => {
  it.each(CASES)('n=$n density=$density binary=$binary', ({ n, density, binary, seed }) => {
    const m = randomMatrix(seed, n, 40, density, binary);
    for (const k of [1, 3, 10, n + 5]) {
      const nb = topNeighbours(m, k);
      expect(nb.n).toBe(n);
      expect(nb.k).toBe(k);
      expect(listsOf(nb)).toEqual(bruteForce(m, k));
      // Unused slots stay empty.
      const used = Array.from(nb.index, (_, p) => p % k < nb.count[Math.floor(p / k)]);
      expect(Array.from(nb.index, (j) => j >= 0)).toEqual(used);
    }
  });

  it('gives a paper with no terms no neighbours and never lists it', () => {
    const m: CsrMatrix = {
      rows: 3,
      cols: 2,
      rowPtr: Int32Array.from([0, 1, 1, 2]),
      colIdx: Int32Array.from([0, 0]),
      values: Float64Array.from([1, 1]),
    };
    const nb = topNeighbours(m, 5);
    expect([...nb.count]).toEqual([1, 0, 1]);
    expect(listsOf(nb)).toEqual([[[2, 1]], [], [[0, 1]]]);
  });

  it('lists no neighbour twice and no zero score when a row stores an explicit zero', () => {
    // A valid CSR matrix (tfidf writes such zeros when the title weight is 0): rows 0 and 1 share
    // column 0 only through a stored 0, and column 2 with a positive product.
    const m: CsrMatrix = {
      rows: 3,
      cols: 4,
      rowPtr: Int32Array.from([0, 3, 6, 8]),
      colIdx: Int32Array.from([0, 1, 2, 0, 2, 3, 1, 3]),
      values: Float64Array.from([0, Math.SQRT1_2, Math.SQRT1_2, 0, 0.6, 0.8, 0.6, 0.8]),
    };
    const nb = topNeighbours(m, 3);
    for (const list of listsOf(nb)) {
      const indices = list.map(([j]) => j);
      expect(new Set(indices).size).toBe(indices.length);
      for (const [, s] of list) expect(s).toBeGreaterThan(0);
    }
    expect(listsOf(nb)).toEqual(bruteForce(m, 3));
  });
});

describe('sharded search equals one shard, exactly', () => {
  it.each(CASES.filter((c) => c.n > 0))(
    'n=$n density=$density binary=$binary',
    ({ n, density, binary, seed }) => {
      const m = randomMatrix(seed, n, 40, density, binary);
      for (const k of [1, 4, n + 2]) {
        const one = topNeighbours(m, k);
        // More shards than rows (some shards empty) for the small sizes.
        for (const shards of [2, 3, 7, Math.min(n + 1, 24)]) {
          const many = sharded(m, k, shards);
          expect(many.count).toEqual(one.count);
          expect(many.index).toEqual(one.index);
          expect(many.score).toEqual(one.score);
        }
      }
    },
  );

  it('handles n = 0 with several shards', () => {
    const m = randomMatrix(3, 0, 10, 0.5, false);
    const nb = sharded(m, 3, 4);
    expect(nb.n).toBe(0);
    expect(nb.index).toHaveLength(0);
  });
});

describe('cosine on real texts', () => {
  const texts = [
    'Graph neural networks learn node embeddings for molecular property prediction.',
    'Graph neural networks learn node embeddings for molecular property prediction.',
    'Diffusion models generate images by iterative denoising of Gaussian noise.',
    'Molecular property prediction benefits from pretraining graph encoders on large molecule sets.',
    'Quantum annealing hardware solves lattice spin glass instances.',
    'Denoising diffusion samplers trade speed for image quality.',
  ];
  const corpus = mergeShards([
    analyzeShard(
      texts.map((abstract) => ({ title: '', abstract })),
      { titleWeight: 1, bigrams: true },
    ),
  ]);
  const m = tfidf(corpus, { minDf: 1, maxDf: 1 });
  const shares = (a: number, b: number): boolean => {
    const terms = (d: number) => new Set(corpusRow(corpus, d).terms);
    const tb = terms(b);
    return [...terms(a)].some((t) => tb.has(t));
  };

  it('is symmetric and within [0, 1]', () => {
    for (let a = 0; a < texts.length; a++) {
      for (let b = 0; b < texts.length; b++) {
        const s = rowDot(m, a, b);
        expect(s).toBe(rowDot(m, b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
  });

  it('is 1 for identical texts and for a text with itself', () => {
    expect(Math.abs(rowDot(m, 0, 1) - 1)).toBeLessThan(1e-12);
    for (let a = 0; a < texts.length; a++) expect(Math.abs(rowDot(m, a, a) - 1)).toBeLessThan(1e-12);
  });

  it('is 0 for texts that share no term, and positive for texts that do', () => {
    expect(shares(0, 4)).toBe(false);
    expect(rowDot(m, 0, 4)).toBe(0);
    expect(shares(2, 3)).toBe(false);
    expect(rowDot(m, 2, 3)).toBe(0);
    expect(shares(0, 3)).toBe(true);
    expect(rowDot(m, 0, 3)).toBeGreaterThan(0);
    expect(rowDot(m, 2, 5)).toBeGreaterThan(0);
  });

  it('gives the nearest neighbours by these scores, the identical text first', () => {
    const nb = topNeighbours(m, 3);
    expect(nb.index[0]).toBe(1);
    expect(nb.index[3]).toBe(0);
    expect(Math.abs(nb.score[0] - 1)).toBeLessThan(1e-12);
    // Paper 4 shares nothing with anyone: no neighbours at all.
    expect(nb.count[4]).toBe(0);
    expect(listsOf(nb)).toEqual(bruteForce(m, 3));
  });
});

describe('neighbour search with a candidate document-frequency cap', () => {
  // Terms above the cap find no candidates themselves but still count in every score: each listed
  // score must be the exact cosine, lists best first, and the sharded search identical to one shard.
  const caps = [1, 3, 10];
  for (const cap of caps) {
    it(`reports exact, ordered scores with candidateMaxDf ${cap}`, () => {
      const m = randomMatrix(cap + 101, 80, 30, 0.2, false);
      const k = 6;
      const one = topNeighbours(m, k, { candidateMaxDf: cap, candidates: 4 });
      for (let i = 0; i < m.rows; i++) {
        for (let r = 0; r < one.count[i]; r++) {
          const j = one.index[i * k + r];
          expect(one.score[i * k + r]).toBeCloseTo(rowDot(m, i, j), 12);
          if (r > 0) expect(one.score[i * k + r]).toBeLessThanOrEqual(one.score[i * k + r - 1]);
        }
      }
      const index = searchIndex(m, cap);
      const parts = [0, 1, 2].map((shard) =>
        neighbourShard(m, k, { shard, shards: 3, candidates: 4 }, index),
      );
      const merged = mergeNeighbours(parts);
      expect(merged.index).toEqual(one.index);
      expect(merged.score).toEqual(one.score);
    });
  }

  it('with room for every candidate, equals brute force over the pairs that share a rare term', () => {
    const m = randomMatrix(7, 70, 40, 0.15, false);
    const cap = 8;
    const csc = toCsc(m);
    const df = (c: number): number => csc.colPtr[c + 1] - csc.colPtr[c];
    const sharesRare = (a: number, b: number): boolean => {
      for (let e = m.rowPtr[a]; e < m.rowPtr[a + 1]; e++) {
        const c = m.colIdx[e];
        if (df(c) > cap) continue;
        for (let f = m.rowPtr[b]; f < m.rowPtr[b + 1]; f++) if (m.colIdx[f] === c) return true;
      }
      return false;
    };
    const k = 5;
    const got = topNeighbours(m, k, { candidateMaxDf: cap, candidates: m.rows });
    let rareTermsMatter = false;
    for (let i = 0; i < m.rows; i++) {
      const expected: Array<[number, number]> = [];
      for (let j = 0; j < m.rows; j++) {
        if (j === i) continue;
        const s = rowDot(m, i, j);
        if (s > 0 && sharesRare(i, j)) expected.push([j, s]);
        if (s > 0 && !sharesRare(i, j)) rareTermsMatter = true;
      }
      expected.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const list = Array.from(got.index.subarray(i * k, i * k + got.count[i]));
      expect(list).toEqual(expected.slice(0, k).map(([j]) => j));
    }
    // The case must exercise the cap: some positive pairs share only common terms.
    expect(rareTermsMatter).toBe(true);
  });
});
