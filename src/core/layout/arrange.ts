/**
 * The first level of the layout: where each cluster's disc goes. Clusters are discs whose area is
 * what their papers need; related clusters (more, heavier edges between their papers) sit near
 * each other, and any two discs stay `clusterGap` apart.
 *
 * 1. A VOS map of the cluster graph (N. J. van Eck, L. Waltman, "VOS: a new method for
 *    visualizing similarities between objects", 2007, the mapping behind VOSviewer): points
 *    minimising V = Σ s_ij d_ij² − μ Σ d_ij, by majorization, O(K²) per sweep over K clusters.
 * 2. The map scaled so the discs would fill it at DENSITY, then refined: VOS sweeps at that scale
 *    alternate with pushing overlapping discs part of the way apart.
 * 3. Exact separation until every pair clears the gap; then compaction, each disc sliding towards
 *    the centre until it meets another, so weakly related clusters do not float far out; then
 *    separation again.
 *
 * Clusters that share no edge with any other cluster ("islands") are not placed here: they go on
 * rings around the map (islands.ts). Only +, −, ×, ÷ and √ reach the positions.
 */
import type { ClusterGraph } from './cluster-graph';
import { GOLDEN_COS, GOLDEN_SIN } from './seed';

/** Sweeps of the VOS majorization from the sunflower start, and at the discs' scale with collisions. */
const SWEEPS = 300;
const REFINE_SWEEPS = 100;
/**
 * Sweeps cost K² each: past this many pair visits in all, fewer sweeps (never fewer than
 * MIN_SWEEPS), so a clustering into thousands of clusters still finishes in a second or so.
 */
const SWEEP_BUDGET = 4e7;
const MIN_SWEEPS = 10;
/** Similarity every pair of clusters gets on top of its own, relative to the mean. */
const FLOOR = 0.2;
/** Share of the discs' bounding area they are scaled to fill before the refinement. */
const DENSITY = 0.7;
/** Share of an overlap undone per refinement sweep. */
const COLLIDE = 0.5;
/** Passes of compaction. */
const COMPACT_PASSES = 3;
/** Discs pushed apart to the gap times this, so rounding never leaves them a hair too close. */
const SEPARATION_SLACK = 1 + 1e-9;
/** Passes of exact separation before the whole arrangement is spread by SPREAD and tried again. */
const SEPARATION_PASSES = 64;
const SPREAD = 1.02;

/**
 * Normalised similarity of each linked pair of clusters: their summed edge weight over the
 * geometric mean of the clusters' total strengths, so two small, tightly linked clusters count as
 * much as two large ones.
 */
export function linkSimilarity(graph: ClusterGraph): Float64Array {
  const out = new Float64Array(graph.linkA.length);
  for (let l = 0; l < out.length; l++) {
    const sa = graph.clusterStrength[graph.linkA[l]];
    const sb = graph.clusterStrength[graph.linkB[l]];
    out[l] = graph.linkWeight[l] / Math.sqrt(sa * sb);
  }
  return out;
}

/**
 * Centres of the linked clusters' discs, the origin their area-weighted centroid (islands keep
 * NaN). `reach[c]` is the disc radius plus half the gap, so two discs clear the gap exactly when
 * their reaches do not overlap.
 */
export function arrangeClusters(
  graph: ClusterGraph,
  clusterGap: number,
): { x: Float64Array; y: Float64Array; linked: Int32Array } {
  const K = graph.clusters;
  const x = new Float64Array(K).fill(Number.NaN);
  const y = new Float64Array(K).fill(Number.NaN);
  const reach = new Float64Array(K);
  for (let c = 0; c < K; c++) reach[c] = graph.discRadius[c] + clusterGap / 2;
  const similarity = linkSimilarity(graph);
  const isLinked = new Uint8Array(K);
  for (let l = 0; l < similarity.length; l++) isLinked[graph.linkA[l]] = isLinked[graph.linkB[l]] = 1;
  const list: number[] = [];
  for (let c = 0; c < K; c++) if (isLinked[c] === 1) list.push(c);
  const linked = Int32Array.from(list);
  if (linked.length === 0) return { x, y, linked };

  vosArrange(linked, adjacencyOf(graph, similarity), reach, x, y);
  separate(linked, reach, x, y);
  centre(linked, reach, x, y);
  compact(linked, reach, x, y);
  separate(linked, reach, x, y);
  centre(linked, reach, x, y);
  return { x, y, linked };
}

