/**
 * Quality measures of a layout, for tests and benchmarks: what a reader of a literature map
 * notices (papers on top of each other, clusters running into each other, related fields far
 * apart, similar papers scattered). Each is O(n + m) through a uniform grid, except the rank
 * correlation, which is over pairs of clusters.
 */
import { linkSimilarity } from './arrange';
import { indexClusters } from './cluster-graph';
import { BucketGrid } from './grid';
import type { LayoutInput, LayoutResult } from './types';

export interface LayoutQuality {
  /** Share of papers whose circle overlaps another paper's. */
  overlapShare: number;
  /**
   * Smallest clear space between two papers of different clusters (distance minus both radii),
   * capped at the `clearanceReach` the search looks as far as.
   */
  clusterClearance: number;
  /** Mean share of a paper's 8 nearest papers that are in its own cluster, over papers whose cluster has more than 8. */
  neighbourAgreement: number;
  /**
   * Spearman rank correlation, over pairs of clusters with ≥ 2 papers, between their similarity
   * (summed edge weight over √ of their strengths; 0 when no edge joins them) and the distance
   * between their centroids: negative when related clusters are nearer.
   */
  similarityDistanceCorrelation: number;
  /** Mean length of edges inside a cluster over the mean distance of random pairs of the same cluster. */
  edgeLengthRatio: number;
  /**
   * Mean distance from the cluster centroid, relative to the cluster's mean, of the best-connected
   * tenth of each cluster of ≥ 20 papers (below 1: hubs nearer the middle than the rest).
   */
  hubCentrality: number;
  /**
   * How far towards the cluster holding most of its edges a paper sits: its offset from its
   * cluster's centroid projected on the direction to that cluster, over the mean distance of the
   * cluster's papers from the centroid; the mean over papers with most of their edge weight in
   * one other cluster (0 for papers strewn at random, positive when they sit on the facing side).
   */
  facing: number;
}

const NEIGHBOURS = 8;

