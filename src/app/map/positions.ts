/**
 * The map's positions: the pipeline's layout, copied into typed arrays the map's parts share.
 * A paper without a finite position (a hand-made or damaged graph; the loader marks those NaN) is
 * put beside the papers of its cluster that have one, on a small sunflower spiral, so nothing is
 * drawn at infinity and nothing is lost.
 */
import type { MapNode, Positions } from './types';

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Spacing of placed papers, layout units. */
const STEP = 8;

export function initialPositions(nodes: readonly MapNode[]): Positions {
  const n = nodes.length;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  // Centre of each cluster's placed papers; of all of them for a cluster with none.
  const sums = new Map<number, { x: number; y: number; count: number; placed: number }>();
  let all = { x: 0, y: 0, count: 0 };
  const missing: number[] = [];
  nodes.forEach((node, i) => {
    if (Number.isFinite(node.x) && Number.isFinite(node.y)) {
      x[i] = node.x;
      y[i] = node.y;
      const sum = sums.get(node.cluster) ?? { x: 0, y: 0, count: 0, placed: 0 };
      sum.x += node.x;
      sum.y += node.y;
      sum.count++;
      sums.set(node.cluster, sum);
      all = { x: all.x + node.x, y: all.y + node.y, count: all.count + 1 };
    } else missing.push(i);
  });
  for (const i of missing) {
    const cluster = nodes[i].cluster;
    const sum = sums.get(cluster) ?? { x: 0, y: 0, count: 0, placed: 0 };
    sums.set(cluster, sum);
    const cx = sum.count > 0 ? sum.x / sum.count : all.count > 0 ? all.x / all.count : 0;
    const cy = sum.count > 0 ? sum.y / sum.count : all.count > 0 ? all.y / all.count : 0;
    const r = STEP * Math.sqrt(sum.placed + 0.5);
    x[i] = cx + r * Math.cos(sum.placed * GOLDEN_ANGLE);
    y[i] = cy + r * Math.sin(sum.placed * GOLDEN_ANGLE);
    sum.placed++;
  }
  return { x, y, version: 0 };
}
