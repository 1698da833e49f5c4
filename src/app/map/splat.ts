/**
 * Small dots written straight into pixels. A software-rasterised canvas takes about 1.5 µs per
 * `fillRect` or `arc` call (65 ms for 45,000 dots at 1440×900), while writing a dot's dozen
 * pixels into an `ImageData` takes a few nanoseconds each (2 ms for the same 45,000). So dots up
 * to a few pixels across are splatted here, with anti-aliased coverage masks and "source over"
 * blending, and the layer is then drawn over the edges in one `drawImage`; larger dots go back to
 * the canvas's own arcs.
 */

/**
 * Dots up to this radius in device pixels are splatted; larger ones (a handful on screen, that
 * far in) are drawn as arcs. Arcs cost a software rasteriser about 1.5 µs a call plus their area:
 * at 1,000 and 5,000 papers, where every dot is several pixels across, arcs held wheel zoom to
 * 10–27 fps; a dot's pixels cost less up to this size.
 */
export const SPLAT_MAX_RADIUS = 40;
/** Mask radii are quantised to this step, device pixels. */
const RADIUS_STEP = 0.25;
/** Coverage is estimated on a SUBSAMPLES × SUBSAMPLES grid per pixel. */
const SUBSAMPLES = 4;

interface Mask {
  /** Side of the square mask, pixels; the dot's centre is at (half, half) of the square. */
  size: number;
  half: number;
  /** Coverage 0…255 per pixel, row by row. */
  coverage: Uint8Array;
}

/** Masks by quantised radius, centred on a pixel centre, made on first use. */
const masks: (Mask | undefined)[] = [];

function maskFor(radius: number): Mask {
  const step = Math.max(1, Math.round(radius / RADIUS_STEP));
  const cached = masks[step];
  if (cached) return cached;
  const r = step * RADIUS_STEP;
  const half = Math.ceil(r - 0.5);
  const size = 2 * half + 1;
  const coverage = new Uint8Array(size * size);
  const r2 = r * r;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inside = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        const dy = py - half + (sy + 0.5) / SUBSAMPLES - 0.5;
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const dx = px - half + (sx + 0.5) / SUBSAMPLES - 0.5;
          if (dx * dx + dy * dy <= r2) inside++;
        }
      }
      coverage[py * size + px] = Math.round((255 * inside) / (SUBSAMPLES * SUBSAMPLES));
    }
  }
  const mask = { size, half, coverage };
  masks[step] = mask;
  return mask;
}

/** "#rrggbb" (or "#rgb") to 0xRRGGBB; anything else is grey. */
export function parseHex(color: string): number {
  const hex = color.trim().replace(/^#/, '');
  if (/^[0-9a-f]{6}$/i.test(hex)) return Number.parseInt(hex, 16);
  if (/^[0-9a-f]{3}$/i.test(hex)) {
    const [r, g, b] = hex;
    return Number.parseInt(`${r}${r}${g}${g}${b}${b}`, 16);
  }
  return 0x999999;
}

/**
 * A transparent RGBA layer the size of the target, reused across frames. Non-premultiplied, as
 * `ImageData` is: blending is done per pixel in `dot`.
 */
export class SplatLayer {
  private image: ImageData | null = null;
  private pixels = new Uint8ClampedArray(0);
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private width = 0;
  private height = 0;
  /** Rows touched this frame: only those are cleared and copied. */
  private rowMin = 0;
  private rowMax = -1;

  /** Starts a frame of width × height device pixels. */
  begin(width: number, height: number): void {
    if (!this.image || this.width !== width || this.height !== height) {
      this.width = width;
      this.height = height;
      this.image = new ImageData(Math.max(1, width), Math.max(1, height));
      this.pixels = this.image.data;
      this.rowMin = 0;
      this.rowMax = -1;
    } else if (this.rowMax >= this.rowMin) {
      this.pixels.fill(0, this.rowMin * width * 4, (this.rowMax + 1) * width * 4);
    }
    this.rowMin = height;
    this.rowMax = -1;
  }

  /** Blends a dot of colour `rgb` (0xRRGGBB) and opacity `alpha` centred at device pixel (x, y). */
  dot(x: number, y: number, radius: number, rgb: number, alpha: number): void {
    const mask = maskFor(radius);
    const { width, height, pixels } = this;
    const cx = Math.floor(x);
    const cy = Math.floor(y);
    const x0 = cx - mask.half;
    const y0 = cy - mask.half;
    if (x0 >= width || y0 >= height || x0 + mask.size <= 0 || y0 + mask.size <= 0) return;
    const r = (rgb >> 16) & 255;
    const g = (rgb >> 8) & 255;
    const b = rgb & 255;
    const a = alpha * (1 / 255);
    const py0 = Math.max(0, y0);
    const py1 = Math.min(height, y0 + mask.size);
    const px0 = Math.max(0, x0);
    const px1 = Math.min(width, x0 + mask.size);
    if (py0 < this.rowMin) this.rowMin = py0;
    if (py1 - 1 > this.rowMax) this.rowMax = py1 - 1;
    for (let py = py0; py < py1; py++) {
      const maskRow = (py - y0) * mask.size - x0;
      let o = (py * width + px0) * 4;
      for (let px = px0; px < px1; px++, o += 4) {
        const cover = mask.coverage[maskRow + px];
        if (cover === 0) continue;
        const sa = cover * a;
        const dstAlpha = pixels[o + 3];
        if (dstAlpha === 0 || sa >= 0.999) {
          pixels[o] = r;
          pixels[o + 1] = g;
          pixels[o + 2] = b;
          pixels[o + 3] = sa * 255 + 0.5;
          continue;
        }
        if (dstAlpha === 255) {
          // Over an opaque pixel (the inside of a dense cluster): a plain mix, no division.
          const keep = 1 - sa;
          pixels[o] = r * sa + pixels[o] * keep + 0.5;
          pixels[o + 1] = g * sa + pixels[o + 1] * keep + 0.5;
          pixels[o + 2] = b * sa + pixels[o + 2] * keep + 0.5;
          continue;
        }
        const da = dstAlpha * (1 / 255);
        // Source over: out = src·sa + dst·da·(1 − sa), divided by the resulting alpha.
        const keep = da * (1 - sa);
        const out = sa + keep;
        pixels[o] = (r * sa + pixels[o] * keep) / out + 0.5;
        pixels[o + 1] = (g * sa + pixels[o + 1] * keep) / out + 0.5;
        pixels[o + 2] = (b * sa + pixels[o + 2] * keep) / out + 0.5;
        pixels[o + 3] = out * 255 + 0.5;
      }
    }
  }

  /** Draws the layer over `target` (device pixels, identity transform) and ends the frame. */
  drawOnto(target: CanvasRenderingContext2D): void {
    if (!this.image || this.rowMax < this.rowMin) return;
    if (!this.canvas) {
      this.canvas = document.createElement('canvas');
      this.ctx = this.canvas.getContext('2d');
    }
    if (!this.ctx) return;
    if (this.canvas.width !== this.width || this.canvas.height !== this.height) {
      this.canvas.width = this.width;
      this.canvas.height = this.height;
    }
    const rows = this.rowMax - this.rowMin + 1;
    this.ctx.putImageData(this.image, 0, 0, 0, this.rowMin, this.width, rows);
    target.save();
    target.setTransform(1, 0, 0, 1, 0, 0);
    target.globalAlpha = 1;
    target.drawImage(this.canvas, 0, this.rowMin, this.width, rows, 0, this.rowMin, this.width, rows);
    target.restore();
  }
}
