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
  return Array.from(graphTextParts(graph)).join('');
}

/**
 * The graph JSON text in pieces, in order (joined, they are `stringifyGraph`): a file can be
 * written piece by piece, so that at 45,000 papers no ~100 MB text, nor its bytes, is ever whole
 * in memory.
 */
export function* graphTextParts(graph: PapermapGraphJSON): Generator<string> {
  yield '{"options":\n';
  yield JSON.stringify(graph.options);
  yield '\n,"attributes":\n';
  yield JSON.stringify(graph.attributes);
  yield '\n,"nodes":[\n';
  for (let i = 0; i < graph.nodes.length; i++) yield `${i > 0 ? ',\n' : ''}${JSON.stringify(graph.nodes[i])}`;
  yield '\n],"edges":[\n';
  for (let i = 0; i < graph.edges.length; i++) yield `${i > 0 ? ',\n' : ''}${JSON.stringify(graph.edges[i])}`;
  yield '\n]}\n';
}
