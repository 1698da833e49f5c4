/**
 * The explorer's state and its pure actions, in one pattern: a state type, `initialViewState()`, and
 * actions `(args) => (state) => newState` (after Gephi Lite's `src/core/selection/`). What is drawn
 * and listed is derived from this state (`derive.ts`), never decided by render code.
 */
import type { ClusterInfo } from '../../core/types';
import type { AppData } from '../data';

export type ListScope = { kind: 'all' } | { kind: 'cluster'; cluster: number } | { kind: 'search' };

export interface ViewState {
  selected: number | null;
  query: string;
  hiddenClusters: ReadonlySet<number>;
  /** Neighbours per paper shown (1..data.maxK). */
  k: number;
  /** Edges below this similarity are hidden. */
  minSimilarity: number;
  /** Cluster of each paper and the clusters' names: the file's, or a re-clustering's. */
  membership: Int32Array;
  clusters: ClusterInfo[];
  resolution: number;
  list: ListScope;
}

export type Action = (state: ViewState) => ViewState;

export function initialViewState(data: AppData): ViewState {
  return {
    selected: null,
    query: '',
    hiddenClusters: new Set(),
    k: data.maxK,
    minSimilarity: 0,
    membership: Int32Array.from(data.papers, (paper) => paper.cluster),
    clusters: data.clusters,
    resolution: Number(data.graph.attributes.params.resolution) || 1,
    list: { kind: 'all' },
  };
}

export const select =
  (index: number | null): Action =>
  (state) =>
    state.selected === index ? state : { ...state, selected: index };

export const setQuery =
  (query: string): Action =>
  (state) => ({
    ...state,
    query,
    list: query.trim() ? { kind: 'search' } : state.list.kind === 'search' ? { kind: 'all' } : state.list,
  });

export const toggleCluster =
  (cluster: number): Action =>
  (state) => {
    const hidden = new Set(state.hiddenClusters);
    if (hidden.has(cluster)) hidden.delete(cluster);
    else hidden.add(cluster);
    // A selected paper in a cluster being hidden is no longer on the map: let it go.
    const selected =
      state.selected !== null && hidden.has(state.membership[state.selected]) ? null : state.selected;
    return { ...state, hiddenClusters: hidden, selected };
  };

export const setHiddenClusters =
  (clusters: Iterable<number>): Action =>
  (state) => {
    const hidden = new Set(clusters);
    const selected =
      state.selected !== null && hidden.has(state.membership[state.selected]) ? null : state.selected;
    return { ...state, hiddenClusters: hidden, selected };
  };

export const setK =
  (k: number): Action =>
  (state) => ({ ...state, k });

export const setMinSimilarity =
  (minSimilarity: number): Action =>
  (state) => ({ ...state, minSimilarity });

export const showList =
  (list: ListScope): Action =>
  (state) => ({ ...state, list });

/** A new clustering replaces the old one; hidden clusters and a cluster list no longer mean anything. */
export const setClustering =
  (membership: Int32Array, clusters: ClusterInfo[], resolution: number): Action =>
  (state) => ({
    ...state,
    membership,
    clusters,
    resolution,
    hiddenClusters: new Set(),
    list: state.list.kind === 'cluster' ? { kind: 'all' } : state.list,
  });
