/**
 * The layout stage (src/core/layout/): the map a reader expects of a literature map, checked as
 * properties on a real graph (2,000 arXiv records through the parser and the pipeline) and on
 * small constructed graphs whose right answer is plain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeRadius, weightedDegree } from '../../src/core/degree';
import { LAYOUT_DEFAULTS, type LayoutInput, type LayoutResult, layoutGraph } from '../../src/core/layout';
import { measureLayout } from '../../src/core/layout/measure';
import { parseFiles } from '../../src/core/parse/index';
import { buildGraph } from '../../src/core/pipeline';
import { stringifyGraph } from '../../src/core/serialize';
import { inProcessPort, ShardPool } from '../../src/core/shards';
import type { PapermapGraphJSON } from '../../src/core/types';

const GAP = LAYOUT_DEFAULTS.clusterGap;

/** A layout input from edges given as [a, b, weight], radii as the pipeline computes them. */
function inputOf(membership: number[], edges: Array<[number, number, number]>): LayoutInput {
  const n = membership.length;
  const source = Int32Array.from(edges, (e) => e[0]);
  const target = Int32Array.from(edges, (e) => e[1]);
  const weight = Float64Array.from(edges, (e) => e[2]);
  const strength = weightedDegree(n, source, target, weight);
  return {
    n,
    membership: Int32Array.from(membership),
    clusters: membership.length === 0 ? 0 : Math.max(...membership) + 1,
    edges: { source, target, weight },
    radius: Float64Array.from(strength, nodeRadius),
  };
}

/** The layout input a graph JSON holds (edge weights as serialized, to 4 decimals). */
function inputOfGraph(graph: PapermapGraphJSON): LayoutInput {
  const index = new Map(graph.nodes.map((node, i) => [node.key, i]));
  return inputOf(
    graph.nodes.map((node) => node.attributes.cluster),
    graph.edges.map((e) => [
      index.get(e.source) as number,
      index.get(e.target) as number,
      e.attributes.weight,
    ]),
  );
}

function bytesOf(layout: LayoutResult): Buffer {
  return Buffer.concat([Buffer.from(layout.x.buffer), Buffer.from(layout.y.buffer)]);
}

const allFinite = (layout: LayoutResult): boolean =>
  layout.x.every(Number.isFinite) && layout.y.every(Number.isFinite);

const centroid = (layout: LayoutResult, papers: number[]): [number, number] => [
  papers.reduce((s, i) => s + layout.x[i], 0) / papers.length,
  papers.reduce((s, i) => s + layout.y[i], 0) / papers.length,
];

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

/** Every pair of papers in `papers` joined, with weight `w`. */
const clique = (papers: number[], w: number): Array<[number, number, number]> =>
  papers.flatMap((a, k) => papers.slice(k + 1).map((b): [number, number, number] => [a, b, w]));

