import { describe, expect, it } from 'vitest';
import { type Corpus, corpusTerm, corpusTerms, mergeShards } from '../../src/core/corpus';
import { packStrings } from '../../src/core/packed-strings';
import { analyzeShard, type TextInput } from '../../src/core/text';
import { dfBounds, type TfidfMatrix, tfidf } from '../../src/core/tfidf';

/** A corpus from explicit rows of [term id, count]; rows may list terms in any order. */
function corpusOf(terms: string[], rows: Array<Array<[number, number]>>): Corpus {
  const docPtr = new Int32Array(rows.length + 1);
  const docTerms: number[] = [];
  const docCounts: number[] = [];
  rows.forEach((row, d) => {
    for (const [t, c] of row) {
      docTerms.push(t);
      docCounts.push(c);
    }
    docPtr[d + 1] = docTerms.length;
  });
  // One shard holds the rows and the terms' strings, as a merged corpus keeps them.
  const shard = {
    docs: rows.length,
    terms: packStrings(terms, true),
    docPtr,
    docTerms: Int32Array.from(docTerms),
    docCounts: Float64Array.from(docCounts),
    surfacePtr: new Int32Array(terms.length + 1),
    surfaces: packStrings([], false),
    surfaceCounts: new Float64Array(0),
  };
  return {
    docs: rows.length,
    termCount: terms.length,
    shards: [shard],
    localToGlobal: [Int32Array.from(terms, (_, t) => t)],
    rowStart: new Int32Array(1),
    termShard: new Int32Array(terms.length),
    termLocal: Int32Array.from(terms, (_, t) => t),
  };
}

/** Row `d` as term → weight. */
function rowOf(m: TfidfMatrix, corpus: Corpus, d: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let p = m.rowPtr[d]; p < m.rowPtr[d + 1]; p++)
    out[corpusTerm(corpus, m.columnTerm[m.colIdx[p]])] = m.values[p];
  return out;
}

/** The formula, written out: sublinear tf, smoothed idf, L2 norm. */
function expectedRow(
  counts: Record<string, number>,
  df: Record<string, number>,
  n: number,
): Record<string, number> {
  const raw: Record<string, number> = {};
  let sq = 0;
  for (const [term, tf] of Object.entries(counts)) {
    const idf = Math.log((1 + n) / (1 + df[term])) + 1;
    const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * idf;
    raw[term] = w;
    sq += w * w;
  }
  const norm = Math.sqrt(sq);
  return Object.fromEntries(Object.entries(raw).map(([t, w]) => [t, w / norm]));
}

function expectRowsClose(actual: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [term, w] of Object.entries(expected)) expect(actual[term]).toBeCloseTo(w, 12);
}

function expectWellFormed(m: TfidfMatrix): void {
  expect(m.rowPtr).toHaveLength(m.rows + 1);
  expect(m.rowPtr[0]).toBe(0);
  expect(m.colIdx).toHaveLength(m.rowPtr[m.rows]);
  for (let d = 0; d < m.rows; d++) {
    let sq = 0;
    for (let p = m.rowPtr[d]; p < m.rowPtr[d + 1]; p++) {
      if (p > m.rowPtr[d]) expect(m.colIdx[p]).toBeGreaterThan(m.colIdx[p - 1]);
      expect(m.colIdx[p]).toBeGreaterThanOrEqual(0);
      expect(m.colIdx[p]).toBeLessThan(m.cols);
      expect(m.values[p]).toBeGreaterThan(0);
      sq += m.values[p] ** 2;
    }
    if (m.rowPtr[d + 1] === m.rowPtr[d]) expect(sq).toBe(0);
    else expect(Math.sqrt(sq)).toBeCloseTo(1, 12);
  }
}

// Terms a..e over four papers (the last one empty); counts chosen so tf takes several values.
//   a: papers 0, 1        (df 2)      b: papers 0, 2 (df 2)     c: papers 1, 2 (df 2)
//   d: paper 2            (df 1)      e: papers 0, 1, 2 (df 3)
const TERMS = ['a', 'b', 'c', 'd', 'e'];
const A = 0;
const B = 1;
const C = 2;
const D = 3;
const E = 4;
const ROWS: Array<Array<[number, number]>> = [
  [
    [A, 3],
    [B, 1],
    [E, 2],
  ],
  // Listed out of term order on purpose: the matrix rows must still come out sorted by column.
  [
    [E, 1],
    [C, 2],
    [A, 1],
  ],
  [
    [D, 1],
    [C, 1],
    [B, 4],
    [E, 5],
  ],
  [],
];
const COUNTS = ROWS.map((row) => Object.fromEntries(row.map(([t, c]) => [TERMS[t], c])));
const DF = { a: 2, b: 2, c: 2, d: 1, e: 3 };

