/**
 * Cosine top-k neighbours through an inverted index, never a dense n×n matrix.
 *
 * Rows of the TF-IDF matrix are L2-normalised, so cosine is the dot product. Each paper i finds its
 * neighbours in two steps:
 *
 * 1. Candidates: the postings of i's *rare* terms (held by at most `candidateMaxDf` papers) are
 *    walked, accumulating partial dot products into a dense score array that is reset through a
 *    list of touched papers. Walking the postings of common terms would make the work grow with n²
 *    (a term in half the papers pairs a quarter of all pairs) and finds nothing a rarer shared
 *    term does not find: two papers that share only very common words are not near neighbours.
 * 2. Exact scores: the `candidates` best by partial score get the common terms' share added from
 *    their own short lists of common terms, against i's common weights held in a dense query array.
 *
 * Every reported score is the exact cosine, summed in column order of the rare terms, then of the
 * common ones, from either end alike, so sim(i, j) and sim(j, i) are bitwise equal. With
 * `candidateMaxDf` ≥ n no term is common and the search is exhaustive (what the tests compare with
 * brute force). Measured on the 44,904 labelled arXiv papers (every 60th paper against an exhaustive
 * search), the defaults (400, 100) find 97.5% of the exact top-5 neighbours and 84.5% of the top 30
 * that the topic score ranks again, in three fifths of the time of (1000, 100), which found 99.3%
 * and 92.7%; the blended map's label agreement and NMI were the same or better on every labelled
 * set (`npm run eval`).
 *
 * Each paper's list depends on that paper alone, so rows can be split over shards (workers) in any
 * way and merged back: output is identical whatever the number of workers. Shard s of S takes the
 * rows i ≡ s (mod S).
 */
import { type ArrayMaker, type CscIndex, type CsrMatrix, PLAIN_ARRAYS, toCsc } from './sparse';

/** Up to `k` neighbours per paper, best first: `index[i*k + r]`, `score[i*k + r]`, `count[i]` used. */
export interface Neighbours {
  n: number;
  k: number;
  index: Int32Array;
  score: Float64Array;
  count: Int32Array;
}

export interface NeighbourSearch {
  /** Terms in more papers than this are not walked for candidates (see above); ≥ n: exhaustive. */
  candidateMaxDf: number;
  /** How many candidates, best by rare-term score, get an exact score when common terms exist. */
  candidates: number;
}

export const SEARCH_DEFAULTS: Readonly<NeighbourSearch> = Object.freeze({
  candidateMaxDf: 400,
  candidates: 100,
});

export function emptyNeighbours(n: number, k: number): Neighbours {
  return {
    n,
    k,
    index: new Int32Array(n * k).fill(-1),
    score: new Float64Array(n * k),
    count: new Int32Array(n),
  };
}

/** Order of neighbours: higher score first, then lower index (a total order, so ties are stable). */
export function better(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && indexA < indexB);
}

/** Inserts neighbour j with score s into i's best-first list if it ranks among the k best. */
function offer(nb: Neighbours, i: number, j: number, s: number): void {
  const k = nb.k;
  const base = i * k;
  const { index, score } = nb;
  let count = nb.count[i];
  if (count === k && !better(s, j, score[base + k - 1], index[base + k - 1])) return;
  let pos = count < k ? count++ : k - 1;
  nb.count[i] = count;
  while (pos > 0 && better(s, j, score[base + pos - 1], index[base + pos - 1])) {
    score[base + pos] = score[base + pos - 1];
    index[base + pos] = index[base + pos - 1];
    pos--;
  }
  score[base + pos] = s;
  index[base + pos] = j;
}

/** Each row's entries of common terms, as a small CSR of its own. */
export interface CommonEntries {
  ptr: Int32Array;
  col: Int32Array;
  value: Float64Array;
}

/**
 * What every shard of one search reads, built once (by a pool, in memory its workers share) rather
 * than once per shard: the inverted index, and each row's entries of common terms (df >
 * `candidateMaxDf`), about half of all entries.
 */
export interface SearchIndex {
  candidateMaxDf: number;
  csc: CscIndex;
  common: CommonEntries;
}

function commonColumns(csc: CscIndex, cols: number, candidateMaxDf: number): Uint8Array {
  const isCommon = new Uint8Array(cols);
  for (let c = 0; c < cols; c++) isCommon[c] = csc.colPtr[c + 1] - csc.colPtr[c] > candidateMaxDf ? 1 : 0;
  return isCommon;
}

export function searchIndex(
  m: CsrMatrix,
  candidateMaxDf: number = SEARCH_DEFAULTS.candidateMaxDf,
  make: ArrayMaker = PLAIN_ARRAYS,
): SearchIndex {
  const csc = toCsc(m, make);
  const isCommon = commonColumns(csc, m.cols, candidateMaxDf);
  const ptr = make.int32(m.rows + 1);
  for (let i = 0; i < m.rows; i++) {
    let count = 0;
    for (let e = m.rowPtr[i]; e < m.rowPtr[i + 1]; e++) count += isCommon[m.colIdx[e]];
    ptr[i + 1] = ptr[i] + count;
  }
  const col = make.int32(ptr[m.rows]);
  const value = make.float64(ptr[m.rows]);
  let out = 0;
  for (let e = 0; e < m.rowPtr[m.rows]; e++) {
    if (isCommon[m.colIdx[e]] === 0) continue;
    col[out] = m.colIdx[e];
    value[out++] = m.values[e];
  }
  return { candidateMaxDf, csc, common: { ptr, col, value } };
}

