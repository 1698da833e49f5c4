import { describe, expect, it } from 'vitest';
import { blendNeighbours } from '../../src/core/blend';
import { lsaBasis, lsaVectors, projectRows, symmetricEigen } from '../../src/core/lsa';
import { seededRandom } from '../../src/core/random';
import { emptyNeighbours, type Neighbours, topNeighbours } from '../../src/core/similarity';
import type { CsrMatrix } from '../../src/core/sparse';
import { randomMatrix } from './random-matrix';

function randomSymmetric(seed: number, l: number): Float64Array {
  const rand = seededRandom(seed);
  const a = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      const v = rand() - 0.5;
      a[i * l + j] = v;
      a[j * l + i] = v;
    }
  }
  return a;
}

/** Aᵀ A of a CSR matrix, dense (cols × cols). */
function gramOfColumns(m: CsrMatrix): Float64Array {
  const g = new Float64Array(m.cols * m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) {
      for (let q = m.rowPtr[r]; q < m.rowPtr[r + 1]; q++) {
        g[m.colIdx[p] * m.cols + m.colIdx[q]] += m.values[p] * m.values[q];
      }
    }
  }
  return g;
}

/** ‖A v‖ for a dense column vector v. */
function normOfProduct(m: CsrMatrix, v: (c: number) => number): number {
  let sum = 0;
  for (let r = 0; r < m.rows; r++) {
    let dot = 0;
    for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) dot += m.values[p] * v(m.colIdx[p]);
    sum += dot * dot;
  }
  return Math.sqrt(sum);
}

/** Papers drawn from three planted topics, each a set of ten words, with a little noise. */
function plantedTopics(seed: number, rows: number): { m: CsrMatrix; topic: number[] } {
  const rand = seededRandom(seed);
  const cols = 40;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  const topic: number[] = [];
  for (let r = 0; r < rows; r++) {
    const t = r % 3;
    topic.push(t);
    const row = new Float64Array(cols);
    for (let w = 0; w < 4; w++) row[t * 10 + Math.floor(rand() * 10)] += 1;
    row[30 + Math.floor(rand() * 10)] += 0.3;
    let norm = 0;
    for (const v of row) norm += v * v;
    for (let c = 0; c < cols; c++) {
      if (row[c] === 0) continue;
      colIdx.push(c);
      values.push(row[c] / Math.sqrt(norm));
    }
    rowPtr[r + 1] = colIdx.length;
  }
  return {
    m: { rows, cols, rowPtr, colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) },
    topic,
  };
}

describe('symmetricEigen', () => {
  it('finds eigenpairs A v = λ v, largest first, with orthonormal vectors', () => {
    const l = 12;
    const a = randomSymmetric(3, l);
    const { values, vectors } = symmetricEigen(a, l);
    for (let k = 1; k < l; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
    for (let k = 0; k < l; k++) {
      for (let r = 0; r < l; r++) {
        let av = 0;
        for (let c = 0; c < l; c++) av += a[r * l + c] * vectors[c * l + k];
        expect(av).toBeCloseTo(values[k] * vectors[r * l + k], 10);
      }
      for (let j = 0; j < l; j++) {
        let dot = 0;
        for (let r = 0; r < l; r++) dot += vectors[r * l + k] * vectors[r * l + j];
        expect(dot).toBeCloseTo(k === j ? 1 : 0, 10);
      }
    }
  });
});

describe('lsaBasis', () => {
  it('finds the singular directions of the rows exactly when it searches the whole column space', () => {
    // 12 columns, each in many rows; 4 + 10 oversampled directions cover them all.
    const m = randomMatrix(11, 120, 12, 0.4);
    const dims = 4;
    const { dims: got, slot, basis } = lsaBasis(m, { dims, sample: m.rows, iterations: 1, seed: 1 });
    expect(got).toBe(dims);
    const exact = symmetricEigen(gramOfColumns(m), m.cols).values;
    for (let k = 0; k < dims; k++) {
      expect(Array.from(slot).every((s) => s >= 0)).toBe(true);
      const sigma = normOfProduct(m, (c) => basis[slot[c] * dims + k]);
      // Exact up to the basis's single precision (a relative 6e-8).
      expect(Math.abs(sigma / Math.sqrt(exact[k]) - 1)).toBeLessThan(2e-7);
      for (let j = 0; j < dims; j++) {
        let dot = 0;
        for (let c = 0; c < m.cols; c++) dot += basis[slot[c] * dims + k] * basis[slot[c] * dims + j];
        expect(dot).toBeCloseTo(k === j ? 1 : 0, 6);
      }
    }
  });

  it('comes within a percent of the leading singular values when it searches part of the space', () => {
    const m = randomMatrix(12, 300, 60, 0.15);
    const dims = 5;
    const { slot, basis } = lsaBasis(m, { dims, sample: m.rows, iterations: 3, seed: 2 });
    const exact = symmetricEigen(gramOfColumns(m), m.cols).values;
    for (let k = 0; k < dims; k++) {
      const sigma = normOfProduct(m, (c) => (slot[c] < 0 ? 0 : basis[slot[c] * dims + k]));
      expect(Math.abs(sigma - Math.sqrt(exact[k])) / Math.sqrt(exact[k])).toBeLessThan(0.01);
    }
  });

  it('gives the same bits on every run, and zero rows for terms the sample never holds twice', () => {
    const m = randomMatrix(5, 200, 50, 0.1);
    const a = lsaBasis(m, { dims: 8, sample: 60, iterations: 2, seed: 7 });
    const b = lsaBasis(m, { dims: 8, sample: 60, iterations: 2, seed: 7 });
    expect(Buffer.from(a.basis.buffer).equals(Buffer.from(b.basis.buffer))).toBe(true);
    const held = new Int32Array(m.cols);
    for (let s = 0; s < 60; s++) {
      const r = Math.floor((s * m.rows) / 60);
      for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) held[m.colIdx[p]]++;
    }
    for (let c = 0; c < m.cols; c++) expect(a.slot[c] < 0).toBe(held[c] < 2);
    expect(a.basis.length).toBe(8 * Array.from(held).filter((h) => h >= 2).length);
    expect(Array.from(held).some((h) => h < 2)).toBe(true);
  });
});

