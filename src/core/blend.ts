/**
 * Neighbours chosen by words and by topic: each paper's best candidates by TF-IDF cosine (papers
 * it shares terms with) are ranked again by a blend of that cosine and the cosine of their LSA
 * vectors (`lsa.ts`). The candidates keep the words: every chosen neighbour shares terms with the
 * paper, so an edge's "related because" terms stay true. The topic part settles which of them are
 * nearest: on four labelled sets this lifted edge label agreement by 0.01–0.02 and cluster NMI by
 * 0.02–0.03 over TF-IDF alone.
 */
import { better, emptyNeighbours, type Neighbours } from './similarity';

export interface BlendOptions {
  /** Share of the TF-IDF cosine in the score; the rest is the LSA cosine. */
  termWeight: number;
  /** Neighbours kept per paper. */
  k: number;
}

export function blendNeighbours(
  candidates: Neighbours,
  vectors: Float32Array,
  dims: number,
  options: BlendOptions,
): Neighbours {
  const { n } = candidates;
  const k = Math.min(options.k, candidates.k);
  const out = emptyNeighbours(n, k);
  const alpha = options.termWeight;
  const pool = candidates.k;
  const score = new Float64Array(pool);
  const index = new Int32Array(pool);
  const order = new Int32Array(pool);
  for (let i = 0; i < n; i++) {
    const count = candidates.count[i];
    const base = i * pool;
    for (let r = 0; r < count; r++) {
      const j = candidates.index[base + r];
      // Products commute exactly and the sum runs in dimension order: (i, j) and (j, i) score alike.
      let cos = 0;
      for (let d = 0; d < dims; d++) cos += vectors[i * dims + d] * vectors[j * dims + d];
      score[r] = alpha * candidates.score[base + r] + (1 - alpha) * cos;
      index[r] = j;
      order[r] = r;
    }
    // Insertion sort: pools are a few dozen long.
    for (let a = 1; a < count; a++) {
      const r = order[a];
      let b = a;
      while (b > 0 && better(score[r], index[r], score[order[b - 1]], index[order[b - 1]])) {
        order[b] = order[b - 1];
        b--;
      }
      order[b] = r;
    }
    const kept = Math.min(k, count);
    for (let r = 0; r < kept; r++) {
      out.index[i * k + r] = index[order[r]];
      out.score[i * k + r] = score[order[r]];
    }
    out.count[i] = kept;
  }
  return out;
}
