/**
 * Graph stage: neighbour lists become undirected similarity edges, each with the few shared terms
 * that contribute most to its weight (the "why are these related").
 */
import Graph from 'graphology';
import type { Neighbours } from './similarity';
import type { CsrMatrix } from './sparse';

export interface EdgeOptions {
  /** Neighbours per paper. */
  k: number;
  /** Edges below this similarity are dropped, except each paper's nearest one (no paper left alone). */
  minSimilarity: number;
}

/** Undirected edges sorted by (source, target), source < target (paper indices). */
export interface SimilarityEdges {
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  /** The better neighbour rank of the two ends (1 = nearest). */
  rank: Int32Array;
}

export function selectEdges(nb: Neighbours, options: EdgeOptions): SimilarityEdges {
  // Pair key a*n+b stays below 2^53 for any n a browser or Node could hold.
  const best = new Map<number, { rank: number; weight: number }>();
  const k = Math.min(options.k, nb.k);
  for (let i = 0; i < nb.n; i++) {
    const base = i * nb.k;
    for (let r = 0; r < Math.min(k, nb.count[i]); r++) {
      const j = nb.index[base + r];
      const weight = nb.score[base + r];
      if (!(weight > 0)) continue;
      if (weight < options.minSimilarity && r > 0) continue;
      const key = i < j ? i * nb.n + j : j * nb.n + i;
      const seen = best.get(key);
      if (seen === undefined) best.set(key, { rank: r + 1, weight });
      else if (r + 1 < seen.rank) seen.rank = r + 1;
    }
  }
  const keys = [...best.keys()].sort((a, b) => a - b);
  const edges: SimilarityEdges = {
    source: new Int32Array(keys.length),
    target: new Int32Array(keys.length),
    weight: new Float64Array(keys.length),
    rank: new Int32Array(keys.length),
  };
  keys.forEach((key, e) => {
    const info = best.get(key) as { rank: number; weight: number };
    edges.source[e] = Math.floor(key / nb.n);
    edges.target[e] = key % nb.n;
    edges.weight[e] = info.weight;
    edges.rank[e] = info.rank;
  });
  return edges;
}

/**
 * The shared columns of rows a and b ordered by their contribution w_a·w_b to the cosine (largest
 * first; ties by column), with the contributions.
 */
export function sharedTerms(
  m: CsrMatrix,
  a: number,
  b: number,
): Array<{ column: number; contribution: number }> {
  const size = Math.min(m.rowPtr[a + 1] - m.rowPtr[a], m.rowPtr[b + 1] - m.rowPtr[b]);
  const column = new Int32Array(size);
  const contribution = new Float64Array(size);
  const count = sharedColumns(m, a, b, null, column, contribution);
  return Array.from({ length: count }, (_, i) => ({ column: column[i], contribution: contribution[i] })).sort(
    (x, y) => y.contribution - x.contribution || x.column - y.column,
  );
}

/**
 * The shared columns of rows a and b (not `hidden` ones, when given) and their contributions
 * w_a·w_b, in column order, written to `column` and `contribution` (each at least as long as the
 * shorter row); returns how many. Unsorted, for `pickBestDistinct`: an edge shows a few of them.
 */
export function sharedColumns(
  m: CsrMatrix,
  a: number,
  b: number,
  hidden: Uint8Array | null,
  column: Int32Array,
  contribution: Float64Array,
): number {
  const { rowPtr, colIdx, values } = m;
  let i = rowPtr[a];
  let j = rowPtr[b];
  const endI = rowPtr[a + 1];
  const endJ = rowPtr[b + 1];
  let count = 0;
  while (i < endI && j < endJ) {
    const ci = colIdx[i];
    const cj = colIdx[j];
    if (ci === cj) {
      if (hidden === null || hidden[ci] === 0) {
        column[count] = ci;
        contribution[count++] = values[i] * values[j];
      }
      i++;
      j++;
    } else if (ci < cj) i++;
    else j++;
  }
  return count;
}

/**
 * A weighted graphology graph of the papers and edges, for community detection. Nodes are named by
 * paper index ("0", "1", …), never by key: graphology keeps each node's neighbours in a plain
 * object, where a paper keyed "constructor" or "__proto__" would collide with Object.prototype.
 */
export function toGraphology(papers: number, edges: SimilarityEdges): Graph {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < papers; i++) graph.addNode(String(i));
  for (let e = 0; e < edges.source.length; e++) {
    graph.addEdge(String(edges.source[e]), String(edges.target[e]), { weight: edges.weight[e] });
  }
  return graph;
}
