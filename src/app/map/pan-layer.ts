/**
 * A cached picture of the map's edges and nodes for panning. Drawing thousands of anti-aliased
 * edges and circles takes tens of milliseconds on a software-rendered canvas; a pan changes none
 * of them, only where they are. So the first frame of a pan draws them once into an offscreen
 * canvas a margin larger than the viewport, and the following frames copy it at an offset (whole
 * device pixels: a plain copy, no resampling) until the view leaves the margin or anything else
 * changes (scale, positions, the view, the pointer state, theme, size, or the gesture ending: a
 * moving view draws fewer edges). A zoom gesture works the same way with a scaled copy, the way
 * map viewers zoom their tiles: the picture is drawn again once it would be scaled past 2.5× or
 * no longer cover the view, and sharp when the gesture ends.
 */

import type { Scene } from './scene';
import type { FrameState } from './types';

/** Margin around the viewport, CSS pixels: a pan can travel this far before a redraw. */
const MARGIN = 320;
/** A zoom gesture scales the picture up to this factor (or its inverse) before drawing it again. */
const MAX_ZOOM_SCALE = 2.5;

export class PanLayer {
  readonly margin = MARGIN;
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private valid = false;
  /** Translation and scale the layer was drawn at. */
  private tx = 0;
  private ty = 0;
  private drawnK = 0;
  // What the previous frame showed, to tell a pure pan from any other change.
  private scene: Scene | null = null;
  private version = -1;
  private k = 0;
  private width = 0;
  private height = 0;
  private dpr = 0;
  private hovered: number | null = null;
  private moving = false;
  private background = '';
  private edge = '';
  private text = '';

  /** Whether `f` shows the same content at the same scale as the previous frame. */
  matches(f: FrameState, scene: Scene, version: number): boolean {
    return this.k === f.k && this.matchesContent(f, scene, version);
  }

  /** Whether `f` shows the same content as the previous frame, at whatever scale. */
  matchesContent(f: FrameState, scene: Scene, version: number): boolean {
    return (
      this.scene === scene &&
      this.version === version &&
      this.width === f.width &&
      this.height === f.height &&
      this.dpr === f.dpr &&
      this.hovered === f.hovered &&
      this.moving === f.moving &&
      this.background === f.theme.background &&
      this.edge === f.theme.edge &&
      this.text === f.theme.text
    );
  }

  remember(f: FrameState, scene: Scene, version: number): void {
    this.scene = scene;
    this.version = version;
    this.k = f.k;
    this.width = f.width;
    this.height = f.height;
    this.dpr = f.dpr;
    this.hovered = f.hovered;
    this.moving = f.moving;
    this.background = f.theme.background;
    this.edge = f.theme.edge;
    this.text = f.theme.text;
  }

  /** Whether the valid layer still covers the viewport at the frame's translation. */
  covers(f: FrameState): boolean {
    return (
      this.valid &&
      this.drawnK === f.k &&
      Math.abs(f.tx - this.tx) <= MARGIN &&
      Math.abs(f.ty - this.ty) <= MARGIN
    );
  }

  /**
   * Whether the layer, scaled to the frame's zoom, still covers the viewport and is not scaled so
   * far that it looks soft: then a frame of a zoom gesture is a scaled copy of it.
   */
  coversScaled(f: FrameState): boolean {
    if (!this.valid || this.drawnK === 0) return false;
    const s = f.k / this.drawnK;
    if (s > MAX_ZOOM_SCALE || s < 1 / MAX_ZOOM_SCALE) return false;
    // The layer's CSS-pixel box, [−MARGIN, width + MARGIN] at the old transform, seen at the new one.
    const x0 = f.tx + s * (-MARGIN - this.tx);
    const y0 = f.ty + s * (-MARGIN - this.ty);
    const x1 = f.tx + s * (this.width + MARGIN - this.tx);
    const y1 = f.ty + s * (this.height + MARGIN - this.ty);
    return x0 <= 0 && y0 <= 0 && x1 >= f.width && y1 >= f.height;
  }

  /** Draws the layer scaled and moved to the frame's transform. */
  blitScaled(ctx: CanvasRenderingContext2D, f: FrameState): void {
    if (!this.canvas) return;
    const s = f.k / this.drawnK;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = f.theme.background;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.drawImage(
      this.canvas,
      f.dpr * (f.tx + s * (-MARGIN - this.tx)),
      f.dpr * (f.ty + s * (-MARGIN - this.ty)),
      this.canvas.width * s,
      this.canvas.height * s,
    );
  }

  /** The offscreen canvas's context, sized for the frame; null when none is available. */
  prepare(f: FrameState): CanvasRenderingContext2D | null {
    const w = Math.round((f.width + 2 * MARGIN) * f.dpr);
    const h = Math.round((f.height + 2 * MARGIN) * f.dpr);
    if (!this.canvas) {
      this.canvas = document.createElement('canvas');
      // Opaque: the copy needs no blending.
      this.ctx = this.canvas.getContext('2d', { alpha: false });
    }
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    return this.ctx;
  }

  drawnAt(f: FrameState): void {
    this.tx = f.tx;
    this.ty = f.ty;
    this.drawnK = f.k;
    this.valid = true;
  }

  blit(ctx: CanvasRenderingContext2D, f: FrameState): void {
    if (!this.canvas) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(
      this.canvas,
      Math.round((f.tx - this.tx - MARGIN) * f.dpr),
      Math.round((f.ty - this.ty - MARGIN) * f.dpr),
    );
  }

  invalidate(): void {
    this.valid = false;
  }
}
