/**
 * What one `MapView` means for drawing, derived once per update (never per frame): the visible
 * nodes as a list, the shown edges in typed arrays grouped by weight bucket, their adjacency
 * (for "neighbours of the hovered node"), and the clusters with their visible sizes.
 */
import type { MapEdge, MapRegion, MapView } from './types';

/** Edge weight buckets: each is drawn as one path with its own width and opacity. */
export const EDGE_BUCKETS: readonly { min: number; width: number; alpha: number }[] = [
  { min: 0, width: 0.6, alpha: 0.28 },
  { min: 0.15, width: 0.9, alpha: 0.38 },
  { min: 0.25, width: 1.3, alpha: 0.5 },
  { min: 0.4, width: 1.8, alpha: 0.62 },
];

export interface SceneCluster {
  slot: number;
  label: string;
  color: string;
  /** Visible members. */
  size: number;
}

export interface Scene {
  /** What it was built from: a view with the same edges and visibility reuses the rest. */
  from: { edges: readonly MapEdge[]; visible: Uint8Array; nodeSlot: Int32Array };
  visible: Uint8Array;
  visibleIndices: number[];
  matches: Uint8Array | null;
  /** Visible matches (0 without a search). */
  matchCount: number;
  /** The selected node when it is visible, else null. */
  selected: number | null;
  edgeCount: number;
  edgeSource: Uint32Array;
  edgeTarget: Uint32Array;
  edgeWeight: Float32Array;
  /**
   * Edge indices in drawing priority: rank 1 (each paper's nearest neighbour) first, then rank 2,
   * and so on, stronger buckets first within a rank. A frame that cannot draw every edge draws a
   * prefix of this order, so every paper keeps its closest relation in view.
   */
  edgeOrder: Uint32Array;
  /** Each edge's weight bucket (index into EDGE_BUCKETS). */
  edgeBucket: Uint8Array;
  /** Adjacency (CSR): node i's neighbours are adjNode[adjStart[i] … adjStart[i + 1]), via adjEdge. */
  adjStart: Uint32Array;
  adjNode: Uint32Array;
  adjEdge: Uint32Array;
  /** Clusters with visible members, largest first. */
  clusters: SceneCluster[];
  /** Regions to name, largest first. */
  regions: readonly MapRegion[];
  /** Order-sensitive hash of the edge set and of the visible set, to tell what changed. */
  edgeHash: number;
  visibleHash: number;
}

/** Ranks past this one are drawn together, last. */
const MAX_RANK = 64;

function rankOf(edge: MapEdge): number {
  const rank = Math.floor(edge.rank ?? 1);
  return rank >= 1 ? Math.min(MAX_RANK, rank) : 1;
}

function bucketOf(weight: number): number {
  let b = 0;
  while (b + 1 < EDGE_BUCKETS.length && weight >= EDGE_BUCKETS[b + 1].min) b++;
  return b;
}