/** Moves the arrangement so that its area-weighted centroid is the origin. */
function centre(linkedList: Int32Array, reach: Float64Array, x: Float64Array, y: Float64Array): void {
  let sx = 0;
  let sy = 0;
  let sm = 0;
  for (const c of linkedList) {
    const m = reach[c] * reach[c];
    sx += x[c] * m;
    sy += y[c] * m;
    sm += m;
  }
  for (const c of linkedList) {
    x[c] -= sx / sm;
    y[c] -= sy / sm;
  }
}

interface Adjacency {
  start: Int32Array;
  other: Int32Array;
  similarity: Float64Array;
}

function adjacencyOf(graph: ClusterGraph, similarity: Float64Array): Adjacency {
  const K = graph.clusters;
  const L = similarity.length;
  const start = new Int32Array(K + 1);
  for (let l = 0; l < L; l++) {
    start[graph.linkA[l] + 1]++;
    start[graph.linkB[l] + 1]++;
  }
  for (let c = 0; c < K; c++) start[c + 1] += start[c];
  const at = start.slice(0, K);
  const other = new Int32Array(2 * L);
  const sim = new Float64Array(2 * L);
  for (let l = 0; l < L; l++) {
    const a = graph.linkA[l];
    const b = graph.linkB[l];
    other[at[a]] = b;
    sim[at[a]++] = similarity[l];
    other[at[b]] = a;
    sim[at[b]++] = similarity[l];
  }
  return { start, other, similarity: sim };
}

/**
 * Calls `visit(a, b)` once for every pair of linked clusters whose reaches overlap, by sweep and
 * prune: `order` is kept sorted by left edge (insertion sort, cheap when the order barely changes),
 * and each disc meets only those whose left edge lies before its right edge.
 */
function sweepPairs(
  order: Int32Array,
  left: Float64Array,
  x: Float64Array,
  y: Float64Array,
  reach: Float64Array,
  visit: (a: number, b: number, dx: number, dy: number, distance2: number) => void,
): void {
  for (const c of order) left[c] = x[c] - reach[c];
  for (let i = 1; i < order.length; i++) {
    const c = order[i];
    let j = i - 1;
    while (j >= 0 && (left[order[j]] > left[c] || (left[order[j]] === left[c] && order[j] > c))) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = c;
  }
  for (let i = 0; i < order.length; i++) {
    const a = order[i];
    const right = x[a] + reach[a];
    for (let j = i + 1; j < order.length; j++) {
      const b = order[j];
      if (left[b] >= right) break;
      const dx = x[b] - x[a];
      const dy = y[b] - y[a];
      const clear = reach[a] + reach[b];
      const distance2 = dx * dx + dy * dy;
      if (distance2 < clear * clear) visit(a, b, dx, dy, distance2);
    }
  }
}

/**
 * One Gauss–Seidel sweep of the majorization of the VOS objective (N. J. van Eck, L. Waltman,
 * "VOS: a new method for visualizing similarities between objects", 2007; the mapping of
 * VOSviewer): V = Σ s_ij d_ij² − μ Σ d_ij. Each cluster moves to the minimum of V's quadratic
 * majorizer in its own position: x_i ← (Σ_j s_ij x_j + (μ/2) Σ_j (x_i − x_j)/d_ij) / Σ_j s_ij, which
 * never increases V. Every pair also gets the similarity `floor`, so clusters of separate
 * components stay at a finite distance.
 */
