/**
 * Cosine top-k neighbours through an inverted index, never a dense n×n matrix.
 *
 * Rows of the TF-IDF matrix are L2-normalised, so cosine is the dot product. For each paper i, the
 * postings of i's terms are walked, but only past i itself (pairs i < j), accumulating dot products
 * into a dense score array that is reset through a list of touched papers; each pair is scored
 * once and offered to the neighbour lists of both ends.
 *
 * Terms held by more than `candidateMaxDf` papers are not walked: their postings would make the work
 * grow with n² (a term in half the papers pairs a quarter of all pairs). They still count in full
 * towards the score of every candidate found through a rarer shared term, added from the
 * candidate's own short list of common terms, so every reported score is exact. Only pairs that share
 * nothing but very common words are not found, and those are never near neighbours. With
 * `candidateMaxDf` ≥ n the search is exhaustive (what the tests compare with brute force).
 *
 * Rows can be split over shards (workers): shard s of S takes the rows i ≡ s (mod S), which balances
 * the triangular work, and keeps partial lists for every paper; `mergeNeighbours` combines them.
 * Order is total (higher score first, then lower index), so the merge gives the same lists as one
 * shard would, and scores are summed in the same term order whatever the shard: output is identical.
 */
import { type CscIndex, type CsrMatrix, toCsc } from './sparse';

/** Up to `k` neighbours per paper, best first: `index[i*k + r]`, `score[i*k + r]`, `count[i]` used. */
export interface Neighbours {
  n: number;
  k: number;
  index: Int32Array;
  score: Float64Array;
  count: Int32Array;
}

export function emptyNeighbours(n: number, k: number): Neighbours {
  return {
    n,
    k,
    index: new Int32Array(n * k).fill(-1),
    score: new Float64Array(n * k),
    count: new Int32Array(n),
  };
}

/** True when (scoreA, indexA) ranks below (scoreB, indexB): lower score, or equal score and higher index. */
function worse(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && indexA > indexB);
}

/**
 * Offers neighbour j with score s to paper i's list, kept as a min-heap (worst at the root) while it
 * is being filled; `finalizeNeighbours` sorts each heap into best-first order.
 */
function offer(nb: Neighbours, i: number, j: number, s: number): void {
  const k = nb.k;
  const base = i * k;
  const { index, score } = nb;
  let size = nb.count[i];
  if (size < k) {
    // Sift up.
    let pos = size++;
    nb.count[i] = size;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!worse(s, j, score[base + parent], index[base + parent])) break;
      score[base + pos] = score[base + parent];
      index[base + pos] = index[base + parent];
      pos = parent;
    }
    score[base + pos] = s;
    index[base + pos] = j;
    return;
  }
  if (!worse(score[base], index[base], s, j)) return;
  // Replace the root and sift down.
  let pos = 0;
  for (;;) {
    const left = 2 * pos + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (
      right < size &&
      worse(score[base + right], index[base + right], score[base + left], index[base + left])
    ) {
      child = right;
    }
    if (!worse(score[base + child], index[base + child], s, j)) break;
    score[base + pos] = score[base + child];
    index[base + pos] = index[base + child];
    pos = child;
  }
  score[base + pos] = s;
  index[base + pos] = j;
}

/** Sorts every paper's heap into best-first order. */
export function finalizeNeighbours(nb: Neighbours): Neighbours {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < nb.n; i++) {
    const base = i * nb.k;
    pairs.length = 0;
    for (let r = 0; r < nb.count[i]; r++) pairs.push([nb.score[base + r], nb.index[base + r]]);
    pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    pairs.forEach(([s, j], r) => {
      nb.score[base + r] = s;
      nb.index[base + r] = j;
    });
  }
  return nb;
}

export interface NeighbourShard {
  shard: number;
  shards: number;
  /** Terms in more papers than this are not walked for candidates (see above); ≥ n: exhaustive. */
  candidateMaxDf?: number;
}

