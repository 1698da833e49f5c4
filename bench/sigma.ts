/**
 * The reference renderer of the explorer benchmark (scripts/bench-explorer.ts): the graph JSON the
 * app is given (`?graph=URL`, default the app's graph.json), with its positions, node radii and
 * cluster colours, drawn by sigma.js v3 (WebGL) with sigma's own pan, wheel zoom, click and the
 * node-drag recipe of its documentation. Nothing else: a click shows the paper's title in a bare
 * panel.
 *
 * It answers the driver through the same hooks as the app: `window.papermap.nodeScreenPosition(key)`,
 * and `data-settled="true"` on a canvas inside `.map` once the first frame is drawn (sigma has no
 * layout to settle). `?left=&top=&width=&height=` (CSS pixels) put the map where the app's map is,
 * so both draw the same number of pixels.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { nodeRadius, weightedDegree } from '../src/core/degree';
import type { PapermapGraphJSON } from '../src/core/types';

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  highlighted?: boolean;
}

interface EdgeAttributes {
  size: number;
}

type SigmaBenchWindow = Window & {
  papermap?: { nodeScreenPosition(key: string): { x: number; y: number } | null };
  /** The renderer itself, for a driver's own probes (a programmatic pan, say). */
  sigma?: Sigma<NodeAttributes, EdgeAttributes>;
};

/**
 * The app's light-theme edge colour (src/app/map/theme.ts) at about 30% opacity over the white
 * background, as the app draws most edges, but opaque: translucent edge colours drew nothing in
 * sigma 3.0.3 on SwiftShader.
 */
const EDGE_COLOR = '#d6d8db';

function place(container: HTMLElement, params: URLSearchParams): void {
  for (const side of ['left', 'top', 'width', 'height'] as const) {
    const value = Number(params.get(side));
    if (params.has(side) && Number.isFinite(value)) container.style[side] = `${value}px`;
  }
  if (params.has('width') || params.has('height')) {
    container.style.right = 'auto';
    container.style.bottom = 'auto';
  }
}

function toGraph(json: PapermapGraphJSON): Graph<NodeAttributes, EdgeAttributes> {
  const index = new Map(json.nodes.map((node, i) => [node.key, i]));
  const source = json.edges.map((edge) => index.get(edge.source) ?? -1);
  const target = json.edges.map((edge) => index.get(edge.target) ?? -1);
  const strength = weightedDegree(
    json.nodes.length,
    source,
    target,
    json.edges.map((edge) => edge.attributes.weight),
  );
  const colors = new Map(json.attributes.clusters.map((c) => [c.id, c.color]));
  const graph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected', multi: false });
  json.nodes.forEach((node, i) => {
    graph.addNode(node.key, {
      x: node.attributes.x,
      // sigma's y axis points up, the app's down: flipped, the two pictures match.
      y: -node.attributes.y,
      // In layout units, as the app's: sigma scales them with the zoom (itemSizesReference below).
      size: nodeRadius(strength[i]),
      color: colors.get(node.attributes.cluster) ?? '#999999',
      label: node.attributes.title,
    });
  });
  for (const edge of json.edges) graph.addEdge(edge.source, edge.target, { size: 1 });
  return graph;
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const container = document.getElementById('map');
  const panel = document.getElementById('panel');
  const panelTitle = document.getElementById('panel-title');
  if (!container || !panel || !panelTitle) throw new Error('bench/sigma.html lacks #map or #panel');
  place(container, params);
  const url = params.get('graph') ?? '../graph.json';
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  const graph = toGraph((await response.json()) as PapermapGraphJSON);

  const renderer = new Sigma(graph, container, {
    // Node sizes in graph units that grow with the zoom, as the app's radii do.
    itemSizesReference: 'positions',
    zoomToSizeRatioFunction: (ratio) => ratio,
    defaultEdgeColor: EDGE_COLOR,
    labelFont: 'system-ui, sans-serif',
    labelSize: 12,
    // One wheel notch zooms by d3-zoom's factor for it (2^(100 px × 0.002)), as the app's map does,
    // so both are asked for the same view change; sigma's own default is 1.7 a notch.
    zoomingRatio: 2 ** 0.2,
  });

  // sigma draws its first frame inside the constructor: the frame after it has it on screen.
  requestAnimationFrame(() => {
    renderer.getCanvases().mouse.dataset.settled = 'true';
  });

  renderer.on('clickNode', ({ node }) => {
    panelTitle.textContent = graph.getNodeAttribute(node, 'label');
    panel.hidden = false;
  });

  // sigma's drag recipe (https://www.sigmajs.org/storybook/?path=/story/mouse-manipulations--story).
  let dragged: string | null = null;
  renderer.on('downNode', ({ node }) => {
    dragged = node;
    graph.setNodeAttribute(node, 'highlighted', true);
    if (!renderer.getCustomBBox()) renderer.setCustomBBox(renderer.getBBox());
  });
  renderer.on('moveBody', ({ event }) => {
    if (dragged === null) return;
    const position = renderer.viewportToGraph(event);
    graph.mergeNodeAttributes(dragged, { x: position.x, y: position.y });
    event.preventSigmaDefault();
    event.original.preventDefault();
    event.original.stopPropagation();
  });
  const release = (): void => {
    if (dragged !== null) graph.removeNodeAttribute(dragged, 'highlighted');
    dragged = null;
  };
  renderer.on('upNode', release);
  renderer.on('upStage', release);

  (window as SigmaBenchWindow).papermap = Object.freeze({
    nodeScreenPosition(key: string) {
      if (!graph.hasNode(key)) return null;
      const { x, y } = graph.getNodeAttributes(key);
      return renderer.graphToViewport({ x, y });
    },
  });
  (window as SigmaBenchWindow).sigma = renderer;
  document.body.dataset.ready = 'true';
}

start().catch((error: unknown) => {
  document.body.dataset.error = String(error);
  throw error;
});
