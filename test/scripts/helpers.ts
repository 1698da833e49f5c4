/** Shared by the tests of the command-line tools. */
import { stringifyGraph } from '../../src/core/serialize';
import type { GraphParams, PapermapGraphJSON, SkippedRecord } from '../../src/core/types';

/**
 * The text of a one-paper graph exactly as the CLI lays it out (`stringifyGraph`), recording
 * `source` and `params`; `skipped` records make its head as long as a test needs.
 */
export function cliGraphText(
  source: string,
  params: Record<string, number | boolean | string>,
  skipped: SkippedRecord[] = [],
): string {
  const graph: PapermapGraphJSON = {
    options: { type: 'undirected', multi: false, allowSelfLoops: false },
    attributes: {
      format: 'papermap-graph',
      version: 1,
      source,
      params: params as GraphParams,
      stats: { papers: 1, edges: 0, clusters: 1, modularity: 0, vocabulary: 1, skipped },
      clusters: [{ id: 0, label: 'one', terms: ['one'], size: 1, color: '#000000' }],
    },
    nodes: [
      {
        key: 'a',
        attributes: {
          title: 'A paper whose title says "format": "papermap-graph"',
          abstract: 'x',
          authors: [],
          year: null,
          url: null,
          doi: null,
          arxiv: null,
          pmid: null,
          cluster: 0,
          terms: [],
          x: 0,
          y: 0,
        },
      },
    ],
    edges: [],
  };
  return stringifyGraph(graph);
}
