/**
 * The interactive map: the pipeline's layout drawn as it is, with d3-zoom for pan and zoom,
 * d3-drag to move a paper (and its neighbourhood: `drag-simulation.ts`), hit tests through a
 * quadtree (`hit-test.ts`) and a `Renderer` that turns the scene into pixels
 * (`canvas-renderer.ts`).
 *
 * Drawing is on demand: anything that changes the picture calls `requestDraw`, which coalesces
 * into one requestAnimationFrame. Nothing runs between changes; while a dragged neighbourhood
 * eases to rest, each frame ticks it and draws once.
 */
import { type D3DragEvent, drag } from 'd3-drag';
import { select } from 'd3-selection';
import type { Timer } from 'd3-timer';
import { type D3ZoomEvent, type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import { type Bounds, CAMERA, centreTransform, clampScale, fitTransform, fly } from './camera';
import { CanvasRenderer, DRAW } from './canvas-renderer';
import { DragSimulation } from './drag-simulation';
import { HitTester } from './hit-test';
import { initialPositions } from './positions';
import { buildScene, type Scene } from './scene';
import { readTheme } from './theme';
import { Tooltip } from './tooltip';
import type { FrameState, MapCallbacks, MapNode, MapView, PaperMap, Renderer, ScreenPoint } from './types';

export type { MapTheme } from './theme';
export type {
  DrawnLabel,
  MapCallbacks,
  MapCluster,
  MapEdge,
  MapNode,
  MapRegion,
  MapView,
  PaperMap,
  ScreenPoint,
} from './types';

export const INTERACTION = Object.freeze({
  /** Time given to drag-simulation ticks per frame once the paper is let go, ms. */
  tickBudget: 12,
  /** Extra reach of a hit test around a node, CSS pixels. */
  hitSlop: 3,
  /**
   * A paper is dragged, and lit up under the pointer, only when drawn at least this large, CSS
   * pixels: in a zoomed-out map of thousands, papers cover the whole map, and a drag anywhere
   * must still pan it and a pointer crossing it must not flash the map. A click still opens the
   * paper under it.
   */
  dragFromScreenRadius: 3,
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

/** The canvas, placed absolutely so its pixel size never feeds back into the container's layout. */
function mapCanvas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = 'papermap-canvas';
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'application');
  canvas.setAttribute('aria-roledescription', 'paper map');
  Object.assign(canvas.style, {
    position: 'absolute',
    inset: '0',
    display: 'block',
    width: '100%',
    height: '100%',
    touchAction: 'none',
    cursor: 'grab',
  });
  return canvas;
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
  const positions = initialPositions(nodes);
  // Shared with the hit tester and the drag simulation: changed in place, never replaced.
  const radius = Float32Array.from(nodes, (node) => node.radius);

  const canvas = mapCanvas();
  const tooltip = new Tooltip(`12px/1.35 ${DRAW.titleFont.replace(/^\S+\s/, '')}`);
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  container.append(canvas, tooltip.element);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('papermap map: the browser gave no 2D canvas context');
  const ctx: CanvasRenderingContext2D = context;

  let renderer: Renderer = new CanvasRenderer(nodes, nodeSlot, slotOf.size);
  const hits = new HitTester(positions, radius);
  const dragSimulation = new DragSimulation(positions, radius);
  let theme = readTheme(container);
  let view: MapView = {
    visible: new Uint8Array(n).fill(1),
    edges: [],
    matches: null,
    selected: null,
    clusters: [],
  };
  let scene: Scene = buildScene(view, nodeSlot, slotOf, slotSizes);

  let width = 0;
  let height = 0;
  let dpr = 1;
  let transform: ZoomTransform = zoomIdentity;
  /** Fit everything to the canvas until the person moves the view. */
  let autoFit = true;
  let flight: Timer | null = null;
  /** A gesture moves the view (pan, wheel, flight): frames may draw less until it ends. */
  let gesture = false;

  let hovered: number | null = null;
  const neighbours = new Uint8Array(n);
  /** The node under a pressed pointer, and where it was pressed, until the drag begins. */
  let pressed: { i: number; x: number; y: number } | null = null;
  let dragged: number | null = null;

  // ---------------------------------------------------------------------------------------------
  // Frame loop

  let frameRequest = 0;
  let destroyed = false;

  function requestDraw(): void {
    if (frameRequest === 0 && !destroyed) frameRequest = requestAnimationFrame(frame);
  }

  function setSettled(value: boolean): void {
    const text = value ? 'true' : 'false';
    if (canvas.dataset.settled !== text) canvas.dataset.settled = text;
  }

  function frame(): void {
    frameRequest = 0;
    if (dragSimulation.running) {
      // While the paper is held, a tick a frame follows the pointer; once it is let go, the
      // neighbourhood comes to rest as fast as the frame's budget allows.
      if (dragged !== null) dragSimulation.tick();
      else {
        const start = performance.now();
        while (dragSimulation.tick() && performance.now() - start < INTERACTION.tickBudget) {
          // ticks within the frame's budget
        }
      }
      setSettled(!dragSimulation.running && dragged === null);
    }
    draw();
    if (dragSimulation.running) requestDraw();
  }

  function frameState(scale: number, hover: number | null, moving: boolean): FrameState {
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
      moving,
      moved: dragSimulation.running ? dragSimulation.mask : null,
      dragId: dragSimulation.id,
    };
  }

  function draw(): void {
    if (width === 0 || height === 0) return;
    const moving = gesture || flight !== null || dragged !== null || dragSimulation.running;
    renderer.draw(ctx, frameState(dpr, hovered, moving), scene, positions, true);
    // The positions are final: the map is settled once it is on screen.
    if (canvas.dataset.settled === undefined) setSettled(true);
    placeTooltip();
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
        gesture = true;
      }
    })
    .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
      transform = event.transform;
      requestDraw();
    })
    .on('end', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
      if (event.sourceEvent && gesture) {
        gesture = false;
        // Everything again, now that the view rests.
        requestDraw();
      }
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
    flight = fly(transform, target, width, height, setTransform, () => {
      flight = null;
      requestDraw();
    });
  }

  function visibleBounds(indices: Iterable<number>): Bounds {
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    const { x, y } = positions;
    for (const i of indices) {
      const r = radius[i];
      if (x[i] - r < x0) x0 = x[i] - r;
      if (y[i] - r < y0) y0 = y[i] - r;
      if (x[i] + r > x1) x1 = x[i] + r;
      if (y[i] + r > y1) y1 = y[i] + r;
    }
    return x0 <= x1 ? { x0, y0, x1, y1 } : { x0: -1, y0: -1, x1: 1, y1: 1 };
  }

  // ---------------------------------------------------------------------------------------------
  // Pointer, drag and keyboard

  function nodeAt(x: number, y: number): number | null {
    const k = transform.k;
    return hits.find(
      scene,
      transform.invertX(x),
      transform.invertY(y),
      DRAW.minScreenRadius / k,
      INTERACTION.hitSlop / k,
    );
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
      tooltip.hide();
      return;
    }
    tooltip.show(
      hovered,
      nodes[hovered].title,
      {
        sx: transform.applyX(positions.x[hovered]),
        sy: transform.applyY(positions.y[hovered]),
        sr: Math.max(radius[hovered] * transform.k, DRAW.minScreenRadius),
      },
      { left: canvas.offsetLeft, top: canvas.offsetTop, width },
      theme,
    );
  }

  // Drag is registered before zoom: when the pointer is on a node, drag takes the gesture and
  // stops it reaching zoom, which pans on the background.
  const dragBehavior = drag<HTMLCanvasElement, unknown, DragSubject | null>()
    .container(canvas)
    .clickDistance(INTERACTION.clickDistance)
    .subject((event: { x: number; y: number }) => {
      const i = nodeAt(event.x, event.y);
      if (i === null || radius[i] * transform.k < INTERACTION.dragFromScreenRadius) return null;
      return { i, x: transform.applyX(positions.x[i]), y: transform.applyY(positions.y[i]) };
    })
    .on('start', (event: D3DragEvent<HTMLCanvasElement, unknown, DragSubject | null>) => {
      if (!event.subject) return;
      // Nothing moves until the pointer does: a click on a node leaves the map alone.
      pressed = { i: event.subject.i, x: event.x, y: event.y };
    })
    .on('drag', (event: D3DragEvent<HTMLCanvasElement, unknown, DragSubject | null>) => {
      if (dragged === null) {
        if (pressed === null) return;
        if (Math.hypot(event.x - pressed.x, event.y - pressed.y) < INTERACTION.clickDistance) return;
        // The drag begins: the paper is held, its neighbourhood follows.
        dragged = pressed.i;
        dragSimulation.start(dragged, scene);
        setHovered(dragged);
        canvas.style.cursor = 'grabbing';
        setSettled(false);
      }
      dragSimulation.hold(transform.invertX(event.x), transform.invertY(event.y));
      requestDraw();
    })
    .on('end', () => {
      pressed = null;
      if (dragged === null) return;
      dragged = null;
      dragSimulation.release();
      canvas.style.cursor = hovered === null ? 'grab' : 'pointer';
      requestDraw();
    });

  selection.call(dragBehavior).call(zoomBehavior);

  const onPointerMove = (event: PointerEvent): void => {
    // No hover changes while a node is dragged or the view is panned.
    if (dragged !== null || event.buttons !== 0) return;
    const [x, y] = local(event);
    const i = nodeAt(x, y);
    setHovered(i !== null && radius[i] * transform.k >= INTERACTION.dragFromScreenRadius ? i : null);
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
    const keys: Record<string, () => void> = {
      ArrowLeft: () => map.panBy(pan, 0),
      ArrowRight: () => map.panBy(-pan, 0),
      ArrowUp: () => map.panBy(0, pan),
      ArrowDown: () => map.panBy(0, -pan),
      '+': () => map.zoomBy(INTERACTION.keyZoom),
      '=': () => map.zoomBy(INTERACTION.keyZoom),
      '-': () => map.zoomBy(1 / INTERACTION.keyZoom),
      _: () => map.zoomBy(1 / INTERACTION.keyZoom),
      '0': () => map.fit(),
    };
    const action = Object.hasOwn(keys, event.key) ? keys[event.key] : undefined;
    if (!action) return;
    action();
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
      `Map of ${shown.toLocaleString('en')} paper${shown === 1 ? '' : 's'}` +
      (clusters > 0 ? ` in ${clusters} cluster${clusters === 1 ? '' : 's'}` : '') +
      '. Drag to pan, scroll or press + and − to zoom, arrow keys pan, 0 fits the map.'
    );
  }

  // ---------------------------------------------------------------------------------------------
  // The API

  const map: PaperMap = {
    canvas,

    get settled() {
      return canvas.dataset.settled === 'true';
    },

    update(next) {
      const wasVisible = scene.visibleHash;
      view = next;
      scene = buildScene(view, nodeSlot, slotOf, slotSizes, scene);
      theme = readTheme(container);
      canvas.setAttribute('aria-label', describe());

      // Neighbour marks follow the new edges; a node that disappeared is no longer hovered (the
      // only case that calls onHover: an update never echoes the hover back otherwise).
      neighbours.fill(0);
      if (hovered !== null && !scene.visible[hovered]) setHovered(null);
      else markNeighbours(hovered, 1);
      if (dragged !== null && !scene.visible[dragged]) {
        dragged = null;
        dragSimulation.stop();
      } else if (dragSimulation.running && scene.visibleHash !== wasVisible) dragSimulation.stop();
      if (canvas.dataset.settled !== undefined) setSettled(!dragSimulation.running);
      if (autoFit) setTransform(fitTransform(visibleBounds(scene.visibleIndices), width, height));
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
        radius[i] = node.radius;
      });
      hits.setRadius(radius);
      renderer = new CanvasRenderer(nodes, nodeSlot, slotOf.size);
      // The view's cluster ids now name other slots: re-derive it.
      map.update(view);
    },

    focus(index) {
      if (!(index >= 0 && index < n) || !scene.visible[index]) return;
      // At least far enough in that the node's title is drawn.
      const readable = (DRAW.titleFromScreenRadius * INTERACTION.focusTitleMargin) / nodes[index].radius;
      const k = clampScale(Math.max(transform.k, readable));
      flyTo(centreTransform(positions.x[index], positions.y[index], k, width, height));
    },

    fit(indices) {
      const chosen = (indices ?? scene.visibleIndices).filter((i) => i >= 0 && i < n && scene.visible[i]);
      if (chosen.length === 0) return;
      flyTo(fitTransform(visibleBounds(chosen), width, height));
    },

    positions() {
      const out = new Map<string, { x: number; y: number }>();
      nodes.forEach((node, i) => {
        out.set(node.key, { x: positions.x[i], y: positions.y[i] });
      });
      return out;
    },

    labels: () => renderer.labels(),

    toPNG() {
      const scale = 2;
      const out = document.createElement('canvas');
      out.width = Math.max(1, Math.round(width * scale));
      out.height = Math.max(1, Math.round(height * scale));
      const outCtx = out.getContext('2d');
      if (!outCtx) return Promise.reject(new Error('papermap map: no 2D canvas context for the PNG'));
      // The export shows the map, not the pointer: no hover state. A PNG renderer of its own, so
      // the screen's labels stay the screen's.
      const pngRenderer = new CanvasRenderer(nodes, nodeSlot, slotOf.size);
      const state = frameState(scale, null, false);
      pngRenderer.draw(
        outCtx,
        { ...state, neighbours: new Uint8Array(n), moved: null },
        scene,
        positions,
        false,
      );
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
      dragSimulation.stop();
      resizeObserver.disconnect();
      darkQuery?.removeEventListener('change', onSchemeChange);
      selection.on('.zoom', null).on('.drag', null);
      canvas.removeEventListener('pointermove', onPointerMove);
      canvas.removeEventListener('pointerleave', onPointerLeave);
      canvas.removeEventListener('click', onClick);
      canvas.removeEventListener('keydown', onKeyDown);
      canvas.remove();
      tooltip.element.remove();
    },

    nodeScreenPosition(index) {
      if (!(index >= 0 && index < n) || !scene.visible[index]) return null;
      const point: ScreenPoint = {
        x: transform.applyX(positions.x[index]),
        y: transform.applyY(positions.y[index]),
      };
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
