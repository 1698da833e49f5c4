/**
 * What the view shows, derived from the data and the state alone: visible papers, shown edges,
 * search matches and the list. Map, panels and exports all read this; none decides for itself.
 */
import type { AppData } from '../data';
import type { ViewState } from './view';

export interface DerivedView {
  visible: Uint8Array;
  /** Indices into data.edges of the edges shown. */
  edges: number[];
  /** Search results (paper indices, best first), or null without a query. */
  matches: number[] | null;
  matchMask: Uint8Array | null;
  /** Papers listed in the list view, in order, and what the list is. */
  list: number[];
  listTitle: string;
}

export function derive(data: AppData, state: ViewState, search: (query: string) => number[]): DerivedView {
  const n = data.papers.length;
  const visible = new Uint8Array(n);
  for (let i = 0; i < n; i++) visible[i] = state.hiddenClusters.has(state.membership[i]) ? 0 : 1;

  const edges: number[] = [];
  data.edges.forEach((edge, e) => {
    if (
      edge.rank <= state.k &&
      edge.weight >= state.minSimilarity &&
      visible[edge.source] &&
      visible[edge.target]
    ) {
      edges.push(e);
    }
  });

  // Matches in hidden clusters are left out: the list and Enter must lead to papers on the map.
  const matches = state.query.trim() ? search(state.query).filter((i) => visible[i] === 1) : null;
  let matchMask: Uint8Array | null = null;
  if (matches !== null) {
    matchMask = new Uint8Array(n);
    for (const i of matches) matchMask[i] = 1;
  }

  const byStrength = (a: number, b: number): number => data.strength[b] - data.strength[a] || a - b;
  const clusterOrder = new Map(state.clusters.map((cluster, position) => [cluster.id, position]));
  let list: number[];
  let listTitle: string;
  const scope = state.list;
  if (scope.kind === 'search' && matches !== null) {
    list = matches;
    listTitle = `${matches.length} match${matches.length === 1 ? '' : 'es'} for “${state.query.trim()}”`;
  } else if (scope.kind === 'cluster') {
    list = [];
    for (let i = 0; i < n; i++) if (state.membership[i] === scope.cluster) list.push(i);
    list.sort(byStrength);
    const cluster = state.clusters.find((c) => c.id === scope.cluster);
    listTitle = cluster ? cluster.label : `cluster ${scope.cluster}`;
  } else {
    list = [];
    for (let i = 0; i < n; i++) if (visible[i]) list.push(i);
    list.sort(
      (a, b) =>
        (clusterOrder.get(state.membership[a]) ?? 0) - (clusterOrder.get(state.membership[b]) ?? 0) ||
        byStrength(a, b),
    );
    listTitle = 'All papers';
  }
  return { visible, edges, matches, matchMask, list, listTitle };
}
