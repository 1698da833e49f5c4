/**
 * The explorer's state and what is derived from it, on the real default graph: filters by k and
 * similarity, hidden clusters, search, the list view, the URL round trip and re-clustering with
 * the pipeline's code.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AppData, appData } from '../../src/app/data';
import { recluster } from '../../src/app/recluster';
import { type PaperSearch, paperSearch } from '../../src/app/search';
import { derive } from '../../src/app/state/derive';
import { readUrl, writeUrl } from '../../src/app/state/url';
import {
  initialViewState,
  select,
  setClustering,
  setK,
  setMinSimilarity,
  setQuery,
  showList,
  toggleCluster,
} from '../../src/app/state/view';
import { modularityOf } from '../../src/core/clusters';
import { parseFiles } from '../../src/core/parse';
import { buildGraph } from '../../src/core/pipeline';

let data: AppData;
let search: PaperSearch['search'];

beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../data/hf-papers-mar20.txt', import.meta.url)));
  const { papers } = await parseFiles([{ name: 'data/hf-papers-mar20.txt', bytes }]);
  const { graph } = await buildGraph({ papers, source: 'data/hf-papers-mar20.txt' });
  data = appData(graph);
  // On the page (no worker in Node): 104 papers are indexed at once.
  search = paperSearch(data, () => {}, false).search;
});

describe('derived view', () => {
  it('shows every paper and edge at first', () => {
    const view = derive(data, initialViewState(data), search);
    expect([...view.visible].every((v) => v === 1)).toBe(true);
    expect(view.edges).toHaveLength(data.edges.length);
    expect(view.list).toHaveLength(data.papers.length);
    expect(view.matches).toBeNull();
  });

  it('shows fewer edges as k falls and as the minimum similarity rises, from rank and weight', () => {
    const state = initialViewState(data);
    let previous = Number.POSITIVE_INFINITY;
    for (let k = data.maxK; k >= 1; k--) {
      const view = derive(data, setK(k)(state), search);
      expect(view.edges.every((e) => data.edges[e].rank <= k)).toBe(true);
      expect(view.edges.length).toBe(data.edges.filter((e) => e.rank <= k).length);
      expect(view.edges.length).toBeLessThanOrEqual(previous);
      previous = view.edges.length;
    }
    const strong = derive(data, setMinSimilarity(0.2)(state), search);
    expect(strong.edges.length).toBeLessThan(data.edges.length);
    expect(strong.edges.every((e) => data.edges[e].weight >= 0.2)).toBe(true);
  });

  it('hides a cluster: its papers, their edges, and a selection inside it', () => {
    const state = initialViewState(data);
    const cluster = state.clusters[0].id;
    const member = state.membership.indexOf(cluster);
    const hidden = toggleCluster(cluster)(select(member)(state));
    expect(hidden.selected).toBeNull();
    const view = derive(data, hidden, search);
    for (let i = 0; i < data.papers.length; i++)
      expect(view.visible[i]).toBe(hidden.membership[i] === cluster ? 0 : 1);
    for (const e of view.edges) {
      expect(hidden.membership[data.edges[e].source]).not.toBe(cluster);
      expect(hidden.membership[data.edges[e].target]).not.toBe(cluster);
    }
    expect(derive(data, toggleCluster(cluster)(hidden), search).edges).toHaveLength(data.edges.length);
  });

  it('finds a paper by a word of its abstract, ranks title matches first, and lists the results', () => {
    const target = data.papers.findIndex((p) => p.title.startsWith('Model Breadcrumbs'));
    const view = derive(data, setQuery('breadcrumbs')(initialViewState(data)), search);
    expect(view.matches?.[0]).toBe(target);
    expect(view.list).toEqual(view.matches);
    expect(view.matchMask?.[target]).toBe(1);
    const abstractOnly = derive(data, setQuery('sparsification')(initialViewState(data)), search);
    expect(abstractOnly.matches).toContain(target);
    expect(derive(data, setQuery('zzzqqq')(initialViewState(data)), search).matches).toEqual([]);
    // Matches in hidden clusters are not offered: they are not on the map.
    const hidden = toggleCluster(initialViewState(data).membership[target])(
      setQuery('breadcrumbs')(initialViewState(data)),
    );
    expect(derive(data, hidden, search).matches).not.toContain(target);
  });

  it('lists a cluster’s papers, strongest first', () => {
    const state = initialViewState(data);
    const cluster = state.clusters[1].id;
    const view = derive(data, showList({ kind: 'cluster', cluster })(state), search);
    expect(view.list.length).toBe(state.clusters[1].size);
    expect(view.list.every((i) => state.membership[i] === cluster)).toBe(true);
    for (let j = 1; j < view.list.length; j++) {
      expect(data.strength[view.list[j - 1]]).toBeGreaterThanOrEqual(data.strength[view.list[j]]);
    }
    expect(view.listTitle).toBe(state.clusters[1].label);
  });
});

describe('derived view, again after a change', () => {
  it('keeps the visible set, the edges and the list when only the search or the selection changed', () => {
    const state = initialViewState(data);
    const first = derive(data, state, search);
    const searched = derive(data, setQuery('agents')(state), search, first);
    expect(searched.visible).toBe(first.visible);
    expect(searched.edges).toBe(first.edges);
    expect(searched.matches?.length).toBeGreaterThan(0);
    const selected = derive(data, select(3)(state), search, first);
    expect(selected.list).toBe(first.list);
    // The same as deriving from nothing, item for item.
    expect(selected).toEqual(derive(data, select(3)(state), search));
  });

  it('derives again what a filter changes', () => {
    const state = initialViewState(data);
    const first = derive(data, state, search);
    const fewer = derive(data, setK(1)(state), search, first);
    expect(fewer.edges).not.toBe(first.edges);
    expect(fewer.edges).toEqual(derive(data, setK(1)(state), search).edges);
    const hidden = derive(data, toggleCluster(0)(state), search, first);
    expect(hidden.visible).toEqual(derive(data, toggleCluster(0)(state), search).visible);
    expect([...hidden.visible].filter((v) => v === 0).length).toBeGreaterThan(0);
  });
});

describe('URL', () => {
  it('round-trips the selected paper, the search and the hidden clusters', () => {
    let state = initialViewState(data);
    state = toggleCluster(2)(toggleCluster(5)(setQuery('chain of thought & more')(select(7)(state))));
    const hash = writeUrl(state, data);
    const back = readUrl(hash, data);
    expect(back.paper).toBe(7);
    expect(back.query).toBe('chain of thought & more');
    expect(back.hidden).toEqual([2, 5]);
    expect(writeUrl(initialViewState(data), data)).toBe('');
    const fine = recluster(data, 2, 1);
    const reclustered = setClustering(fine.membership, fine.clusters, 2)(initialViewState(data));
    expect(readUrl(writeUrl(reclustered, data), data).resolution).toBe(2);
    expect(readUrl('#paper=no-such-key&hide=x,3', data)).toEqual({
      paper: null,
      query: '',
      hidden: [3],
      resolution: null,
    });
  });
});

describe('re-clustering in the browser', () => {
  it('runs Louvain at another resolution and names the clusters from the papers’ terms', () => {
    const coarse = recluster(data, 0.5, 1);
    const fine = recluster(data, 2, 1);
    expect(fine.clusters.length).toBeGreaterThan(coarse.clusters.length);
    for (const result of [coarse, fine]) {
      expect(result.clusters.reduce((sum, c) => sum + c.size, 0)).toBe(data.papers.length);
      expect(result.clusters.every((c) => c.label.length > 0)).toBe(true);
      const q = modularityOf(
        result.membership,
        data.edges.map((e) => e.source),
        data.edges.map((e) => e.target),
        data.edges.map((e) => e.weight),
        result === coarse ? 0.5 : 2,
      );
      expect(result.modularity).toBeCloseTo(q, 6);
    }
    // At the file's own resolution the pipeline's clusters come back.
    const same = recluster(data, 1, Number(data.graph.attributes.params.seed));
    expect([...same.membership]).toEqual(data.papers.map((p) => p.cluster));
    const state = setClustering(fine.membership, fine.clusters, 2)(toggleCluster(0)(initialViewState(data)));
    expect(state.hiddenClusters.size).toBe(0);
    expect(state.clusters).toBe(fine.clusters);
  });
});