describe('layoutGraph on 2,000 arXiv records (data/eval/arxiv-2007-first2k.csv)', async () => {
  const name = 'arxiv-2007-first2k.csv';
  const bytes = new Uint8Array(readFileSync(new URL(`../../data/eval/${name}`, import.meta.url)));
  const parsed = await parseFiles([{ name, bytes }]);
  const progress: Array<{ done: number; total: number }> = [];
  const { graph } = await buildGraph({ papers: parsed.papers, source: name }, {}, (p) => {
    if (p.stage === 'layout') progress.push({ done: p.done, total: p.total });
  });
  const input = inputOfGraph(graph);
  // What the pipeline stored: positions rounded to 0.1 by the serializer.
  const stored: LayoutResult = {
    x: Float64Array.from(graph.nodes, (node) => node.attributes.x),
    y: Float64Array.from(graph.nodes, (node) => node.attributes.y),
  };
  const quality = measureLayout(input, stored, 2 * GAP);
  console.log(`layout of ${input.n} papers in ${input.clusters} clusters:`, quality);

  it('is a real graph with several clusters', () => {
    expect(input.n).toBeGreaterThan(1900);
    expect(input.clusters).toBeGreaterThanOrEqual(8);
  });

  it('gives every paper a finite position', () => {
    expect(allFinite(stored)).toBe(true);
  });

  it('gives the same bytes for the same input', () => {
    const first = layoutGraph(input);
    const second = layoutGraph(input);
    expect(allFinite(first)).toBe(true);
    expect(bytesOf(second).equals(bytesOf(first))).toBe(true);
  });

  it('reports progress from 0 to every paper, never going back', () => {
    expect(progress[0]).toEqual({ done: 0, total: input.n });
    expect(progress[progress.length - 1]).toEqual({ done: input.n, total: input.n });
    for (let k = 1; k < progress.length; k++)
      expect(progress[k].done).toBeGreaterThanOrEqual(progress[k - 1].done);
    expect(progress.length).toBeGreaterThan(2);
  });

  it('lets no paper overlap another, after rounding to 0.1', () => {
    expect(quality.overlapShare).toBeLessThanOrEqual(0.01);
  });

  it('keeps the papers of any two clusters the gap apart', () => {
    // Rounding moves each paper by at most 0.07 in each direction.
    expect(quality.clusterClearance).toBeGreaterThanOrEqual(GAP - 0.2);
  });

  it("fills a paper's 8 nearest papers with its own cluster", () => {
    expect(quality.neighbourAgreement).toBeGreaterThanOrEqual(0.95);
  });

  it('puts related clusters nearer each other', () => {
    expect(quality.similarityDistanceCorrelation).toBeLessThan(-0.3);
  });

  it('makes edges inside a cluster shorter than random pairs of that cluster', () => {
    expect(quality.edgeLengthRatio).toBeLessThan(0.75);
  });

  it('keeps the best-connected papers away from the rim', () => {
    expect(quality.hubCentrality).toBeLessThan(0.95);
  });

  it('turns papers linked to another cluster towards it', () => {
    expect(quality.facing).toBeGreaterThan(0.2);
  });

  it('is the same run on a pool, beside the naming, and reported after the clusters stage', async () => {
    const pool = new ShardPool({ workers: 2, spawn: inProcessPort, shareMemory: false });
    const events: string[] = [];
    const placed: number[] = [];
    const pooled = await buildGraph(
      { papers: parsed.papers, source: name },
      {},
      (p) => {
        events.push(`${p.stage} ${p.done === p.total ? 'end' : 'at'}`);
        if (p.stage === 'layout') placed.push(p.done);
      },
      pool,
    );
    // At 2,000 papers or more the pipeline gives the layout to the pool.
    expect(input.n).toBeGreaterThanOrEqual(2000);
    expect(stringifyGraph(pooled.graph)).toBe(stringifyGraph(graph));
    const firstPlaced = events.findIndex((e) => e.startsWith('layout'));
    expect(firstPlaced).toBeGreaterThan(events.lastIndexOf('clusters end'));
    expect(events.lastIndexOf('clusters end')).toBeGreaterThan(events.lastIndexOf('graph end'));
    expect(placed.at(-1)).toBe(input.n);
    expect(placed).toEqual([...placed].sort((a, b) => a - b));
  });
});

