/**
 * What one `MapView` means for drawing, derived once per update (never per frame): the visible
 * nodes as a list, the shown edges in typed arrays grouped by weight bucket, their adjacency
 * (for "neighbours of the hovered node"), and the clusters with their visible sizes.
 */
import type { MapEdge, MapView } from './types';

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
  /** The shown edges as given (kept for the layout's links). */
  edges: MapEdge[];
  /** Edge indices grouped by bucket: bucket b is bucketEdges[bucketStart[b] … bucketStart[b + 1]). */
  bucketStart: Uint32Array;
  bucketEdges: Uint32Array;
  /** Adjacency (CSR): node i's neighbours are adjNode[adjStart[i] … adjStart[i + 1]), via adjEdge. */
  adjStart: Uint32Array;
  adjNode: Uint32Array;
  adjEdge: Uint32Array;
  /** Clusters with visible members, largest first. */
  clusters: SceneCluster[];
  /** Order-sensitive hash of the edge set and of the visible set, to tell what changed. */
  edgeHash: number;
  visibleHash: number;
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
): Scene {
  const n = nodeSlot.length;
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
  const bucketStart = new Uint32Array(EDGE_BUCKETS.length + 1);
  const adjStart = new Uint32Array(n + 1);
  let edgeHash = mix(0x811c9dc5, m);
  for (let e = 0; e < m; e++) {
    const { source, target, weight } = edges[e];
    edgeSource[e] = source;
    edgeTarget[e] = target;
    edgeWeight[e] = weight;
    bucketStart[bucketOf(weight) + 1]++;
    adjStart[source + 1]++;
    adjStart[target + 1]++;
    edgeHash = mix(mix(edgeHash, source), target);
  }
  for (let b = 0; b < EDGE_BUCKETS.length; b++) bucketStart[b + 1] += bucketStart[b];
  for (let i = 0; i < n; i++) adjStart[i + 1] += adjStart[i];
  const bucketEdges = new Uint32Array(m);
  const adjNode = new Uint32Array(2 * m);
  const adjEdge = new Uint32Array(2 * m);
  const bucketFill = bucketStart.slice(0, EDGE_BUCKETS.length);
  const adjFill = adjStart.slice(0, n);
  for (let e = 0; e < m; e++) {
    bucketEdges[bucketFill[bucketOf(edgeWeight[e])]++] = e;
    const s = edgeSource[e];
    const t = edgeTarget[e];
    adjNode[adjFill[s]] = t;
    adjEdge[adjFill[s]++] = e;
    adjNode[adjFill[t]] = s;
    adjEdge[adjFill[t]++] = e;
  }

  let matchCount = 0;
  if (view.matches) for (const i of visibleIndices) matchCount += view.matches[i] ? 1 : 0;

  return {
    visible,
    visibleIndices,
    matches: view.matches,
    matchCount,
    selected:
      view.selected !== null && view.selected >= 0 && view.selected < n && visible[view.selected]
        ? view.selected
        : null,
    edgeCount: m,
    edgeSource,
    edgeTarget,
    edgeWeight,
    edges,
    bucketStart,
    bucketEdges,
    adjStart,
    adjNode,
    adjEdge,
    clusters: sceneClusters(view, slotOf, slotSizes),
    edgeHash,
    visibleHash,
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
