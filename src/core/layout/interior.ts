/**
 * The second level of the layout: each cluster's papers inside its disc.
 *
 * Multilevel (C. Walshaw, "A multilevel algorithm for force-directed graph drawing", JGAA 7(3),
 * 2003): the cluster's graph is coarsened by matching (coarsen.ts), the coarsest graph laid out
 * from a sunflower, and each finer level seeded from the coarser one (a merged pair's two nodes
 * either side of where their parent was) and refined by a few iterations. Long-range structure is
 * settled on small graphs, so the papers themselves need only a few iterations.
 *
 * At every level the force layout is d3-force's (M. Bostock, github.com/d3/d3-force) in typed
 * arrays: velocity Verlet with alpha cooling; a spring on every edge with rest length "touching"
 * and strength w / min(strength of its ends) (d3's forceLink, similarity in place of counts),
 * Hooke's law only up to a stretch and constant beyond; collisions of slightly inflated circles
 * (d3's forceCollide) found through a uniform grid, Fruchterman & Reingold's grid variant
 * (Software: Practice and Experience 21(11), 1991), so an iteration is O(n + m); and a wall at the
 * disc's rim.
 *
 * Then three steps without forces. The layout is turned (and mirrored if that fits better) so
 * that papers with edges to other clusters lie towards them (2-D Procrustes). Springs leave the
 * disc crowded in the middle, so each paper is moved along its ray from the centre to where its
 * rank in distance puts it in an evenly filled disc, the best-connected and those whose edges
 * point outwards ranked as if a little nearer or further. Last, collisions alone settle the disc
 * and exact passes part any papers still overlapping.
 *
 * Each cluster is laid out on its own, in local coordinates around its centre, so the work could
 * be split over workers by cluster. The force buffers are allocated once, for the largest cluster;
 * the iterations allocate nothing (the hierarchy is built per cluster, in O(n + m)).
 */
import type { ClusterGraph } from './cluster-graph';
import { coarsen, type Level } from './coarsen';
import { coolingFactor } from './cooling';
import { BucketGrid } from './grid';
import { sunflower } from './seed';
import type { LayoutOptions } from './types';

/** Spring pull is Hooke's law up to this many touching distances of stretch, constant beyond. */
const SATURATE = 1;
/**
 * In the even fill, a paper's distance from the centre also counts as if multiplied by
 * 1 + FACING × (share of its edges going out) × (cosine between its place and where they go).
 */
const FACING = 1;
/** Collision circles on the coarsest level start at this share of their size, full from GROW_UNTIL of its run. */
const GROW_FROM = 0.3;
const GROW_UNTIL = 0.5;
/**
 * Collision circles are this much larger than the papers during the force layout, so papers keep
 * a little clear space and crowded parts of a disc push into emptier ones.
 */
const INFLATE = 1.2;
/** Share of an overlap undone per iteration by the collision force (d3-force's default). */
const COLLIDE = 0.7;
/**
 * Iterations on the coarsest level (a few dozen nodes, so cheap) and at most on any level; the
 * alpha a finer level starts at.
 */
const COARSE_ITERATIONS = 300;
const LEVEL_ALPHA = 0.3;
/** Iterations of collisions alone after the even fill, then exact passes at most. */
const SETTLE_ITERATIONS = 30;
const RESOLVE_PASSES = 100;
/**
 * Exact passes stop once the pairs closer than half the padding are at most this share of the
 * papers: in a disc of tens of thousands the last few take most of the passes.
 */
const RESOLVE_LEFT = 0.001;
/**
 * In the even fill, a paper's distance from the centre counts as if divided by
 * 1 + HUB × (its radius − the smallest radius), so the best-connected come nearer the middle.
 */
const HUB = 0.5;
/** d3-force's velocity decay: the share of velocity kept per iteration. */
const VELOCITY_KEPT = 0.6;
/** Alpha at the last iteration (d3-force's alphaMin). */
const ALPHA_END = 0.001;
/** Share of nodes too large for the collision grid's cells, which search wider themselves. */
const BIG_SHARE = 0.05;

interface CollisionPass {
  px: Float64Array;
  py: Float64Array;
  outX: Float64Array;
  outY: Float64Array;
  size: Float64Array;
  grow: number;
  strength: number;
  random: () => number;
}