function vosSweep(
  linked: Int32Array,
  adjacency: Adjacency,
  floor: number,
  mu: number,
  x: Float64Array,
  y: Float64Array,
): void {
  const count = linked.length;
  let sumX = 0;
  let sumY = 0;
  for (const c of linked) {
    sumX += x[c];
    sumY += y[c];
  }
  for (const i of linked) {
    let ax = floor * (sumX - x[i]);
    let ay = floor * (sumY - y[i]);
    let w = floor * (count - 1);
    for (let a = adjacency.start[i]; a < adjacency.start[i + 1]; a++) {
      const j = adjacency.other[a];
      const s = adjacency.similarity[a];
      ax += s * x[j];
      ay += s * y[j];
      w += s;
    }
    let rx = 0;
    let ry = 0;
    for (const j of linked) {
      if (j === i) continue;
      const dx = x[i] - x[j];
      const dy = y[i] - y[j];
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d > 0) {
        rx += dx / d;
        ry += dy / d;
      }
    }
    const nx = (ax + (mu / 2) * rx) / w;
    const ny = (ay + (mu / 2) * ry) / w;
    sumX += nx - x[i];
    sumY += ny - y[i];
    x[i] = nx;
    y[i] = ny;
  }
}

/** Steps 1 and 2. */
function vosArrange(
  linked: Int32Array,
  adjacency: Adjacency,
  reach: Float64Array,
  x: Float64Array,
  y: Float64Array,
): void {
  const count = linked.length;
  const sims = adjacency.similarity;
  // Similarities relative to their mean over all pairs, so the floor and the scale do not depend
  // on how similar papers are overall; and over the geometric mean of the two clusters' sums
  // relative to the mean sum, so a cluster with few cross edges is not pushed out to the edge.
  let total = 0;
  for (let a = 0; a < sims.length; a++) total += sims[a];
  const mean = count > 1 ? total / (count * (count - 1)) : 1;
  const rowSum = new Float64Array(reach.length);
  for (const c of linked) {
    for (let a = adjacency.start[c]; a < adjacency.start[c + 1]; a++) rowSum[c] += sims[a];
  }
  let meanRow = 0;
  for (const c of linked) meanRow += rowSum[c] / count;
  const scaled = new Float64Array(sims.length);
  for (const c of linked) {
    for (let a = adjacency.start[c]; a < adjacency.start[c + 1]; a++) {
      const o = adjacency.other[a];
      scaled[a] = (sims[a] / mean) * (meanRow / Math.sqrt(rowSum[c] * rowSum[o]));
    }
  }
  const relative: Adjacency = { start: adjacency.start, other: adjacency.other, similarity: scaled };
  const budget = Math.max(MIN_SWEEPS, Math.floor(SWEEP_BUDGET / (count * count)));
  const sweeps = Math.min(SWEEPS, budget);
  const refineSweeps = Math.min(REFINE_SWEEPS, budget);

  // Start on a sunflower, in cluster order.
  let cos = 1;
  let sin = 0;
  linked.forEach((c, r) => {
    const d = Math.sqrt(r + 0.5);
    x[c] = d * cos;
    y[c] = d * sin;
    const next = cos * GOLDEN_COS - sin * GOLDEN_SIN;
    sin = cos * GOLDEN_SIN + sin * GOLDEN_COS;
    cos = next;
  });
  for (let t = 0; t < sweeps; t++) vosSweep(linked, relative, FLOOR, 1, x, y);

  // Scale so that the map spreads like the discs packed at DENSITY: a disc of radius P filled
  // evenly has mean squared distance P²/2 from its centre.
  let cx = 0;
  let cy = 0;
  for (const c of linked) {
    cx += x[c];
    cy += y[c];
  }
  cx /= count;
  cy /= count;
  let spread = 0;
  let area = 0;
  for (const c of linked) {
    x[c] -= cx;
    y[c] -= cy;
    spread += x[c] * x[c] + y[c] * y[c];
    area += reach[c] * reach[c];
  }
  const packed = Math.sqrt(area / DENSITY);
  const scale = spread > 0 ? packed / Math.sqrt((2 * spread) / count) : 1;
  for (const c of linked) {
    x[c] *= scale;
    y[c] *= scale;
  }
  // V(λx) with μ = λ is λ² V(x): the same optimum, at the discs' scale.
  const order = linked.slice();
  const left = new Float64Array(reach.length);
  const push = (a: number, b: number, dx: number, dy: number, distance2: number): void => {
    const d = Math.sqrt(distance2);
    if (d === 0) return;
    moveApart(a, b, dx, dy, ((reach[a] + reach[b] - d) / d) * COLLIDE, reach, x, y);
  };
  for (let t = 0; t < refineSweeps; t++) {
    vosSweep(linked, relative, FLOOR, scale, x, y);
    sweepPairs(order, left, x, y, reach, push);
  }
}

