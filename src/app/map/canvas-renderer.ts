/**
 * The canvas renderer: scene to pixels on a 2D canvas, with level of detail so that a
 * 45,000-paper map draws in a frame. It maps derived data to the canvas and decides nothing about
 * what is shown. Order: background, edges (a budget of them, in the scene's priority order, one
 * path per weight bucket and state), faded papers, papers, emphasised edges, rings, then
 * screen-space text: cluster names first (largest clusters first, sized by cluster size), paper
 * titles after, each kept only where it overlaps no earlier label.
 *
 * Papers a few pixels across are splatted into pixels (`splat.ts`); larger ones are arcs. Per
 * frame the work is linear in the papers and edges, and only what falls inside the viewport is
 * drawn or labelled. Buffers are allocated in the constructor.
 */
import { LabelGrid } from './label-grid';
import { PanLayer } from './pan-layer';
import { EDGE_BUCKETS, type Scene } from './scene';
import { parseHex, SPLAT_MAX_RADIUS, SplatLayer } from './splat';
import type { DrawnLabel, FrameState, MapNode, Positions, Renderer } from './types';

const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

export const DRAW = Object.freeze({
  /** Smallest on-screen radius, CSS pixels: a zoomed-out map still shows every node. */
  minScreenRadius: 1.6,
  /** From this typical on-screen radius, nodes get an outline in the background colour. */
  outlineFrom: 6,
  fadedNodeAlpha: 0.16,
  fadedEdgeAlpha: 0.22,
  titleFont: `11px ${FONT_FAMILY}`,
  titleHeight: 14,
  /** Cluster names: this font size for the smallest cluster, up to clusterMaxPx for the largest. */
  clusterMinPx: 12,
  clusterMaxPx: 19,
  /** A paper's title is drawn once its node is this large on screen (CSS pixels). */
  titleFromScreenRadius: 4.5,
  titleMaxChars: 48,
  /** Titles keep clear of dots from this on-screen radius, CSS pixels. */
  obstacleFromScreenRadius: 2.5,
  /** With fewer search matches than this, every match is labelled whatever the zoom. */
  labelAllMatchesBelow: 40,
  maxTitles: 200,
  /** Space kept around a title, CSS pixels. */
  titlePadding: { x: 10, y: 7 },
  regionFont: `italic 500 12px ${FONT_FAMILY}`,
  regionHeight: 15,
  /** A region is named once its papers spread over this many CSS pixels (root mean square). */
  regionFromScreenSpread: 60,
  /** Space kept around a cluster name, CSS pixels. */
  clusterPadding: { x: 6, y: 4 },
  haloWidth: 3.5,
  /**
   * Edges drawn per frame, at most: past a few thousand, more lines only darken the map (and
   * 168,000 anti-aliased lines take a software rasteriser a quarter of a second). Zoomed in,
   * fewer edges are on screen and all of them fit.
   */
  edgeBudget: 14000,
  /** The budget while the view moves under a gesture; the full one is drawn when it stops. */
  edgeBudgetMoving: 5000,
  /**
   * And a budget of on-screen length (CSS pixels) while it moves: a software rasteriser takes
   * about 0.3 µs per pixel of anti-aliased line, and zoomed in at 44,904 papers 5,000 edges were
   * 460,000 pixels (140 ms a frame, each time a zoom gesture draws its picture again). Zoomed out
   * the count budget binds first; zoomed in, fewer and longer edges are drawn.
   */
  edgePixelsMoving: 80_000,
});

/** A title shortened at a word boundary. */
export function shortTitle(title: string, max = DRAW.titleMaxChars): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.lastIndexOf(' ', max - 1);
  return `${clean.slice(0, cut > max / 2 ? cut : max - 1).replace(/[\s,.:;–-]+$/, '')}…`;
}

/** `a` over `b` at opacity `alpha`, both 0xRRGGBB. */
function mix(a: number, b: number, alpha: number): number {
  const r = Math.round(((a >> 16) & 255) * alpha + ((b >> 16) & 255) * (1 - alpha));
  const g = Math.round(((a >> 8) & 255) * alpha + ((b >> 8) & 255) * (1 - alpha));
  const bl = Math.round((a & 255) * alpha + (b & 255) * (1 - alpha));
  return (r << 16) | (g << 8) | bl;
}

