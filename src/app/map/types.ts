import type { Scene } from './scene';
import type { MapTheme } from './theme';

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
  /** Position in layout units (the pipeline's layout); the map draws it as final. */
  x: number;
  y: number;
}

/** An edge between two node indices. */
export interface MapEdge {
  source: number;
  target: number;
  /** Similarity in (0, 1]: stronger edges are shorter, thicker and more opaque. */
  weight: number;
  /**
   * The edge's best neighbour rank from either end (1 = a paper's nearest neighbour); when a view
   * has more edges than a frame draws, the lowest ranks are drawn first. Missing = 1.
   */
  rank?: number;
}

export interface MapCluster {
  id: number;
  label: string;
  color: string;
}

/** A named part of a cluster, named on the map once zoomed in far enough to tell it apart. */
export interface MapRegion {
  label: string;
  /** Centre and spread (root mean square distance of its papers from the centre), layout units. */
  x: number;
  y: number;
  spread: number;
  size: number;
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
  /** Finer names, inside clusters, drawn as the view zooms in (largest first); none if absent. */
  regions?: MapRegion[];
}

/** The moment drawn: viewport, camera and transient pointer state. */
export interface FrameState {
  width: number;
  height: number;
  dpr: number;
  k: number;
  tx: number;
  ty: number;
  theme: MapTheme;
  hovered: number | null;
  /** 1 for the neighbours of the hovered node. */
  neighbours: Uint8Array;
  /**
   * The view is moving under a gesture (pan, wheel zoom, a flight): a renderer may draw less
   * (fewer edges) to keep up, and draws everything again once it stops.
   */
  moving: boolean;
  /**
   * 1 for the papers a drag moves, null when none: the rest of the map is still, so a renderer
   * may keep a picture of it for the whole drag (`dragId` says which drag) and draw only these.
   */
  moved: Uint8Array | null;
  dragId: number;
}

/** A label drawn in the last frame, in CSS pixels of the canvas (for tests and tools). */
export interface DrawnLabel {
  kind: 'cluster' | 'region' | 'title';
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Turns a scene into pixels at a frame state. Renderers decide nothing about what is shown; they
 * read positions from the shared `Positions` and may cache by its version.
 */
export interface Renderer {
  draw(
    target: CanvasRenderingContext2D,
    frame: FrameState,
    scene: Scene,
    positions: Positions,
    cached: boolean,
  ): void;
  /** Labels placed by the last draw. */
  labels(): readonly DrawnLabel[];
}

/** Layout positions in layout units, shared by the map's parts; `version` grows on every move. */
export interface Positions {
  x: Float32Array;
  y: Float32Array;
  version: number;
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
  /** Re-derive what is drawn. Positions stay where they are: a filter hides papers, it moves none. */
  update(view: MapView): void;
  /**
   * New cluster, colour and radius for each node (same nodes, same order), e.g. after
   * reclustering. Positions are kept, so the map a person has learned stays where it was.
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
  /** Labels (cluster and region names, titles) drawn in the last frame. */
  labels(): readonly DrawnLabel[];
  /** True when nothing moves: drawn at the final positions (mirrored in `canvas.dataset.settled`). */
  readonly settled: boolean;
  readonly canvas: HTMLCanvasElement;
}