describe('lsaVectors', () => {
  it('puts papers of one planted topic closer to each other than to the other topics', () => {
    const { m, topic } = plantedTopics(2, 90);
    const { dims, vectors } = lsaVectors(m, { dims: 3, sample: 90, iterations: 2, seed: 1 });
    expect(dims).toBe(3);
    const cos = (i: number, j: number): number => {
      let s = 0;
      for (let d = 0; d < dims; d++) s += vectors[i * dims + d] * vectors[j * dims + d];
      return s;
    };
    let same = 0;
    let other = 0;
    let sameCount = 0;
    let otherCount = 0;
    for (let i = 0; i < m.rows; i++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += vectors[i * dims + d] ** 2;
      expect(norm).toBeCloseTo(1, 6);
      for (let j = i + 1; j < m.rows; j++) {
        if (topic[i] === topic[j]) {
          same += cos(i, j);
          sameCount++;
        } else {
          other += cos(i, j);
          otherCount++;
        }
      }
    }
    expect(same / sameCount).toBeGreaterThan(0.8);
    expect(other / otherCount).toBeLessThan(0.2);
  });

  it('leaves an empty row at zero and gives nothing for 0 dimensions', () => {
    const m = randomMatrix(9, 40, 20, 0.3);
    const empty = Array.from({ length: m.rows }, (_, r) => r).find((r) => m.rowPtr[r + 1] === m.rowPtr[r]);
    expect(empty).toBeDefined();
    const basis = lsaBasis(m, { dims: 4, sample: 40, iterations: 1, seed: 1 });
    const { dims } = basis;
    const vectors = projectRows(m, basis);
    for (let d = 0; d < dims; d++) expect(vectors[(empty as number) * dims + d]).toBe(0);
    expect(lsaVectors(m, { dims: 0, sample: 40, iterations: 1, seed: 1 }).dims).toBe(0);
  });
});

describe('blendNeighbours', () => {
  const m = randomMatrix(21, 80, 40, 0.15);
  const candidates = topNeighbours(m, 12, { candidateMaxDf: m.rows });
  const { dims, vectors } = lsaVectors(m, { dims: 6, sample: 80, iterations: 2, seed: 1 });
  const lists = (nb: Neighbours): number[][] =>
    Array.from({ length: nb.n }, (_, i) => Array.from(nb.index.subarray(i * nb.k, i * nb.k + nb.count[i])));

  it('with all weight on the terms keeps the TF-IDF order', () => {
    const blended = blendNeighbours(candidates, vectors, dims, { termWeight: 1, k: 5 });
    const top5 = topNeighbours(m, 5, { candidateMaxDf: m.rows });
    expect(lists(blended)).toEqual(lists(top5));
  });

  it('chooses only among the candidates (papers sharing terms), ranked by the blended score', () => {
    const blended = blendNeighbours(candidates, vectors, dims, { termWeight: 0.5, k: 5 });
    let reordered = 0;
    for (let i = 0; i < m.rows; i++) {
      const pool = Array.from(candidates.index.subarray(i * 12, i * 12 + candidates.count[i]));
      const got = Array.from(blended.index.subarray(i * 5, i * 5 + blended.count[i]));
      expect(blended.count[i]).toBe(Math.min(5, candidates.count[i]));
      for (const j of got) expect(pool).toContain(j);
      const score = (j: number): number => {
        let cos = 0;
        for (let d = 0; d < dims; d++) cos += vectors[i * dims + d] * vectors[j * dims + d];
        return 0.5 * candidates.score[i * 12 + pool.indexOf(j)] + 0.5 * cos;
      };
      const expected = [...pool].sort((a, b) => score(b) - score(a) || a - b).slice(0, 5);
      expect(got).toEqual(expected);
      got.forEach((j, r) => {
        expect(blended.score[i * 5 + r]).toBe(score(j));
      });
      if (got.join() !== pool.slice(0, 5).join()) reordered++;
    }
    expect(reordered).toBeGreaterThan(0);
  });

  it('scores a pair the same from both ends', () => {
    const blended = blendNeighbours(candidates, vectors, dims, { termWeight: 0.5, k: 12 });
    let pairs = 0;
    for (let i = 0; i < m.rows; i++) {
      for (let r = 0; r < blended.count[i]; r++) {
        const j = blended.index[i * 12 + r];
        const back = Array.from(blended.index.subarray(j * 12, j * 12 + blended.count[j])).indexOf(i);
        if (back < 0) continue;
        expect(blended.score[j * 12 + back]).toBe(blended.score[i * 12 + r]);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(0);
  });

  it('gives papers without candidates no neighbours', () => {
    const none = emptyNeighbours(3, 4);
    const blended = blendNeighbours(none, new Float32Array(3 * 2), 2, { termWeight: 0.5, k: 2 });
    expect(Array.from(blended.count)).toEqual([0, 0, 0]);
  });
});
