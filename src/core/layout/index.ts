/**
 * Layout stage: the final x, y of every paper, as a literature map is drawn (VOSviewer,
 * datamapplot): each cluster one compact patch, a clear gap between any two clusters, related
 * clusters side by side, similar papers together inside a cluster, the best-connected papers
 * towards its middle, papers with edges to another cluster on the side facing it, and no two
 * papers overlapping.
 *
 * Two levels. First the clusters, as discs whose area is what their papers need, placed by a VOS
 * map of the cluster graph and then parted and packed (arrange.ts); clusters with no edge to any
 * other go on rings around them (islands.ts). Then each cluster's papers inside its disc, by a
 * multilevel force layout (coarsen.ts, interior.ts). O(n + m) but for the cluster level, which is
 * O(K²) in the number of clusters. Seeded, and only +, −, ×, ÷ and √ act on values that reach the
 * output, so the same input gives the same bits in Node and in any browser.
 */
import { seededRandom } from '../random';
import { arrangeClusters } from './arrange';
import { indexClusters } from './cluster-graph';
import { InteriorLayout } from './interior';
import { ringIslands } from './islands';
import type { LayoutInput, LayoutOptions, LayoutProgress, LayoutResult } from './types';

export type { LayoutInput, LayoutOptions, LayoutProgress, LayoutResult } from './types';

export const LAYOUT_DEFAULTS: Readonly<LayoutOptions> = Object.freeze({
  seed: 1,
  clusterGap: 36,
  padding: 1,
  fill: 0.6,
  iterations: 30,
});

export function layoutGraph(
  input: LayoutInput,
  options: Partial<LayoutOptions> = {},
  onProgress: LayoutProgress = () => {},
): LayoutResult {
  const opts: LayoutOptions = { ...LAYOUT_DEFAULTS, ...options };
  validate(input, opts);
  const { n } = input;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  onProgress(0, n);
  if (n === 0) return { x, y };

  const graph = indexClusters(input, opts.padding, opts.fill);
  const centres = arrangeClusters(graph, opts.clusterGap);
  let outer = -1;
  for (const c of centres.linked) {
    const d = Math.sqrt(centres.x[c] * centres.x[c] + centres.y[c] * centres.y[c]) + graph.discRadius[c];
    if (d > outer) outer = d;
  }
  const islands: number[] = [];
  for (let c = 0; c < graph.clusters; c++) {
    if (Number.isNaN(centres.x[c]) && graph.paperStart[c + 1] > graph.paperStart[c]) islands.push(c);
  }
  ringIslands(islands, graph.discRadius, outer, opts.clusterGap, centres.x, centres.y);

  const interior = new InteriorLayout(graph, opts);
  // Progress at most every hundredth of the papers: 65,000 one-paper clusters must not mean
  // 65,000 messages from a worker.
  const step = Math.max(1, Math.floor(n / 100));
  let done = 0;
  let reported = 0;
  for (let c = 0; c < graph.clusters; c++) {
    const count = graph.paperStart[c + 1] - graph.paperStart[c];
    if (count === 0) continue;
    // A random source per cluster, so each cluster's layout depends on its own input only.
    interior.run(c, centres.x, centres.y, seededRandom(opts.seed + (c + 1) * 0x9e3779b1), x, y);
    done += count;
    if (done - reported >= step || done === n) {
      onProgress(done, n);
      reported = done;
    }
  }
  return { x, y };
}

function validate(input: LayoutInput, options: LayoutOptions): void {
  const fail = (message: string): never => {
    throw new RangeError(`papermap layout: ${message}`);
  };
  const { n, clusters, membership, radius, edges } = input;
  if (!Number.isInteger(n) || n < 0) fail(`n must be a whole number, got ${n}`);
  if (membership.length !== n || radius.length !== n) fail('membership and radius need one entry per paper');
  if (edges.target.length !== edges.source.length || edges.weight.length !== edges.source.length) {
    fail('edge source, target and weight need the same length');
  }
  for (let i = 0; i < n; i++) {
    const c = membership[i];
    if (!Number.isInteger(c) || c < 0 || c >= clusters) fail(`paper ${i} has cluster ${c} of ${clusters}`);
    if (!(radius[i] > 0) || !Number.isFinite(radius[i])) fail(`paper ${i} has radius ${radius[i]}`);
  }
  for (let e = 0; e < edges.source.length; e++) {
    const s = edges.source[e];
    const t = edges.target[e];
    if (!(s >= 0 && s < n && t >= 0 && t < n)) fail(`edge ${e} joins ${s} and ${t} of ${n} papers`);
    if (!(edges.weight[e] > 0 && Number.isFinite(edges.weight[e])))
      fail(`edge ${e} has weight ${edges.weight[e]}`);
  }
  if (!Number.isFinite(options.seed)) fail(`seed must be a number, got ${options.seed}`);
  if (!(options.clusterGap >= 0)) fail(`clusterGap must be 0 or more, got ${options.clusterGap}`);
  if (!(options.padding >= 0)) fail(`padding must be 0 or more, got ${options.padding}`);
  if (!(options.fill > 0 && options.fill <= 1)) fail(`fill must be in (0, 1], got ${options.fill}`);
  if (!Number.isInteger(options.iterations) || options.iterations < 0) {
    fail(`iterations must be a whole number ≥ 0, got ${options.iterations}`);
  }
}
