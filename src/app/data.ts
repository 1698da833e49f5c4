/**
 * The graph as the app uses it: papers and edges by integer index, each paper's edges, and weighted
 * degrees, built once from the graph JSON. Read-only after that; what changes lives in the state.
 */
import { weightedDegree } from '../core/degree';
import type { ClusterInfo, PapermapGraphJSON, PaperNodeAttributes } from '../core/types';

export interface AppEdge {
  source: number;
  target: number;
  weight: number;
  rank: number;
  terms: string[];
}

export interface AppData {
  graph: PapermapGraphJSON;
  keys: string[];
  papers: PaperNodeAttributes[];
  indexOf: Map<string, number>;
  edges: AppEdge[];
  /** Edge indices of each paper, strongest first. */
  incident: number[][];
  /** Weighted degree of each paper over all edges. */
  strength: Float64Array;
  /** The clusters of the file (the state may hold others after re-clustering). */
  clusters: ClusterInfo[];
  /** The k the graph was built with: the most neighbours per paper the app can show. */
  maxK: number;
}

/**
 * Indexes a graph that passed `checkGraph` (src/app/load.ts). A paper's position may be NaN (the
 * map places it). Edges that name no paper of the graph or join a paper to itself are skipped
 * here too: the check leaves none, and this must not throw if one gets through.
 */
export function appData(graph: PapermapGraphJSON): AppData {
  const keys = graph.nodes.map((node) => node.key);
  const papers = graph.nodes.map((node) => node.attributes);
  const indexOf = new Map(keys.map((key, i) => [key, i]));
  const edges: AppEdge[] = [];
  for (const edge of graph.edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined || source === target) continue;
    const { weight, rank, terms } = edge.attributes;
    edges.push({ source, target, weight, rank, terms });
  }
  const incident: number[][] = papers.map(() => []);
  edges.forEach((edge, e) => {
    incident[edge.source].push(e);
    incident[edge.target].push(e);
  });
  const strength = weightedDegree(
    papers.length,
    edges.map((e) => e.source),
    edges.map((e) => e.target),
    edges.map((e) => e.weight),
  );
  for (const list of incident) list.sort((a, b) => edges[b].weight - edges[a].weight || a - b);
  // A loop, not Math.max(...ranks): spreading 168,000 arguments overflows the call stack.
  let maxK = Math.max(1, Number(graph.attributes.params.k) || 1);
  for (const edge of edges) if (edge.rank > maxK) maxK = edge.rank;
  return {
    graph,
    keys,
    papers,
    indexOf,
    edges,
    incident,
    strength,
    clusters: graph.attributes.clusters,
    maxK,
  };
}

/** The other end of edge `e` seen from paper `i`. */
export function otherEnd(edge: AppEdge, i: number): number {
  return edge.source === i ? edge.target : edge.source;
}