export class InteriorLayout {
  private readonly graph: ClusterGraph;
  private readonly options: LayoutOptions;
  private readonly vx: Float64Array;
  private readonly vy: Float64Array;
  private readonly px: Float64Array;
  private readonly py: Float64Array;
  private readonly grid: BucketGrid;
  private readonly linkStrength: Float64Array;
  private readonly linkBias: Float64Array;
  private readonly nodeStrength: Float64Array;
  private readonly rank: Int32Array;
  private readonly distance: Float64Array;
  private readonly key: Float64Array;
  private readonly big: Int32Array;
  private bigCount = 0;
  private cutSize = 0;
  private maxSize = 0;
  /** Overlaps up to this much are parted but not counted (exact passes stop when none is left). */
  private slack = 0;
  /** The arrays and factors of the collision pass under way, set by `collide` for `pairs`. */
  private pass!: CollisionPass;

  constructor(graph: ClusterGraph, options: LayoutOptions) {
    this.graph = graph;
    this.options = options;
    let largest = 0;
    let edges = 0;
    let cells = 1;
    for (let c = 0; c < graph.clusters; c++) {
      const count = graph.paperStart[c + 1] - graph.paperStart[c];
      if (count > largest) largest = count;
      edges = Math.max(edges, graph.edgeStart[c + 1] - graph.edgeStart[c]);
      if (count === 0) continue;
      const smallest = graph.radius[graph.papers[graph.paperStart[c + 1] - 1]] + options.padding / 2;
      const side = Math.floor((2 * graph.discRadius[c]) / (2 * smallest)) + 2;
      if (side * side > cells) cells = side * side;
    }
    this.vx = new Float64Array(largest);
    this.vy = new Float64Array(largest);
    this.px = new Float64Array(largest);
    this.py = new Float64Array(largest);
    this.grid = new BucketGrid(largest, cells);
    this.linkStrength = new Float64Array(edges);
    this.linkBias = new Float64Array(edges);
    this.nodeStrength = new Float64Array(largest);
    this.rank = new Int32Array(largest);
    this.distance = new Float64Array(largest);
    this.key = new Float64Array(largest);
    this.big = new Int32Array(largest);
  }

  /**
   * Lays out cluster `c` in its disc around its centre (`centreX[c]`, `centreY[c]`) and writes its
   * papers' positions into `x`, `y`. The other clusters' centres give the outward pulls.
   */
  run(
    c: number,
    centreX: Float64Array,
    centreY: Float64Array,
    random: () => number,
    x: Float64Array,
    y: Float64Array,
  ): void {
    const g = this.graph;
    const base = g.paperStart[c];
    const count = g.paperStart[c + 1] - base;
    const cx = centreX[c];
    const cy = centreY[c];
    if (count === 0) return;
    if (count === 1) {
      x[g.papers[base]] = cx;
      y[g.papers[base]] = cy;
      return;
    }
    const R = g.discRadius[c];
    const levels = coarsen(this.finestLevel(c));
    const { pullX, pullY } = this.outwardPulls(c, centreX, centreY);

    // Coarsest level from a sunflower, then each finer level from the one above it.
    const top = levels[levels.length - 1];
    let lx = new Float64Array(top.count);
    let ly = new Float64Array(top.count);
    sunflower(top.count, R * 0.9, 0, 0, lx, ly);
    this.force(top, lx, ly, R, COARSE_ITERATIONS, 1, GROW_FROM, random);
    for (let l = levels.length - 2; l >= 0; l--) {
      const level = levels[l];
      const fx = new Float64Array(level.count);
      const fy = new Float64Array(level.count);
      this.prolong(level, lx, ly, fx, fy, random);
      lx = fx;
      ly = fy;
      // More iterations where they are cheap: × √(papers / nodes), so each level costs less than
      // the one below it and the middle levels, which shape the disc, get time to settle.
      const iterations = Math.min(
        COARSE_ITERATIONS,
        Math.floor(this.options.iterations * Math.sqrt(count / level.count)),
      );
      this.force(level, lx, ly, R, iterations, LEVEL_ALPHA, 1, random);
    }

    const finest = levels[0];
    alignToPulls(count, pullX, pullY, lx, ly);
    this.equalize(finest, pullX, pullY, lx, ly, R);
    this.settle(finest, lx, ly, R, random);
    for (let p = 0; p < count; p++) {
      const i = g.papers[base + p];
      x[i] = cx + lx[p];
      y[i] = cy + ly[p];
    }
  }

