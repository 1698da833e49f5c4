/**
 * Serialize stage: the graph JSON of DESIGN.md, graphology's own format, built with a fixed key
 * order and rounded numbers so that the same input and options give byte-identical output.
 */
import type {
  ClusterInfo,
  GraphParams,
  GraphStats,
  Paper,
  PapermapGraphJSON,
  SerializedEdge,
  SerializedNode,
} from './types';

/** Decimals of a position in the graph JSON: what the pipeline writes and what an export of a moved map writes. */
export const POSITION_DIGITS = 1;

/** `value` to `digits` decimals, never -0: the one rounding of every number written to a file. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

export interface SerializeInput {
  source: string;
  params: GraphParams;
  stats: GraphStats;
  clusters: ClusterInfo[];
  keys: readonly string[];
  papers: readonly Paper[];
  membership: ArrayLike<number>;
  paperTerms: readonly string[][];
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  edges: ReadonlyArray<{ source: number; target: number; weight: number; rank: number; terms: string[] }>;
}

export function toGraphJSON(input: SerializeInput): PapermapGraphJSON {
  const nodes: SerializedNode[] = input.papers.map((paper, i) => ({
    key: input.keys[i],
    attributes: {
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors,
      year: paper.year,
      url: paper.url,
      doi: paper.doi,
      arxiv: paper.arxiv,
      pmid: paper.pmid,
      cluster: input.membership[i],
      terms: input.paperTerms[i],
      x: round(input.x[i], POSITION_DIGITS),
      y: round(input.y[i], POSITION_DIGITS),
    },
  }));
  const edges: SerializedEdge[] = input.edges.map((edge) => ({
    source: input.keys[edge.source],
    target: input.keys[edge.target],
    attributes: { weight: round(edge.weight, 4), rank: edge.rank, terms: edge.terms },
  }));
  return {
    options: { type: 'undirected', multi: false, allowSelfLoops: false },
    attributes: {
      format: 'papermap-graph',
      version: 1,
      source: input.source,
      params: input.params,
      stats: { ...input.stats, modularity: round(input.stats.modularity, 4) },
      clusters: input.clusters,
    },
    nodes,
    edges,
  };
}

/** The file text: compact JSON, one node or edge per line so diffs and greps stay readable. */
export function stringifyGraph(graph: PapermapGraphJSON): string {
  // One list of parts joined once: at 45,000 papers each intermediate join would hold another
  // copy of a ~100 MB text at the moment memory peaks.
  const parts: string[] = [
    '{"options":\n',
    JSON.stringify(graph.options),
    '\n,"attributes":\n',
    JSON.stringify(graph.attributes),
    '\n,"nodes":[\n',
  ];
  graph.nodes.forEach((node, i) => {
    if (i > 0) parts.push(',\n');
    parts.push(JSON.stringify(node));
  });
  parts.push('\n],"edges":[\n');
  graph.edges.forEach((edge, i) => {
    if (i > 0) parts.push(',\n');
    parts.push(JSON.stringify(edge));
  });
  parts.push('\n]}\n');
  return parts.join('');
}