interface ViewBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export class CanvasRenderer implements Renderer {
  private readonly n: number;
  private readonly radius: Float32Array;
  private readonly rgb: Uint32Array;
  private readonly fadedRgb: Uint32Array;
  private fadedOn = '';
  /** Nodes grouped by colour: group g is groupNodes[groupStart[g] … groupStart[g + 1]). */
  private readonly groupColors: string[];
  private readonly groupStart: Uint32Array;
  private readonly groupNodes: Uint32Array;
  /** Nodes by label priority: largest radius first, then index. */
  private readonly labelOrder: Uint32Array;
  private readonly titles: string[];
  private readonly titleWidths: Float32Array;
  private readonly clusterWidths = new Map<string, number>();
  private readonly medianRadius: number;
  /** Placed labels (cluster names, titles): no label overlaps another. */
  private readonly grid = new LabelGrid(2048);
  /** Nodes on screen: a title goes beside nodes when it can, over them when it must. */
  private readonly obstacles = new LabelGrid(8192);
  private readonly layer = new PanLayer();
  /** A splat layer per target canvas (the screen, the pan layer, a PNG), each sized to it. */
  private readonly splats = new WeakMap<HTMLCanvasElement | OffscreenCanvas, SplatLayer>();
  /** Per cluster slot: x sum, y sum, count of visible members; recomputed when positions move. */
  private readonly centres: Float64Array;
  private centresVersion = -1;
  private centresScene: Scene | null = null;
  private titlesPlaced = 0;
  private drawn: DrawnLabel[] = [];
  /**
   * What a world drawing covers while a paper is dragged: everything, the still part of the map
   * (the papers the drag does not move and the edges between them), or the moved part.
   */
  private part: 'all' | 'still' | 'moved' = 'all';
  /** The still part of the map, drawn once per drag and view. */
  private still: {
    canvas: HTMLCanvasElement;
    ctx: CanvasRenderingContext2D;
    key: string;
    scene: Scene | null;
  } | null = null;
  /** One path per edge bucket, for the faded and the plain pass. */
  private readonly paths: Path2D[] = [];

  constructor(
    nodes: readonly MapNode[],
    private readonly nodeSlot: Int32Array,
    slots: number,
  ) {
    const n = nodes.length;
    this.n = n;
    this.radius = Float32Array.from(nodes, (node) => node.radius);
    this.rgb = Uint32Array.from(nodes, (node) => parseHex(node.color));
    this.fadedRgb = new Uint32Array(n);
    this.titles = nodes.map((node) => shortTitle(node.title));
    this.titleWidths = new Float32Array(n).fill(Number.NaN);
    this.centres = new Float64Array(Math.max(1, slots) * 3);

    const byColor = new Map<string, number[]>();
    nodes.forEach((node, i) => {
      const members = byColor.get(node.color);
      if (members) members.push(i);
      else byColor.set(node.color, [i]);
    });
    this.groupColors = [...byColor.keys()];
    this.groupStart = new Uint32Array(this.groupColors.length + 1);
    this.groupNodes = new Uint32Array(n);
    let at = 0;
    this.groupColors.forEach((color, g) => {
      for (const i of byColor.get(color) ?? []) this.groupNodes[at++] = i;
      this.groupStart[g + 1] = at;
    });

    this.labelOrder = Uint32Array.from(nodes.keys()).sort((a, b) => this.radius[b] - this.radius[a] || a - b);
    const sorted = Float32Array.from(this.radius).sort();
    this.medianRadius = n > 0 ? sorted[n >> 1] : 1;
  }

  /** Each node's faded colour on `background`, made again only when the background changes. */
  private fadedColours(background: string): Uint32Array {
    if (this.fadedOn !== background) {
      const bg = parseHex(background);
      for (let i = 0; i < this.n; i++) this.fadedRgb[i] = mix(this.rgb[i], bg, DRAW.fadedNodeAlpha);
      this.fadedOn = background;
    }
    return this.fadedRgb;
  }

  labels(): readonly DrawnLabel[] {
    return this.drawn;
  }