describe('layoutGraph on constructed graphs', () => {
  it('lays out nothing and one paper', () => {
    const none = layoutGraph(inputOf([], []));
    expect(none.x).toHaveLength(0);
    expect(none.y).toHaveLength(0);
    const one = layoutGraph(inputOf([0], []));
    expect(Array.from(one.x)).toEqual([0]);
    expect(Array.from(one.y)).toEqual([0]);
  });

  it('parts two cliques joined by one edge, each compact, the bridge ends facing each other', () => {
    const a = range(0, 20);
    const b = range(20, 40);
    const input = inputOf(
      [...a.map(() => 0), ...b.map(() => 1)],
      [...clique(a, 0.5), ...clique(b, 0.5), [3, 27, 0.2]],
    );
    const layout = layoutGraph(input);
    const q = measureLayout(input, layout, 2 * GAP);
    expect(allFinite(layout)).toBe(true);
    expect(q.overlapShare).toBe(0);
    expect(q.clusterClearance).toBeGreaterThanOrEqual(GAP * (1 - 1e-9));
    const [ax, ay] = centroid(layout, a);
    const [bx, by] = centroid(layout, b);
    // The bridge's ends lie on the sides that face each other.
    const toward = (i: number, fx: number, fy: number, tx: number, ty: number): number =>
      (layout.x[i] - fx) * (tx - fx) + (layout.y[i] - fy) * (ty - fy);
    expect(toward(3, ax, ay, bx, by)).toBeGreaterThan(0);
    expect(toward(27, bx, by, ax, ay)).toBeGreaterThan(0);
    // Compact: every paper of a clique nearer its own centroid than the other clique's.
    for (const i of a) {
      expect(Math.hypot(layout.x[i] - ax, layout.y[i] - ay)).toBeLessThan(
        Math.hypot(layout.x[i] - bx, layout.y[i] - by),
      );
    }
  });

  it('puts the cluster most linked to another next to it', () => {
    // Three groups: A–B joined by many edges, B–C by one, A–C by none.
    const groups = [range(0, 15), range(15, 30), range(30, 45)];
    const membership = groups.flatMap((g, c) => g.map(() => c));
    const edges = groups.flatMap((g) => clique(g, 0.4));
    for (let k = 0; k < 10; k++) edges.push([groups[0][k], groups[1][k], 0.3]);
    edges.push([groups[1][0], groups[2][0], 0.1]);
    const layout = layoutGraph(inputOf(membership, edges));
    const [c0, c1, c2] = groups.map((g) => centroid(layout, g));
    const dist = (p: [number, number], q: [number, number]): number => Math.hypot(p[0] - q[0], p[1] - q[1]);
    expect(dist(c0, c1)).toBeLessThan(dist(c0, c2));
  });

  it('puts the hub of a star in the middle of its cluster', () => {
    const leaves = range(1, 41);
    const input = inputOf(
      [0, ...leaves.map(() => 0)],
      leaves.map((i) => [0, i, 0.5]),
    );
    const layout = layoutGraph(input);
    const [cx, cy] = centroid(layout, [0, ...leaves]);
    const hub = Math.hypot(layout.x[0] - cx, layout.y[0] - cy);
    const leafMean =
      leaves.reduce((s, i) => s + Math.hypot(layout.x[i] - cx, layout.y[i] - cy), 0) / leaves.length;
    expect(hub).toBeLessThan(leafMean / 2);
    expect(measureLayout(input, layout).overlapShare).toBe(0);
  });

  it('rings isolated papers round a cluster, every one the gap from any other', () => {
    const core = range(0, 30);
    const isolated = range(30, 130);
    const membership = [...core.map(() => 0), ...isolated.map((_, k) => k + 1)];
    const input = inputOf(membership, clique(core, 0.3));
    const layout = layoutGraph(input);
    const q = measureLayout(input, layout, 2 * GAP);
    expect(allFinite(layout)).toBe(true);
    expect(q.overlapShare).toBe(0);
    expect(q.clusterClearance).toBeGreaterThanOrEqual(GAP * (1 - 1e-9));
    // The connected cluster sits inside the ring of isolated papers.
    const [cx, cy] = centroid(layout, core);
    const coreReach = Math.max(...core.map((i) => Math.hypot(layout.x[i] - cx, layout.y[i] - cy)));
    for (const i of isolated)
      expect(Math.hypot(layout.x[i] - cx, layout.y[i] - cy)).toBeGreaterThan(coreReach);
  });

  it('spaces out papers with no edges at all, each its own cluster', () => {
    const input = inputOf(range(0, 500), []);
    const layout = layoutGraph(input);
    const q = measureLayout(input, layout, 2 * GAP);
    expect(allFinite(layout)).toBe(true);
    expect(q.clusterClearance).toBeGreaterThanOrEqual(GAP * (1 - 1e-9));
  });

  it('lays out one cluster with short edges and no overlaps', () => {
    // A ring of 300 papers, each joined to its 3 next neighbours on either side.
    const n = 300;
    const edges: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++) for (let k = 1; k <= 3; k++) edges.push([i, (i + k) % n, 0.3]);
    const input = inputOf(new Array(n).fill(0), edges);
    const layout = layoutGraph(input);
    const q = measureLayout(input, layout);
    expect(allFinite(layout)).toBe(true);
    expect(q.overlapShare).toBe(0);
    expect(q.edgeLengthRatio).toBeLessThan(0.5);
  });

  it('gives the same bytes for the same input and seed', () => {
    const groups = [range(0, 40), range(40, 100)];
    const edges = [
      ...clique(groups[0], 0.2),
      ...clique(groups[1], 0.2),
      [0, 50, 0.1] as [number, number, number],
    ];
    const input = inputOf([...groups[0].map(() => 0), ...groups[1].map(() => 1)], edges);
    expect(bytesOf(layoutGraph(input, { seed: 7 })).equals(bytesOf(layoutGraph(input, { seed: 7 })))).toBe(
      true,
    );
  });

  it('refuses input it cannot lay out', () => {
    const good = inputOf([0, 0, 1], [[0, 1, 0.5]]);
    expect(() => layoutGraph({ ...good, membership: Int32Array.from([0, 0, 2]) })).toThrow(
      /papermap layout: paper 2/,
    );
    expect(() => layoutGraph({ ...good, radius: Float64Array.from([1, 0, 1]) })).toThrow(/radius/);
    expect(() => layoutGraph(good, { fill: 0 })).toThrow(/fill/);
  });
});

describe('the layout code', () => {
  it('uses no Math function whose last bit may differ between engines', () => {
    // Only +, −, ×, ÷ and √ are exactly rounded everywhere; floor, ceil, min, max, abs are exact.
    const folder = new URL('../../src/core/layout/', import.meta.url);
    const allowed = new Set(['sqrt', 'floor', 'ceil', 'min', 'max', 'abs', 'imul']);
    for (const file of readdirSync(folder)) {
      if (file === 'measure.ts') continue; // measures a layout, never makes one
      const code = readFileSync(new URL(file, folder), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      const used = [...code.matchAll(/Math\.(\w+)/g)].map((m) => m[1]).filter((f) => !allowed.has(f));
      expect({ file, used, power: code.includes('**') }).toEqual({ file, used: [], power: false });
    }
  });
});
