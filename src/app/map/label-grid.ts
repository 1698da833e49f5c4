/**
 * Greedy label placement without overlaps: boxes are tried in priority order and kept only when
 * they overlap no box kept before. Kept boxes are bucketed in a uniform grid of screen cells, so a
 * test looks at the few boxes sharing its cells instead of all of them (O(labels), not O(labels²)).
 * Every buffer is allocated up front; a frame only resets counters.
 */

/** Cell size in CSS pixels: about one short label wide. */
const CELL = 64;

export class LabelGrid {
  /** Boxes kept this frame: x0, y0, x1, y1. */
  private readonly boxes: Float32Array;
  /** Linked lists of box indices per cell: head per cell, next and box per entry. */
  private heads = new Int32Array(0);
  private readonly next: Int32Array;
  private readonly entryBox: Int32Array;
  private cols = 0;
  private rows = 0;
  private boxCount = 0;
  private entryCount = 0;
  /** Stamp of the test in progress per box, so a box met in two cells is compared once. */
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(readonly capacity = 1024) {
    this.boxes = new Float32Array(capacity * 4);
    this.seen = new Uint32Array(capacity);
    // Entries (box × cell): room for boxes spanning 4 cells on average; past that the grid
    // stops accepting boxes.
    this.next = new Int32Array(capacity * 4);
    this.entryBox = new Int32Array(capacity * 4);
  }

  /** Starts a frame over a viewport of width × height CSS pixels. */
  reset(width: number, height: number): void {
    this.cols = Math.max(1, Math.ceil(width / CELL));
    this.rows = Math.max(1, Math.ceil(height / CELL));
    const cells = this.cols * this.rows;
    if (this.heads.length < cells) this.heads = new Int32Array(cells); // only when the canvas grows
    this.heads.fill(-1, 0, cells);
    this.boxCount = 0;
    this.entryCount = 0;
  }

  /** Boxes kept this frame. */
  get size(): number {
    return this.boxCount;
  }

  get full(): boolean {
    return this.boxCount >= this.capacity;
  }

  /** Whether the box overlaps a kept one. */
  collides(x0: number, y0: number, x1: number, y1: number): boolean {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const c0 = this.col(x0);
    const c1 = this.col(x1);
    const r0 = this.row(y0);
    const r1 = this.row(y1);
    const { boxes, seen, stamp } = this;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        for (let e = this.heads[r * this.cols + c]; e >= 0; e = this.next[e]) {
          const b = this.entryBox[e];
          if (seen[b] === stamp) continue;
          seen[b] = stamp;
          const o = b * 4;
          if (x0 < boxes[o + 2] && x1 > boxes[o] && y0 < boxes[o + 3] && y1 > boxes[o + 1]) return true;
        }
      }
    }
    return false;
  }

  /** Keeps a box (whether or not it collides); false when the grid is full. */
  insert(x0: number, y0: number, x1: number, y1: number): boolean {
    if (this.boxCount >= this.capacity) return false;
    const c0 = this.col(x0);
    const c1 = this.col(x1);
    const r0 = this.row(y0);
    const r1 = this.row(y1);
    if (this.entryCount + (c1 - c0 + 1) * (r1 - r0 + 1) > this.next.length) return false;
    const b = this.boxCount++;
    const o = b * 4;
    this.boxes[o] = x0;
    this.boxes[o + 1] = y0;
    this.boxes[o + 2] = x1;
    this.boxes[o + 3] = y1;
    this.seen[b] = 0;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        const e = this.entryCount++;
        this.entryBox[e] = b;
        this.next[e] = this.heads[cell];
        this.heads[cell] = e;
      }
    }
    return true;
  }

  /** Keeps the box when it overlaps nothing kept; returns whether it was kept. */
  place(x0: number, y0: number, x1: number, y1: number): boolean {
    return !this.collides(x0, y0, x1, y1) && this.insert(x0, y0, x1, y1);
  }

  // Boxes partly off screen are clamped to the border cells.
  private col(x: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor(x / CELL)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor(y / CELL)));
  }
}
