/** What the layout stage reads and the options it takes. */

export interface LayoutInput {
  /** Number of papers. */
  n: number;
  /** Cluster of each paper, dense 0 .. clusters − 1. */
  membership: ArrayLike<number>;
  clusters: number;
  /** Undirected similarity edges between papers, weights in (0, 1]. */
  edges: {
    source: ArrayLike<number>;
    target: ArrayLike<number>;
    weight: ArrayLike<number>;
  };
  /** Each paper's radius in layout units (`nodeRadius` of its weighted degree). */
  radius: ArrayLike<number>;
}

export interface LayoutOptions {
  /** Seeds the directions in which merged papers part, level by level, and any jiggle. */
  seed: number;
  /** Clear space kept between the papers of any two clusters, in layout units. */
  clusterGap: number;
  /** Clear space kept between two papers. */
  padding: number;
  /** Share of a cluster's disc its papers' padded circles cover. */
  fill: number;
  /** Iterations of the force layout inside a cluster, at each level but the coarsest. */
  iterations: number;
}

export interface LayoutResult {
  x: Float64Array;
  y: Float64Array;
}

/** Papers placed so far, of `total`. */
export type LayoutProgress = (done: number, total: number) => void;