  /**
   * Draws a frame. With `cached`, a frame that only pans (same scene, positions, pointer state
   * and scale as the last one) blits a cached picture of edges and nodes, drawn once with a margin
   * around the viewport, instead of drawing them again: panning costs a copy, not a redraw.
   */
  draw(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, pos: Positions, cached: boolean): void {
    const { width, height, dpr } = f;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalAlpha = 1;

    if (cached && f.moved !== null && this.drawDragFrame(ctx, f, scene, pos)) {
      this.layer.invalidate();
      this.layer.remember(f, scene, pos.version);
      this.drawLabels(ctx, f, scene, pos);
      return;
    }
    const same = cached && this.layer.matches(f, scene, pos.version);
    // A frame of a zoom gesture: the same picture at another scale.
    const zooming = cached && f.moving && !same && this.layer.matchesContent(f, scene, pos.version);
    const reusable = (same && this.layer.covers(f)) || (zooming && this.layer.coversScaled(f));
    // A moving view always goes through the layer, its first frame too: drawing that frame
    // straight onto the canvas and the layer on the next would draw the world twice.
    const layerCtx = !reusable && (same || zooming || (cached && f.moving)) ? this.layer.prepare(f) : null;
    if (layerCtx) {
      // The first frame of a pan or a zoom: draw the world once, with a margin, into the layer.
      layerCtx.setTransform(1, 0, 0, 1, 0, 0);
      layerCtx.fillStyle = f.theme.background;
      layerCtx.fillRect(0, 0, layerCtx.canvas.width, layerCtx.canvas.height);
      this.drawWorld(layerCtx, f, scene, pos, this.layer.margin);
      this.layer.drawnAt(f);
    }
    if (this.layer.covers(f) && (same || layerCtx)) {
      this.layer.blit(ctx, f);
    } else if (zooming && this.layer.coversScaled(f)) {
      this.layer.blitScaled(ctx, f);
    } else {
      ctx.fillStyle = f.theme.background;
      ctx.fillRect(0, 0, width, height);
      this.drawWorld(ctx, f, scene, pos, 0);
      this.layer.invalidate();
    }
    this.layer.remember(f, scene, pos.version);

    this.drawLabels(ctx, f, scene, pos);
  }

  /**
   * A frame of a paper drag: the still part of the map from its picture, the moved part drawn
   * over it. False when no picture can be made (no canvas).
   */
  private drawDragFrame(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, pos: Positions): boolean {
    const w = ctx.canvas.width;
    const h = ctx.canvas.height;
    const key = `${f.dragId} ${f.k} ${f.tx} ${f.ty} ${w} ${h} ${f.dpr} ${f.hovered} ${f.theme.background} ${f.theme.edge}`;
    if (!this.still) {
      const canvas = document.createElement('canvas');
      const still = canvas.getContext('2d', { alpha: false });
      if (!still) return false;
      this.still = { canvas, ctx: still, key: '', scene: null };
    }
    const picture = this.still;
    if (picture.key !== key || picture.scene !== scene) {
      if (picture.canvas.width !== w || picture.canvas.height !== h) {
        picture.canvas.width = w;
        picture.canvas.height = h;
      }
      picture.ctx.setTransform(1, 0, 0, 1, 0, 0);
      picture.ctx.fillStyle = f.theme.background;
      picture.ctx.fillRect(0, 0, w, h);
      this.part = 'still';
      this.drawWorld(picture.ctx, f, scene, pos, 0);
      picture.key = key;
      picture.scene = scene;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(picture.canvas, 0, 0);
    this.part = 'moved';
    this.drawWorld(ctx, f, scene, pos, 0);
    this.part = 'all';
    return true;
  }

  /** Cluster and region names and titles, in screen space, none over another. */
  private drawLabels(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, pos: Positions): void {
    const { width, height, dpr } = f;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalAlpha = 1;
    this.grid.reset(width, height);
    this.obstacles.reset(width, height);
    this.drawn = [];
    this.drawClusterNames(ctx, f, scene, pos);
    this.drawRegionNames(ctx, f, scene);
    this.drawTitles(ctx, f, scene, pos);
  }

  /** Edges, nodes and rings, over the viewport grown by `margin` CSS pixels. */
  private drawWorld(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    scene: Scene,
    pos: Positions,
    margin: number,
  ): void {
    const { width, height, dpr, k, tx, ty } = f;
    // The drawn area in layout units, for culling.
    const view: ViewBox = {
      x0: (-margin - tx) / k,
      y0: (-margin - ty) / k,
      x1: (width + margin - tx) / k,
      y1: (height + margin - ty) / k,
    };
    const world = (): void => {
      ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * (tx + margin), dpr * (ty + margin));
    };
    world();
    ctx.lineCap = 'butt';
    this.drawEdges(ctx, f, scene, pos, view);
    this.drawNodes(ctx, f, scene, pos, view, margin);
    world();
    if (this.part === 'still') return;
    this.drawFocusEdges(ctx, f, scene, pos);
    this.drawRings(ctx, f, scene, pos);
  }

