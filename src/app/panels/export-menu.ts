/**
 * The Export menu: the graph or the current view in the formats other tools read, a cluster as
 * BibTeX, the view as PNG or SVG, and a self-contained interactive HTML file. File names say what
 * they hold. Exports carry the clusters as currently shown (after a re-clustering, the new ones).
 */
import type { PapermapGraphJSON } from '../../core/types';
import type { AppData } from '../data';
import { h } from '../dom';
import { exportBibTeX } from '../export/bibtex';
import { downloadBlob, downloadText } from '../export/download';
import { collectAppAssets, standaloneHtml } from '../export/html';
import { EXPORT_FORMATS, type ExportFormatId, exportFormat, VIEW_WRITERS } from '../export/index';
import type { ExportInput } from '../export/input';
import { exportSVG } from '../export/svg';
import type { PaperMap } from '../map/map';
import type { DerivedView } from '../state/derive';
import type { ViewState } from '../state/view';

export interface ExportContext {
  state: ViewState;
  derived: DerivedView;
  map: PaperMap | null;
}

/** The graph JSON with the clusters as shown now. */
function currentGraph(data: AppData, state: ViewState): PapermapGraphJSON {
  if (state.clusters === data.clusters) return data.graph;
  return {
    ...data.graph,
    attributes: {
      ...data.graph.attributes,
      params: { ...data.graph.attributes.params, resolution: state.resolution },
      stats: { ...data.graph.attributes.stats, clusters: state.clusters.length },
      clusters: state.clusters,
    },
    nodes: data.graph.nodes.map((node, i) => ({
      key: node.key,
      attributes: { ...node.attributes, cluster: state.membership[i] },
    })),
  };
}

/** The cluster a BibTeX export is for: the listed cluster, else the selected paper's. */
function bibtexCluster({ state }: ExportContext): number | null {
  if (state.list.kind === 'cluster') return state.list.cluster;
  return state.selected === null ? null : state.membership[state.selected];
}

export function exportMenu(data: AppData, context: () => ExportContext): { element: HTMLElement } {
  const note = h('p', 'menu-note');
  note.setAttribute('role', 'status');
  const items = h('div', 'menu-items');
  const summary = h('summary', null, 'Export');
  const element = h('details', 'menu export-menu', summary, items);

  const graphInput = (ctx: ExportContext, view: boolean): ExportInput => {
    const graph = currentGraph(data, ctx.state);
    const positions = ctx.map?.positions();
    if (!view) return { graph, positions };
    return {
      graph,
      positions,
      nodes: data.keys.filter((_, i) => ctx.derived.visible[i] === 1),
      edges: ctx.derived.edges.map((e) => [data.keys[data.edges[e].source], data.keys[data.edges[e].target]]),
    };
  };

  const run = async (id: ExportFormatId | 'graph-view' | 'png'): Promise<string> => {
    const ctx = context();
    if (id === 'png') {
      if (ctx.map === null) throw new Error('the map is not ready');
      const name = 'papermap-view.png';
      downloadBlob(name, await ctx.map.toPNG());
      return name;
    }
    if (id === 'graph-view') {
      const format = exportFormat('graph-json');
      const name = format.fileName({ filtered: true });
      downloadText(name, format.mime, VIEW_WRITERS['graph-json'](graphInput(ctx, true)));
      return name;
    }
    const format = exportFormat(id);
    if (id === 'bibtex') {
      const cluster = bibtexCluster(ctx);
      if (cluster === null) throw new Error('open a cluster (or select a paper) first');
      const name = format.fileName({ cluster });
      downloadText(name, format.mime, exportBibTeX(graphInput(ctx, false), cluster));
      return name;
    }
    if (id === 'html') {
      const assets = await collectAppAssets(document);
      const graph = currentGraph(data, ctx.state);
      downloadText(format.fileName(), format.mime, standaloneHtml({ graph, ...assets }));
      return format.fileName();
    }
    if (id === 'svg') {
      downloadText(format.fileName(), format.mime, exportSVG(graphInput(ctx, true)));
      return format.fileName();
    }
    downloadText(format.fileName(), format.mime, VIEW_WRITERS[id](graphInput(ctx, false)));
    return format.fileName();
  };

  const entries: Array<{ id: ExportFormatId | 'graph-view' | 'png'; label: string }> = [];
  for (const format of EXPORT_FORMATS) {
    if (format.id === 'graph-json') {
      entries.push(
        { id: 'graph-json', label: 'Whole graph (JSON)' },
        { id: 'graph-view', label: 'Current view (JSON)' },
      );
    } else if (format.id === 'svg') {
      entries.push(
        { id: 'png', label: 'Picture of the view (PNG)' },
        { id: 'svg', label: 'Picture of the view (SVG)' },
      );
    } else entries.push({ id: format.id, label: format.label });
  }
  for (const entry of entries) {
    const item = h('button', null, entry.label);
    item.type = 'button';
    item.dataset.export = entry.id;
    item.addEventListener('click', () => {
      note.textContent = 'Preparing…';
      run(entry.id).then(
        (name) => {
          note.textContent = `Saved ${name}`;
        },
        (error: unknown) => {
          note.textContent = `Could not export: ${error instanceof Error ? error.message : String(error)}`;
        },
      );
    });
    items.append(item);
  }
  items.append(note);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && element.open) {
      // This Esc is used up: it closes the menu only, not the paper panel as well.
      event.preventDefault();
      element.open = false;
      summary.focus();
    }
  });
  return { element };
}
