/**
 * Scene to pixels. Everything here maps derived data to the canvas and decides nothing about what
 * is shown. Order: background, edges (one path per weight bucket and state), faded nodes,
 * emphasised edges, nodes (one path per colour and state), rings, then screen-space text: cluster
 * names first, paper titles after, kept only where they overlap no earlier label.
 *
 * Per frame the work is linear in the nodes and edges, and only what falls inside the viewport is
 * drawn or labelled. Buffers are allocated in the constructor.
 */
import { LabelGrid } from './label-grid';
import type { SimNode } from './layout';
import { PanLayer } from './pan-layer';
import { EDGE_BUCKETS, type Scene } from './scene';
import type { MapTheme } from './theme';
import type { MapNode } from './types';

const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

export const DRAW = Object.freeze({
  /** Smallest on-screen radius, CSS pixels: a zoomed-out map still shows every node. */
  minScreenRadius: 1.6,
  /** Below this on-screen radius a node is a square: cheaper than an arc and looks the same. */
  squareBelow: 2.2,
  /** From this typical on-screen radius, nodes get an outline in the background colour. */
  outlineFrom: 6,
  fadedNodeAlpha: 0.16,
  fadedEdgeAlpha: 0.22,
  titleFont: `11px ${FONT_FAMILY}`,
  titleHeight: 14,
  clusterFont: `600 13px ${FONT_FAMILY}`,
  clusterHeight: 18,
  /** A paper's title is drawn once its node is this large on screen (CSS pixels). */
  titleFromScreenRadius: 4.5,
  titleMaxChars: 48,
  /** With fewer search matches than this, every match is labelled whatever the zoom. */
  labelAllMatchesBelow: 40,
  maxTitles: 500,
  /** Space kept around a title, CSS pixels. */
  titlePadding: { x: 10, y: 7 },
  haloWidth: 3.5,
});

/** The moment drawn: viewport, camera and transient pointer state. */
export interface FrameState {
  width: number;
  height: number;
  dpr: number;
  k: number;
  tx: number;
  ty: number;
  theme: MapTheme;
  hovered: number | null;
  /** 1 for the neighbours of the hovered node. */
  neighbours: Uint8Array;
}

/** A title shortened at a word boundary. */
export function shortTitle(title: string, max = DRAW.titleMaxChars): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.lastIndexOf(' ', max - 1);
  return `${clean.slice(0, cut > max / 2 ? cut : max - 1).replace(/[\s,.:;–-]+$/, '')}…`;
}

export class MapRenderer {
  private readonly n: number;
  private readonly radius: Float32Array;
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
  /** Per cluster slot: x sum, y sum, count of visible members; recomputed when positions move. */
  private readonly centres: Float64Array;
  private centresVersion = -1;
  private titlesPlaced = 0;
  private centresScene: Scene | null = null;

