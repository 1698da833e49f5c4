/**
 * TF-IDF weighting, with scikit-learn's TfidfVectorizer conventions so that results can be checked
 * against it: sublinear tf (1 + ln tf), smoothed idf ln((1 + n) / (1 + df)) + 1, rows L2-normalised.
 * Terms in fewer than `minDf` or more than `maxDf` papers are dropped first.
 */
import type { Corpus } from './corpus';
import type { CsrMatrix } from './sparse';

export interface TfidfOptions {
  /** At least this many papers (≥ 1), or this share of them (< 1), must hold a term. */
  minDf: number;
  /** At most this share of the papers (≤ 1), or this many (> 1), may hold a term. */
  maxDf: number;
}

export interface TfidfMatrix extends CsrMatrix {
  /** Corpus term id of each column. */
  columnTerm: Int32Array;
  /** Inverse document frequency of each column. */
  idf: Float64Array;
  /** Document frequency of each column. */
  df: Int32Array;
}

/** The document-frequency bounds as counts of papers, inclusive. */
export function dfBounds(docs: number, options: TfidfOptions): { min: number; max: number } {
  const min = options.minDf >= 1 ? Math.ceil(options.minDf) : Math.ceil(options.minDf * docs);
  const max = options.maxDf <= 1 ? Math.floor(options.maxDf * docs) : Math.floor(options.maxDf);
  return { min: Math.max(1, min), max };
}

export function tfidf(corpus: Corpus, options: TfidfOptions): TfidfMatrix {
  const n = corpus.docs;
  const df = new Int32Array(corpus.terms.length);
  for (let e = 0; e < corpus.docTerms.length; e++) df[corpus.docTerms[e]]++;
  const { min, max } = dfBounds(n, options);

  // Kept terms keep their corpus order (order of first appearance), so columns are deterministic.
  const column = new Int32Array(corpus.terms.length).fill(-1);
  let cols = 0;
  for (let t = 0; t < df.length; t++) if (df[t] >= min && df[t] <= max) column[t] = cols++;
  const columnTerm = new Int32Array(cols);
  const idf = new Float64Array(cols);
  const keptDf = new Int32Array(cols);
  for (let t = 0; t < df.length; t++) {
    const c = column[t];
    if (c < 0) continue;
    columnTerm[c] = t;
    keptDf[c] = df[t];
    idf[c] = Math.log((1 + n) / (1 + df[t])) + 1;
  }

  const rowPtr = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) {
    let kept = 0;
    for (let e = corpus.docPtr[d]; e < corpus.docPtr[d + 1]; e++) if (column[corpus.docTerms[e]] >= 0) kept++;
    rowPtr[d + 1] = rowPtr[d] + kept;
  }
  const nnz = rowPtr[n];
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const order: number[] = [];
  for (let d = 0; d < n; d++) {
    order.length = 0;
    for (let e = corpus.docPtr[d]; e < corpus.docPtr[d + 1]; e++)
      if (column[corpus.docTerms[e]] >= 0) order.push(e);
    order.sort((a, b) => column[corpus.docTerms[a]] - column[corpus.docTerms[b]]);
    let norm = 0;
    let out = rowPtr[d];
    for (const e of order) {
      const c = column[corpus.docTerms[e]];
      const count = corpus.docCounts[e];
      // A title weight below 1 can leave a count under 1, where 1 + ln(tf) would turn negative.
      const w = (count >= 1 ? 1 + Math.log(count) : count) * idf[c];
      colIdx[out] = c;
      values[out] = w;
      norm += w * w;
      out++;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let p = rowPtr[d]; p < rowPtr[d + 1]; p++) values[p] *= inv;
    }
  }
  return { rows: n, cols, rowPtr, colIdx, values, columnTerm, idf, df: keptDf };
}