export interface NeighbourShard {
  shard: number;
  shards: number;
  /** See `NeighbourSearch`. */
  candidates?: number;
}

/**
 * Neighbour lists of the shard's rows (the other rows' lists stay empty), through `index` (its
 * `candidateMaxDf` is the search's).
 */
export function neighbourShard(
  m: CsrMatrix,
  k: number,
  { shard, shards, candidates = SEARCH_DEFAULTS.candidates }: NeighbourShard,
  index: SearchIndex = searchIndex(m),
  onRow?: (done: number) => void,
): Neighbours {
  const n = m.rows;
  const nb = emptyNeighbours(n, k);
  if (k === 0 || n === 0) return nb;
  const { rowPtr, colIdx, values } = m;
  const { csc, common } = index;
  const { colPtr, rowIdx, values: colValues } = csc;
  const isCommon = commonColumns(csc, m.cols, index.candidateMaxDf);
  // Allocated once; the loop below allocates nothing.
  const acc = new Float64Array(n);
  // Marks, not acc[j] === 0, say whether j was touched: a zero contribution must not list j twice.
  const seen = new Uint8Array(n);
  const touched = new Int32Array(n);
  const query = new Float64Array(m.cols);
  const pool = Math.max(1, candidates);
  const poolScore = new Float64Array(pool);
  const poolIndex = new Int32Array(pool);
  let done = 0;
  for (let i = shard; i < n; i += shards) {
    let touchedCount = 0;
    let hasCommon = false;
    for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      const c = colIdx[e];
      const w = values[e];
      if (isCommon[c] === 1) {
        query[c] = w;
        hasCommon = true;
        continue;
      }
      for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
        const j = rowIdx[p];
        if (j === i) continue;
        if (seen[j] === 0) {
          seen[j] = 1;
          touched[touchedCount++] = j;
        }
        acc[j] += w * colValues[p];
      }
    }
    if (!hasCommon) {
      // Rare terms are all there is: the partial scores are the exact ones.
      for (let t = 0; t < touchedCount; t++) {
        const j = touched[t];
        if (acc[j] > 0) offer(nb, i, j, acc[j]);
        acc[j] = 0;
        seen[j] = 0;
      }
    } else {
      // Keep the best `pool` candidates by partial score in a min-heap (worst at the root).
      let size = 0;
      for (let t = 0; t < touchedCount; t++) {
        const j = touched[t];
        const s = acc[j];
        acc[j] = 0;
        seen[j] = 0;
        if (size < pool) {
          let pos = size++;
          while (pos > 0) {
            const parent = (pos - 1) >> 1;
            if (!better(poolScore[parent], poolIndex[parent], s, j)) break;
            poolScore[pos] = poolScore[parent];
            poolIndex[pos] = poolIndex[parent];
            pos = parent;
          }
          poolScore[pos] = s;
          poolIndex[pos] = j;
        } else if (better(s, j, poolScore[0], poolIndex[0])) {
          let pos = 0;
          for (;;) {
            const left = 2 * pos + 1;
            if (left >= size) break;
            const right = left + 1;
            const child =
              right < size && better(poolScore[left], poolIndex[left], poolScore[right], poolIndex[right])
                ? right
                : left;
            if (!better(s, j, poolScore[child], poolIndex[child])) break;
            poolScore[pos] = poolScore[child];
            poolIndex[pos] = poolIndex[child];
            pos = child;
          }
          poolScore[pos] = s;
          poolIndex[pos] = j;
        }
      }
      for (let h = 0; h < size; h++) {
        const j = poolIndex[h];
        let s = poolScore[h];
        for (let p = common.ptr[j]; p < common.ptr[j + 1]; p++) s += query[common.col[p]] * common.value[p];
        if (s > 0) offer(nb, i, j, s);
      }
      for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) query[colIdx[e]] = 0;
    }
    if (onRow !== undefined && ++done % 256 === 0) onRow(done);
  }
  return nb;
}

/** Combines the shards' lists into one set of best-first lists of at most k neighbours. */
export function mergeNeighbours(parts: Neighbours[]): Neighbours {
  if (parts.length === 1) return parts[0];
  const { n, k } = parts[0];
  const merged = emptyNeighbours(n, k);
  for (const part of parts) {
    for (let i = 0; i < n; i++) {
      const base = i * k;
      for (let r = 0; r < part.count[i]; r++) offer(merged, i, part.index[base + r], part.score[base + r]);
    }
  }
  return merged;
}

/** All neighbours in one thread. */
export function topNeighbours(m: CsrMatrix, k: number, search: Partial<NeighbourSearch> = {}): Neighbours {
  const { candidateMaxDf, candidates } = { ...SEARCH_DEFAULTS, ...search };
  return neighbourShard(m, k, { shard: 0, shards: 1, candidates }, searchIndex(m, candidateMaxDf));
}