/** FNV-1a over 32-bit words. */
function mix(hash: number, word: number): number {
  let h = hash;
  for (let shift = 0; shift < 32; shift += 8) {
    h ^= (word >>> shift) & 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * `nodeSlot` maps each node to its dense cluster slot, `slotOf` a cluster id to its slot;
 * `slotSizes` is scratch space with one entry per slot.
 */
export function buildScene(
  view: MapView,
  nodeSlot: Int32Array,
  slotOf: ReadonlyMap<number, number>,
  slotSizes: Uint32Array,
  previous: Scene | null = null,
): Scene {
  const n = nodeSlot.length;
  if (
    previous !== null &&
    previous.from.edges === view.edges &&
    previous.from.visible === view.visible &&
    previous.from.nodeSlot === nodeSlot &&
    (!view.matches || view.matches.length === n)
  ) {
    // Same papers and edges (a search, a selection): only what depends on those is new.
    return {
      ...previous,
      ...viewMarks(view, previous.visibleIndices, n),
      clusters: previous.clusters,
      regions: view.regions ?? [],
    };
  }
  if (view.visible.length !== n) {
    throw new Error(`papermap map: view.visible has ${view.visible.length} entries for ${n} nodes`);
  }
  if (view.matches && view.matches.length !== n) {
    throw new Error(`papermap map: view.matches has ${view.matches.length} entries for ${n} nodes`);
  }
  const visible = view.visible;
  const visibleIndices: number[] = [];
  let visibleHash = 0x811c9dc5;
  slotSizes.fill(0);
  for (let i = 0; i < n; i++) {
    if (visible[i]) {
      visibleIndices.push(i);
      slotSizes[nodeSlot[i]]++;
      visibleHash = mix(visibleHash, i);
    }
  }

  // Edges with a hidden or unknown end are not drawn: the view's contract says both ends are visible.
  const edges: MapEdge[] = [];
  for (const e of view.edges) {
    if (!(e.source >= 0 && e.source < n && e.target >= 0 && e.target < n)) {
      throw new Error(`papermap map: edge ${e.source}–${e.target} names a node outside 0…${n - 1}`);
    }
    if (visible[e.source] && visible[e.target] && e.source !== e.target) edges.push(e);
  }
  const m = edges.length;
  const edgeSource = new Uint32Array(m);
  const edgeTarget = new Uint32Array(m);
  const edgeWeight = new Float32Array(m);
  const edgeClass = new Uint32Array(m);
  let maxRank = 1;
  for (const e of edges) maxRank = Math.max(maxRank, rankOf(e));
  const edgeBucket = new Uint8Array(m);
  const adjStart = new Uint32Array(n + 1);
  let edgeHash = mix(0x811c9dc5, m);
  for (let e = 0; e < m; e++) {
    const { source, target, weight } = edges[e];
    edgeSource[e] = source;
    edgeTarget[e] = target;
    edgeWeight[e] = weight;
    const bucket = bucketOf(weight);
    edgeBucket[e] = bucket;
    const rank = rankOf(edges[e]);
    edgeClass[e] = (rank - 1) * EDGE_BUCKETS.length + (EDGE_BUCKETS.length - 1 - bucket);
    adjStart[source + 1]++;
    adjStart[target + 1]++;
    edgeHash = mix(mix(edgeHash, source), target);
  }
  for (let i = 0; i < n; i++) adjStart[i + 1] += adjStart[i];
  const adjNode = new Uint32Array(2 * m);
  const adjEdge = new Uint32Array(2 * m);
  const adjFill = adjStart.slice(0, n);
  for (let e = 0; e < m; e++) {
    const s = edgeSource[e];
    const t = edgeTarget[e];
    adjNode[adjFill[s]] = t;
    adjEdge[adjFill[s]++] = e;
    adjNode[adjFill[t]] = s;
    adjEdge[adjFill[t]++] = e;
  }

  // Counting sort by (rank, bucket): linear, and stable, so equal classes keep the view's order.
  const classStart = new Uint32Array(maxRank * EDGE_BUCKETS.length + 1);
  for (let e = 0; e < m; e++) classStart[edgeClass[e] + 1]++;
  for (let c = 1; c < classStart.length; c++) classStart[c] += classStart[c - 1];
  const edgeOrder = new Uint32Array(m);
  for (let e = 0; e < m; e++) edgeOrder[classStart[edgeClass[e]]++] = e;

  return {
    from: { edges: view.edges, visible: view.visible, nodeSlot },
    visible,
    visibleIndices,
    ...viewMarks(view, visibleIndices, n),
    edgeCount: m,
    edgeSource,
    edgeTarget,
    edgeWeight,
    edgeOrder,
    edgeBucket,
    adjStart,
    adjNode,
    adjEdge,
    clusters: sceneClusters(view, slotOf, slotSizes),
    regions: view.regions ?? [],
    edgeHash,
    visibleHash,
  };
}

/** The search matches and the selection, which change without the papers or edges changing. */
function viewMarks(
  view: MapView,
  visibleIndices: readonly number[],
  n: number,
): Pick<Scene, 'matches' | 'matchCount' | 'selected'> {
  let matchCount = 0;
  if (view.matches) for (const i of visibleIndices) matchCount += view.matches[i] ? 1 : 0;
  const selected = view.selected;
  return {
    matches: view.matches,
    matchCount,
    selected: selected !== null && selected >= 0 && selected < n && view.visible[selected] ? selected : null,
  };
}

function sceneClusters(
  view: MapView,
  slotOf: ReadonlyMap<number, number>,
  slotSizes: Uint32Array,
): SceneCluster[] {
  const clusters: SceneCluster[] = [];
  for (const cluster of view.clusters) {
    const slot = slotOf.get(cluster.id);
    if (slot === undefined || slotSizes[slot] === 0) continue;
    clusters.push({ slot, label: cluster.label, color: cluster.color, size: slotSizes[slot] });
  }
  return clusters.sort((a, b) => b.size - a.size || a.slot - b.slot);
}
