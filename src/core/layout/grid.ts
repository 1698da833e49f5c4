/**
 * A uniform grid of square cells, its points bucketed by a counting sort: the "grid variant" of
 * Fruchterman & Reingold (T. Fruchterman, E. Reingold, "Graph drawing by force-directed placement",
 * Software: Practice and Experience 21(11), 1991), where a point only meets points in its own and
 * the neighbouring cells. With cells at least as wide as the longest reach, every pair closer than
 * that reach is found, in O(n) per build instead of O(n²). The buffers are allocated once for the
 * largest use; `build` allocates nothing.
 */

export class BucketGrid {
  cols = 0;
  rows = 0;
  cell = 1;
  left = 0;
  top = 0;
  /** Points of cell k are `items[cellStart[k] .. cellStart[k + 1])`, in increasing index order. */
  readonly cellStart: Int32Array;
  readonly items: Int32Array;
  private readonly cellOf: Int32Array;
  private readonly cursor: Int32Array;
  private readonly maxCells: number;

  constructor(maxPoints: number, maxCells: number) {
    this.maxCells = Math.max(1, maxCells);
    this.cellStart = new Int32Array(this.maxCells + 1);
    this.cursor = new Int32Array(this.maxCells);
    this.items = new Int32Array(Math.max(1, maxPoints));
    this.cellOf = new Int32Array(Math.max(1, maxPoints));
  }

  /**
   * Buckets points 0 .. count − 1 into cells of at least `cell` units over their bounding box;
   * cells grow past `cell` when the box would need more cells than the grid holds.
   */
  build(count: number, x: Float64Array, y: Float64Array, cell: number): void {
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < count; i++) {
      if (x[i] < minX) minX = x[i];
      if (x[i] > maxX) maxX = x[i];
      if (y[i] < minY) minY = y[i];
      if (y[i] > maxY) maxY = y[i];
    }
    if (count === 0) {
      minX = minY = maxX = maxY = 0;
    }
    let size = cell;
    let cols = Math.floor((maxX - minX) / size) + 1;
    let rows = Math.floor((maxY - minY) / size) + 1;
    while (cols * rows > this.maxCells) {
      size *= 2;
      cols = Math.floor((maxX - minX) / size) + 1;
      rows = Math.floor((maxY - minY) / size) + 1;
    }
    this.cols = cols;
    this.rows = rows;
    this.cell = size;
    this.left = minX;
    this.top = minY;
    const cells = cols * rows;
    const start = this.cellStart;
    start.fill(0, 0, cells + 1);
    for (let i = 0; i < count; i++) {
      const k = Math.floor((y[i] - minY) / size) * cols + Math.floor((x[i] - minX) / size);
      this.cellOf[i] = k;
      start[k + 1]++;
    }
    for (let k = 0; k < cells; k++) start[k + 1] += start[k];
    const cursor = this.cursor;
    cursor.set(start.subarray(0, cells));
    for (let i = 0; i < count; i++) this.items[cursor[this.cellOf[i]]++] = i;
  }
}