export function measureLayout(
  input: LayoutInput,
  layout: LayoutResult,
  clearanceReach = 100,
  seed = 1,
): LayoutQuality {
  const { n, membership, radius } = input;
  const { x, y } = layout;
  const graph = indexClusters(input, 0, 1);
  const K = graph.clusters;
  const sizes = new Int32Array(K);
  for (let i = 0; i < n; i++) sizes[membership[i]]++;
  let maxR = 0;
  for (let i = 0; i < n; i++) if (radius[i] > maxR) maxR = radius[i];

  // Overlaps and the clearance between clusters, over pairs within reach.
  const grid = new BucketGrid(n, Math.max(1, 4 * n));
  const reachCell = 2 * maxR + clearanceReach;
  grid.build(n, x, y, reachCell);
  const overlapping = new Uint8Array(n);
  let clearance = clearanceReach;
  forPairsWithin(grid, x, y, (a, b, d2) => {
    const d = Math.sqrt(d2);
    const gap = d - radius[a] - radius[b];
    if (gap < 0) overlapping[a] = overlapping[b] = 1;
    if (membership[a] !== membership[b] && gap < clearance) clearance = gap;
  });
  let overlaps = 0;
  for (let i = 0; i < n; i++) overlaps += overlapping[i];

  // 8 nearest papers, by rings of cells around each paper.
  grid.build(n, x, y, Math.max(1e-9, 4 * maxR));
  let agreeSum = 0;
  let agreeCount = 0;
  const bestD = new Float64Array(NEIGHBOURS);
  const bestI = new Int32Array(NEIGHBOURS);
  for (let i = 0; i < n; i++) {
    if (sizes[membership[i]] <= NEIGHBOURS) continue;
    const found = nearest(grid, x, y, i, bestD, bestI);
    let same = 0;
    for (let k = 0; k < found; k++) if (membership[bestI[k]] === membership[i]) same++;
    agreeSum += same / NEIGHBOURS;
    agreeCount++;
  }

  // Centroids.
  const cx = new Float64Array(K);
  const cy = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    cx[membership[i]] += x[i];
    cy[membership[i]] += y[i];
  }
  for (let c = 0; c < K; c++) {
    if (sizes[c] > 0) {
      cx[c] /= sizes[c];
      cy[c] /= sizes[c];
    }
  }

  // Rank correlation of similarity and distance over pairs of clusters.
  const big: number[] = [];
  for (let c = 0; c < K; c++) if (sizes[c] >= 2) big.push(c);
  const slot = new Int32Array(K).fill(-1);
  big.forEach((c, s) => {
    slot[c] = s;
  });
  const B = big.length;
  const sim = new Float64Array((B * (B - 1)) / 2);
  const pairIndex = (s: number, t: number): number => (s * (2 * B - s - 1)) / 2 + (t - s - 1);
  const similarity = linkSimilarity(graph);
  for (let l = 0; l < similarity.length; l++) {
    const s = slot[graph.linkA[l]];
    const t = slot[graph.linkB[l]];
    if (s >= 0 && t >= 0) sim[pairIndex(Math.min(s, t), Math.max(s, t))] = similarity[l];
  }
  const dist = new Float64Array(sim.length);
  for (let s = 0; s < B; s++) {
    for (let t = s + 1; t < B; t++) {
      const dx = cx[big[s]] - cx[big[t]];
      const dy = cy[big[s]] - cy[big[t]];
      dist[pairIndex(s, t)] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  const correlation = sim.length >= 2 ? spearman(sim, dist) : 0;

  // Edge lengths against random pairs of the same cluster.
  let random = (seed ^ 0x2545f491) >>> 0 || 1;
  const nextRandom = (): number => {
    random ^= random << 13;
    random >>>= 0;
    random ^= random >>> 17;
    random ^= random << 5;
    random >>>= 0;
    return random / 4294967296;
  };
  let edgeSum = 0;
  let pairSum = 0;
  for (let c = 0; c < K; c++) {
    const base = graph.paperStart[c];
    const count = graph.paperStart[c + 1] - base;
    for (let e = graph.edgeStart[c]; e < graph.edgeStart[c + 1]; e++) {
      const a = graph.papers[base + graph.edgeA[e]];
      const b = graph.papers[base + graph.edgeB[e]];
      edgeSum += Math.sqrt((x[a] - x[b]) ** 2 + (y[a] - y[b]) ** 2);
      const p = graph.papers[base + Math.floor(nextRandom() * count)];
      let q = graph.papers[base + Math.floor(nextRandom() * (count - 1))];
      if (q === p) q = graph.papers[base + count - 1];
      pairSum += Math.sqrt((x[p] - x[q]) ** 2 + (y[p] - y[q]) ** 2);
    }
  }

  // Hubs: papers are listed largest radius first within their cluster.
  let hubSum = 0;
  let hubClusters = 0;
  for (let c = 0; c < K; c++) {
    const base = graph.paperStart[c];
    const count = graph.paperStart[c + 1] - base;
    if (count < 20) continue;
    let all = 0;
    let hubs = 0;
    const top = Math.ceil(count / 10);
    for (let p = 0; p < count; p++) {
      const i = graph.papers[base + p];
      const d = Math.sqrt((x[i] - cx[c]) ** 2 + (y[i] - cy[c]) ** 2);
      all += d;
      if (p < top) hubs += d;
    }
    if (all > 0) {
      hubSum += hubs / top / (all / count);
      hubClusters++;
    }
  }

  // Facing: papers with most of their weight in one other cluster.
  const spread = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const c = membership[i];
    spread[c] += Math.sqrt((x[i] - cx[c]) ** 2 + (y[i] - cy[c]) ** 2) / sizes[c];
  }
  let facingSum = 0;
  let facingCount = 0;
  const weightTo = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k0 = graph.crossStart[i];
    const k1 = graph.crossStart[i + 1];
    if (k1 === k0) continue;
    weightTo.clear();
    let cross = 0;
    for (let k = k0; k < k1; k++) {
      const d = membership[graph.crossOther[k]];
      weightTo.set(d, (weightTo.get(d) ?? 0) + graph.crossWeight[k]);
      cross += graph.crossWeight[k];
    }
    let top = -1;
    let topWeight = 0;
    for (const [d, w] of weightTo) {
      if (w > topWeight || (w === topWeight && d < top)) {
        top = d;
        topWeight = w;
      }
    }
    if (topWeight <= graph.innerStrength[i] || topWeight < cross / 2) continue;
    const c = membership[i];
    const ox = x[i] - cx[c];
    const oy = y[i] - cy[c];
    const tx = cx[top] - cx[c];
    const ty = cy[top] - cy[c];
    const norm = Math.sqrt(tx * tx + ty * ty) * spread[c];
    if (norm > 0) {
      facingSum += (ox * tx + oy * ty) / norm;
      facingCount++;
    }
  }

  return {
    overlapShare: n > 0 ? overlaps / n : 0,
    clusterClearance: clearance,
    neighbourAgreement: agreeCount > 0 ? agreeSum / agreeCount : 1,
    similarityDistanceCorrelation: correlation,
    edgeLengthRatio: pairSum > 0 ? edgeSum / pairSum : 0,
    hubCentrality: hubClusters > 0 ? hubSum / hubClusters : 0,
    facing: facingCount > 0 ? facingSum / facingCount : 0,
  };
}