  /** Whether paper i belongs to the part of the map being drawn. */
  private inPart(i: number, f: FrameState): boolean {
    if (this.part === 'all' || f.moved === null) return true;
    return (f.moved[i] === 1) === (this.part === 'moved');
  }

  /** Whether edge s–t belongs to the part being drawn: an edge moves with either end. */
  private edgeInPart(s: number, t: number, f: FrameState): boolean {
    if (this.part === 'all' || f.moved === null) return true;
    return (f.moved[s] === 1 || f.moved[t] === 1) === (this.part === 'moved');
  }

  /** Whether node i is drawn faded: not the hovered node or its neighbour, or not a match. */
  private faded(i: number, f: FrameState, scene: Scene): boolean {
    if (i === scene.selected) return false;
    if (f.hovered !== null) return i !== f.hovered && f.neighbours[i] === 0;
    return scene.matches !== null && scene.matches[i] === 0;
  }

  private drawEdges(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    scene: Scene,
    pos: Positions,
    v: ViewBox,
  ): void {
    const { radius } = this;
    const { x, y } = pos;
    const { edgeSource, edgeTarget, edgeOrder, edgeBucket, matches, selected } = scene;
    const hovered = f.hovered;
    const minR = DRAW.minScreenRadius / f.k;
    const buckets = EDGE_BUCKETS.length;
    // Hovering fades every edge but the hovered node's own (drawn later); a search fades edges
    // that do not join two matches.
    for (let p = 0; p < 2 * buckets; p++) this.paths[p] = new Path2D();
    const used = new Uint8Array(2 * buckets);
    const budget = f.moving ? DRAW.edgeBudgetMoving : DRAW.edgeBudget;
    const pixelBudget = f.moving ? DRAW.edgePixelsMoving : Number.POSITIVE_INFINITY;
    let drawn = 0;
    let pixels = 0;
    for (let j = 0; j < edgeOrder.length && drawn < budget && pixels < pixelBudget; j++) {
      const e = edgeOrder[j];
      const s = edgeSource[e];
      const t = edgeTarget[e];
      // The hovered and the selected node's own edges are drawn emphasised, by drawFocusEdges.
      if (s === selected || t === selected || s === hovered || t === hovered) continue;
      if (!this.edgeInPart(s, t, f)) continue;
      const ax = x[s];
      const ay = y[s];
      const cx = x[t];
      const cy = y[t];
      if (
        (ax < v.x0 && cx < v.x0) ||
        (ax > v.x1 && cx > v.x1) ||
        (ay < v.y0 && cy < v.y0) ||
        (ay > v.y1 && cy > v.y1)
      )
        continue;
      // Zoomed out, many edges are shorter than their two nodes' radii, hidden under them.
      const reach = Math.max(radius[s], minR) + Math.max(radius[t], minR);
      if ((ax - cx) ** 2 + (ay - cy) ** 2 < reach * reach) continue;
      const faded = hovered !== null || (matches !== null && (matches[s] === 0 || matches[t] === 0));
      const path = (faded ? 0 : buckets) + edgeBucket[e];
      this.paths[path].moveTo(ax, ay);
      this.paths[path].lineTo(cx, cy);
      used[path] = 1;
      drawn++;
      if (f.moving) pixels += Math.sqrt((ax - cx) ** 2 + (ay - cy) ** 2) * f.k;
    }
    ctx.strokeStyle = f.theme.edge;
    for (let p = 0; p < 2 * buckets; p++) {
      if (used[p] === 0) continue;
      const bucket = EDGE_BUCKETS[p % buckets];
      ctx.globalAlpha = bucket.alpha * (p < buckets ? DRAW.fadedEdgeAlpha : 1);
      ctx.lineWidth = bucket.width / f.k;
      ctx.stroke(this.paths[p]);
    }
    ctx.globalAlpha = 1;
  }