  /** The cluster's papers as the finest level: sizes and edges. */
  private finestLevel(c: number): Level {
    const g = this.graph;
    const base = g.paperStart[c];
    const count = g.paperStart[c + 1] - base;
    const half = this.options.padding / 2;
    const size = new Float64Array(count);
    for (let p = 0; p < count; p++) size[p] = g.radius[g.papers[base + p]] + half;
    const e0 = g.edgeStart[c];
    const e1 = g.edgeStart[c + 1];
    return {
      count,
      size,
      mass: new Float64Array(count).fill(1),
      edgeA: g.edgeA.subarray(e0, e1),
      edgeB: g.edgeB.subarray(e0, e1),
      edgeWeight: g.edgeWeight.subarray(e0, e1),
      parent: new Int32Array(0),
    };
  }

  /**
   * Where each paper's edges to other clusters point: the weighted sum of unit vectors towards
   * those clusters' centres over the paper's whole strength (length 1 when every edge goes to
   * one other cluster, 0 with none).
   */
  private outwardPulls(
    c: number,
    centreX: Float64Array,
    centreY: Float64Array,
  ): { pullX: Float64Array; pullY: Float64Array } {
    const g = this.graph;
    const base = g.paperStart[c];
    const count = g.paperStart[c + 1] - base;
    const pullX = new Float64Array(count);
    const pullY = new Float64Array(count);
    for (let p = 0; p < count; p++) {
      const i = g.papers[base + p];
      let fx = 0;
      let fy = 0;
      let total = g.innerStrength[i];
      for (let k = g.crossStart[i]; k < g.crossStart[i + 1]; k++) {
        const w = g.crossWeight[k];
        const other = g.membership[g.crossOther[k]];
        const ux = centreX[other] - centreX[c];
        const uy = centreY[other] - centreY[c];
        const len = Math.sqrt(ux * ux + uy * uy);
        total += w;
        if (!(len > 0)) continue;
        fx += (w * ux) / len;
        fy += (w * uy) / len;
      }
      if (total > 0) {
        pullX[p] = fx / total;
        pullY[p] = fy / total;
      }
    }
    return { pullX, pullY };
  }

  /**
   * Seeds a level from its parents' positions: a node alone in its parent takes the parent's
   * place; a merged pair goes either side of it, a seeded random direction, each at its own radius.
   */
  private prolong(
    level: Level,
    parentX: Float64Array,
    parentY: Float64Array,
    x: Float64Array,
    y: Float64Array,
    random: () => number,
  ): void {
    const { parent, size } = level;
    const first = new Int32Array(parentX.length).fill(-1);
    for (let i = 0; i < level.count; i++) {
      const p = parent[i];
      x[i] = parentX[p];
      y[i] = parentY[p];
      if (first[p] < 0) {
        first[p] = i;
        continue;
      }
      // Second of a pair: the two part along a random direction by their radii.
      let ux = random() - 0.5;
      let uy = random() - 0.5;
      const len = Math.sqrt(ux * ux + uy * uy);
      if (len > 0) {
        ux /= len;
        uy /= len;
      } else {
        ux = 1;
        uy = 0;
      }
      const a = first[p];
      x[a] -= ux * size[i];
      y[a] -= uy * size[i];
      x[i] += ux * size[a];
      y[i] += uy * size[a];
    }
  }