describe('tfidf: weights by the formula', () => {
  it('matches sublinear tf × smoothed idf, L2-normalised, with every term kept', () => {
    const corpus = corpusOf(TERMS, ROWS);
    const m = tfidf(corpus, { minDf: 1, maxDf: 1 });
    expect(m.rows).toBe(4);
    expect(m.cols).toBe(5);
    expect([...m.columnTerm]).toEqual([0, 1, 2, 3, 4]);
    expect([...m.df]).toEqual([2, 2, 2, 1, 3]);
    for (let c = 0; c < m.cols; c++) expect(m.idf[c]).toBeCloseTo(Math.log(5 / (1 + m.df[c])) + 1, 14);
    for (let d = 0; d < 4; d++) expectRowsClose(rowOf(m, corpus, d), expectedRow(COUNTS[d], DF, 4));
    expectWellFormed(m);
  });

  it('checks one weight written out in full', () => {
    // Paper 0: a (tf 3, df 2), b (tf 1, df 2), e (tf 2, df 3); n = 4.
    const idf2 = Math.log(5 / 3) + 1;
    const idf3 = Math.log(5 / 4) + 1;
    const a = (1 + Math.log(3)) * idf2;
    const b = 1 * idf2;
    const e = (1 + Math.log(2)) * idf3;
    const norm = Math.sqrt(a * a + b * b + e * e);
    const m = tfidf(corpusOf(TERMS, ROWS), { minDf: 1, maxDf: 1 });
    expect([...m.colIdx.slice(m.rowPtr[0], m.rowPtr[1])]).toEqual([0, 1, 4]);
    expect(m.values[m.rowPtr[0]]).toBeCloseTo(a / norm, 14);
    expect(m.values[m.rowPtr[0] + 1]).toBeCloseTo(b / norm, 14);
    expect(m.values[m.rowPtr[0] + 2]).toBeCloseTo(e / norm, 14);
  });

  it('uses the count itself as tf below 1 (a title weight under 1), so weights stay positive', () => {
    const corpus = corpusOf(
      ['x', 'y'],
      [
        [
          [0, 0.5],
          [1, 1.5],
        ],
        [[1, 1]],
      ],
    );
    const m = tfidf(corpus, { minDf: 1, maxDf: 1 });
    expectRowsClose(rowOf(m, corpus, 0), expectedRow({ x: 0.5, y: 1.5 }, { x: 1, y: 2 }, 2));
    expectWellFormed(m);
  });
});

describe('tfidf: document frequency bounds', () => {
  it.each([
    // label, minDf, maxDf, kept terms
    ['all', 1, 1, ['a', 'b', 'c', 'd', 'e']],
    ['min 2 papers (count)', 2, 1, ['a', 'b', 'c', 'e']],
    ['min half the papers (share)', 0.5, 1, ['a', 'b', 'c', 'e']],
    ['max half the papers (share)', 1, 0.5, ['a', 'b', 'c', 'd']],
    ['max 2 papers (count)', 1, 2, ['a', 'b', 'c', 'd']],
    ['both', 2, 0.5, ['a', 'b', 'c']],
    ['min 3 papers', 3, 1, ['e']],
    ['nothing left', 4, 1, []],
  ])('%s', (_label, minDf, maxDf, kept) => {
    const corpus = corpusOf(TERMS, ROWS);
    const m = tfidf(corpus, { minDf, maxDf });
    expect([...m.columnTerm].map((t) => TERMS[t])).toEqual(kept);
    expect(m.cols).toBe(kept.length);
    // Dropped terms are gone before weighting: idf still counts all n papers, rows are renormalised.
    for (let d = 0; d < 4; d++) {
      const counts = Object.fromEntries(Object.entries(COUNTS[d]).filter(([t]) => kept.includes(t)));
      const expected = Object.keys(counts).length === 0 ? {} : expectedRow(counts, DF, 4);
      expectRowsClose(rowOf(m, corpus, d), expected);
    }
    expectWellFormed(m);
  });

  it.each([
    // n, minDf, maxDf, min, max
    // A share never puts the maximum below the minimum (tiny sets keep the terms their papers share).
    [0, 2, 0.5, 2, 2],
    [0, 0.1, 1, 1, 1],
    [0, 1, 5, 1, 5],
    [1, 1, 1, 1, 1],
    [1, 2, 0.5, 2, 2],
    [1, 0.5, 0.5, 1, 1],
    [1, 0.5, 1, 1, 1],
    [10, 2, 0.5, 2, 5],
    [10, 0.25, 0.95, 3, 9],
    [10, 1, 1, 1, 10],
    [10, 1, 3, 1, 3],
    [10, 0, 1, 1, 10],
    [10, 1.5, 2.5, 2, 2],
    [3, 2, 0.5, 2, 2],
    [104, 2, 0.5, 2, 52],
    [100, 0.02, 0.5, 2, 50],
  ])('dfBounds(n=%i, minDf=%d, maxDf=%d) = [%i, %i]', (n, minDf, maxDf, min, max) => {
    expect(dfBounds(n, { minDf, maxDf })).toEqual({ min, max });
  });
});

