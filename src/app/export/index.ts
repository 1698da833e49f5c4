/**
 * The export formats, for the export menu: id, label, file name and MIME type of each, and the
 * writers. Most formats need only the view (`ExportInput`); BibTeX also takes a cluster id, and
 * the standalone HTML the app's own assets (`collectAppAssets`).
 */
import { exportCSV } from './csv';
import { exportGEXF } from './gexf';
import { exportGraphJSON } from './graph-json';
import { exportGraphML } from './graphml';
import type { ExportInput } from './input';
import { exportSVG } from './svg';
import { exportVOSviewer } from './vosviewer';

export type ExportFormatId =
  | 'graph-json'
  | 'gexf'
  | 'graphml'
  | 'vosviewer'
  | 'csv'
  | 'bibtex'
  | 'svg'
  | 'html';

export interface FileNameContext {
  /** The export holds part of the graph (nodes or edges filtered out). */
  filtered?: boolean;
  /** The cluster a BibTeX file is for. */
  cluster?: number;
}

export interface ExportFormat {
  id: ExportFormatId;
  /** Label for the export menu. */
  label: string;
  /** The file name to save under. */
  fileName: (context?: FileNameContext) => string;
  mime: string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'graph-json',
    label: 'Graph JSON (graphology)',
    fileName: (context) => (context?.filtered ? 'papermap-view.json' : 'papermap-graph.json'),
    mime: 'application/json',
  },
  { id: 'gexf', label: 'GEXF (Gephi)', fileName: () => 'papermap-graph.gexf', mime: 'application/gexf+xml' },
  {
    id: 'graphml',
    label: 'GraphML',
    fileName: () => 'papermap-graph.graphml',
    mime: 'application/graphml+xml',
  },
  {
    id: 'vosviewer',
    label: 'VOSviewer JSON',
    fileName: () => 'papermap-vosviewer.json',
    mime: 'application/json',
  },
  { id: 'csv', label: 'Papers as CSV', fileName: () => 'papermap-papers.csv', mime: 'text/csv' },
  {
    id: 'bibtex',
    label: 'Cluster as BibTeX',
    fileName: (context) => `papermap-cluster-${context?.cluster ?? 'all'}.bib`,
    mime: 'application/x-bibtex',
  },
  { id: 'svg', label: 'Picture (SVG)', fileName: () => 'papermap-view.svg', mime: 'image/svg+xml' },
  { id: 'html', label: 'Interactive HTML file', fileName: () => 'papermap-map.html', mime: 'text/html' },
];

export function exportFormat(id: ExportFormatId): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f.id === id);
  if (format === undefined) throw new Error(`papermap export: no format "${id}"`);
  return format;
}

/** The formats written from the view alone. */
export type ViewFormatId = Exclude<ExportFormatId, 'bibtex' | 'html'>;

export const VIEW_WRITERS: Readonly<Record<ViewFormatId, (input: ExportInput) => string>> = {
  'graph-json': exportGraphJSON,
  gexf: exportGEXF,
  graphml: exportGraphML,
  vosviewer: exportVOSviewer,
  csv: exportCSV,
  svg: (input) => exportSVG(input),
};

export { citationKeys, escapeBibtex, exportBibTeX } from './bibtex';
export { CSV_COLUMNS, csvField, exportCSV } from './csv';
export { downloadBlob, downloadText } from './download';
export { exportGEXF } from './gexf';
export { exportGraphJSON, viewGraphJSON } from './graph-json';
export { exportGraphML } from './graphml';
export {
  type AppAssets,
  collectAppAssets,
  EMBEDDED_GRAPH_ID,
  embedGraphJSON,
  type StandaloneHtmlOptions,
  standaloneHtml,
} from './html';
export { type ExportInput, type ExportView, exportView } from './input';
export { exportSVG, type SvgOptions } from './svg';
export { exportVOSviewer, type VosviewerJSON, vosviewerJSON } from './vosviewer';
