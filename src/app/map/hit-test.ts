/**
 * Which paper is under a point: a d3-quadtree of the visible papers, rebuilt lazily when the
 * positions or the scene changed, and a final check against the paper's drawn radius (at least
 * the smallest on-screen radius, plus a little slop).
 */
import { type Quadtree, quadtree } from 'd3-quadtree';
import type { Scene } from './scene';
import type { Positions } from './types';

export class HitTester {
  private tree: Quadtree<number> | null = null;
  private version = -1;
  private scene: Scene | null = null;
  private maxRadius = 0;

  constructor(
    private readonly positions: Positions,
    private radius: Float32Array,
  ) {}

  setRadius(radius: Float32Array): void {
    this.radius = radius;
    this.scene = null;
  }

  private index(scene: Scene): Quadtree<number> {
    const { positions } = this;
    if (this.tree === null || this.version !== positions.version || this.scene !== scene) {
      const { x, y } = positions;
      this.tree = quadtree<number>()
        .x((i) => x[i])
        .y((i) => y[i])
        .addAll(scene.visibleIndices);
      this.maxRadius = 0;
      for (const i of scene.visibleIndices)
        if (this.radius[i] > this.maxRadius) this.maxRadius = this.radius[i];
      this.version = positions.version;
      this.scene = scene;
    }
    return this.tree;
  }

  /**
   * The visible paper at layout point (wx, wy), or null; `minRadius` and `slop` are in layout
   * units (the smallest drawn radius, and extra reach, at the current zoom).
   */
  find(scene: Scene, wx: number, wy: number, minRadius: number, slop: number): number | null {
    if (scene.visibleIndices.length === 0) return null;
    const tree = this.index(scene);
    const found = tree.find(wx, wy, Math.max(this.maxRadius, minRadius) + slop);
    if (found === undefined) return null;
    const reach = Math.max(this.radius[found], minRadius) + slop;
    const dx = this.positions.x[found] - wx;
    const dy = this.positions.y[found] - wy;
    return dx * dx + dy * dy <= reach * reach ? found : null;
  }
}
