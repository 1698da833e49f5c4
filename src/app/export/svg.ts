/**
 * SVG export of the view: a standalone picture for slides and papers. Edges are lines whose width
 * and opacity grow with similarity, papers are circles in their cluster's colour (sized by links,
 * titles as `<title>` tooltips only), cluster names sit at their members' centre. Every piece of
 * text is XML-escaped and colours are checked, so nothing from the input becomes an element or an
 * attribute of its own.
 */
import { escapeXml, escapeXmlText, safeColor } from './escape';
import { type ExportInput, exportRadius, exportView } from './input';

export interface SvgOptions {
  /** Page colour behind the map (default white). */
  background?: 'white' | 'transparent';
  /** Width of the picture in pixels (default 1200); the height follows the map's shape. */
  width?: number;
  /** Draw cluster names (default true). */
  clusterLabels?: boolean;
}

const DEFAULTS: Required<SvgOptions> = { background: 'white', width: 1200, clusterLabels: true };
const PADDING = 40;
const EDGE_COLOR = '#8a8f98';
const LABEL_SIZE = 14;

/** Coordinates with at most two decimals, no trailing zeros: smaller files, same picture. */
const num = (value: number): string => String(Math.round(value * 100) / 100);

export function exportSVG(input: ExportInput, options: SvgOptions = {}): string {
  const { background, width, clusterLabels } = { ...DEFAULTS, ...options };
  const view = exportView(input);
  const radius = new Map(
    view.nodes.map((node) => [node.key, exportRadius(view.strength.get(node.key) ?? 0)]),
  );

  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const { attributes: a } of view.nodes) {
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  }
  if (view.nodes.length === 0) minX = maxX = minY = maxY = 0;
  // Radii are in pixels, not map units: the padding leaves room for the largest circle.
  const scale = (width - 2 * PADDING) / Math.max(maxX - minX, maxY - minY, 1);
  const height = Math.ceil((maxY - minY) * scale + 2 * PADDING);
  const px = (x: number): string => num(PADDING + (x - minX) * scale);
  const py = (y: number): string => num(PADDING + (y - minY) * scale);

  const at = new Map(view.nodes.map((node) => [node.key, node.attributes]));
  const colorOf = (cluster: number): string => safeColor(view.clusters.get(cluster)?.color);
  const { source } = view.graph.attributes;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    `<title>${escapeXmlText(`papermap: ${source}`)}</title>`,
    `<desc>${escapeXmlText(`${view.nodes.length} papers and ${view.edges.length} similarity links from ${source}.`)}</desc>`,
  ];
  if (background === 'white') out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);

  // Edges, weakest first so that the strong ones are drawn on top.
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const edge of view.edges) {
    low = Math.min(low, edge.attributes.weight);
    high = Math.max(high, edge.attributes.weight);
  }
  const span = high - low;
  out.push(`<g stroke="${EDGE_COLOR}" stroke-linecap="round">`);
  for (const edge of [...view.edges].sort((a, b) => a.attributes.weight - b.attributes.weight)) {
    const s = at.get(edge.source);
    const t = at.get(edge.target);
    if (!s || !t) continue;
    const strength = span > 0 ? (edge.attributes.weight - low) / span : 1;
    out.push(
      `<line x1="${px(s.x)}" y1="${py(s.y)}" x2="${px(t.x)}" y2="${py(t.y)}" stroke-width="${num(0.5 + 2 * strength)}" stroke-opacity="${num(0.2 + 0.5 * strength)}"/>`,
    );
  }
  out.push('</g>');

  out.push('<g stroke="#ffffff" stroke-width="1">');
  for (const { key, attributes: a } of view.nodes) {
    out.push(
      `<circle cx="${px(a.x)}" cy="${py(a.y)}" r="${radius.get(key)}" fill="${colorOf(a.cluster)}"><title>${escapeXmlText(a.title)}</title></circle>`,
    );
  }
  out.push('</g>');

  if (clusterLabels) {
    const sums = new Map<number, { x: number; y: number; n: number }>();
    for (const { attributes: a } of view.nodes) {
      const sum = sums.get(a.cluster) ?? { x: 0, y: 0, n: 0 };
      sum.x += a.x;
      sum.y += a.y;
      sum.n++;
      sums.set(a.cluster, sum);
    }
    out.push(
      `<g font-size="${LABEL_SIZE}" font-weight="600" text-anchor="middle" fill="#1f2328" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">`,
    );
    for (const [id, sum] of sums) {
      const label = view.clusters.get(id)?.label ?? `cluster ${id}`;
      // A name centred near the edge would be cut off: keep its estimated width inside the picture.
      const half = Math.min((label.length * LABEL_SIZE * 0.6) / 2, width / 2);
      const x = Math.min(Math.max(PADDING + (sum.x / sum.n - minX) * scale, half), width - half);
      out.push(
        `<text x="${num(x)}" y="${py(sum.y / sum.n)}" data-cluster="${escapeXml(String(id))}">${escapeXmlText(label)}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push('</svg>', '');
  return out.join('\n');
}