  constructor(
    nodes: readonly MapNode[],
    private readonly sim: readonly SimNode[],
    private readonly nodeSlot: Int32Array,
    slots: number,
  ) {
    const n = nodes.length;
    this.n = n;
    this.radius = Float32Array.from(nodes, (node) => node.radius);
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

  /**
   * Draws a frame. With `useLayer`, a frame that only pans (same scene, positions, pointer state
   * and scale as the last one) blits a cached picture of edges and nodes, drawn once with a margin
   * around the viewport, instead of drawing them again: panning costs a copy, not a redraw.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    scene: Scene,
    positionsVersion: number,
    useLayer = false,
  ): void {
    const { width, height, dpr } = f;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalAlpha = 1;

    const same = useLayer && this.layer.matches(f, scene, positionsVersion);
    const layerCtx = same && !this.layer.covers(f) ? this.layer.prepare(f) : null;
    if (layerCtx) {
      // The first frame of a pan: draw the world once, with a margin, into the layer.
      layerCtx.setTransform(1, 0, 0, 1, 0, 0);
      layerCtx.fillStyle = f.theme.background;
      layerCtx.fillRect(0, 0, layerCtx.canvas.width, layerCtx.canvas.height);
      this.drawWorld(layerCtx, f, scene, this.layer.margin);
      this.layer.drawnAt(f);
    }
    if (same && this.layer.covers(f)) {
      this.layer.blit(ctx, f);
    } else {
      ctx.fillStyle = f.theme.background;
      ctx.fillRect(0, 0, width, height);
      this.drawWorld(ctx, f, scene, 0);
      this.layer.invalidate();
    }
    this.layer.remember(f, scene, positionsVersion);

    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalAlpha = 1;
    this.grid.reset(width, height);
    this.obstacles.reset(width, height);
    this.drawClusterNames(ctx, f, scene, positionsVersion);
    this.drawTitles(ctx, f, scene);
  }

  /** Edges, nodes and rings in layout units, over the viewport grown by `margin` CSS pixels. */
  private drawWorld(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, margin: number): void {
    const { width, height, dpr, k, tx, ty } = f;
    // The drawn area in layout units, for culling.
    const view = {
      x0: (-margin - tx) / k,
      y0: (-margin - ty) / k,
      x1: (width + margin - tx) / k,
      y1: (height + margin - ty) / k,
    };
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * (tx + margin), dpr * (ty + margin));
    ctx.lineCap = 'butt';
    this.drawEdges(ctx, f, scene, view);
    this.drawNodes(ctx, f, scene, view, true);
    this.drawFocusEdges(ctx, f, scene);
    this.drawNodes(ctx, f, scene, view, false);
    this.drawRings(ctx, f, scene);
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
    v: { x0: number; y0: number; x1: number; y1: number },
  ): void {
    const { sim, radius } = this;
    const { edgeSource, edgeTarget, bucketStart, bucketEdges, matches, selected } = scene;
    const hovered = f.hovered;
    const minR = DRAW.minScreenRadius / f.k;
    // Hovering fades every edge but the hovered node's own (drawn later); a search fades edges
    // that do not join two matches.
    const anyFaded = hovered !== null || matches !== null;
    ctx.strokeStyle = f.theme.edge;
    for (let pass = anyFaded ? 0 : 1; pass < 2; pass++) {
      const fadedPass = pass === 0;
      for (let b = 0; b < EDGE_BUCKETS.length; b++) {
        const bucket = EDGE_BUCKETS[b];
        ctx.beginPath();
        let any = false;
        for (let j = bucketStart[b]; j < bucketStart[b + 1]; j++) {
          const e = bucketEdges[j];
          const s = edgeSource[e];
          const t = edgeTarget[e];
          // The hovered and the selected node's own edges are drawn emphasised, by drawFocusEdges.
          if (s === selected || t === selected || s === hovered || t === hovered) continue;
          const faded = hovered !== null || (matches !== null && (matches[s] === 0 || matches[t] === 0));
          if (faded !== fadedPass) continue;
          const a = sim[s];
          const c = sim[t];
          if (
            (a.x < v.x0 && c.x < v.x0) ||
            (a.x > v.x1 && c.x > v.x1) ||
            (a.y < v.y0 && c.y < v.y0) ||
            (a.y > v.y1 && c.y > v.y1)
          )
            continue;
          // Zoomed out, many edges are shorter than their two nodes' radii, hidden under them.
          const reach = Math.max(radius[s], minR) + Math.max(radius[t], minR);
          if ((a.x - c.x) ** 2 + (a.y - c.y) ** 2 < reach * reach) continue;
          ctx.moveTo(a.x, a.y);
          ctx.lineTo(c.x, c.y);
          any = true;
        }
        if (!any) continue;
        ctx.globalAlpha = bucket.alpha * (fadedPass ? DRAW.fadedEdgeAlpha : 1);
        ctx.lineWidth = bucket.width / f.k;
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
  }

  /** The hovered and the selected node's edges, on top of faded nodes, in the text colour. */
  private drawFocusEdges(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene): void {
    ctx.strokeStyle = f.theme.text;
    ctx.globalAlpha = 0.55;
    if (scene.selected !== null) this.drawEdgesOf(ctx, f, scene, scene.selected);
    if (f.hovered !== null && f.hovered !== scene.selected) this.drawEdgesOf(ctx, f, scene, f.hovered);
    ctx.globalAlpha = 1;
  }

  private drawEdgesOf(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene, focus: number): void {
    const a = this.sim[focus];
    for (let j = scene.adjStart[focus]; j < scene.adjStart[focus + 1]; j++) {
      const c = this.sim[scene.adjNode[j]];
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(c.x, c.y);
      ctx.lineWidth = (1.2 + 2.5 * Math.min(1, scene.edgeWeight[scene.adjEdge[j]])) / f.k;
      ctx.stroke();
    }
  }

  private drawNodes(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    scene: Scene,
    v: { x0: number; y0: number; x1: number; y1: number },
    fadedPass: boolean,
  ): void {
    const { sim, radius, groupNodes, groupStart } = this;
    const { visible } = scene;
    const k = f.k;
    const minR = DRAW.minScreenRadius / k;
    const squareBelow = DRAW.squareBelow / k;
    const outline = !fadedPass && k * this.medianRadius >= DRAW.outlineFrom;
    if (fadedPass && f.hovered === null && scene.matches === null) return;
    ctx.globalAlpha = fadedPass ? DRAW.fadedNodeAlpha : 1;
    if (outline) {
      ctx.strokeStyle = f.theme.background;
      ctx.lineWidth = 1 / k;
    }
    for (let g = 0; g < this.groupColors.length; g++) {
      ctx.fillStyle = this.groupColors[g];
      for (let j = groupStart[g]; j < groupStart[g + 1]; j++) {
        const i = groupNodes[j];
        if (visible[i] === 0 || this.faded(i, f, scene) !== fadedPass) continue;
        const p = sim[i];
        const r = Math.max(radius[i], minR);
        if (p.x + r < v.x0 || p.x - r > v.x1 || p.y + r < v.y0 || p.y - r > v.y1) continue;
        // One small path per node: software rasterizers fill a lone circle far faster than one
        // path holding hundreds of overlapping ones.
        if (r < squareBelow) {
          ctx.fillRect(p.x - r, p.y - r, 2 * r, 2 * r);
          continue;
        }
        ctx.beginPath();
        ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
        ctx.fill();
        if (outline) ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
  }

  private drawRings(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene): void {
    const ring = (i: number, width: number, gap: number): void => {
      const p = this.sim[i];
      const r = Math.max(this.radius[i], DRAW.minScreenRadius / f.k) + gap / f.k;
      ctx.beginPath();
      ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
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

  private updateCentres(scene: Scene, positionsVersion: number): void {
    if (this.centresVersion === positionsVersion && this.centresScene === scene) return;
    this.centresVersion = positionsVersion;
    this.centresScene = scene;
    const c = this.centres;
    c.fill(0);
    for (const i of scene.visibleIndices) {
      const s = this.nodeSlot[i] * 3;
      c[s] += this.sim[i].x;
      c[s + 1] += this.sim[i].y;
      c[s + 2] += 1;
    }
  }

  private drawClusterNames(
    ctx: CanvasRenderingContext2D,
    f: FrameState,
    scene: Scene,
    version: number,
  ): void {
    if (scene.clusters.length < 2 && scene.visibleIndices.length < 2) return;
    this.updateCentres(scene, version);
    ctx.font = DRAW.clusterFont;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.lineJoin = 'round';
    ctx.globalAlpha = f.hovered !== null || scene.matches !== null ? 0.55 : 1;
    const half = DRAW.clusterHeight / 2;
    const dot = 4;
    for (const cluster of scene.clusters) {
      const s = cluster.slot * 3;
      const count = this.centres[s + 2];
      if (count === 0 || cluster.label === '') continue;
      const sx = f.tx + f.k * (this.centres[s] / count);
      const sy = f.ty + f.k * (this.centres[s + 1] / count);
      let w = this.clusterWidths.get(cluster.label);
      if (w === undefined) {
        w = ctx.measureText(cluster.label).width;
        this.clusterWidths.set(cluster.label, w);
      }
      // Centred on the centroid when it is on screen, shifted to stay whole near an edge.
      if (sx < 0 || sx > f.width || sy < 0 || sy > f.height) continue;
      const span = w + 2 * dot + 4;
      const x0 = Math.max(4, Math.min(f.width - 4 - span, sx - span / 2));
      const x1 = x0 + span;
      const cy = Math.max(half, Math.min(f.height - half, sy));
      if (!this.grid.place(x0 - 2, cy - half, x1 + 2, cy + half)) continue;
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

  private drawTitles(ctx: CanvasRenderingContext2D, f: FrameState, scene: Scene): void {
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

    // Nodes on screen that are not faded, for titles to go around where there is room.
    for (const i of scene.visibleIndices) {
      if (this.obstacles.full) break;
      if (this.faded(i, f, scene)) continue;
      const p = this.sim[i];
      const sr = Math.max(this.radius[i] * f.k, DRAW.minScreenRadius);
      const sx = f.tx + f.k * p.x;
      const sy = f.ty + f.k * p.y;
      if (sx + sr < 0 || sx - sr > f.width || sy + sr < 0 || sy - sr > f.height) continue;
      this.obstacles.insert(sx - sr, sy - sr, sx + sr, sy + sr);
    }

    ctx.font = DRAW.titleFont;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.lineJoin = 'round';
    this.titlesPlaced = 0;
    if (selected !== null) this.placeTitle(ctx, f, selected, true);
    if (f.hovered !== null) {
      // Hovering: the hovered node's neighbours, whatever the zoom.
      for (let j = scene.adjStart[f.hovered]; j < scene.adjStart[f.hovered + 1]; j++) {
        const i = scene.adjNode[j];
        if (i !== selected) this.placeTitle(ctx, f, i, false);
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
      this.placeTitle(ctx, f, i, false);
    }
  }

  /**
   * Draws node i's title where it overlaps no other label: beside the node clear of other nodes
   * if it can (right, then left), else over nodes; `force` draws it even over other labels.
   */
  private placeTitle(ctx: CanvasRenderingContext2D, f: FrameState, i: number, force: boolean): void {
    if (this.titlesPlaced >= DRAW.maxTitles || i === f.hovered) return; // the hovered title is in the tooltip
    const half = DRAW.titleHeight / 2;
    const p = this.sim[i];
    const sr = Math.max(this.radius[i] * f.k, DRAW.minScreenRadius);
    const sx = f.tx + f.k * p.x;
    const sy = f.ty + f.k * p.y;
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
    ctx.strokeStyle = f.theme.background;
    ctx.lineWidth = DRAW.haloWidth;
    ctx.strokeText(this.titles[i], x, sy);
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