/**
 * Step 3, compaction. Discs in order of distance from the centre each slide straight towards it
 * until they meet another disc (the nearest disc whose interval along the ray it would enter), so
 * clusters that the similarities left far out come in to touch the map.
 */
function compact(linked: Int32Array, reach: Float64Array, x: Float64Array, y: Float64Array): void {
  const count = linked.length;
  const distance = new Float64Array(reach.length);
  const order = Array.from(linked);
  for (let pass = 0; pass < COMPACT_PASSES; pass++) {
    for (const c of linked) distance[c] = Math.sqrt(x[c] * x[c] + y[c] * y[c]);
    order.sort((a, b) => distance[a] - distance[b] || a - b);
    for (const c of order) {
      const d = Math.sqrt(x[c] * x[c] + y[c] * y[c]);
      if (!(d > 0)) continue;
      const ux = -x[c] / d;
      const uy = -y[c] / d;
      let t = d;
      for (let k = 0; k < count; k++) {
        const j = linked[k];
        if (j === c) continue;
        const qx = x[c] - x[j];
        const qy = y[c] - y[j];
        const clear = reach[c] + reach[j];
        const b = qx * ux + qy * uy;
        const disc = b * b - (qx * qx + qy * qy - clear * clear);
        if (disc <= 0) continue;
        const enter = -b - Math.sqrt(disc);
        // Only discs ahead on the ray and not already touching block the slide.
        if (enter < 0) {
          if (-b + Math.sqrt(disc) > 0) t = 0;
          continue;
        }
        if (enter < t) t = enter;
      }
      t -= 1e-9 * reach[c];
      if (t > 0) {
        x[c] += t * ux;
        y[c] += t * uy;
      }
    }
  }
}

/**
 * Moves discs a and b apart along (dx, dy) by `move` of it in all, each by the other's share of
 * their two areas: a small disc gives way to a large one.
 */
function moveApart(
  a: number,
  b: number,
  dx: number,
  dy: number,
  move: number,
  reach: Float64Array,
  x: Float64Array,
  y: Float64Array,
): void {
  const ma = reach[a] * reach[a];
  const mb = reach[b] * reach[b];
  const share = mb / (ma + mb);
  x[a] -= dx * move * share;
  y[a] -= dy * move * share;
  x[b] += dx * move * (1 - share);
  y[b] += dy * move * (1 - share);
}

/** Step 3, separation: pushes overlapping discs apart until every pair clears the gap. */
function separate(linked: Int32Array, reach: Float64Array, x: Float64Array, y: Float64Array): void {
  const order = linked.slice();
  const left = new Float64Array(reach.length);
  let overlaps = 0;
  const push = (a: number, b: number, dx0: number, dy0: number, distance2: number): void => {
    overlaps++;
    let dx = dx0;
    let dy = dy0;
    let d = Math.sqrt(distance2);
    if (d === 0) {
      // Two centres on one point: part them along x, the lower id to the left.
      dx = 1;
      dy = 0;
      d = 1;
    }
    moveApart(a, b, dx, dy, ((reach[a] + reach[b]) * SEPARATION_SLACK - d) / d, reach, x, y);
  };
  for (;;) {
    for (let pass = 0; pass < SEPARATION_PASSES; pass++) {
      overlaps = 0;
      sweepPairs(order, left, x, y, reach, push);
      if (overlaps === 0) return;
    }
    for (const c of linked) {
      x[c] *= SPREAD;
      y[c] *= SPREAD;
    }
  }
}