  /** The hovered and the selected node's edges, on top of the nodes, in the text colour. */
  private drawFocusEdges(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, pos: Positions): void {
    ctx.strokeStyle = f.theme.text;
    ctx.globalAlpha = 0.55;
    if (scene.selected !== null) this.drawEdgesOf(ctx, f, scene, pos, scene.selected);
    if (f.hovered !== null && f.hovered !== scene.selected) this.drawEdgesOf(ctx, f, scene, pos, f.hovered);
    ctx.globalAlpha = 1;
  }

  private drawEdgesOf(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    scene: Scene,
    pos: Positions,
    focus: number,
  ): void {
    const { x, y } = pos;
    for (let j = scene.adjStart[focus]; j < scene.adjStart[focus + 1]; j++) {
      const other = scene.adjNode[j];
      ctx.beginPath();
      ctx.moveTo(x[focus], y[focus]);
      ctx.lineTo(x[other], y[other]);
      ctx.lineWidth = (1.2 + 2.5 * Math.min(1, scene.edgeWeight[scene.adjEdge[j]])) / f.k;
      ctx.stroke();
    }
  }

  /**
   * The nodes, faded ones first: small ones splatted into pixels and laid over the canvas at once
   * (one copy per frame), then large ones drawn as arcs grouped by colour. Leaves the context's
   * transform changed.
   */
  private drawNodes(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    scene: Scene,
    pos: Positions,
    v: ViewBox,
    margin: number,
  ): void {
    const { radius, rgb } = this;
    const { x, y } = pos;
    const { k, dpr } = f;
    const minR = DRAW.minScreenRadius / k;
    const splatBelow = SPLAT_MAX_RADIUS / (k * dpr);
    const ox = dpr * (f.tx + margin);
    const oy = dpr * (f.ty + margin);
    const scale = dpr * k;
    const anyFaded = f.hovered !== null || scene.matches !== null;
    // Faded dots are the colour mixed with the background, opaque: the same look on the
    // background, and no per-pixel blending for tens of thousands of them.
    const fadedRgb = this.fadedColours(f.theme.background);
    const background = parseHex(f.theme.background);
    // The rings double a dot's pixels: a moving view does without them.
    const outline = !f.moving && k * this.medianRadius >= DRAW.outlineFrom;
    let splat = this.splats.get(ctx.canvas);
    if (!splat) {
      splat = new SplatLayer();
      this.splats.set(ctx.canvas, splat);
    }
    splat.begin(ctx.canvas.width, ctx.canvas.height);
    let large = 0;
    for (let pass = anyFaded ? 0 : 1; pass < 2; pass++) {
      const fadedPass = pass === 0;
      for (const i of scene.visibleIndices) {
        if (anyFaded && this.faded(i, f, scene) !== fadedPass) continue;
        if (!this.inPart(i, f)) continue;
        const r = Math.max(radius[i], minR);
        const px = x[i];
        const py = y[i];
        if (px + r < v.x0 || px - r > v.x1 || py + r < v.y0 || py - r > v.y1) continue;
        if (r > splatBelow) large++;
        else {
          const color = fadedPass ? fadedRgb[i] : rgb[i];
          const sx = ox + scale * px;
          const sy = oy + scale * py;
          if (outline && !fadedPass) {
            // A ring in the background colour keeps touching papers apart.
            splat.dot(sx, sy, r * scale, background, 1);
            splat.dot(sx, sy, r * scale - dpr, color, 1);
          } else splat.dot(sx, sy, r * scale, color, 1);
        }
      }
    }
    splat.drawOnto(ctx);
    if (large === 0) return;
    ctx.setTransform(dpr * k, 0, 0, dpr * k, ox, oy);
    for (let pass = anyFaded ? 0 : 1; pass < 2; pass++)
      this.drawArcs(ctx, f, scene, pos, v, pass === 0, splatBelow);
    ctx.globalAlpha = 1;
  }

