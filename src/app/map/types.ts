/**
 * The map's contract with the app. The app derives a `MapView` from its state; the map only turns
 * it into pixels and reports pointer events back. It never decides what is shown.
 */

/** One paper on the map; its index is its position in the array given to `createPaperMap`. */
export interface MapNode {
  key: string;
  title: string;
  cluster: number;
  color: string;
  /** Radius in layout units (it grows with the zoom, down to a minimum on screen). */
  radius: number;
  /** Starting position in layout units (the pipeline's precomputed layout). */
  x: number;
  y: number;
}

/** An edge between two node indices. */
export interface MapEdge {
  source: number;
  target: number;
  /** Similarity in (0, 1]: stronger edges are shorter, thicker and more opaque. */
  weight: number;
}

export interface MapCluster {
  id: number;
  label: string;
  color: string;
}

/** What to show, derived by the app from its state. */
export interface MapView {
  /** 1 = node shown. */
  visible: Uint8Array;
  /** Edges shown (both ends visible; edges with a hidden end are not drawn). */
  edges: MapEdge[];
  /** Search matches to highlight (others faded), or null. */
  matches: Uint8Array | null;
  /** Selected node (ring, its edges emphasised). */
  selected: number | null;
  /** Names drawn at the centre of each cluster's visible nodes. */
  clusters: MapCluster[];
}

export interface MapCallbacks {
  onHover(index: number | null): void;
  onClick(index: number | null): void;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

export interface PaperMap {
  /** Re-derive what is drawn; re-heats the layout only if the edge set changed. */
  update(view: MapView): void;
  /**
   * New cluster, colour and radius for each node (same nodes, same order), e.g. after
   * reclustering. Positions are kept; the layout re-heats lightly so the new clusters gather.
   */
  setClusters(nodes: MapNode[]): void;
  /** Animates pan/zoom to centre a node, zooming in to at least a level where titles show. */
  focus(index: number): void;
  /** Fits all visible nodes, or the given ones (e.g. a cluster), with a margin; animated. */
  fit(indices?: number[]): void;
  /** Current layout positions by node key, in layout units. */
  positions(): Map<string, { x: number; y: number }>;
  /** The current view at device pixel ratio 2 on the theme's background (no hover state). */
  toPNG(): Promise<Blob>;
  /** Re-reads the container's size (also done automatically through a ResizeObserver). */
  resize(): void;
  destroy(): void;
  /** Screen position of a visible node, in CSS pixels relative to the canvas; null when hidden. */
  nodeScreenPosition(index: number): ScreenPoint | null;
  /** The visible node under a point in CSS pixels relative to the canvas, or null. */
  nodeAt(x: number, y: number): number | null;
  /** Pans by a screen distance in CSS pixels (what the arrow keys do). */
  panBy(dx: number, dy: number): void;
  /** Zooms by a factor about the canvas centre (what + and − do). */
  zoomBy(factor: number): void;
  /** True once the layout has stopped moving (mirrored in `canvas.dataset.settled`). */
  readonly settled: boolean;
  readonly canvas: HTMLCanvasElement;
}
