/**
 * What every exporter reads: the graph JSON and, optionally, the part of it in view and the
 * layout's current positions. `exportView` turns that into one consistent set of nodes and edges,
 * so that every format writes the same papers and links for the same view.
 */
import { modularityOf } from '../../core/clusters';
import { nodeRadius } from '../../core/degree';
import { POSITION_DIGITS, round } from '../../core/serialize';
import type {
  ClusterInfo,
  PapermapGraphJSON,
  PaperNodeAttributes,
  SerializedEdge,
  SerializedNode,
} from '../../core/types';
import { joinList } from './escape';

export interface ExportInput {
  graph: PapermapGraphJSON;
  /** Keys of the nodes in the current view; all nodes when absent. */
  nodes?: string[];
  /** The edges in view, either way round; all edges among the kept nodes when absent. */
  edges?: Array<[string, string]>;
  /** Current layout positions; a node without one keeps its `x`, `y` attributes. */
  positions?: Map<string, { x: number; y: number }>;
}

export interface ExportView {
  graph: PapermapGraphJSON;
  /** The nodes in view, in graph order, as new objects with the view's positions. */
  nodes: SerializedNode[];
  /** The edges in view, in graph order, each with its index in `graph.edges` (a stable edge id). */
  edges: Array<SerializedEdge & { index: number }>;
  /** Whether nodes or edges were left out: the file is a view, not the whole graph. */
  filtered: boolean;
  /** Every cluster of the graph by id (present in the view or not). */
  clusters: Map<number, ClusterInfo>;
  /** Number of edges in view at each node in view. */
  degree: Map<string, number>;
  /** Summed similarity of the edges in view at each node in view. */
  strength: Map<string, number>;
}

const ERROR = 'papermap export';

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * The nodes and edges an export writes. Unknown node keys and edges that are not in the graph are
 * errors (the view came from another graph); edges with an end outside the kept nodes are left
 * out, so that a file never holds an edge to a node it does not have.
 */
export function exportView(input: ExportInput): ExportView {
  const { graph, positions } = input;
  const known = new Set(graph.nodes.map((node) => node.key));
  let keep: Set<string> | null = null;
  if (input.nodes !== undefined) {
    keep = new Set(input.nodes);
    for (const key of keep) {
      if (!known.has(key)) throw new Error(`${ERROR}: node "${key}" is not in the graph`);
    }
  }
  let edgeKeep: Set<string> | null = null;
  if (input.edges !== undefined) {
    const present = new Set(graph.edges.map((edge) => pairKey(edge.source, edge.target)));
    edgeKeep = new Set();
    for (const [a, b] of input.edges) {
      const key = pairKey(a, b);
      if (!present.has(key)) throw new Error(`${ERROR}: edge "${a}" – "${b}" is not in the graph`);
      edgeKeep.add(key);
    }
  }

  const nodes: SerializedNode[] = [];
  for (const node of graph.nodes) {
    if (keep !== null && !keep.has(node.key)) continue;
    const at = positions?.get(node.key);
    const moved = at !== undefined && Number.isFinite(at.x) && Number.isFinite(at.y);
    nodes.push({
      key: node.key,
      attributes: moved
        ? { ...node.attributes, x: round(at.x, POSITION_DIGITS), y: round(at.y, POSITION_DIGITS) }
        : { ...node.attributes },
    });
  }

  const degree = new Map<string, number>(nodes.map((node) => [node.key, 0]));
  const strength = new Map<string, number>(nodes.map((node) => [node.key, 0]));
  const edges: ExportView['edges'] = [];
  graph.edges.forEach((edge, index) => {
    if (!degree.has(edge.source) || !degree.has(edge.target)) return;
    if (edgeKeep !== null && !edgeKeep.has(pairKey(edge.source, edge.target))) return;
    edges.push({ ...edge, index });
    for (const end of [edge.source, edge.target]) {
      degree.set(end, (degree.get(end) ?? 0) + 1);
      strength.set(end, (strength.get(end) ?? 0) + edge.attributes.weight);
    }
  });

  return {
    graph,
    nodes,
    edges,
    filtered: nodes.length < graph.nodes.length || edges.length < graph.edges.length,
    clusters: new Map(graph.attributes.clusters.map((cluster) => [cluster.id, cluster])),
    degree,
    strength,
  };
}

/** Radius of a node drawn for export (SVG circles, GEXF/GraphML sizes): the map's, to 0.01. */
export function exportRadius(strength: number): number {
  return round(nodeRadius(strength), 2);
}

/**
 * Weighted modularity Q = Σ_c [ L_c / m − γ (d_c / 2m)² ] of the view's clusters over the view's
 * edges (L_c: weight inside cluster c, d_c: its weighted degree, m: total weight): the figure
 * `stats.modularity` holds for the whole graph, recomputed for a part of it.
 */
export function viewModularity(view: ExportView, resolution = 1): number {
  const index = new Map(view.nodes.map((node, i) => [node.key, i]));
  return modularityOf(
    view.nodes.map((node) => node.attributes.cluster),
    view.edges.map((edge) => index.get(edge.source) as number),
    view.edges.map((edge) => index.get(edge.target) as number),
    view.edges.map((edge) => edge.attributes.weight),
    resolution,
  );
}

/** The paper fields GEXF and GraphML both carry as node attributes: lists joined, absent as null. */
export function paperFields(
  paper: PaperNodeAttributes,
  clusterLabel: string | null,
): Record<string, string | number | null> {
  return {
    title: paper.title,
    authors: paper.authors.length > 0 ? joinList(paper.authors) : null,
    year: paper.year,
    url: paper.url,
    doi: paper.doi,
    arxiv: paper.arxiv,
    pmid: paper.pmid ?? null,
    cluster: paper.cluster,
    cluster_label: clusterLabel,
    terms: joinList(paper.terms),
    abstract: paper.abstract,
  };
}
