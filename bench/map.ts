/**
 * A page with nothing but the map, for the frame benchmark (scripts/bench-frames.ts) and the map's
 * end-to-end test (test/e2e/map.test.ts). It loads a graph JSON (`?graph=URL`, default graph.json),
 * turns it into map nodes and a view showing everything, and exposes the map on
 * `window.papermapBench` for the driver.
 */
import { createPaperMap, type MapEdge, type MapNode, type MapView, type PaperMap } from '../src/app/map';
import { nodeRadius, weightedDegree } from '../src/core/degree';
import type { PapermapGraphJSON } from '../src/core/types';

export interface BenchHandle {
  map: PaperMap;
  nodes: MapNode[];
  view: MapView;
  /** Every onHover / onClick call, in order. */
  hovers: (number | null)[];
  clicks: (number | null)[];
  /** performance.now() when the map was created, and when it first reported settled. */
  createdAt: number;
  settledAt: number | null;
}

type BenchWindow = Window & { papermapBench?: BenchHandle };

async function start(): Promise<void> {
  const url = new URLSearchParams(location.search).get('graph') ?? 'graph.json';
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  const graph = (await response.json()) as PapermapGraphJSON;
  const index = new Map(graph.nodes.map((node, i) => [node.key, i]));
  const edges: MapEdge[] = graph.edges.map((edge) => ({
    source: index.get(edge.source) ?? -1,
    target: index.get(edge.target) ?? -1,
    weight: edge.attributes.weight,
  }));
  const strength = weightedDegree(
    graph.nodes.length,
    edges.map((e) => e.source),
    edges.map((e) => e.target),
    edges.map((e) => e.weight),
  );
  const colors = new Map(graph.attributes.clusters.map((c) => [c.id, c.color]));
  const nodes: MapNode[] = graph.nodes.map((node, i) => ({
    key: node.key,
    title: node.attributes.title,
    cluster: node.attributes.cluster,
    color: colors.get(node.attributes.cluster) ?? '#999999',
    radius: nodeRadius(strength[i]),
    x: node.attributes.x,
    y: node.attributes.y,
  }));
  const view: MapView = {
    visible: new Uint8Array(nodes.length).fill(1),
    edges,
    matches: null,
    selected: null,
    clusters: graph.attributes.clusters.map((c) => ({ id: c.id, label: c.label, color: c.color })),
  };

  const container = document.getElementById('map');
  if (!container) throw new Error('bench/map.html has no #map element');
  const hovers: (number | null)[] = [];
  const clicks: (number | null)[] = [];
  const createdAt = performance.now();
  const map = createPaperMap(container, nodes, {
    onHover: (i) => hovers.push(i),
    onClick: (i) => clicks.push(i),
  });
  const handle: BenchHandle = { map, nodes, view, hovers, clicks, createdAt, settledAt: null };
  new MutationObserver(() => {
    if (handle.settledAt === null && map.canvas.dataset.settled === 'true')
      handle.settledAt = performance.now();
  }).observe(map.canvas, { attributes: true, attributeFilter: ['data-settled'] });
  map.update(view);
  (window as BenchWindow).papermapBench = handle;
  document.body.dataset.ready = 'true';
}

start().catch((error: unknown) => {
  document.body.dataset.error = String(error);
  throw error;
});
