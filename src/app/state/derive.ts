/**
 * What the view shows, derived from the data and the state alone: visible papers, shown edges,
 * search matches and the list. Map, panels and exports all read this; none decides for itself.
 */
import type { AppData } from '../data';
import type { SearchAnswer } from '../search';
import type { ViewState } from './view';

export interface DerivedView {
  visible: Uint8Array;
  /** Indices into data.edges of the edges shown. */
  edges: number[];
  /** Search results (paper indices, best first), or null without a query. */
  matches: number[] | null;
  /**
   * A query whose own results are not in yet: `matches` are the last ones shown (or null before
   * the index is ready).
   */
  searching: boolean;
  matchMask: Uint8Array | null;
  /** Papers listed in the list view, in order, and what the list is. */
  list: number[];
  listTitle: string;
  /** The state `visible` and `edges` were derived from. */
  basis: Pick<ViewState, 'membership' | 'hiddenClusters' | 'k' | 'minSimilarity' | 'clusters'>;
  /** The list scope `list` was made for. */
  scope: ViewState['list'];
}

export function derive(
  data: AppData,
  state: ViewState,
  search: (query: string) => SearchAnswer | null,
  previous: DerivedView | null = null,
): DerivedView {
  const n = data.papers.length;
  // What is visible and which edges show change with the clusters and the edge filters only: a
  // search or a selection keeps them (the same arrays, so the map knows nothing moved).
  const same =
    previous !== null &&
    previous.basis.membership === state.membership &&
    previous.basis.hiddenClusters === state.hiddenClusters &&
    previous.basis.k === state.k &&
    previous.basis.minSimilarity === state.minSimilarity;
  let visible: Uint8Array;
  let edges: number[];
  if (same) {
    ({ visible, edges } = previous);
  } else {
    visible = new Uint8Array(n);
    for (let i = 0; i < n; i++) visible[i] = state.hiddenClusters.has(state.membership[i]) ? 0 : 1;
    edges = [];
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
  }

  // Matches in hidden clusters are left out: the list and Enter must lead to papers on the map.
  const answer = state.query.trim() ? search(state.query) : null;
  const matches = answer === null ? null : answer.results.filter((i) => visible[i] === 1);
  const searching = state.query.trim() !== '' && answer?.current !== true;
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
  const sameScope =
    same &&
    previous.basis.clusters === state.clusters &&
    previous.scope.kind === scope.kind &&
    (scope.kind !== 'cluster' ||
      (previous.scope.kind === 'cluster' && previous.scope.cluster === scope.cluster));
  if (scope.kind === 'search' && matches !== null) {
    list = matches;
    listTitle = `${matches.length} match${matches.length === 1 ? '' : 'es'} for “${state.query.trim()}”`;
  } else if (sameScope && previous.scope.kind !== 'search') {
    // Sorting 45,000 papers on every keystroke would cost more than the search itself.
    ({ list, listTitle } = previous);
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
  const basis = {
    membership: state.membership,
    hiddenClusters: state.hiddenClusters,
    k: state.k,
    minSimilarity: state.minSimilarity,
    clusters: state.clusters,
  };
  return { visible, edges, matches, searching, matchMask, list, listTitle, basis, scope };
}
