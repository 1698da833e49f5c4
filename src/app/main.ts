/**
 * papermap's explorer: the map of related papers with its panels. One store holds the state;
 * every change goes through a pure action, then everything shown is derived again from the state
 * (`state/derive.ts`) and handed to the map and the panels, which only draw it.
 */
import { type AppData, appData } from './data';
import { h } from './dom';
import { embeddedGraph, fetchGraph, GRAPH_URL, renderProblem } from './load';
import { createPaperMap, type MapNode, type PaperMap } from './map/map';
import { controlsPanel } from './panels/controls';
import { exportMenu } from './panels/export-menu';
import { legendPanel } from './panels/legend';
import { listPanel } from './panels/list';
import { paperPanel } from './panels/paper';
import { recluster } from './recluster';
import { paperSearch } from './search';
import { type DerivedView, derive } from './state/derive';
import { readUrl, type UrlView, writeUrl } from './state/url';
import {
  type Action,
  initialViewState,
  select,
  setClustering,
  setHiddenClusters,
  setK,
  setMinSimilarity,
  setQuery,
  showList,
  toggleCluster,
  type ViewState,
} from './state/view';

/** Input types that take no text: `/` and Esc on them are the app's shortcuts. */
const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file']);

function nodeRadius(strength: number): number {
  return 3 + 2.2 * Math.sqrt(strength);
}

function mapNodes(data: AppData, state: ViewState): MapNode[] {
  const colors = new Map(state.clusters.map((c) => [c.id, c.color]));
  return data.papers.map((paper, i) => ({
    key: data.keys[i],
    title: paper.title,
    cluster: state.membership[i],
    color: colors.get(state.membership[i]) ?? '#999999',
    radius: nodeRadius(data.strength[i]),
    x: paper.x,
    y: paper.y,
  }));
}

