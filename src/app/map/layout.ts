/**
 * The force layout: d3-force with a link force whose strength and length follow the similarity,
 * Barnes–Hut many-body repulsion, collision by radius, a pull towards each cluster's centroid and a
 * faint gravity (so disconnected pieces do not drift away). Seeded, and ticked by the map's own
 * frame loop (never by d3's timer), so the layout is the same however fast frames come.
 */
import {
  type Force,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type Simulation,
  type SimulationLinkDatum,
} from 'd3-force';
import { type ClusteredNode, forceCluster } from './force-cluster';
import { lcg } from './random';

export interface SimNode extends ClusteredNode {
  /** Index of the node in the map's node array (d3 overwrites `index` with its own). */
  i: number;
  r: number;
  x: number;
  y: number;
}

export interface SimLink extends SimulationLinkDatum<SimNode> {
  source: SimNode;
  target: SimNode;
  weight: number;
}

/** How hard the layout works, by graph size: large graphs get fewer ticks and cheaper forces. */
export interface LayoutTuning {
  /** Ticks from alpha 1 down to alphaMin: sets alphaDecay. */
  ticks: number;
  /** Barnes–Hut criterion: a cell at distance d with width w is approximated when w/d < theta. */
  theta: number;
  /** Repulsion is ignored past this distance (layout units): cheaper, and keeps clusters close. */
  chargeDistanceMax: number;
  collideIterations: number;
  /** Many-body strength (negative: repulsion). */
  charge: number;
  /** Pull towards the cluster's centroid (see force-cluster.ts). */
  clusterStrength: number;
  /** Pull towards the origin, so disconnected pieces stay near. */
  gravity: number;
}

export const LAYOUT = Object.freeze({
  seed: 1,
  alphaMin: 0.001,
  velocityDecay: 0.4,
  /** Link length past the two radii, for similarity 0; similarity 1 puts the circles in contact. */
  linkSlack: 26,
  /**
   * Links between clusters pull this much less hard and are this much longer than links inside a
   * cluster: they still place related clusters side by side, but no longer drag clusters into
   * each other, so each cluster reads as one patch of colour.
   */
  crossClusterStrength: 0.25,
  crossClusterLength: 2,
  /** Gap kept between circles, layout units. */
  collidePadding: 1.5,
  /** Alpha after the edge set changes (the first layout starts at 1). */
  reheat: 0.5,
  /** Alpha after the clusters change: the new clusters gather, the map keeps its shape. */
  reclusterReheat: 0.25,
  /** Alpha target while a node is dragged: a light re-heat. */
  dragTarget: 0.12,
});

/**
 * Measured on graphs of 104, 1,000 and 5,000 arXiv papers (share of nodes overlapping a
 * neighbour, share of each node's 8 nearest that are in its cluster): gravity has to weaken as the
 * map grows or it crushes big maps (5,000: 26% overlapping at 0.015, 2% at 0.001), and collision
 * has to run on every tick; a coarser Barnes–Hut theta pays for it.
 */
export function layoutTuning(nodes: number): LayoutTuning {
  const forces = { charge: -36, clusterStrength: 0.15, collideIterations: 1 };
  if (nodes > 2500) return { ...forces, ticks: 80, theta: 1.5, chargeDistanceMax: 140, gravity: 0.001 };
  if (nodes > 800) return { ...forces, ticks: 130, theta: 1.2, chargeDistanceMax: 200, gravity: 0.003 };
  return { ...forces, ticks: 220, theta: 0.9, chargeDistanceMax: 300, gravity: 0.01, collideIterations: 2 };
}

export interface Layout {
  readonly simulation: Simulation<SimNode, SimLink>;
  /** Replaces the simulated nodes (the visible ones) and links; forces re-initialize. */
  setGraph(nodes: SimNode[], links: SimLink[]): void;
  /** Replaces the cluster force after the number of cluster slots changed. */
  setClusterSlots(slots: number): void;
}

export function createLayout(slots: number, size: number, tuning = layoutTuning(size)): Layout {
  const clusterForce = (slots: number): Force<SimNode, SimLink> =>
    forceCluster<SimNode>(slots).strength(tuning.clusterStrength) as Force<SimNode, SimLink>;
  const degree = new Map<SimNode, number>();
  const count = (node: SimNode): number => degree.get(node) ?? 1;

  const cross = (l: SimLink): boolean => l.source.slot !== l.target.slot;
  const link = forceLink<SimNode, SimLink>([])
    // d3's default 1/min(degree) keeps hubs stable; stronger similarity pulls harder.
    .strength(
      (l) =>
        Math.min(1, (0.45 + l.weight) / Math.min(count(l.source), count(l.target))) *
        (cross(l) ? LAYOUT.crossClusterStrength : 1),
    )
    .distance(
      (l) =>
        l.source.r +
        l.target.r +
        LAYOUT.linkSlack * (1 - Math.min(1, l.weight)) * (cross(l) ? LAYOUT.crossClusterLength : 1),
    );
  const charge = forceManyBody<SimNode>()
    .strength(tuning.charge)
    .theta(tuning.theta)
    .distanceMax(tuning.chargeDistanceMax);
  const collide = forceCollide<SimNode>((d) => d.r + LAYOUT.collidePadding).iterations(
    tuning.collideIterations,
  );

  const simulation = forceSimulation<SimNode, SimLink>([])
    .randomSource(lcg(LAYOUT.seed))
    .alphaMin(LAYOUT.alphaMin)
    .alphaDecay(1 - LAYOUT.alphaMin ** (1 / tuning.ticks))
    .velocityDecay(LAYOUT.velocityDecay)
    .force('link', link)
    .force('charge', charge)
    .force('collide', collide)
    .force('cluster', clusterForce(slots))
    .force('x', forceX<SimNode>(0).strength(tuning.gravity))
    .force('y', forceY<SimNode>(0).strength(tuning.gravity))
    // The map's frame loop ticks it; d3's own timer never runs.
    .stop();

  return {
    simulation,
    setGraph(nodes, links) {
      degree.clear();
      for (const l of links) {
        degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
        degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
      }
      simulation.nodes(nodes);
      link.links(links);
    },
    setClusterSlots(slots) {
      simulation.force('cluster', clusterForce(slots));
      // Link strengths and lengths depend on whether a link crosses clusters: recompute them.
      link.links(link.links());
    },
  };
}