  /** Nodes too large to splat, as arcs grouped by colour. */
  private drawArcs(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    scene: Scene,
    pos: Positions,
    v: ViewBox,
    fadedPass: boolean,
    splatBelow: number,
  ): void {
    const { radius, groupNodes, groupStart } = this;
    const { x, y } = pos;
    const { visible } = scene;
    const k = f.k;
    const minR = DRAW.minScreenRadius / k;
    const anyFaded = f.hovered !== null || scene.matches !== null;
    const outline = !fadedPass && k * this.medianRadius >= DRAW.outlineFrom;
    ctx.globalAlpha = fadedPass ? DRAW.fadedNodeAlpha : 1;
    if (outline) {
      ctx.strokeStyle = f.theme.background;
      ctx.lineWidth = 1 / k;
    }
    for (let g = 0; g < this.groupColors.length; g++) {
      ctx.fillStyle = this.groupColors[g];
      for (let j = groupStart[g]; j < groupStart[g + 1]; j++) {
        const i = groupNodes[j];
        if (visible[i] === 0 || (anyFaded && this.faded(i, f, scene) !== fadedPass)) continue;
        if (!this.inPart(i, f)) continue;
        const r = Math.max(radius[i], minR);
        if (r <= splatBelow) continue;
        const px = x[i];
        const py = y[i];
        if (px + r < v.x0 || px - r > v.x1 || py + r < v.y0 || py - r > v.y1) continue;
        // One small path per node: software rasterizers fill a lone circle far faster than one
        // path holding hundreds of overlapping ones.
        ctx.beginPath();
        ctx.arc(px, py, r, 0, 2 * Math.PI);
        ctx.fill();
        if (outline) ctx.stroke();
      }
    }
  }

  private drawRings(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, pos: Positions): void {
    const ring = (i: number, width: number, gap: number): void => {
      const r = Math.max(this.radius[i], DRAW.minScreenRadius / f.k) + gap / f.k;
      ctx.beginPath();
      ctx.arc(pos.x[i], pos.y[i], r, 0, 2 * Math.PI);
      ctx.lineWidth = width / f.k;
      ctx.stroke();
    };
    ctx.strokeStyle = f.theme.text;
    if (f.hovered !== null && f.hovered !== scene.selected) ring(f.hovered, 1.5, 1.5);
    if (scene.selected !== null) {
      // A halo in the background colour first, so the ring reads on top of other nodes.
      ctx.strokeStyle = f.theme.background;
      ring(scene.selected, 5, 3);
      ctx.strokeStyle = f.theme.text;
      ring(scene.selected, 2.5, 3);
    }
  }

  private updateCentres(scene: Scene, pos: Positions): void {
    if (this.centresVersion === pos.version && this.centresScene === scene) return;
    this.centresVersion = pos.version;
    this.centresScene = scene;
    const c = this.centres;
    c.fill(0);
    for (const i of scene.visibleIndices) {
      const s = this.nodeSlot[i] * 3;
      c[s] += pos.x[i];
      c[s + 1] += pos.y[i];
      c[s + 2] += 1;
    }
  }

