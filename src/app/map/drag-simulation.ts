/**
 * What moves when a person drags a paper: the paper, pinned under the pointer, and its
 * neighbourhood, pulled along by d3-force (link springs that follow the similarity, collision by
 * radius, a little repulsion), while every other paper stays where the pipeline's layout put it.
 * The papers one step past the neighbourhood are anchors: fixed, with their links still pulling,
 * so the moved part stays attached to the rest of the map. The cost is the neighbourhood's, not
 * the map's: dragging in a 45,000-paper map is as cheap as in a 100-paper one.
 *
 * Seeded (core's random source) and ticked by the map's frame loop, never by d3's own timer.
 */
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  type Simulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import { seededRandom } from '../../core/random';
import type { Scene } from './scene';
import type { Positions } from './types';

interface DragNode extends SimulationNodeDatum {
  i: number;
  r: number;
  x: number;
  y: number;
}

interface DragLink extends SimulationLinkDatum<DragNode> {
  source: DragNode;
  target: DragNode;
  weight: number;
}

export const DRAG = Object.freeze({
  seed: 1,
  /** Papers moved with the dragged one: its neighbours, then theirs, up to this many. */
  maxMoved: 250,
  /** Link length past the two radii for similarity 0; similarity 1 puts the circles in contact. */
  linkSlack: 26,
  collidePadding: 1.5,
  charge: -20,
  chargeDistanceMax: 120,
  /** Alpha kept while the pointer holds the paper, and the stop criterion once it lets go. */
  holdAlpha: 0.12,
  alphaMin: 0.004,
  /** About 30 ticks from holding to rest: the neighbourhood eases in within half a second. */
  alphaDecay: 0.1,
  velocityDecay: 0.4,
});

export class DragSimulation {
  private simulation: Simulation<DragNode, DragLink> | null = null;
  private moved: DragNode[] = [];
  private held: DragNode | null = null;

  /** 1 for the papers this drag moves (the held one included); all 0 between drags. */
  readonly mask: Uint8Array;
  /** Counts drags, so a renderer can tell one drag's still picture from another's. */
  id = 0;

  constructor(
    private readonly positions: Positions,
    private readonly radius: Float32Array,
  ) {
    this.mask = new Uint8Array(positions.x.length);
  }

  /** Whether the neighbourhood is still moving. */
  get running(): boolean {
    return this.simulation !== null;
  }

  /** Pins paper `i` where it is and gathers what moves with it. */
  start(i: number, scene: Scene): void {
    const { x, y } = this.positions;
    const nodes = new Map<number, DragNode>();
    const add = (j: number): DragNode => {
      let node = nodes.get(j);
      if (!node) {
        node = { i: j, r: this.radius[j], x: x[j], y: y[j] };
        nodes.set(j, node);
      }
      return node;
    };
    // Breadth first from the dragged paper: the nearest neighbourhood moves.
    const moved: DragNode[] = [add(i)];
    for (let head = 0; head < moved.length && moved.length < DRAG.maxMoved; head++) {
      const from = moved[head].i;
      for (let a = scene.adjStart[from]; a < scene.adjStart[from + 1] && moved.length < DRAG.maxMoved; a++) {
        const j = scene.adjNode[a];
        if (!nodes.has(j)) moved.push(add(j));
      }
    }
    const links: DragLink[] = [];
    const isMoved = new Set(moved.map((node) => node.i));
    for (const node of moved) {
      for (let a = scene.adjStart[node.i]; a < scene.adjStart[node.i + 1]; a++) {
        const j = scene.adjNode[a];
        // Each link once: from the moved end with the smaller index, or from the moved end to an anchor.
        if (isMoved.has(j) && j < node.i) continue;
        const other = add(j);
        if (!isMoved.has(j)) {
          other.fx = other.x;
          other.fy = other.y;
        }
        links.push({ source: node, target: other, weight: scene.edgeWeight[scene.adjEdge[a]] });
      }
    }
    for (const node of this.moved) this.mask[node.i] = 0;
    for (const node of moved) this.mask[node.i] = 1;
    this.id++;
    const held = moved[0];
    held.fx = held.x;
    held.fy = held.y;
    this.held = held;
    this.moved = moved;
    const degree = new Map<DragNode, number>();
    for (const l of links) {
      degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
      degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
    }
    const count = (node: DragNode): number => degree.get(node) ?? 1;
    this.simulation = forceSimulation<DragNode, DragLink>([...nodes.values()])
      .randomSource(seededRandom(DRAG.seed))
      .alpha(DRAG.holdAlpha)
      .alphaTarget(DRAG.holdAlpha)
      .alphaMin(DRAG.alphaMin)
      .alphaDecay(DRAG.alphaDecay)
      .velocityDecay(DRAG.velocityDecay)
      .force(
        'link',
        forceLink<DragNode, DragLink>(links)
          .strength((l) => Math.min(1, (0.45 + l.weight) / Math.min(count(l.source), count(l.target))))
          .distance((l) => l.source.r + l.target.r + DRAG.linkSlack * (1 - Math.min(1, l.weight))),
      )
      .force('charge', forceManyBody<DragNode>().strength(DRAG.charge).distanceMax(DRAG.chargeDistanceMax))
      .force(
        'collide',
        forceCollide<DragNode>((d) => d.r + DRAG.collidePadding),
      )
      .stop();
  }

  /** Moves the held paper to (x, y) in layout units. */
  hold(x: number, y: number): void {
    if (!this.held) return;
    this.held.fx = x;
    this.held.fy = y;
    // The held paper is under the pointer at once; its neighbours follow tick by tick.
    this.held.x = x;
    this.held.y = y;
    this.positions.x[this.held.i] = x;
    this.positions.y[this.held.i] = y;
    this.positions.version++;
  }

  /**
   * Lets go: the paper stays pinned where it was dropped, like the rest of the map, and its
   * neighbourhood eases to rest.
   */
  release(): void {
    this.held = null;
    this.simulation?.alphaTarget(0);
  }

  /** Stops at once, positions as they are. */
  stop(): void {
    this.simulation?.stop();
    this.simulation = null;
    for (const node of this.moved) this.mask[node.i] = 0;
    this.moved = [];
    this.held = null;
  }

  /** One tick; writes the moved papers' positions. Returns whether it is still running. */
  tick(): boolean {
    const simulation = this.simulation;
    if (!simulation) return false;
    simulation.tick();
    const { x, y } = this.positions;
    for (const node of this.moved) {
      x[node.i] = node.x;
      y[node.i] = node.y;
    }
    this.positions.version++;
    if (this.held === null && simulation.alpha() < simulation.alphaMin()) this.stop();
    return this.simulation !== null;
  }
}