  /** Iterations of the force layout on one level, alpha from `alpha0` down to ALPHA_END. */
  private force(
    level: Level,
    lx: Float64Array,
    ly: Float64Array,
    R: number,
    iterations: number,
    alpha0: number,
    growFrom: number,
    random: () => number,
  ): void {
    const { count, size, edgeA, edgeB, edgeWeight } = level;
    const { vx, vy, px, py, linkStrength, linkBias, nodeStrength } = this;
    const m = edgeA.length;
    nodeStrength.fill(0, 0, count);
    for (let e = 0; e < m; e++) {
      nodeStrength[edgeA[e]] += edgeWeight[e];
      nodeStrength[edgeB[e]] += edgeWeight[e];
    }
    for (let e = 0; e < m; e++) {
      const sa = nodeStrength[edgeA[e]];
      const sb = nodeStrength[edgeB[e]];
      linkStrength[e] = edgeWeight[e] / Math.min(sa, sb);
      linkBias[e] = sa / (sa + sb);
    }
    this.prepareCollisions(level);
    vx.fill(0, 0, count);
    vy.fill(0, 0, count);
    const cooling = coolingFactor(iterations, ALPHA_END / alpha0);
    const growUntil = Math.max(1, Math.floor(iterations * GROW_UNTIL));
    const saturate = SATURATE;
    let alpha = alpha0;
    for (let it = 0; it < iterations; it++) {
      const grow = it >= growUntil ? 1 : growFrom + ((1 - growFrom) * it) / growUntil;
      // Springs, on the positions the velocities lead to (d3's forceLink). Hooke's law up to a
      // stretch of `saturate` touching distances, constant beyond: a long edge still pulls its
      // ends together, but never hard enough to crush the papers between them.
      for (let e = 0; e < m; e++) {
        const a = edgeA[e];
        const b = edgeB[e];
        let dx = lx[b] + vx[b] - lx[a] - vx[a];
        let dy = ly[b] + vy[b] - ly[a] - vy[a];
        let d2 = dx * dx + dy * dy;
        if (d2 === 0) {
          dx = (random() - 0.5) * 1e-6;
          dy = (random() - 0.5) * 1e-6;
          d2 = dx * dx + dy * dy;
        }
        const d = Math.sqrt(d2);
        const rest = (size[a] + size[b]) * grow;
        const stretch = Math.min(d - rest, rest * saturate);
        const pull = (stretch / d) * alpha * linkStrength[e];
        const bias = linkBias[e];
        vx[b] -= dx * pull * bias;
        vy[b] -= dy * pull * bias;
        vx[a] += dx * pull * (1 - bias);
        vy[a] += dy * pull * (1 - bias);
      }
      this.collideAndMove(count, size, lx, ly, px, py, vx, vy, grow * INFLATE, R, random);
      alpha *= cooling;
    }
  }

  /**
   * Undoes the crowding in the middle that the springs leave behind: moves each paper along its
   * ray from the centre to where its rank in distance puts it in a disc filled evenly, area by
   * area. Angles stay, and so does the order of distances, but for the nudges of HUB (the
   * best-connected inwards) and FACING (papers whose edges point the way they lie outwards).
   */
  private equalize(
    level: Level,
    pullX: Float64Array,
    pullY: Float64Array,
    lx: Float64Array,
    ly: Float64Array,
    R: number,
  ): void {
    const { count, size } = level;
    const { rank, distance, key } = this;
    let minSize = Number.POSITIVE_INFINITY;
    for (let p = 0; p < count; p++) if (size[p] < minSize) minSize = size[p];
    let total = 0;
    for (let p = 0; p < count; p++) {
      distance[p] = Math.sqrt(lx[p] * lx[p] + ly[p] * ly[p]);
      rank[p] = p;
      // Papers whose edges point the way they already lie move out, towards that side's rim.
      const facing = distance[p] > 0 ? (lx[p] * pullX[p] + ly[p] * pullY[p]) / distance[p] : 0;
      key[p] = (distance[p] * (1 + FACING * facing)) / (1 + HUB * (size[p] - minSize));
      total += size[p] * size[p];
    }
    const order = rank.subarray(0, count);
    order.sort((a, b) => key[a] - key[b] || a - b);
    let before = 0;
    for (const p of order) {
      const area = size[p] * size[p];
      const target = R * Math.sqrt((before + area / 2) / total);
      before += area;
      if (distance[p] > 0) {
        lx[p] *= target / distance[p];
        ly[p] *= target / distance[p];
      }
    }
  }

  /**
   * Collisions alone, then exact passes until all but RESOLVE_LEFT of the papers are half the
   * padding clear of each other (or the passes run out).
   */
  private settle(level: Level, lx: Float64Array, ly: Float64Array, R: number, random: () => number): void {
    const { count, size } = level;
    const { vx, vy, px, py } = this;
    this.prepareCollisions(level);
    vx.fill(0, 0, count);
    vy.fill(0, 0, count);
    for (let it = 0; it < SETTLE_ITERATIONS; it++) {
      this.collideAndMove(count, size, lx, ly, px, py, vx, vy, INFLATE, R, random);
    }
    for (let pass = 0; pass < RESOLVE_PASSES; pass++) {
      // Exact passes read the positions they move (Gauss–Seidel), so a paper pushed by one
      // neighbour is not pushed back into another by a stale position.
      this.slack = this.options.padding / 2;
      const overlaps = this.collide(count, size, lx, ly, lx, ly, 1, 1, random);
      this.slack = 0;
      this.contain(count, size, lx, ly, R);
      if (overlaps <= count * RESOLVE_LEFT) break;
    }
  }