  /**
   * Cluster names at their clusters' centres, largest cluster first and in the largest type, each
   * kept only where it overlaps no name placed before it (the way datamapplot and VOSviewer label
   * a map): zoomed out, the big clusters are named; zooming in spreads the clusters apart and the
   * smaller ones' names find room.
   */
  private drawClusterNames(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, pos: Positions): void {
    if (scene.clusters.length < 2 && scene.visibleIndices.length < 2) return;
    this.updateCentres(scene, pos);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.lineJoin = 'round';
    ctx.globalAlpha = f.hovered !== null || scene.matches !== null ? 0.55 : 1;
    const largest = scene.clusters.reduce((most, cluster) => Math.max(most, cluster.size), 1);
    const pad = DRAW.clusterPadding;
    for (const cluster of scene.clusters) {
      const s = cluster.slot * 3;
      const count = this.centres[s + 2];
      if (count === 0 || cluster.label === '') continue;
      const sx = f.tx + f.k * (this.centres[s] / count);
      const sy = f.ty + f.k * (this.centres[s + 1] / count);
      if (sx < 0 || sx > f.width || sy < 0 || sy > f.height) continue;
      const px = Math.round(
        DRAW.clusterMinPx + (DRAW.clusterMaxPx - DRAW.clusterMinPx) * Math.sqrt(cluster.size / largest),
      );
      ctx.font = `600 ${px}px ${FONT_FAMILY}`;
      const widthKey = `${px} ${cluster.label}`;
      let w = this.clusterWidths.get(widthKey);
      if (w === undefined) {
        w = ctx.measureText(cluster.label).width;
        this.clusterWidths.set(widthKey, w);
      }
      const dot = Math.round(px * 0.3);
      const half = px * 0.7;
      // Centred on the centroid, shifted to stay whole near an edge of the canvas.
      const span = w + 2 * dot + 4;
      const x0 = Math.max(4, Math.min(f.width - 4 - span, sx - span / 2));
      const x1 = x0 + span;
      const cy = Math.max(half, Math.min(f.height - half, sy));
      if (!this.grid.place(x0 - pad.x, cy - half - pad.y, x1 + pad.x, cy + half + pad.y)) continue;
      this.drawn.push({ kind: 'cluster', text: cluster.label, x0, y0: cy - half, x1, y1: cy + half });
      const textX = x0 + 2 * dot + 4;
      ctx.strokeStyle = f.theme.background;
      ctx.lineWidth = DRAW.haloWidth + 1;
      ctx.strokeText(cluster.label, textX, cy);
      ctx.fillStyle = f.theme.text;
      ctx.fillText(cluster.label, textX, cy);
      ctx.beginPath();
      ctx.arc(x0 + dot, cy, dot, 0, 2 * Math.PI);
      ctx.fillStyle = cluster.color;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  /**
   * Region names, once a region spreads wide enough on screen to be told apart: finer names
   * appear as the view zooms in, kept only where they overlap no cluster name or each other.
   */
  private drawRegionNames(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene): void {
    if (scene.regions.length === 0) return;
    ctx.font = DRAW.regionFont;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    ctx.lineJoin = 'round';
    ctx.globalAlpha = f.hovered !== null || scene.matches !== null ? 0.5 : 0.9;
    const half = DRAW.regionHeight / 2;
    const pad = DRAW.clusterPadding;
    for (const region of scene.regions) {
      if (region.spread * f.k < DRAW.regionFromScreenSpread) continue;
      const sx = f.tx + f.k * region.x;
      const sy = f.ty + f.k * region.y;
      if (sx < 0 || sx > f.width || sy < half || sy > f.height - half) continue;
      const widthKey = `region ${region.label}`;
      let w = this.clusterWidths.get(widthKey);
      if (w === undefined) {
        w = ctx.measureText(region.label).width;
        this.clusterWidths.set(widthKey, w);
      }
      const x0 = sx - w / 2;
      const x1 = sx + w / 2;
      if (x0 < 2 || x1 > f.width - 2) continue;
      if (!this.grid.place(x0 - pad.x, sy - half - pad.y, x1 + pad.x, sy + half + pad.y)) continue;
      this.drawn.push({ kind: 'region', text: region.label, x0, y0: sy - half, x1, y1: sy + half });
      ctx.strokeStyle = f.theme.background;
      ctx.lineWidth = DRAW.haloWidth;
      ctx.strokeText(region.label, sx, sy);
      ctx.fillStyle = f.theme.text;
      ctx.fillText(region.label, sx, sy);
    }
    ctx.textAlign = 'left';
    ctx.globalAlpha = 1;
  }

  private drawTitles(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, pos: Positions): void {
    const { visible, matches } = scene;
    const allMatches = matches !== null && scene.matchCount < DRAW.labelAllMatchesBelow;
    const minRadius = DRAW.titleFromScreenRadius / f.k;
    const selected = scene.selected;
    // Anything to label? (labelOrder is by radius: its first visible node is the largest.)
    let largest = -1;
    for (let j = 0; j < this.n && largest < 0; j++)
      if (visible[this.labelOrder[j]]) largest = this.labelOrder[j];
    const general = f.hovered === null && largest >= 0 && (this.radius[largest] >= minRadius || allMatches);
    if (!general && f.hovered === null && selected === null) return;

    // Nodes on screen that are not faded, for titles to go around where there is room. Dots
    // smaller than a letter do not count: a title may cover them, and a zoomed-out map has
    // tens of thousands.
    for (const i of scene.visibleIndices) {
      if (this.obstacles.full) break;
      const sr = Math.max(this.radius[i] * f.k, DRAW.minScreenRadius);
      if (sr < DRAW.obstacleFromScreenRadius || this.faded(i, f, scene)) continue;
      const sx = f.tx + f.k * pos.x[i];
      const sy = f.ty + f.k * pos.y[i];
      if (sx + sr < 0 || sx - sr > f.width || sy + sr < 0 || sy - sr > f.height) continue;
      this.obstacles.insert(sx - sr, sy - sr, sx + sr, sy + sr);
    }

    ctx.font = DRAW.titleFont;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.lineJoin = 'round';
    this.titlesPlaced = 0;
    if (selected !== null) this.placeTitle(ctx, f, pos, selected, true);
    if (f.hovered !== null) {
      // Hovering: the hovered node's neighbours, whatever the zoom.
      for (let j = scene.adjStart[f.hovered]; j < scene.adjStart[f.hovered + 1]; j++) {
        const i = scene.adjNode[j];
        if (i !== selected) this.placeTitle(ctx, f, pos, i, false);
      }
      return;
    }
    if (!general) return;
    for (let j = 0; j < this.n && this.titlesPlaced < DRAW.maxTitles && !this.grid.full; j++) {
      const i = this.labelOrder[j];
      if (visible[i] === 0 || i === selected) continue;
      if (matches !== null && matches[i] === 0) continue;
      // labelOrder is by radius: once nodes are too small on screen, the rest are too.
      if (this.radius[i] < minRadius && !allMatches) break;
      this.placeTitle(ctx, f, pos, i, false);
    }
  }

  /**
   * Draws node i's title where it overlaps no other label: beside the node clear of other nodes
   * if it can (right, then left), else over nodes; `force` draws it even over other labels.
   */
  private placeTitle(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    pos: Positions,
    i: number,
    force: boolean,
  ): void {
    if (this.titlesPlaced >= DRAW.maxTitles || i === f.hovered) return; // the hovered title is in the tooltip
    const half = DRAW.titleHeight / 2;
    const sr = Math.max(this.radius[i] * f.k, DRAW.minScreenRadius);
    const sx = f.tx + f.k * pos.x[i];
    const sy = f.ty + f.k * pos.y[i];
    if (sx + sr < 0 || sx - sr > f.width || sy < half || sy > f.height - half) return;
    let w = this.titleWidths[i];
    if (Number.isNaN(w)) {
      w = ctx.measureText(this.titles[i]).width;
      this.titleWidths[i] = w;
    }
    const right = sx + sr + 4;
    const left = sx - sr - 4 - w;
    let x: number;
    if (this.titleSpot(f, right, sy, w, true)) x = right;
    else if (this.titleSpot(f, left, sy, w, true)) x = left;
    else if (this.titleSpot(f, right, sy, w, false)) x = right;
    else if (this.titleSpot(f, left, sy, w, false)) x = left;
    else if (force) x = right + w <= f.width - 2 || left < 2 ? right : left;
    else return;
    const pad = DRAW.titlePadding;
    if (!this.grid.insert(x - pad.x, sy - half - pad.y, x + w + pad.x, sy + half + pad.y)) return;
    this.titlesPlaced++;
    this.drawn.push({ kind: 'title', text: this.titles[i], x0: x, y0: sy - half, x1: x + w, y1: sy + half });
    // The halo is the costliest part of a title for a software rasteriser: a moving view does
    // without it, and the frame after the gesture draws it.
    if (!f.moving) {
      ctx.strokeStyle = f.theme.background;
      ctx.lineWidth = DRAW.haloWidth;
      ctx.strokeText(this.titles[i], x, sy);
    }
    ctx.fillStyle = f.theme.text;
    ctx.fillText(this.titles[i], x, sy);
  }

  /**
   * Whether a title of width w at (x, y) stays on screen and clear of other labels (with a gap,
   * so a dense map does not become a wall of text), and, when `clearOfNodes`, of nodes too.
   */
  private titleSpot(f: FrameState, x: number, y: number, w: number, clearOfNodes: boolean): boolean {
    const half = DRAW.titleHeight / 2;
    const pad = DRAW.titlePadding;
    if (x < 2 || x + w > f.width - 2) return false;
    if (this.grid.collides(x - pad.x, y - half - pad.y, x + w + pad.x, y + half + pad.y)) return false;
    return !clearOfNodes || !this.obstacles.collides(x, y - half, x + w, y + half);
  }
}
