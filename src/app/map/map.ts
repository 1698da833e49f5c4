/**
 * The interactive map: a d3-force layout drawn on a <canvas>, with d3-zoom for pan and zoom,
 * d3-drag to move papers, and hit tests through a d3-quadtree of the visible nodes.
 *
 * Drawing is on demand: anything that changes the picture calls `requestDraw`, which coalesces
 * into one requestAnimationFrame. While the layout runs, each frame ticks it within a time budget
 * and draws once; when alpha falls below alphaMin the simulation stops and nothing more happens
 * until the next change.
 */
import { type D3DragEvent, drag } from 'd3-drag';
import { type Quadtree, quadtree } from 'd3-quadtree';
import { select } from 'd3-selection';
import type { Timer } from 'd3-timer';
import { type D3ZoomEvent, type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import { type Bounds, CAMERA, centreTransform, clampScale, fitTransform, fly } from './camera';
import { createLayout, LAYOUT, type SimLink, type SimNode } from './layout';
import { DRAW, type FrameState, MapRenderer } from './render';
import { buildScene, type Scene } from './scene';
import { readTheme } from './theme';
import type { MapCallbacks, MapNode, MapView, PaperMap, ScreenPoint } from './types';

export type { MapTheme } from './theme';
export type { MapCallbacks, MapCluster, MapEdge, MapNode, MapView, PaperMap, ScreenPoint } from './types';

export const INTERACTION = Object.freeze({
  /**
   * Time given to layout ticks per frame while the layout runs, ms: at least this, and at least
   * half the previous frame, so a map that is slow to draw still spends half its time settling.
   */
  tickBudget: 12,
  maxTickBudget: 80,
  /** Ticks per frame once the first layout has settled: later changes animate. */
  ticksPerFrameAfterSettle: 3,
  /** Extra reach of a hit test around a node, CSS pixels. */
  hitSlop: 3,
  /** Pointer travel that still counts as a click, CSS pixels. */
  clickDistance: 4,
  /** Arrow keys pan by this much, CSS pixels (four times with Shift). */
  keyPan: 60,
  keyZoom: 1.3,
  /** `focus` zooms in at least far enough that this node's title is drawn. */
  focusTitleMargin: 1.25,
});

interface DragSubject {
  i: number;
  x: number;
  y: number;
}

/** Cluster ids to dense slots, for per-cluster arrays. */
function clusterSlots(nodes: readonly MapNode[]): { slotOf: Map<number, number>; nodeSlot: Int32Array } {
  const slotOf = new Map<number, number>();
  const nodeSlot = new Int32Array(nodes.length);
  nodes.forEach((node, i) => {
    let slot = slotOf.get(node.cluster);
    if (slot === undefined) {
      slot = slotOf.size;
      slotOf.set(node.cluster, slot);
    }
    nodeSlot[i] = slot;
  });
  return { slotOf, nodeSlot };
}

export function createPaperMap(
  container: HTMLElement,
  initialNodes: MapNode[],
  callbacks: MapCallbacks,
): PaperMap {
  let nodes = initialNodes;
  const n = nodes.length;
  let { slotOf, nodeSlot } = clusterSlots(nodes);
  let slotSizes = new Uint32Array(Math.max(1, slotOf.size));

  // Positions live in d3's node objects, one per paper, kept for the map's lifetime.
  const sim: SimNode[] = nodes.map((node, i) => ({
    i,
    slot: nodeSlot[i],
    r: node.radius,
    // A missing position is NaN: d3 then places the node on its phyllotaxis spiral.
    x: Number.isFinite(node.x) ? node.x : Number.NaN,
    y: Number.isFinite(node.y) ? node.y : Number.NaN,
  }));
  const layout = createLayout(slotOf.size, n);
  const { simulation } = layout;
  // Places NaN positions (d3 does it on `nodes()`), before anything reads them.
  simulation.nodes(sim);
  simulation.nodes([]);

  // DOM: the canvas, and a tooltip for the hovered title.
  const canvas = document.createElement('canvas');
  canvas.className = 'papermap-canvas';
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'application');
  canvas.setAttribute('aria-roledescription', 'paper map');
  // Absolutely placed so the canvas's pixel size never feeds back into the container's layout.
  Object.assign(canvas.style, {
    position: 'absolute',
    inset: '0',
    display: 'block',
    width: '100%',
    height: '100%',
    touchAction: 'none',
    cursor: 'grab',
  });
  canvas.dataset.settled = 'false';
  const tooltip = document.createElement('div');
  tooltip.className = 'papermap-tooltip';
  tooltip.setAttribute('aria-hidden', 'true');
  tooltip.hidden = true;
  Object.assign(tooltip.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    maxWidth: '22rem',
    padding: '0.3rem 0.5rem',
    borderRadius: '6px',
    font: `12px/1.35 ${DRAW.titleFont.replace(/^\S+\s/, '')}`,
    pointerEvents: 'none',
    boxShadow: '0 2px 8px rgb(0 0 0 / 0.18)',
    zIndex: '1',
  });
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  container.append(canvas, tooltip);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('papermap map: the browser gave no 2D canvas context');
  const ctx: CanvasRenderingContext2D = context;

  let renderer = new MapRenderer(nodes, sim, nodeSlot, slotOf.size);
  let theme = readTheme(container);
  let view: MapView = {
    visible: new Uint8Array(n).fill(1),
    edges: [],
    matches: null,
    selected: null,
    clusters: [],
  };
  let scene: Scene = buildScene(view, nodeSlot, slotOf, slotSizes);
  let laidOut = false; // the first update starts the layout
  let settled = false;
  let ticksPerFrame = Number.POSITIVE_INFINITY;
  let positionsVersion = 0;

  let width = 0;
  let height = 0;
  let dpr = 1;
  let transform: ZoomTransform = zoomIdentity;
  /** Keep fitting everything while the first layout settles, until the person moves the view. */
  let autoFit = true;
  let flight: Timer | null = null;

  let hovered: number | null = null;
  const neighbours = new Uint8Array(n);
  /** The node under a pressed pointer, and where it was pressed, until the drag begins. */
  let pressed: { i: number; x: number; y: number } | null = null;
  let dragged: number | null = null;

  let tree: Quadtree<number> | null = null;
  let treeVersion = -1;
  let treeScene: Scene | null = null;
  let maxVisibleRadius = 0;

  // ---------------------------------------------------------------------------------------------
  // Frame loop

  let frameRequest = 0;
  let destroyed = false;
  const running = (): boolean => laidOut && !settled;

  function requestDraw(): void {
    if (frameRequest === 0 && !destroyed) frameRequest = requestAnimationFrame(frame);
  }

  let lastFrameAt = 0;
  function frame(now: number): void {
    frameRequest = 0;
    const interval = lastFrameAt > 0 ? now - lastFrameAt : 0;
    lastFrameAt = running() ? now : 0;
    if (running()) step(Math.min(INTERACTION.maxTickBudget, Math.max(INTERACTION.tickBudget, interval / 2)));
    draw();
    if (running()) requestDraw();
  }

  /** Ticks the layout for up to the frame's budget; stops it once alpha is below alphaMin. */
  function step(budget: number): void {
    const start = performance.now();
    let ticks = 0;
    do {
      simulation.tick();
      ticks++;
    } while (
      ticks < ticksPerFrame &&
      simulation.alpha() >= simulation.alphaMin() &&
      performance.now() - start < budget
    );
    positionsVersion++;
    if (simulation.alpha() < simulation.alphaMin() && simulation.alphaTarget() === 0) {
      simulation.stop();
      settled = true;
      ticksPerFrame = INTERACTION.ticksPerFrameAfterSettle;
      canvas.dataset.settled = 'true';
    }
    if (autoFit) setTransform(fitTransform(visibleBounds(scene.visibleIndices), width, height));
  }

  function frameState(scale: number, hover: number | null): FrameState {
    return {
      width,
      height,
      dpr: scale,
      k: transform.k,
      tx: transform.x,
      ty: transform.y,
      theme,
      hovered: hover,
      neighbours,
    };
  }

  function draw(): void {
    if (width === 0 || height === 0) return;
    renderer.draw(ctx, frameState(dpr, hovered), scene, positionsVersion, true);
    placeTooltip();
  }

  function reheat(alpha: number): void {
    simulation.alpha(Math.max(simulation.alpha(), alpha));
    if (settled) {
      settled = false;
      canvas.dataset.settled = 'false';
    }
    requestDraw();
  }

  // ---------------------------------------------------------------------------------------------
  // Camera

  const selection = select(canvas);
  const zoomBehavior = zoom<HTMLCanvasElement, unknown>()
    .scaleExtent(CAMERA.scaleExtent)
    .clickDistance(INTERACTION.clickDistance)
    .on('start', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
      // A person moved the view: stop flying and fitting on their behalf.
      if (event.sourceEvent) {
        stopFlight();
        autoFit = false;
      }
    })
    .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
      transform = event.transform;
      requestDraw();
    });

  function setTransform(next: ZoomTransform): void {
    zoomBehavior.transform(selection, next);
  }

  function stopFlight(): void {
    flight?.stop();
    flight = null;
  }

  const reducedMotion = (): boolean =>
    typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

  function flyTo(target: ZoomTransform): void {
    stopFlight();
    autoFit = false;
    if (reducedMotion() || width === 0) {
      setTransform(target);
      return;
    }
    flight = fly(transform, target, width, height, setTransform);
  }

  function visibleBounds(indices: Iterable<number>): Bounds {
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const i of indices) {
      const p = sim[i];
      const r = nodes[i].radius;
      if (p.x - r < x0) x0 = p.x - r;
      if (p.y - r < y0) y0 = p.y - r;
      if (p.x + r > x1) x1 = p.x + r;
      if (p.y + r > y1) y1 = p.y + r;
    }
    return x0 <= x1 ? { x0, y0, x1, y1 } : { x0: -1, y0: -1, x1: 1, y1: 1 };
  }

  // ---------------------------------------------------------------------------------------------
  // Hit testing: a quadtree of the visible nodes, rebuilt lazily when positions or the view changed.

  function hitTree(): Quadtree<number> {
    if (tree === null || treeVersion !== positionsVersion || treeScene !== scene) {
      tree = quadtree<number>()
        .x((i) => sim[i].x)
        .y((i) => sim[i].y)
        .addAll(scene.visibleIndices);
      treeVersion = positionsVersion;
      treeScene = scene;
    }
    return tree;
  }

  function nodeAt(x: number, y: number): number | null {
    if (scene.visibleIndices.length === 0) return null;
    const k = transform.k;
    const wx = transform.invertX(x);
    const wy = transform.invertY(y);
    const slop = INTERACTION.hitSlop / k;
    const minR = DRAW.minScreenRadius / k;
    const found = hitTree().find(wx, wy, Math.max(maxVisibleRadius, minR) + slop);
    if (found === undefined) return null;
    const p = sim[found];
    const reach = Math.max(nodes[found].radius, minR) + slop;
    return (p.x - wx) ** 2 + (p.y - wy) ** 2 <= reach * reach ? found : null;
  }

  function local(event: MouseEvent): [number, number] {
    const rect = canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  function markNeighbours(i: number | null, value: number): void {
    if (i === null) return;
    for (let j = scene.adjStart[i]; j < scene.adjStart[i + 1]; j++) neighbours[scene.adjNode[j]] = value;
  }

  function setHovered(next: number | null): void {
    if (next === hovered) return;
    markNeighbours(hovered, 0);
    hovered = next;
    markNeighbours(hovered, 1);
    canvas.style.cursor = next === null ? 'grab' : 'pointer';
    callbacks.onHover(next);
    requestDraw();
  }

  function placeTooltip(): void {
    if (hovered === null) {
      tooltip.hidden = true;
      return;
    }
    const p = sim[hovered];
    const sr = Math.max(nodes[hovered].radius * transform.k, DRAW.minScreenRadius);
    const sx = transform.applyX(p.x);
    const sy = transform.applyY(p.y);
    if (tooltip.hidden || tooltip.dataset.index !== String(hovered)) {
      tooltip.textContent = nodes[hovered].title;
      tooltip.dataset.index = String(hovered);
      Object.assign(tooltip.style, {
        background: theme.background,
        color: theme.text,
        border: `1px solid ${theme.edge}`,
      });
      tooltip.hidden = false;
    }
    // Beside the node, flipped left or up when it would leave the canvas.
    const w = tooltip.offsetWidth;
    const h = tooltip.offsetHeight;
    let left = sx + sr + 8;
    if (left + w > width && sx - sr - 8 - w >= 0) left = sx - sr - 8 - w;
    let top = sy - h - 6;
    if (top < 0) top = sy + sr + 6;
    tooltip.style.transform = `translate(${Math.round(canvas.offsetLeft + Math.max(0, left))}px, ${Math.round(canvas.offsetTop + top)}px)`;
  }

  // ---------------------------------------------------------------------------------------------
  // Pointer, drag and keyboard

  // Drag is registered before zoom: when the pointer is on a node, drag takes the gesture and
  // stops it reaching zoom, which pans on the background.
  const dragBehavior = drag<HTMLCanvasElement, unknown, DragSubject | null>()
    .container(canvas)
    .clickDistance(INTERACTION.clickDistance)
    .subject((event: { x: number; y: number }) => {
      const i = nodeAt(event.x, event.y);
      return i === null ? null : { i, x: transform.applyX(sim[i].x), y: transform.applyY(sim[i].y) };
    })
    .on('start', (event: D3DragEvent<HTMLCanvasElement, unknown, DragSubject | null>) => {
      if (!event.subject) return;
      // Nothing moves until the pointer does: a click on a node leaves the layout alone.
      pressed = { i: event.subject.i, x: event.x, y: event.y };
    })
    .on('drag', (event: D3DragEvent<HTMLCanvasElement, unknown, DragSubject | null>) => {
      if (dragged === null) {
        if (pressed === null) return;
        if (Math.hypot(event.x - pressed.x, event.y - pressed.y) < INTERACTION.clickDistance) return;
        // The drag begins: pin the node where it is and re-heat the layout lightly.
        dragged = pressed.i;
        const p = sim[dragged];
        p.fx = p.x;
        p.fy = p.y;
        setHovered(dragged);
        canvas.style.cursor = 'grabbing';
        simulation.alphaTarget(LAYOUT.dragTarget);
        reheat(LAYOUT.dragTarget);
      }
      const p = sim[dragged];
      p.fx = transform.invertX(event.x);
      p.fy = transform.invertY(event.y);
      requestDraw();
    })
    .on('end', () => {
      pressed = null;
      if (dragged === null) return;
      const p = sim[dragged];
      p.fx = null;
      p.fy = null;
      dragged = null;
      canvas.style.cursor = hovered === null ? 'grab' : 'pointer';
      simulation.alphaTarget(0);
    });

  selection.call(dragBehavior).call(zoomBehavior);

  const onPointerMove = (event: PointerEvent): void => {
    // No hover changes while a node is dragged or the view is panned.
    if (dragged !== null || event.buttons !== 0) return;
    const [x, y] = local(event);
    setHovered(nodeAt(x, y));
  };
  const onPointerLeave = (): void => {
    if (dragged === null) setHovered(null);
  };
  const onClick = (event: MouseEvent): void => {
    const [x, y] = local(event);
    callbacks.onClick(nodeAt(x, y));
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const pan = INTERACTION.keyPan * (event.shiftKey ? 4 : 1);
    switch (event.key) {
      case 'ArrowLeft':
        map.panBy(pan, 0);
        break;
      case 'ArrowRight':
        map.panBy(-pan, 0);
        break;
      case 'ArrowUp':
        map.panBy(0, pan);
        break;
      case 'ArrowDown':
        map.panBy(0, -pan);
        break;
      case '+':
      case '=':
        map.zoomBy(INTERACTION.keyZoom);
        break;
      case '-':
      case '_':
        map.zoomBy(1 / INTERACTION.keyZoom);
        break;
      case '0':
        map.fit();
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerleave', onPointerLeave);
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('keydown', onKeyDown);

  // ---------------------------------------------------------------------------------------------
  // Size and theme

  function resize(): void {
    const w = container.clientWidth;
    const h = container.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (w === width && h === height && ratio === dpr) return;
    // Keep the same layout point at the centre across a resize.
    const cx = width > 0 ? transform.invertX(width / 2) : 0;
    const cy = height > 0 ? transform.invertY(height / 2) : 0;
    width = w;
    height = h;
    dpr = ratio;
    canvas.width = Math.max(1, Math.round(w * ratio));
    canvas.height = Math.max(1, Math.round(h * ratio));
    if (autoFit) setTransform(fitTransform(visibleBounds(scene.visibleIndices), width, height));
    else setTransform(centreTransform(cx, cy, transform.k, width, height));
    // Resizing clears the canvas: draw now rather than show a blank frame.
    draw();
  }

  const resizeObserver = new ResizeObserver(() => resize());
  resizeObserver.observe(container);
  const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const onSchemeChange = (): void => {
    theme = readTheme(container);
    requestDraw();
  };
  darkQuery?.addEventListener('change', onSchemeChange);

  function describe(): string {
    const shown = scene.visibleIndices.length;
    const clusters = scene.clusters.length;
    return (
      `Map of ${shown} paper${shown === 1 ? '' : 's'}` +
      (clusters > 0 ? ` in ${clusters} cluster${clusters === 1 ? '' : 's'}` : '') +
      '. Drag to pan, scroll or press + and − to zoom, arrow keys pan, 0 fits the map.'
    );
  }

  // ---------------------------------------------------------------------------------------------
  // The API

  const map: PaperMap = {
    canvas,

    get settled() {
      return settled;
    },

    update(next) {
      const previous = scene;
      view = next;
      scene = buildScene(view, nodeSlot, slotOf, slotSizes);
      theme = readTheme(container);
      maxVisibleRadius = 0;
      for (const i of scene.visibleIndices) maxVisibleRadius = Math.max(maxVisibleRadius, nodes[i].radius);
      canvas.setAttribute('aria-label', describe());

      // Neighbour marks follow the new edges; a node that disappeared is no longer hovered (the
      // only case that calls onHover: an update never echoes the hover back otherwise).
      neighbours.fill(0);
      if (hovered !== null && !scene.visible[hovered]) setHovered(null);
      else markNeighbours(hovered, 1);
      if (dragged !== null && !scene.visible[dragged]) {
        sim[dragged].fx = null;
        sim[dragged].fy = null;
        dragged = null;
        simulation.alphaTarget(0);
      }

      const edgesChanged = !laidOut || scene.edgeHash !== previous.edgeHash;
      if (edgesChanged || scene.visibleHash !== previous.visibleHash) {
        // The layout simulates the visible nodes only, so a filtered map spreads out.
        const links: SimLink[] = scene.edges.map((e) => ({
          source: sim[e.source],
          target: sim[e.target],
          weight: e.weight,
        }));
        layout.setGraph(
          scene.visibleIndices.map((i) => sim[i]),
          links,
        );
      }
      if (edgesChanged) {
        reheat(laidOut ? LAYOUT.reheat : 1);
        laidOut = true;
      }
      requestDraw();
    },

    setClusters(next) {
      if (next.length !== n) {
        throw new Error(`papermap map: setClusters got ${next.length} nodes, the map has ${n}`);
      }
      nodes = next;
      ({ slotOf, nodeSlot } = clusterSlots(nodes));
      slotSizes = new Uint32Array(Math.max(1, slotOf.size));
      nodes.forEach((node, i) => {
        sim[i].slot = nodeSlot[i];
        sim[i].r = node.radius;
      });
      renderer = new MapRenderer(nodes, sim, nodeSlot, slotOf.size);
      layout.setClusterSlots(slotOf.size);
      // The view's cluster ids now name other slots: re-derive it (same edges, so no re-heat there).
      map.update(view);
      if (laidOut) reheat(LAYOUT.reclusterReheat);
    },

    focus(index) {
      if (!(index >= 0 && index < n) || !scene.visible[index]) return;
      const p = sim[index];
      // At least far enough in that the node's title is drawn.
      const readable = (DRAW.titleFromScreenRadius * INTERACTION.focusTitleMargin) / nodes[index].radius;
      const k = clampScale(Math.max(transform.k, readable));
      flyTo(centreTransform(p.x, p.y, k, width, height));
    },

    fit(indices) {
      const chosen = (indices ?? scene.visibleIndices).filter((i) => i >= 0 && i < n && scene.visible[i]);
      if (chosen.length === 0) return;
      flyTo(fitTransform(visibleBounds(chosen), width, height));
    },

    positions() {
      const out = new Map<string, { x: number; y: number }>();
      nodes.forEach((node, i) => {
        out.set(node.key, { x: sim[i].x, y: sim[i].y });
      });
      return out;
    },

    toPNG() {
      const scale = 2;
      const out = document.createElement('canvas');
      out.width = Math.max(1, Math.round(width * scale));
      out.height = Math.max(1, Math.round(height * scale));
      const outCtx = out.getContext('2d');
      if (!outCtx) return Promise.reject(new Error('papermap map: no 2D canvas context for the PNG'));
      // The export shows the map, not the pointer: no hover state.
      const state = frameState(scale, null);
      renderer.draw(outCtx, { ...state, neighbours: new Uint8Array(n) }, scene, positionsVersion);
      return new Promise((resolve, reject) => {
        out.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('papermap map: toPNG failed'))),
          'image/png',
        );
      });
    },

    resize,

    destroy() {
      destroyed = true;
      if (frameRequest !== 0) cancelAnimationFrame(frameRequest);
      frameRequest = 0;
      stopFlight();
      simulation.stop();
      resizeObserver.disconnect();
      darkQuery?.removeEventListener('change', onSchemeChange);
      selection.on('.zoom', null).on('.drag', null);
      canvas.removeEventListener('pointermove', onPointerMove);
      canvas.removeEventListener('pointerleave', onPointerLeave);
      canvas.removeEventListener('click', onClick);
      canvas.removeEventListener('keydown', onKeyDown);
      canvas.remove();
      tooltip.remove();
    },

    nodeScreenPosition(index) {
      if (!(index >= 0 && index < n) || !scene.visible[index]) return null;
      const point: ScreenPoint = { x: transform.applyX(sim[index].x), y: transform.applyY(sim[index].y) };
      return point;
    },

    nodeAt,

    panBy(dx, dy) {
      stopFlight();
      autoFit = false;
      zoomBehavior.translateBy(selection, dx / transform.k, dy / transform.k);
    },

    zoomBy(factor) {
      stopFlight();
      autoFit = false;
      zoomBehavior.scaleBy(selection, factor, [width / 2, height / 2]);
    },
  };

  canvas.setAttribute('aria-label', describe());
  resize();
  return map;
}
