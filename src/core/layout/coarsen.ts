/**
 * A hierarchy of ever coarser versions of a cluster's graph, for the multilevel force layout of
 * C. Walshaw ("A multilevel algorithm for force-directed graph drawing", Journal of Graph
 * Algorithms and Applications 7(3), 2003): each level matches pairs of neighbours (heavy-edge
 * matching, as in METIS: G. Karypis, V. Kumar, SIAM J. Sci. Comput. 20(1), 1998), lets a node
 * left single join the pair it is most tied to, and merges each group into one node, whose area is
 * the group's, whose edges are the group's summed. A layout of
 * the coarse graph is the seed of the finer one, so the force layout only has to settle local
 * detail at each level, and long-range structure costs O(n) instead of many iterations over all
 * papers. Each level is O(n + m).
 */

export interface Level {
  count: number;
  /** Collision radius of each node: √ of its papers' summed squared radii (same area). */
  size: Float64Array;
  /** Papers in each node. */
  mass: Float64Array;
  /** Edges a < b with summed weight. */
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeWeight: Float64Array;
  /** The node of the next coarser level that each node merged into (empty on the coarsest). */
  parent: Int32Array;
}

/** Coarsening stops at this many nodes, or when a level shrinks by less than STALL. */
const COARSEST = 32;
const STALL = 0.85;
/** Nodes merged into one at most: a pair and one node left single. */
const MAX_GROUP = 3;

/** Builds the levels, finest (the papers themselves, `finest`) first. */
export function coarsen(finest: Level): Level[] {
  const levels = [finest];
  for (;;) {
    const level = levels[levels.length - 1];
    if (level.count <= COARSEST) break;
    const next = coarser(level);
    if (next.count > STALL * level.count) break;
    levels.push(next);
  }
  return levels;
}

function coarser(level: Level): Level {
  const { count, edgeA, edgeB, edgeWeight, mass, size } = level;
  const m = edgeA.length;
  // Adjacency in CSR form.
  const start = new Int32Array(count + 1);
  for (let e = 0; e < m; e++) {
    start[edgeA[e] + 1]++;
    start[edgeB[e] + 1]++;
  }
  for (let i = 0; i < count; i++) start[i + 1] += start[i];
  const at = start.slice(0, count);
  const other = new Int32Array(2 * m);
  const weight = new Float64Array(2 * m);
  for (let e = 0; e < m; e++) {
    other[at[edgeA[e]]] = edgeB[e];
    weight[at[edgeA[e]]++] = edgeWeight[e];
    other[at[edgeB[e]]] = edgeA[e];
    weight[at[edgeB[e]]++] = edgeWeight[e];
  }

  // Heavy-edge matching, the weight taken per paper merged so that coarse nodes stay balanced.
  const parent = new Int32Array(count).fill(-1);
  let coarse = 0;
  for (let i = 0; i < count; i++) {
    if (parent[i] >= 0) continue;
    let best = -1;
    let bestScore = 0;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const j = other[k];
      if (parent[j] >= 0 || j === i) continue;
      const score = weight[k] / (mass[i] + mass[j]);
      if (score > bestScore || (score === bestScore && j < best)) {
        best = j;
        bestScore = score;
      }
    }
    if (best >= 0) parent[i] = parent[best] = coarse++;
  }
  // A node whose neighbours were all taken joins the pair it is most tied to (as a third), so a
  // level shrinks by about half even where matching alone would leave most nodes single
  // (a k-nearest-neighbour graph stalls near two thirds).
  const members = new Int32Array(coarse).fill(2);
  const groupMass = new Float64Array(coarse);
  for (let i = 0; i < count; i++) if (parent[i] >= 0) groupMass[parent[i]] += mass[i];
  const joined = new Int32Array(count).fill(-1);
  for (let i = 0; i < count; i++) {
    if (parent[i] >= 0) continue;
    let best = -1;
    let bestScore = 0;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const q = parent[other[k]];
      if (q < 0 || members[q] >= MAX_GROUP) continue;
      const score = weight[k] / (mass[i] + groupMass[q]);
      if (score > bestScore || (score === bestScore && q < best)) {
        best = q;
        bestScore = score;
      }
    }
    if (best >= 0) {
      joined[i] = best;
      members[best]++;
      groupMass[best] += mass[i];
    }
  }
  for (let i = 0; i < count; i++) {
    if (parent[i] >= 0) continue;
    parent[i] = joined[i] >= 0 ? joined[i] : coarse++;
  }
  level.parent = parent;

  const nextMass = new Float64Array(coarse);
  const area = new Float64Array(coarse);
  for (let i = 0; i < count; i++) {
    const p = parent[i];
    const a = size[i] * size[i];
    nextMass[p] += mass[i];
    area[p] += a;
  }
  const nextSize = new Float64Array(coarse);
  for (let p = 0; p < coarse; p++) {
    nextSize[p] = Math.sqrt(area[p]);
  }

  // Coarse edges: for each coarse node, its children's edges summed per other coarse node.
  const childStart = new Int32Array(coarse + 1);
  for (let i = 0; i < count; i++) childStart[parent[i] + 1]++;
  for (let p = 0; p < coarse; p++) childStart[p + 1] += childStart[p];
  const children = new Int32Array(count);
  const childAt = childStart.slice(0, coarse);
  for (let i = 0; i < count; i++) children[childAt[parent[i]]++] = i;
  const sum = new Float64Array(coarse);
  const touched = new Int32Array(coarse);
  const outA: number[] = [];
  const outB: number[] = [];
  const outW: number[] = [];
  for (let p = 0; p < coarse; p++) {
    let touchedCount = 0;
    for (let c = childStart[p]; c < childStart[p + 1]; c++) {
      const i = children[c];
      for (let k = start[i]; k < start[i + 1]; k++) {
        const q = parent[other[k]];
        if (q <= p) continue;
        if (sum[q] === 0) touched[touchedCount++] = q;
        sum[q] += weight[k];
      }
    }
    // In increasing order of the other node, so the edge list does not depend on visiting order.
    touched.subarray(0, touchedCount).sort();
    for (let t = 0; t < touchedCount; t++) {
      const q = touched[t];
      outA.push(p);
      outB.push(q);
      outW.push(sum[q]);
      sum[q] = 0;
    }
  }
  return {
    count: coarse,
    size: nextSize,
    mass: nextMass,
    edgeA: Int32Array.from(outA),
    edgeB: Int32Array.from(outB),
    edgeWeight: Float64Array.from(outW),
    parent: new Int32Array(0),
  };
}
