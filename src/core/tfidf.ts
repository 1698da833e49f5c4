/**
 * TF-IDF weighting, with scikit-learn's TfidfVectorizer conventions so that results can be checked
 * against it: sublinear tf (1 + ln tf), smoothed idf ln((1 + n) / (1 + df)) + 1, rows L2-normalised.
 * Terms in fewer than `minDf` or more than `maxDf` papers are dropped first.
 */
import type { Corpus } from './corpus';
import { portableLog } from './portable-math';
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

/**
 * The document-frequency bounds as counts of papers, inclusive. A share for `maxDf` never cuts below
 * the minimum: in three papers, "half of them" would otherwise drop every term two of them share.
 */
export function dfBounds(docs: number, options: TfidfOptions): { min: number; max: number } {
  const min = Math.max(1, options.minDf >= 1 ? Math.ceil(options.minDf) : Math.ceil(options.minDf * docs));
  const max =
    options.maxDf <= 1 ? Math.max(Math.floor(options.maxDf * docs), min) : Math.floor(options.maxDf);
  return { min, max };
}

/** 1 + ln(tf) for the whole counts most entries have (a title weight of 1 keeps counts whole). */
const SUBLINEAR_TF = Float64Array.from({ length: 64 }, (_, count) => 1 + portableLog(count));

function sublinearTf(count: number): number {
  // A title weight below 1 can leave a count under 1, where 1 + ln(tf) would turn negative.
  if (count < 1) return count;
  return count < SUBLINEAR_TF.length && Number.isInteger(count)
    ? SUBLINEAR_TF[count]
    : 1 + portableLog(count);
}

export function tfidf(corpus: Corpus, options: TfidfOptions): TfidfMatrix {
  const n = corpus.docs;
  const { shards, localToGlobal } = corpus;
  const df = new Int32Array(corpus.termCount);
  shards.forEach((shard, s) => {
    const map = localToGlobal[s];
    for (let e = 0; e < shard.docTerms.length; e++) df[map[shard.docTerms[e]]]++;
  });
  const { min, max } = dfBounds(n, options);

  // Kept terms keep their corpus order (order of first appearance), so columns are deterministic.
  const column = new Int32Array(corpus.termCount).fill(-1);
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
    idf[c] = portableLog((1 + n) / (1 + df[t])) + 1;
  }
  // Each shard's local term ids straight to columns (-1: dropped).
  const localColumn = localToGlobal.map((map) => Int32Array.from(map, (t) => column[t]));

  // Entries go to their columns in row order, then back to their rows in column order: both
  // passes are linear and each row comes out sorted by column, with no per-row sort.
  const colPtr = new Int32Array(cols + 1);
  shards.forEach((shard, s) => {
    const map = localColumn[s];
    for (let e = 0; e < shard.docTerms.length; e++) {
      const c = map[shard.docTerms[e]];
      if (c >= 0) colPtr[c + 1]++;
    }
  });
  for (let c = 0; c < cols; c++) colPtr[c + 1] += colPtr[c];
  const nnz = colPtr[cols];
  const colRow = new Int32Array(nnz);
  const colWeight = new Float64Array(nnz);
  const next = colPtr.slice(0, cols);
  const rowPtr = new Int32Array(n + 1);
  let d = 0;
  shards.forEach((shard, s) => {
    const map = localColumn[s];
    for (let local = 0; local < shard.docs; local++, d++) {
      for (let e = shard.docPtr[local]; e < shard.docPtr[local + 1]; e++) {
        const c = map[shard.docTerms[e]];
        if (c < 0) continue;
        const at = next[c]++;
        colRow[at] = d;
        colWeight[at] = sublinearTf(shard.docCounts[e]) * idf[c];
        rowPtr[d + 1]++;
      }
    }
  });
  for (let r = 0; r < n; r++) rowPtr[r + 1] += rowPtr[r];
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const fill = rowPtr.slice(0, n);
  for (let c = 0; c < cols; c++) {
    for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
      const at = fill[colRow[p]]++;
      colIdx[at] = c;
      values[at] = colWeight[p];
    }
  }
  // L2 norms summed in column order, as before, so weights do not depend on the input's term order.
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let p = rowPtr[r]; p < rowPtr[r + 1]; p++) norm += values[p] * values[p];
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let p = rowPtr[r]; p < rowPtr[r + 1]; p++) values[p] *= inv;
    }
  }
  return { rows: n, cols, rowPtr, colIdx, values, columnTerm, idf, df: keptDf };
}