  /**
   * Splits a level's nodes for collisions: grid cells are sized for all but the largest
   * BIG_SHARE of nodes, and those few look further themselves, so one large hub does not make
   * every cell (and every paper's list of candidates) four times larger.
   */
  private prepareCollisions(level: Level): void {
    const { count, size } = level;
    const sorted = this.distance.subarray(0, count);
    sorted.set(size.subarray(0, count));
    sorted.sort();
    this.maxSize = sorted[count - 1];
    this.cutSize = sorted[Math.min(count - 1, Math.floor(count * (1 - BIG_SHARE)))];
    let big = 0;
    for (let p = 0; p < count; p++) if (size[p] > this.cutSize) this.big[big++] = p;
    this.bigCount = big;
  }

  /**
   * The end of a step of velocity Verlet: collisions at the positions the velocities lead to
   * (px, py, scratch), velocities decayed, positions moved, and the papers kept inside the disc.
   */
  private collideAndMove(
    count: number,
    size: Float64Array,
    lx: Float64Array,
    ly: Float64Array,
    px: Float64Array,
    py: Float64Array,
    vx: Float64Array,
    vy: Float64Array,
    inflate: number,
    R: number,
    random: () => number,
  ): void {
    for (let p = 0; p < count; p++) {
      px[p] = lx[p] + vx[p];
      py[p] = ly[p] + vy[p];
    }
    this.collide(count, size, px, py, vx, vy, inflate, COLLIDE, random);
    for (let p = 0; p < count; p++) {
      vx[p] *= VELOCITY_KEPT;
      vy[p] *= VELOCITY_KEPT;
      lx[p] += vx[p];
      ly[p] += vy[p];
    }
    this.contain(count, size, lx, ly, R);
  }

