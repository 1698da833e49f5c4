/**
 * Graph JSON export: the view in the contract's own format (graphology's serialization, see
 * `src/core/types.ts`), so `Graph.from(json)` and papermap itself load it. Attributes and params are
 * kept; counts, cluster sizes and modularity describe the view.
 */
import { stringifyGraph } from '../../core/serialize';
import type { ClusterInfo, PapermapGraphJSON } from '../../core/types';
import { type ExportInput, exportView, viewModularity } from './input';

export function viewGraphJSON(input: ExportInput): PapermapGraphJSON {
  const view = exportView(input);
  const { attributes } = view.graph;
  let clusters: ClusterInfo[] = attributes.clusters;
  let modularity = attributes.stats.modularity;
  if (view.filtered) {
    const sizes = new Map<number, number>();
    for (const node of view.nodes)
      sizes.set(node.attributes.cluster, (sizes.get(node.attributes.cluster) ?? 0) + 1);
    clusters = attributes.clusters
      .filter((cluster) => sizes.has(cluster.id))
      .map((cluster) => ({ ...cluster, size: sizes.get(cluster.id) as number }));
    modularity = Math.round(viewModularity(view, attributes.params.resolution) * 1e4) / 1e4;
  }
  return {
    options: { ...view.graph.options },
    attributes: {
      ...attributes,
      stats: {
        ...attributes.stats,
        papers: view.nodes.length,
        edges: view.edges.length,
        clusters: clusters.length,
        modularity,
      },
      clusters,
    },
    nodes: view.nodes,
    edges: view.edges.map(({ source, target, attributes }) => ({ source, target, attributes })),
  };
}

/** The file text, laid out as the pipeline writes `graph.json` (one node or edge per line). */
export function exportGraphJSON(input: ExportInput): string {
  return stringifyGraph(viewGraphJSON(input));
}
