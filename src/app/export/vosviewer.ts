/**
 * VOSviewer JSON export, for VOSviewer and VOSviewer Online
 * (https://app.vosviewer.com/docs/file-types/json-file-type/): items numbered from 1, clusters
 * numbered from 1 (papermap's id + 1, so numbers match the app), links between item ids.
 * VOSviewer shows an item's `description` (and the map's `info.description`) as HTML, so those
 * are built from escaped text; labels are plain text. `url` is only ever an http(s) link.
 */
import { escapeHtml, paperUrl, safeColor } from './escape';
import { type ExportInput, exportView } from './input';

/** VOSviewer's cluster numbers run from 1 to 1000. */
const MAX_CLUSTER = 1000;

export interface VosItem {
  id: number;
  label: string;
  description: string;
  url?: string;
  x: number;
  y: number;
  cluster?: number;
  weights: { Links: number; 'Total link strength': number };
  scores?: { Year: number };
}

export interface VosLink {
  source_id: number;
  target_id: number;
  strength: number;
}

export interface VosviewerJSON {
  network: {
    items: VosItem[];
    links: VosLink[];
    clusters: Array<{ cluster: number; label: string }>;
  };
  config: {
    terminology: Record<string, string>;
    color_schemes: { cluster_colors: Array<{ cluster: number; color: string }> };
  };
  info: { title: string; description: string };
}

const round4 = (value: number): number => Math.round(value * 1e4) / 1e4;

export function vosviewerJSON(input: ExportInput): VosviewerJSON {
  const view = exportView(input);
  const ids = new Map(view.nodes.map((node, i) => [node.key, i + 1]));
  const vosCluster = (id: number): number | undefined => (id + 1 <= MAX_CLUSTER ? id + 1 : undefined);

  const items = view.nodes.map(({ key, attributes: paper }): VosItem => {
    const byline = [paper.authors.join(', '), paper.year === null ? '' : `(${paper.year})`]
      .filter((part) => part !== '')
      .join(' ');
    const description = [byline, paper.abstract]
      .filter((part) => part !== '')
      .map((part) => `<p>${escapeHtml(part)}</p>`)
      .join('');
    const url = paperUrl(paper);
    const cluster = vosCluster(paper.cluster);
    return {
      id: ids.get(key) as number,
      label: paper.title,
      description,
      ...(url === null ? {} : { url }),
      x: paper.x,
      y: paper.y,
      ...(cluster === undefined ? {} : { cluster }),
      weights: {
        Links: view.degree.get(key) ?? 0,
        'Total link strength': round4(view.strength.get(key) ?? 0),
      },
      ...(paper.year === null ? {} : { scores: { Year: paper.year } }),
    };
  });

  const links = view.edges.map(
    (edge): VosLink => ({
      source_id: ids.get(edge.source) as number,
      target_id: ids.get(edge.target) as number,
      strength: edge.attributes.weight,
    }),
  );

  const present = new Set(view.nodes.map((node) => node.attributes.cluster));
  const clusters = view.graph.attributes.clusters.filter(
    (cluster) => present.has(cluster.id) && vosCluster(cluster.id) !== undefined,
  );
  const { source } = view.graph.attributes;
  return {
    network: {
      items,
      links,
      clusters: clusters.map((cluster) => ({ cluster: cluster.id + 1, label: cluster.label })),
    },
    config: {
      terminology: {
        item: 'paper',
        items: 'papers',
        link: 'similarity link',
        links: 'similarity links',
        cluster: 'cluster',
        clusters: 'clusters',
        link_strength: 'similarity',
        total_link_strength: 'total similarity',
      },
      color_schemes: {
        cluster_colors: clusters.map((cluster) => ({
          cluster: cluster.id + 1,
          color: safeColor(cluster.color),
        })),
      },
    },
    info: {
      title: `papermap: ${source}`,
      description: `<p>${escapeHtml(
        `${items.length} papers from ${source}, linked by the similarity of their abstracts (TF-IDF cosine), clustered with Louvain.`,
      )}</p>`,
    },
  };
}

export function exportVOSviewer(input: ExportInput): string {
  return `${JSON.stringify(vosviewerJSON(input), null, 2)}\n`;
}