  /**
   * Parts overlapping circles (radius size × grow) at positions px, py by changing outX, outY
   * (velocities, by `strength` of the overlap, as d3's forceCollide; or the positions themselves
   * when they are px, py). Returns how many pairs overlapped by more than `slack`. Needs
   * prepareCollisions for the level.
   */
  private collide(
    count: number,
    size: Float64Array,
    px: Float64Array,
    py: Float64Array,
    outX: Float64Array,
    outY: Float64Array,
    grow: number,
    strength: number,
    random: () => number,
  ): number {
    const grid = this.grid;
    const cut = this.cutSize;
    grid.build(count, px, py, 2 * cut * grow);
    this.pass = { px, py, outX, outY, size, grow, strength, random };
    const { cols, rows, cellStart, items, cell, left, top } = grid;
    let overlaps = 0;
    // Pairs of ordinary nodes: each cell with itself, then with the cells east, south-west,
    // south and south-east, so each pair is met once.
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++) {
        const k = row * cols + col;
        const end = cellStart[k + 1];
        for (let s = cellStart[k]; s < end; s++) {
          const a = items[s];
          if (size[a] > cut) continue;
          overlaps += this.pairs(a, s + 1, end, cut);
          if (col + 1 < cols) {
            overlaps += this.pairs(a, cellStart[k + 1], cellStart[k + 2], cut);
          }
          if (row + 1 < rows) {
            const below = k + cols;
            const from = cellStart[col > 0 ? below - 1 : below];
            const to = cellStart[col + 1 < cols ? below + 2 : below + 1];
            overlaps += this.pairs(a, from, to, cut);
          }
        }
      }
    }
    // Each large node against everything within its reach (another large one only once).
    for (let q = 0; q < this.bigCount; q++) {
      const a = this.big[q];
      const span = Math.ceil(((size[a] + this.maxSize) * grow) / cell);
      const col = Math.floor((px[a] - left) / cell);
      const row = Math.floor((py[a] - top) / cell);
      const c0 = Math.max(0, col - span);
      const c1 = Math.min(cols - 1, col + span);
      for (let r = Math.max(0, row - span); r <= Math.min(rows - 1, row + span); r++) {
        overlaps += this.pairs(a, cellStart[r * cols + c0], cellStart[r * cols + c1 + 1], -a - 1);
      }
    }
    return overlaps;
  }

  /**
   * Parts node a from each node items[from .. to) it overlaps. `cut` ≥ 0 skips nodes larger than
   * it (met from their own side); a negative `cut` (−a − 1) is a large node's own search, which
   * skips itself and larger nodes of lower index (met from theirs).
   */
  private pairs(a: number, from: number, to: number, cut: number): number {
    const { px, py, outX, outY, size, grow, strength, random } = this.pass;
    const items = this.grid.items;
    let overlaps = 0;
    const sa = size[a];
    const slack = this.slack;
    const own = cut < 0;
    const limit = own ? this.cutSize : cut;
    for (let t = from; t < to; t++) {
      const b = items[t];
      const sb = size[b];
      if (own ? b === a || (sb > limit && b < a) : sb > limit) continue;
      // Read a's position afresh: exact passes move it as they go.
      let dx = px[b] - px[a];
      let dy = py[b] - py[a];
      const reach = (sa + sb) * grow;
      let d2 = dx * dx + dy * dy;
      if (d2 >= reach * reach) continue;
      if (d2 < (reach - slack) * (reach - slack)) overlaps++;
      if (d2 === 0) {
        dx = (random() - 0.5) * 1e-6 * reach;
        dy = (random() - 0.5) * 1e-6 * reach;
        d2 = dx * dx + dy * dy;
      }
      const d = Math.sqrt(d2);
      const push = ((reach - d) / d) * strength;
      const share = (sb * sb) / (sa * sa + sb * sb);
      outX[a] -= dx * push * share;
      outY[a] -= dy * push * share;
      outX[b] += dx * push * (1 - share);
      outY[b] += dy * push * (1 - share);
    }
    return overlaps;
  }

  /** Pulls papers that strayed past the rim back onto it, so the disc keeps the gap to its neighbours. */
  private contain(count: number, size: Float64Array, lx: Float64Array, ly: Float64Array, R: number): void {
    const { vx, vy } = this;
    const half = this.options.padding / 2;
    for (let p = 0; p < count; p++) {
      const limit = Math.max(0, R - size[p] + half);
      const d2 = lx[p] * lx[p] + ly[p] * ly[p];
      if (d2 <= limit * limit) continue;
      const scale = limit / Math.sqrt(d2);
      lx[p] *= scale;
      ly[p] *= scale;
      vx[p] *= scale;
      vy[p] *= scale;
    }
  }
}

/**
 * Turns (and if that fits better, mirrors) a cluster's layout about its centre so that papers
 * sit on the side their pulls point to: the rotation maximising Σ p_i · pull_i, in 2-D Procrustes'
 * closed form, cos θ and sin θ proportional to Σ p·q and Σ p×q, so no angle is ever computed. The
 * disc is round, so turning it keeps every paper inside and every distance the same.
 */
function alignToPulls(
  count: number,
  pullX: Float64Array,
  pullY: Float64Array,
  x: Float64Array,
  y: Float64Array,
): void {
  let dot = 0;
  let cross = 0;
  let dotMirror = 0;
  let crossMirror = 0;
  for (let p = 0; p < count; p++) {
    dot += x[p] * pullX[p] + y[p] * pullY[p];
    cross += x[p] * pullY[p] - y[p] * pullX[p];
    // Mirrored across the x axis: (x, −y).
    dotMirror += x[p] * pullX[p] - y[p] * pullY[p];
    crossMirror += x[p] * pullY[p] + y[p] * pullX[p];
  }
  const plain = Math.sqrt(dot * dot + cross * cross);
  const mirror = Math.sqrt(dotMirror * dotMirror + crossMirror * crossMirror);
  const flip = mirror > plain;
  const norm = flip ? mirror : plain;
  if (!(norm > 0)) return;
  const cos = (flip ? dotMirror : dot) / norm;
  const sin = (flip ? crossMirror : cross) / norm;
  for (let p = 0; p < count; p++) {
    const px = x[p];
    const py = flip ? -y[p] : y[p];
    x[p] = px * cos - py * sin;
    y[p] = px * sin + py * cos;
  }
}