/** Calls `visit` for every pair of points in the same or neighbouring cells, with their squared distance. */
function forPairsWithin(
  grid: BucketGrid,
  x: Float64Array,
  y: Float64Array,
  visit: (a: number, b: number, distance2: number) => void,
): void {
  const { cols, rows, cellStart, items, cell } = grid;
  const reach2 = cell * cell;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const r = row + dr;
          const q = col + dc;
          if (r < 0 || r >= rows || q < 0 || q >= cols) continue;
          const k = row * cols + col;
          const nk = r * cols + q;
          if (nk < k) continue;
          for (let s = cellStart[k]; s < cellStart[k + 1]; s++) {
            const a = items[s];
            const from = nk === k ? s + 1 : cellStart[nk];
            for (let t = from; t < cellStart[nk + 1]; t++) {
              const b = items[t];
              const d2 = (x[a] - x[b]) ** 2 + (y[a] - y[b]) ** 2;
              if (d2 < reach2) visit(a, b, d2);
            }
          }
        }
      }
    }
  }
}

/** The up to 8 points nearest point i (not itself), nearest first; returns how many. */
function nearest(
  grid: BucketGrid,
  x: Float64Array,
  y: Float64Array,
  i: number,
  bestD: Float64Array,
  bestI: Int32Array,
): number {
  const { cols, rows, cellStart, items, cell, left, top } = grid;
  const col = Math.floor((x[i] - left) / cell);
  const row = Math.floor((y[i] - top) / cell);
  let found = 0;
  for (let ring = 0; ; ring++) {
    // Every point beyond this ring is at least ring·cell away.
    if (found === NEIGHBOURS && bestD[found - 1] <= (ring - 1) * cell * ((ring - 1) * cell)) break;
    if (ring > cols + rows) break;
    for (let r = row - ring; r <= row + ring; r++) {
      if (r < 0 || r >= rows) continue;
      const edgeRow = r === row - ring || r === row + ring;
      for (let q = col - ring; q <= col + ring; q += edgeRow ? 1 : 2 * ring) {
        if (q >= 0 && q < cols) {
          const k = r * cols + q;
          for (let s = cellStart[k]; s < cellStart[k + 1]; s++) {
            const j = items[s];
            if (j === i) continue;
            const d2 = (x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2;
            if (found === NEIGHBOURS && d2 >= bestD[found - 1]) continue;
            let at = found < NEIGHBOURS ? found++ : NEIGHBOURS - 1;
            while (at > 0 && bestD[at - 1] > d2) {
              bestD[at] = bestD[at - 1];
              bestI[at] = bestI[at - 1];
              at--;
            }
            bestD[at] = d2;
            bestI[at] = j;
          }
        }
        if (ring === 0) break;
      }
    }
  }
  return found;
}

/** Spearman's rank correlation: Pearson's correlation of the ranks, ties given their mean rank. */
export function spearman(a: Float64Array, b: Float64Array): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const m = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < m; i++) {
    ma += ra[i];
    mb += rb[i];
  }
  ma /= m;
  mb /= m;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < m; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

function ranks(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((p, q) => values[p] - values[q] || p - q);
  const out = new Float64Array(values.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && values[order[e + 1]] === values[order[s]]) e++;
    for (let k = s; k <= e; k++) out[order[k]] = (s + e) / 2;
    s = e + 1;
  }
  return out;
}
