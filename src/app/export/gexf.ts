/**
 * GEXF export (Gephi's format, https://gexf.net/) through graphology-gexf's writer, which escapes
 * element text and attribute values. Version 1.3: the writer's 1.2 header names a malformed viz
 * namespace. Colours are given as `rgb(…)` so the writer emits `r`/`g`/`b`, which every GEXF
 * reader knows, rather than 1.3's `hex`.
 */
import Graph from 'graphology';
import { write } from 'graphology-gexf/browser';
import { joinList, rgbOf, safeColor, xmlSafe } from './escape';
import { type ExportInput, exportRadius, exportView, paperFields } from './input';

type Scalar = string | number;

/** Null and empty values are left out: GEXF has no null, and the writer skips empty values. */
function attributesOf(entries: Record<string, Scalar | null>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(entries)) {
    if (value !== null) out[name] = typeof value === 'string' ? xmlSafe(value) : value;
  }
  return out;
}

export function exportGEXF(input: ExportInput): string {
  const view = exportView(input);
  const { attributes } = view.graph;
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  graph.replaceAttributes({
    creator: 'papermap',
    description: xmlSafe(`Related papers of ${attributes.source}, linked by abstract similarity`),
  });

  for (const { key, attributes: paper } of view.nodes) {
    const cluster = view.clusters.get(paper.cluster);
    const [r, g, b] = rgbOf(safeColor(cluster?.color));
    graph.addNode(xmlSafe(key), {
      label: xmlSafe(paper.title),
      viz: {
        color: `rgb(${r},${g},${b})`,
        size: exportRadius(view.strength.get(key) ?? 0),
        x: paper.x,
        y: paper.y,
      },
      attributes: attributesOf(paperFields(paper, cluster?.label ?? null)),
    });
  }
  for (const edge of view.edges) {
    graph.addUndirectedEdgeWithKey(`e${edge.index}`, xmlSafe(edge.source), xmlSafe(edge.target), {
      weight: edge.attributes.weight,
      attributes: attributesOf({ rank: edge.attributes.rank, terms: joinList(edge.attributes.terms) }),
    });
  }

  return write(graph, {
    version: '1.3',
    // Only creator and description in <meta>: the other graph attributes are not GEXF elements.
    pedantic: true,
    // The node and edge attributes above are already split into GEXF's label, viz and attvalues.
    formatNode: (_key, node) => node,
    formatEdge: (_key, edge) => edge,
  });
}
