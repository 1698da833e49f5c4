/**
 * A weak pull of each node towards the current centroid of its cluster, so clusters stay together
 * while the many-body force pushes clusters apart (the "clustered bubbles" force of Bostock's
 * examples, with centroids recomputed each tick instead of fixed foci):
 *
 *   v_i += (c_{cluster(i)} − x_i) · strength · α
 *
 * One pass sums positions per cluster, one applies the pull: O(n) per tick, no allocation.
 */
import type { SimulationNodeDatum } from 'd3-force';

export interface ClusteredNode extends SimulationNodeDatum {
  /** Dense cluster slot, 0 ≤ slot < slots. */
  slot: number;
}

export interface ClusterForce<N extends ClusteredNode> {
  (alpha: number): void;
  initialize(nodes: N[]): void;
  strength(value: number): ClusterForce<N>;
}

export function forceCluster<N extends ClusteredNode>(slots: number): ClusterForce<N> {
  let nodes: N[] = [];
  let strength = 0.1;
  // x sum, y sum, count per slot; allocated once.
  const sums = new Float64Array(Math.max(1, slots) * 3);

  const force = ((alpha: number): void => {
    sums.fill(0);
    for (const node of nodes) {
      const s = node.slot * 3;
      sums[s] += node.x ?? 0;
      sums[s + 1] += node.y ?? 0;
      sums[s + 2] += 1;
    }
    const k = strength * alpha;
    for (const node of nodes) {
      const s = node.slot * 3;
      const count = sums[s + 2];
      if (count < 2) continue;
      node.vx = (node.vx ?? 0) + (sums[s] / count - (node.x ?? 0)) * k;
      node.vy = (node.vy ?? 0) + (sums[s + 1] / count - (node.y ?? 0)) * k;
    }
  }) as ClusterForce<N>;

  force.initialize = (next: N[]): void => {
    nodes = next;
  };
  force.strength = (value: number): ClusterForce<N> => {
    strength = value;
    return force;
  };
  return force;
}
