/**
 * Clusters: Louvain community detection on the weighted similarity graph
 * (Blondel et al. 2008, "Fast unfolding of communities in large networks", doi:10.1088/1742-5468/2008/10/P10008),
 * through graphology-communities-louvain with a seeded random source and a resolution option.
 * Clusters are renumbered by size (largest first; ties by their first paper) so ids are stable.
 */
import type Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { seededRandom } from './random';

export interface ClusterOptions {
  /** Above 1 asks for more, smaller clusters; below 1 for fewer, larger ones. */
  resolution: number;
  seed: number;
}

export interface Clustering {
  /** Cluster id of each paper, in the order of `keys`. */
  membership: Int32Array;
  count: number;
  /** Weighted modularity of the partition at the resolution used. */
  modularity: number;
}

/** Clusters of a graph from `toGraphology`: its nodes are named "0" … String(papers - 1). */
export function detectClusters(graph: Graph, papers: number, options: ClusterOptions): Clustering {
  const membership = new Int32Array(papers);
  if (papers === 0) return { membership, count: 0, modularity: 0 };
  const names = Array.from({ length: papers }, (_, i) => String(i));
  let communities: ReadonlyMap<string, number>;
  let modularity = 0;
  if (graph.size === 0) {
    communities = new Map(names.map((name, i) => [name, i]));
  } else {
    const result = louvain.detailed(graph, {
      getEdgeWeight: 'weight',
      resolution: options.resolution,
      rng: seededRandom(options.seed),
    });
    communities = new Map(names.map((name) => [name, result.communities[name]]));
    modularity = result.modularity;
  }
  const raw = names.map((name) => communities.get(name) as number);
  const sizes = new Map<number, { size: number; first: number }>();
  raw.forEach((c, i) => {
    const entry = sizes.get(c);
    if (entry === undefined) sizes.set(c, { size: 1, first: i });
    else entry.size++;
  });
  const order = [...sizes.entries()].sort((a, b) => b[1].size - a[1].size || a[1].first - b[1].first);
  const renumber = new Map(order.map(([c], id) => [c, id]));
  raw.forEach((c, i) => {
    membership[i] = renumber.get(c) as number;
  });
  return { membership, count: order.length, modularity };
}

/**
 * Weighted modularity Q = Σ_c [ L_c / m − γ (d_c / 2m)² ] computed from the edge list alone, with L_c
 * the weight inside cluster c, d_c its total weighted degree and m the total weight: the independent
 * check of the figure Louvain reports.
 */
export function modularityOf(
  membership: ArrayLike<number>,
  source: ArrayLike<number>,
  target: ArrayLike<number>,
  weight: ArrayLike<number>,
  resolution = 1,
): number {
  let m = 0;
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  for (let e = 0; e < source.length; e++) {
    const a = membership[source[e]];
    const b = membership[target[e]];
    const w = weight[e];
    m += w;
    if (a === b) inside.set(a, (inside.get(a) ?? 0) + w);
    degree.set(a, (degree.get(a) ?? 0) + w);
    degree.set(b, (degree.get(b) ?? 0) + w);
  }
  if (m === 0) return 0;
  let q = 0;
  for (const [c, d] of degree) q += (inside.get(c) ?? 0) / m - resolution * (d / (2 * m)) ** 2;
  return q;
}