/** Each row's entries of common terms (df > candidateMaxDf), as a small CSR of its own, with their norms. */
function commonEntries(
  m: CsrMatrix,
  csc: CscIndex,
  maxDf: number,
): { ptr: Int32Array; col: Int32Array; value: Float64Array; norm: Float64Array } {
  const common = (c: number): boolean => csc.colPtr[c + 1] - csc.colPtr[c] > maxDf;
  const ptr = new Int32Array(m.rows + 1);
  for (let i = 0; i < m.rows; i++) {
    let count = 0;
    for (let e = m.rowPtr[i]; e < m.rowPtr[i + 1]; e++) if (common(m.colIdx[e])) count++;
    ptr[i + 1] = ptr[i] + count;
  }
  const col = new Int32Array(ptr[m.rows]);
  const value = new Float64Array(ptr[m.rows]);
  const norm = new Float64Array(m.rows);
  let out = 0;
  for (let i = 0; i < m.rows; i++) {
    let squares = 0;
    for (let e = m.rowPtr[i]; e < m.rowPtr[i + 1]; e++) {
      if (!common(m.colIdx[e])) continue;
      col[out] = m.colIdx[e];
      value[out++] = m.values[e];
      squares += m.values[e] * m.values[e];
    }
    norm[i] = Math.sqrt(squares);
  }
  return { ptr, col, value, norm };
}

/** The score a newcomer must beat to enter i's list: 0 while the list has room, else its worst. */
function threshold(nb: Neighbours, i: number): number {
  return nb.count[i] < nb.k ? 0 : nb.score[i * nb.k];
}

/**
 * Scores the pairs (i, j > i) of the shard's rows and returns partial neighbour heaps for every
 * paper (not yet sorted: pass them to `mergeNeighbours`, or `finalizeNeighbours` for one shard).
 */
export function neighbourShard(
  m: CsrMatrix,
  k: number,
  { shard, shards, candidateMaxDf = Number.POSITIVE_INFINITY }: NeighbourShard,
  csc: CscIndex = toCsc(m),
  onRow?: (done: number) => void,
): Neighbours {
  const n = m.rows;
  const nb = emptyNeighbours(n, k);
  if (k === 0) return nb;
  const acc = new Float64Array(n);
  // Marks, not acc[j] === 0, say whether j was touched: a zero contribution must not list j twice.
  const seen = new Uint8Array(n);
  const touched = new Int32Array(n);
  const query = new Float64Array(m.cols);
  const { rowPtr, colIdx, values } = m;
  const { colPtr, rowIdx, values: colValues, entryPos } = csc;
  const common = commonEntries(m, csc, candidateMaxDf);
  let done = 0;
  for (let i = shard; i < n; i += shards) {
    let touchedCount = 0;
    for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      const c = colIdx[e];
      const w = values[e];
      const end = colPtr[c + 1];
      if (end - colPtr[c] > candidateMaxDf) {
        query[c] = w;
        continue;
      }
      for (let p = entryPos[e] + 1; p < end; p++) {
        const j = rowIdx[p];
        if (seen[j] === 0) {
          seen[j] = 1;
          touched[touchedCount++] = j;
        }
        acc[j] += w * colValues[p];
      }
    }
    const queryNorm = common.norm[i];
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t];
      let s = acc[j];
      acc[j] = 0;
      seen[j] = 0;
      if (queryNorm > 0 && common.norm[j] > 0) {
        // Cauchy–Schwarz bounds what the common terms can add; when even that cannot reach either
        // list, the exact sum is not needed (the pair would be dropped with it too).
        const bound = s + queryNorm * common.norm[j];
        if (bound < threshold(nb, i) && bound < threshold(nb, j)) continue;
        for (let p = common.ptr[j]; p < common.ptr[j + 1]; p++) s += query[common.col[p]] * common.value[p];
      }
      if (!(s > 0)) continue;
      offer(nb, i, j, s);
      offer(nb, j, i, s);
    }
    for (let p = common.ptr[i]; p < common.ptr[i + 1]; p++) query[common.col[p]] = 0;
    if (onRow !== undefined && ++done % 256 === 0) onRow(done);
  }
  return nb;
}

/** Combines partial heaps from every shard into best-first lists of at most k neighbours. */
export function mergeNeighbours(parts: Neighbours[]): Neighbours {
  if (parts.length === 1) return finalizeNeighbours(parts[0]);
  const { n, k } = parts[0];
  const merged = emptyNeighbours(n, k);
  for (const part of parts) {
    for (let i = 0; i < n; i++) {
      const base = i * k;
      for (let r = 0; r < part.count[i]; r++) offer(merged, i, part.index[base + r], part.score[base + r]);
    }
  }
  return finalizeNeighbours(merged);
}

/** All neighbours in one thread: the reference the sharded path must equal. */
export function topNeighbours(
  m: CsrMatrix,
  k: number,
  candidateMaxDf = Number.POSITIVE_INFINITY,
): Neighbours {
  return finalizeNeighbours(neighbourShard(m, k, { shard: 0, shards: 1, candidateMaxDf }));
}