describe('tfidf: edge cases', () => {
  it('gives an empty matrix for no papers', () => {
    const m = tfidf(corpusOf([], []), { minDf: 1, maxDf: 1 });
    expect(m.rows).toBe(0);
    expect(m.cols).toBe(0);
    expect([...m.rowPtr]).toEqual([0]);
    expect(m.values).toHaveLength(0);
  });

  it('gives one paper idf 1 and a unit row when its terms are kept', () => {
    const corpus = corpusOf(
      ['x', 'y'],
      [
        [
          [0, 1],
          [1, 2],
        ],
      ],
    );
    const m = tfidf(corpus, { minDf: 1, maxDf: 1 });
    expect([...m.idf]).toEqual([1, 1]);
    const norm = Math.hypot(1, 1 + Math.log(2));
    expect(m.values[0]).toBeCloseTo(1 / norm, 14);
    expect(m.values[1]).toBeCloseTo((1 + Math.log(2)) / norm, 14);
    // With the defaults (min 2 papers, max half) one paper keeps nothing, and its row is empty.
    const none = tfidf(corpus, { minDf: 2, maxDf: 0.5 });
    expect(none.cols).toBe(0);
    expect([...none.rowPtr]).toEqual([0, 0]);
  });
});

describe('tfidf: through the text stage', () => {
  const docs: TextInput[] = [
    { title: 'graph neural networks', abstract: 'Graph neural networks learn node embeddings on molecules.' },
    {
      title: 'molecule generation',
      abstract: 'We generate molecules with diffusion models and graph priors.',
    },
    {
      title: 'diffusion models',
      abstract: 'Diffusion models generate images; we study their sampling speed.',
    },
    { title: 'sampling speed', abstract: 'Faster sampling for diffusion: fewer steps, same quality.' },
    { title: '', abstract: '' },
  ];

  it('has sorted rows of norm 1 (or 0 for an empty paper), whatever the bounds and shards', () => {
    for (const titleWeight of [0.5, 1, 2]) {
      for (const shards of [1, 2, 5]) {
        const size = Math.ceil(docs.length / shards);
        const parts = Array.from({ length: shards }, (_, s) => docs.slice(s * size, (s + 1) * size));
        const corpus = mergeShards(parts.map((part) => analyzeShard(part, { titleWeight, bigrams: true })));
        for (const [minDf, maxDf] of [
          [1, 1],
          [2, 0.5],
          [0.4, 0.8],
        ]) {
          const m = tfidf(corpus, { minDf, maxDf });
          expect(m.rows).toBe(docs.length);
          expectWellFormed(m);
          expect(m.rowPtr[5] - m.rowPtr[4]).toBe(0);
        }
      }
    }
  });

  it('gives the same matrix whatever the number of text shards', () => {
    const one = tfidf(mergeShards([analyzeShard(docs, { titleWeight: 2, bigrams: true })]), {
      minDf: 1,
      maxDf: 1,
    });
    const two = tfidf(
      mergeShards([
        analyzeShard(docs.slice(0, 2), { titleWeight: 2, bigrams: true }),
        analyzeShard(docs.slice(2), { titleWeight: 2, bigrams: true }),
      ]),
      { minDf: 1, maxDf: 1 },
    );
    expect(two).toEqual(one);
  });

  it('ignores titles entirely when the title weight is 0 (no document frequency, no stored zero)', () => {
    const noTitles = docs.map((d) => ({ title: '', abstract: d.abstract }));
    const options = { minDf: 1, maxDf: 1 };
    const zero = mergeShards([analyzeShard(docs, { titleWeight: 0, bigrams: true })]);
    const none = mergeShards([analyzeShard(noTitles, { titleWeight: 0, bigrams: true })]);
    const a = tfidf(zero, options);
    const b = tfidf(none, options);
    expect(a.rowPtr).toEqual(b.rowPtr);
    expect([...a.columnTerm].map((t) => corpusTerms(zero)[t])).toEqual(
      [...b.columnTerm].map((t) => corpusTerms(none)[t]),
    );
    expect(a.df).toEqual(b.df);
    expect(a.values).toEqual(b.values);
    expectWellFormed(a);
  });
});
