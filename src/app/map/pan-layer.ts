/**
 * A cached picture of the map's edges and nodes for panning. Drawing thousands of anti-aliased
 * edges and circles takes tens of milliseconds on a software-rendered canvas; a pan changes none
 * of them, only where they are. So the first frame of a pan draws them once into an offscreen
 * canvas a margin larger than the viewport, and the following frames copy it at an offset (whole
 * device pixels: a plain copy, no resampling) until the view leaves the margin or anything else
 * changes (scale, positions, the view, the pointer state, theme, size, or the gesture ending: a
 * moving view draws fewer edges).
 */

import type { Scene } from './scene';
import type { FrameState } from './types';

/** Margin around the viewport, CSS pixels: a pan can travel this far before a redraw. */
const MARGIN = 320;

export class PanLayer {
  readonly margin = MARGIN;
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private valid = false;
  /** Translation the layer was drawn at. */
  private tx = 0;
  private ty = 0;
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
    return (
      this.scene === scene &&
      this.version === version &&
      this.k === f.k &&
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
    return this.valid && Math.abs(f.tx - this.tx) <= MARGIN && Math.abs(f.ty - this.ty) <= MARGIN;
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
