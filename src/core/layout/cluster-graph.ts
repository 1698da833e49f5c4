/**
 * The layout's index of the paper graph by cluster: each cluster's papers (best-connected first),
 * its own edges in local numbering, the disc its papers need, and the summed similarity between
 * every pair of clusters that share an edge. Built once in O(n + m); both levels of the layout
 * read it and never touch the input arrays again.
 */
import type { LayoutInput } from './types';

export interface ClusterGraph {
  n: number;
  clusters: number;
  membership: Int32Array;
  radius: Float64Array;
  /** Papers of cluster c are `papers[paperStart[c] .. paperStart[c + 1])`, largest radius first. */
  paperStart: Int32Array;
  papers: Int32Array;
  /** A paper's place in its cluster's list (its local index). */
  local: Int32Array;
  /**
   * Edges inside cluster c are `edgeStart[c] .. edgeStart[c + 1]` of `edgeA`, `edgeB` (local
   * indices) and `edgeWeight`.
   */
  edgeStart: Int32Array;
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeWeight: Float64Array;
  /** Each paper's summed similarity to papers of its own cluster. */
  innerStrength: Float64Array;
  /** Edges between clusters, by paper: `crossStart[i] .. crossStart[i + 1]` of `crossOther`, `crossWeight`. */
  crossStart: Int32Array;
  crossOther: Int32Array;
  crossWeight: Float64Array;
  /** Pairs of clusters joined by edges (linkA < linkB, ordered), with their summed similarity. */
  linkA: Int32Array;
  linkB: Int32Array;
  linkWeight: Float64Array;
  /** Each cluster's summed paper strength (twice its inner weight plus its cross weight). */
  clusterStrength: Float64Array;
  /** Radius of the disc that holds a cluster's papers at the given fill. */
  discRadius: Float64Array;
}

/**
 * `fill` is the share of a cluster's disc its papers' padded circles cover: packed circles of
 * mixed sizes settle near 0.6–0.7, so a disc of Σ(r + padding/2)² / fill leaves them room.
 */
export function indexClusters(input: LayoutInput, padding: number, fill: number): ClusterGraph {
  const { n, clusters, membership, radius } = input;
  const { source, target, weight } = input.edges;
  const m = source.length;
  const radii = Float64Array.from(radius);

  const paperStart = new Int32Array(clusters + 1);
  for (let i = 0; i < n; i++) paperStart[membership[i] + 1]++;
  for (let c = 0; c < clusters; c++) paperStart[c + 1] += paperStart[c];
  const papers = new Int32Array(n);
  const fillAt = paperStart.slice(0, clusters);
  for (let i = 0; i < n; i++) papers[fillAt[membership[i]]++] = i;
  // Largest radius (best-connected) first within each cluster; ties keep input order.
  for (let c = 0; c < clusters; c++) {
    const part = papers.subarray(paperStart[c], paperStart[c + 1]);
    part.sort((a, b) => radii[b] - radii[a] || a - b);
  }
  const local = new Int32Array(n);
  for (let c = 0; c < clusters; c++) {
    for (let p = paperStart[c]; p < paperStart[c + 1]; p++) local[papers[p]] = p - paperStart[c];
  }

  const edgeStart = new Int32Array(clusters + 1);
  const crossStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const a = membership[source[e]];
    const b = membership[target[e]];
    if (source[e] === target[e]) continue;
    if (a === b) edgeStart[a + 1]++;
    else {
      crossStart[source[e] + 1]++;
      crossStart[target[e] + 1]++;
    }
  }
  for (let c = 0; c < clusters; c++) edgeStart[c + 1] += edgeStart[c];
  for (let i = 0; i < n; i++) crossStart[i + 1] += crossStart[i];
  const inner = edgeStart[clusters];
  const edgeA = new Int32Array(inner);
  const edgeB = new Int32Array(inner);
  const edgeWeight = new Float64Array(inner);
  const crossOther = new Int32Array(crossStart[n]);
  const crossWeight = new Float64Array(crossStart[n]);
  const innerStrength = new Float64Array(n);
  const clusterStrength = new Float64Array(clusters);
  const edgeAt = edgeStart.slice(0, clusters);
  const crossAt = crossStart.slice(0, n);
  const linkSum = new Map<number, number>();
  for (let e = 0; e < m; e++) {
    const s = source[e];
    const t = target[e];
    if (s === t) continue;
    const a = membership[s];
    const b = membership[t];
    const w = weight[e];
    clusterStrength[a] += w;
    clusterStrength[b] += w;
    if (a === b) {
      const at = edgeAt[a]++;
      edgeA[at] = local[s];
      edgeB[at] = local[t];
      edgeWeight[at] = w;
      innerStrength[s] += w;
      innerStrength[t] += w;
    } else {
      crossOther[crossAt[s]] = t;
      crossWeight[crossAt[s]++] = w;
      crossOther[crossAt[t]] = s;
      crossWeight[crossAt[t]++] = w;
      // a·K + b stays an exact integer for any cluster count below 2^26.
      const key = a < b ? a * clusters + b : b * clusters + a;
      linkSum.set(key, (linkSum.get(key) ?? 0) + w);
    }
  }
  const keys = [...linkSum.keys()].sort((p, q) => p - q);
  const linkA = new Int32Array(keys.length);
  const linkB = new Int32Array(keys.length);
  const linkWeight = new Float64Array(keys.length);
  keys.forEach((key, l) => {
    linkA[l] = Math.floor(key / clusters);
    linkB[l] = key - linkA[l] * clusters;
    linkWeight[l] = linkSum.get(key) as number;
  });

  const discRadius = new Float64Array(clusters);
  for (let c = 0; c < clusters; c++) {
    const count = paperStart[c + 1] - paperStart[c];
    if (count === 0) continue;
    const largest = radii[papers[paperStart[c]]];
    if (count === 1) {
      discRadius[c] = largest;
      continue;
    }
    let area = 0;
    for (let p = paperStart[c]; p < paperStart[c + 1]; p++) {
      const r = radii[papers[p]] + padding / 2;
      area += r * r;
    }
    discRadius[c] = Math.max(2 * largest + padding, Math.sqrt(area / fill));
  }

  return {
    n,
    clusters,
    membership: Int32Array.from(membership),
    radius: radii,
    paperStart,
    papers,
    local,
    edgeStart,
    edgeA,
    edgeB,
    edgeWeight,
    innerStrength,
    crossStart,
    crossOther,
    crossWeight,
    linkA,
    linkB,
    linkWeight,
    clusterStrength,
    discRadius,
  };
}
