/**
 * GraphML export (http://graphml.graphdrawing.org/). graphology-graphml only parses, so this is
 * papermap's own writer: every attribute declared once as a typed `<key>`, every value written
 * with `<data>`, all text XML-escaped. Node keys stay the node ids (as networkx and graphology
 * do), although a DOI's `/` is not allowed in the schema's NMTOKEN. Gephi reads `label`, `x`, `y`,
 * `size` and `r`/`g`/`b` as the node's label, position, size and colour; graphology-graphml turns
 * `r`/`g`/`b` into `color`.
 */
import { escapeXml, escapeXmlText, joinList, rgbOf, safeColor } from './escape';
import { type ExportInput, exportRadius, exportView, paperFields } from './input';

type KeyType = 'string' | 'int' | 'double';
type Domain = 'graph' | 'node' | 'edge';

interface KeySpec {
  id: string;
  domain: Domain;
  name: string;
  type: KeyType;
}

/** Key ids are prefixed by domain, as attribute names repeat (`terms` on nodes and edges). */
const key = (domain: Domain, name: string, type: KeyType): KeySpec => ({
  id: `${domain[0]}_${name}`,
  domain,
  name,
  type,
});

const GRAPH_KEYS = [
  key('graph', 'format', 'string'),
  key('graph', 'version', 'int'),
  key('graph', 'source', 'string'),
  // Nested records, as JSON text: GraphML values are scalars.
  key('graph', 'params', 'string'),
  key('graph', 'stats', 'string'),
  key('graph', 'clusters', 'string'),
];

const NODE_KEYS = [
  key('node', 'label', 'string'),
  key('node', 'title', 'string'),
  key('node', 'authors', 'string'),
  key('node', 'year', 'int'),
  key('node', 'url', 'string'),
  key('node', 'doi', 'string'),
  key('node', 'arxiv', 'string'),
  key('node', 'pmid', 'string'),
  key('node', 'cluster', 'int'),
  key('node', 'cluster_label', 'string'),
  key('node', 'terms', 'string'),
  key('node', 'abstract', 'string'),
  key('node', 'x', 'double'),
  key('node', 'y', 'double'),
  key('node', 'size', 'double'),
  key('node', 'r', 'int'),
  key('node', 'g', 'int'),
  key('node', 'b', 'int'),
];

const EDGE_KEYS = [
  key('edge', 'weight', 'double'),
  key('edge', 'rank', 'int'),
  key('edge', 'terms', 'string'),
];

type Values = Record<string, string | number | null>;

/** `<data>` for each non-null value, in key order. */
function dataElements(keys: KeySpec[], values: Values, indent: string): string[] {
  const lines: string[] = [];
  for (const spec of keys) {
    const value = values[spec.name];
    if (value === null || value === undefined) continue;
    const text = typeof value === 'number' ? String(value) : escapeXmlText(value);
    lines.push(`${indent}<data key="${spec.id}">${text}</data>`);
  }
  return lines;
}

export function exportGraphML(input: ExportInput): string {
  const view = exportView(input);
  const { attributes } = view.graph;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"',
    '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const spec of [...GRAPH_KEYS, ...NODE_KEYS, ...EDGE_KEYS]) {
    lines.push(
      `  <key id="${spec.id}" for="${spec.domain}" attr.name="${spec.name}" attr.type="${spec.type}"/>`,
    );
  }
  lines.push('  <graph id="papermap" edgedefault="undirected">');
  lines.push(
    ...dataElements(
      GRAPH_KEYS,
      {
        format: attributes.format,
        version: attributes.version,
        source: attributes.source,
        params: JSON.stringify(attributes.params),
        stats: JSON.stringify(attributes.stats),
        clusters: JSON.stringify(attributes.clusters),
      },
      '    ',
    ),
  );
  for (const { key: nodeKey, attributes: paper } of view.nodes) {
    const cluster = view.clusters.get(paper.cluster);
    const [r, g, b] = rgbOf(safeColor(cluster?.color));
    lines.push(`    <node id="${escapeXml(nodeKey)}">`);
    lines.push(
      ...dataElements(
        NODE_KEYS,
        {
          label: paper.title,
          ...paperFields(paper, cluster?.label ?? null),
          x: paper.x,
          y: paper.y,
          size: exportRadius(view.strength.get(nodeKey) ?? 0),
          r,
          g,
          b,
        },
        '      ',
      ),
    );
    lines.push('    </node>');
  }
  for (const edge of view.edges) {
    const ends = `source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}"`;
    lines.push(`    <edge id="e${edge.index}" ${ends}>`);
    lines.push(
      ...dataElements(
        EDGE_KEYS,
        {
          weight: edge.attributes.weight,
          rank: edge.attributes.rank,
          terms: joinList(edge.attributes.terms),
        },
        '      ',
      ),
    );
    lines.push('    </edge>');
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