function explorer(app: HTMLElement, data: AppData): void {
  const search = paperSearch(data);
  let state = initialViewState(data);
  const seed = Number(data.graph.attributes.params.seed) || 1;
  const fileState = state;
  /**
   * The view a URL describes, as one action: its clustering first (hidden cluster ids refer to it;
   * no resolution means the file's own clusters), then the paper, the search, the hidden clusters.
   */
  const viewFromUrl =
    (view: UrlView): Action =>
    (current) => {
      let next = current;
      if (view.resolution === null || view.resolution === fileState.resolution) {
        if (current.clusters !== fileState.clusters) {
          next = setClustering(fileState.membership, fileState.clusters, fileState.resolution)(next);
        }
      } else if (view.resolution !== current.resolution || current.clusters === fileState.clusters) {
        const result = recluster(data, view.resolution, seed);
        next = setClustering(result.membership, result.clusters, view.resolution)(next);
      }
      return setHiddenClusters(view.hidden)(setQuery(view.query)(select(view.paper)(next)));
    };
  state = viewFromUrl(readUrl(location.hash, data))(state);
  let derived: DerivedView = derive(data, state, search.search);
  let reclustering = false;

  // Layout: header (name, search, export), sidebar (legend, controls, list), map, paper panel.
  const searchBox = h('input', 'search');
  searchBox.type = 'search';
  searchBox.id = 'search';
  searchBox.placeholder = 'Search titles and abstracts  ( / )';
  searchBox.setAttribute('aria-label', 'Search titles and abstracts');
  searchBox.autocomplete = 'off';
  searchBox.value = state.query;
  const status = h('p', 'search-status');
  status.setAttribute('aria-live', 'polite');
  const { attributes } = data.graph;
  const header = h(
    'header',
    'app-header',
    h('h1', 'brand', 'papermap'),
    h('p', 'source', attributes.source || 'graph.json'),
    h('div', 'search-wrap', searchBox, status),
  );
  const mapContainer = h('div', 'map');
  mapContainer.setAttribute('role', 'region');
  mapContainer.setAttribute('aria-label', 'Map of related papers');

  let map: PaperMap | null = null;
  const dispatch = (action: Action): void => {
    const next = action(state);
    if (next === state) return;
    state = next;
    render();
  };
  const selectAndFocus = (index: number): void => {
    dispatch(select(index));
    map?.focus(index);
  };
  const openCluster = (cluster: number): void => {
    if (state.hiddenClusters.has(cluster)) dispatch(toggleCluster(cluster));
    dispatch(showList({ kind: 'cluster', cluster }));
    const members: number[] = [];
    state.membership.forEach((c, i) => {
      if (c === cluster) members.push(i);
    });
    map?.fit(members);
  };

  const legend = legendPanel({ onToggle: (id) => dispatch(toggleCluster(id)), onOpen: openCluster });
  const controls = controlsPanel(data.maxK, {
    onK: (k) => dispatch(setK(k)),
    onMinSimilarity: (value) => dispatch(setMinSimilarity(value)),
    onRecluster: (resolution) => {
      reclustering = true;
      render();
      // Let the button show its busy state before Louvain takes the thread.
      setTimeout(() => {
        const result = recluster(data, resolution, seed);
        reclustering = false;
        dispatch(setClustering(result.membership, result.clusters, resolution));
      }, 0);
    },
    onFit: () => map?.fit(),
  });
  const list = listPanel(data, {
    onSelect: selectAndFocus,
    onShowAll: () => dispatch(showList({ kind: 'all' })),
  });
  const paper = paperPanel(data, {
    onSelect: selectAndFocus,
    onOpenCluster: openCluster,
    onClose: () => dispatch(select(null)),
    onFocusLost: (previous) => {
      const item = app.querySelector<HTMLElement>(
        `.list-item[data-paper="${CSS.escape(data.keys[previous])}"]`,
      );
      (item ?? map?.canvas)?.focus();
    },
  });
  const exports = exportMenu(data, () => ({ state, derived, map }));
  header.append(exports.element);
  const sidebar = h('nav', 'sidebar', legend.element, controls.element, list.element);
  sidebar.setAttribute('aria-label', 'Clusters, view and papers');
  const body = h('div', 'app-body', sidebar, mapContainer, paper.element);
  app.replaceChildren(header, body);
  app.setAttribute('aria-busy', 'false');

  // The clustering the map was last given: a new one (re-clustering, a URL) recolours it in render.
  let drawnMembership = state.membership;
  map = createPaperMap(mapContainer, mapNodes(data, state), {
    onHover: () => {},
    onClick: (index) => dispatch(select(index)),
  });

  function render(): void {
    derived = derive(data, state, search.search);
    if (map !== null && state.membership !== drawnMembership) {
      drawnMembership = state.membership;
      map.setClusters(mapNodes(data, state));
    }
    map?.update({
      visible: derived.visible,
      edges: derived.edges.map((e) => data.edges[e]),
      matches: derived.matchMask,
      selected: state.selected,
      clusters: state.clusters.map((c) => ({ id: c.id, label: c.label, color: c.color })),
    });
    legend.update(
      state.clusters,
      state.hiddenClusters,
      state.list.kind === 'cluster' ? state.list.cluster : null,
    );
    controls.update(state.k, state.minSimilarity, state.resolution, derived.edges.length, reclustering);
    list.update(
      derived.list,
      derived.listTitle,
      state.selected,
      state.membership,
      state.clusters,
      state.list.kind !== 'all',
    );
    paper.update(state.selected, state.membership, state.clusters);
    status.textContent =
      derived.matches === null
        ? ''
        : `${derived.matches.length} match${derived.matches.length === 1 ? '' : 'es'}`;
    const hash = writeUrl(state, data);
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    }
  }

  searchBox.addEventListener('input', () => dispatch(setQuery(searchBox.value)));
  searchBox.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && derived.matches && derived.matches.length > 0) {
      event.preventDefault();
      selectAndFocus(derived.matches[0]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      searchBox.value = '';
      dispatch(setQuery(''));
    }
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    // Only fields that take text keep `/` and Esc; a checkbox or a slider does not.
    const typing =
      target !== null &&
      (target.tagName === 'TEXTAREA' ||
        target.isContentEditable ||
        (target instanceof HTMLInputElement && !NOT_TEXT_INPUTS.has(target.type)));
    if (event.key === '/' && !typing) {
      event.preventDefault();
      searchBox.focus();
      searchBox.select();
    } else if (event.key === 'Escape' && !typing && !event.defaultPrevented && state.selected !== null) {
      dispatch(select(null));
    }
  });
  window.addEventListener('hashchange', () => {
    const next = readUrl(location.hash, data);
    searchBox.value = next.query;
    dispatch(viewFromUrl(next));
  });
  render();
  if (state.selected !== null) map.focus(state.selected);
  exposeForTests(data, map);
}

/**
 * A read-only hook for end-to-end tests and scripts: where a paper is drawn on the canvas, so a
 * test can click it as a person would. It exposes positions only, nothing that changes the view.
 */
function exposeForTests(data: AppData, map: PaperMap): void {
  const hook = {
    nodeScreenPosition(key: string): { x: number; y: number } | null {
      const index = data.indexOf.get(key);
      return index === undefined ? null : map.nodeScreenPosition(index);
    },
  };
  Object.defineProperty(window, 'papermap', { value: Object.freeze(hook), configurable: false });
}

async function main(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) throw new Error('papermap: index.html has no #app element');
  let data: AppData;
  try {
    data = appData(embeddedGraph() ?? (await fetchGraph(GRAPH_URL)));
  } catch (error) {
    app.replaceChildren(renderProblem(error));
    app.setAttribute('aria-busy', 'false');
    return;
  }
  document.title = `papermap · ${data.graph.attributes.source}`;
  explorer(app, data);
}

void main();
