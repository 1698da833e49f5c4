/**
 * One explorer: the map of one graph with its panels. One store holds the state; every change goes
 * through a pure action, then everything shown is derived again from the state (`state/derive.ts`)
 * and handed to the map and the panels, which only draw it. `destroy()` removes it with every
 * listener it put outside its own elements, so another graph can be shown in its place.
 */
import { nodeRadius } from '../core/degree';
import type { AppData } from './data';
import { h } from './dom';
import {
  createPaperMap,
  type DrawnLabel,
  type MapEdge,
  type MapNode,
  type MapRegion,
  type PaperMap,
} from './map/map';
import { controlsPanel } from './panels/controls';
import { exportMenu } from './panels/export-menu';
import { legendPanel } from './panels/legend';
import { listPanel } from './panels/list';
import { paperPanel } from './panels/paper';
import { recluster } from './recluster';
import { clusterRegions, type Region } from './regions';
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

export interface ExplorerOptions {
  /** What the header says is shown: the graph's source, or "dropped file: …". */
  source: string;
  /** Controls of the page around the explorer (open a file, go back), put at the end of its header. */
  tools: readonly Node[];
  /** The page's messages (problems reading files), put between the header and the map. */
  banner: readonly Node[];
  /**
   * Put first in the URL's hash (`map=opened`) when this graph cannot be named by the URL:
   * a reload then knows the view was of another map. Null for the page's own graph.
   */
  urlTag: string | null;
  /** Whether search may run in a worker (not in the saved HTML page, which has no worker file). */
  searchInWorker: boolean;
}

export interface Explorer {
  /** Where paper `key` is drawn (CSS pixels from the canvas's corner), null when it is not drawn. */
  nodeScreenPosition(key: string): { x: number; y: number } | null;
  /** The labels the map drew in its last frame (none before the map is made). */
  labels(): readonly DrawnLabel[];
  destroy(): void;
}

export function mountExplorer(app: HTMLElement, data: AppData, options: ExplorerOptions): Explorer {
  let destroyed = false;
  // Answers come asynchronously (a worker, or a page index built between frames): show them when
  // they come, and open the best match for an Enter pressed before they did.
  let enterPending = false;
  const search = paperSearch(
    data,
    () => {
      if (destroyed || state.query.trim() === '') return;
      render();
      if (enterPending && !derived.searching) {
        enterPending = false;
        if (derived.matches && derived.matches.length > 0) selectAndFocus(derived.matches[0]);
      }
    },
    options.searchInWorker,
  );
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
  /** The map's edges for `derived.edges`, made again only when those change. */
  let mapEdges: { from: number[]; edges: MapEdge[] } = { from: [], edges: [] };
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
  const sourceLabel = h('p', 'source', options.source);
  // The header cuts a long name short; the whole of it is a hover away.
  sourceLabel.title = options.source;
  const header = h(
    'header',
    'app-header',
    h('h1', 'brand', 'papermap'),
    sourceLabel,
    h('div', 'search-wrap', searchBox, status),
  );
  const mapContainer = h('div', 'map');
  mapContainer.setAttribute('role', 'region');
  mapContainer.setAttribute('aria-label', 'Map of related papers');

  let map: PaperMap | null = null;
  const dispatch = (action: Action): void => {
    if (destroyed) return;
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
        if (destroyed) return;
        try {
          const result = recluster(data, resolution, seed);
          reclustering = false;
          dispatch(setClustering(result.membership, result.clusters, resolution));
        } finally {
          // Whatever happened, the button is never left disabled.
          if (reclustering) {
            reclustering = false;
            render();
          }
        }
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
  header.append(exports.element, ...options.tools);
  const sidebar = h('nav', 'sidebar', legend.element, controls.element, list.element);
  sidebar.setAttribute('aria-label', 'Clusters, view and papers');
  const body = h('div', 'app-body', sidebar, mapContainer, paper.element);
  app.replaceChildren(header, ...options.banner, body);
  app.setAttribute('aria-busy', 'true');
  // The clustering the map was last given: a new one (re-clustering, a URL) recolours it in render.
  let drawnMembership = state.membership;
  /** The regions of the clustering shown, made again when it changes. */
  let regions: { of: Int32Array; regions: Region[] } | null = null;
  const shownRegions = (): MapRegion[] => {
    if (regions === null || regions.of !== state.membership) {
      const x = data.papers.map((paper) => paper.x);
      const y = data.papers.map((paper) => paper.y);
      regions = {
        of: state.membership,
        regions: clusterRegions(data.papers, state.membership, state.clusters, x, y),
      };
    }
    return regions.regions.filter((region) => !state.hiddenClusters.has(region.cluster));
  };
  function render(): void {
    derived = derive(data, state, search.search, derived);
    if (mapEdges.from !== derived.edges) {
      mapEdges = { from: derived.edges, edges: derived.edges.map((e) => data.edges[e]) };
    }
    if (map !== null && state.membership !== drawnMembership) {
      drawnMembership = state.membership;
      map.setClusters(mapNodes(data, state));
    }
    map?.update({
      visible: derived.visible,
      edges: mapEdges.edges,
      matches: derived.matchMask,
      selected: state.selected,
      clusters: state.clusters.map((c) => ({ id: c.id, label: c.label, color: c.color })),
      regions: shownRegions(),
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
      state.query.trim() === ''
        ? ''
        : !search.ready()
          ? 'Indexing…'
          : derived.searching || derived.matches === null
            ? 'Searching…'
            : `${derived.matches.length} match${derived.matches.length === 1 ? '' : 'es'}${search.partial() ? ' in titles (abstracts still being indexed)' : ''}`;
    const view = writeUrl(state, data);
    const hash =
      options.urlTag === null ? view : `#${options.urlTag}${view === '' ? '' : `&${view.slice(1)}`}`;
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    }
  }

  searchBox.addEventListener('input', () => dispatch(setQuery(searchBox.value)));
  searchBox.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && state.query.trim() !== '') {
      event.preventDefault();
      if (derived.searching) enterPending = true;
      else if (derived.matches && derived.matches.length > 0) selectAndFocus(derived.matches[0]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      searchBox.value = '';
      dispatch(setQuery(''));
    }
  });
  const onKeyDown = (event: KeyboardEvent): void => {
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
  };
  const onHashChange = (): void => {
    const next = readUrl(location.hash, data);
    searchBox.value = next.query;
    dispatch(viewFromUrl(next));
  };
  document.addEventListener('keydown', onKeyDown);
  window.addEventListener('hashchange', onHashChange);
  render();
  // The map is made, then given its first view, each in a task of its own: for thousands of
  // papers, the panels, the map and its first view made at once would hold the page for over
  // 100 ms. The page is busy until the map is there.
  let mapTimer = setTimeout(() => {
    if (destroyed) return;
    drawnMembership = state.membership;
    map = createPaperMap(mapContainer, mapNodes(data, state), {
      onHover: () => {},
      onClick: (index) => dispatch(select(index)),
    });
    mapTimer = setTimeout(() => {
      if (destroyed || map === null) return;
      render();
      if (state.selected !== null) map.focus(state.selected);
      app.setAttribute('aria-busy', 'false');
    }, 0);
  }, 0);

  return {
    nodeScreenPosition(key) {
      const index = data.indexOf.get(key);
      return index === undefined || map === null ? null : map.nodeScreenPosition(index);
    },
    labels: () => map?.labels() ?? [],
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(mapTimer);
      document.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('hashchange', onHashChange);
      search.destroy();
      map?.destroy();
      map = null;
      header.remove();
      body.remove();
    },
  };
}
