/**
 * Cluster colours: Paul Tol's colour-blind-safe "muted" scheme, then three of his "light" scheme for
 * more clusters (https://personal.sron.nl/~pault/). Past twelve the colours repeat in order.
 */
export const CLUSTER_COLORS: readonly string[] = [
  '#cc6677',
  '#332288',
  '#ddcc77',
  '#117733',
  '#88ccee',
  '#882255',
  '#44aa99',
  '#999933',
  '#aa4499',
  '#ee8866',
  '#77aadd',
  '#bbcc33',
];

export function clusterColor(id: number): string {
  return CLUSTER_COLORS[id % CLUSTER_COLORS.length];
}
