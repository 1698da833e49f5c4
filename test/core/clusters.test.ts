import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { type Clustering, detectClusters, modularityOf } from '../../src/core/clusters';
import { seededRandom } from '../../src/core/random';

interface EdgeList {
  source: number[];
  target: number[];
  weight: number[];
}

/** A graph as `toGraphology` names it: nodes "0" … String(n - 1). */
function graphOf(n: number, edges: EdgeList): { graph: Graph; papers: number } {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  edges.source.forEach((s, e) => {
    graph.addEdge(String(s), String(edges.target[e]), { weight: edges.weight[e] });
  });
  return { graph, papers: n };
}

/** Cliques of the given sizes (weight 1 inside), consecutive cliques joined by one edge of `bridge`. */
function cliques(sizes: number[], bridge: number): { n: number; edges: EdgeList } {
  const edges: EdgeList = { source: [], target: [], weight: [] };
  let start = 0;
  sizes.forEach((size, c) => {
    for (let a = start; a < start + size; a++) {
      for (let b = a + 1; b < start + size; b++) {
        edges.source.push(a);
        edges.target.push(b);
        edges.weight.push(1);
      }
    }
    if (c > 0) {
      edges.source.push(start - 1);
      edges.target.push(start);
      edges.weight.push(bridge);
    }
    start += size;
  });
  return { n: start, edges };
}

/** A random weighted graph with planted groups: dense inside a group, sparse between groups. */
function plantedGraph(
  seed: number,
  n: number,
  groups: number,
  pIn = 0.35,
  pOut = 0.03,
): { n: number; edges: EdgeList } {
  const rand = seededRandom(seed);
  const edges: EdgeList = { source: [], target: [], weight: [] };
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const p = a % groups === b % groups ? pIn : pOut;
      if (rand() < p) {
        edges.source.push(a);
        edges.target.push(b);
        edges.weight.push(0.05 + rand());
      }
    }
  }
  return { n, edges };
}

/**
 * Modularity by the textbook formula over the full adjacency matrix (Newman 2006, weighted, with a
 * resolution γ): Q = 1/(2m) Σ_ij [A_ij − γ k_i k_j / (2m)] δ(c_i, c_j).
 */
function textbookModularity(
  n: number,
  edges: EdgeList,
  membership: ArrayLike<number>,
  gamma: number,
): number {
  const A = Array.from({ length: n }, () => new Float64Array(n));
  edges.source.forEach((s, e) => {
    const t = edges.target[e];
    A[s][t] += edges.weight[e];
    A[t][s] += edges.weight[e];
  });
  const k = A.map((row) => row.reduce((x, y) => x + y, 0));
  const twoM = k.reduce((x, y) => x + y, 0);
  if (twoM === 0) return 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (membership[i] === membership[j]) q += A[i][j] - (gamma * k[i] * k[j]) / twoM;
    }
  }
  return q / twoM;
}

function expectRenumbered(c: Clustering): void {
  const sizes = new Array<number>(c.count).fill(0);
  const first = new Array<number>(c.count).fill(-1);
  c.membership.forEach((id, i) => {
    expect(id).toBeGreaterThanOrEqual(0);
    expect(id).toBeLessThan(c.count);
    sizes[id]++;
    if (first[id] < 0) first[id] = i;
  });
  // Ids 0..count-1 all used; largest first, ties by their first paper.
  for (let id = 0; id < c.count; id++) expect(sizes[id]).toBeGreaterThan(0);
  for (let id = 1; id < c.count; id++) {
    expect(sizes[id - 1]).toBeGreaterThanOrEqual(sizes[id]);
    if (sizes[id - 1] === sizes[id]) expect(first[id - 1]).toBeLessThan(first[id]);
  }
}

describe('detectClusters', () => {
  it.each([1, 2, 3, 4, 5, 42])(
    'puts each of two cliques joined by a weak edge in its own cluster (seed %i)',
    (seed) => {
      const { n, edges } = cliques([5, 5], 0.05);
      const { graph, papers } = graphOf(n, edges);
      const c = detectClusters(graph, papers, { resolution: 1, seed });
      expect(c.count).toBe(2);
      expect(new Set(c.membership.slice(0, 5)).size).toBe(1);
      expect(new Set(c.membership.slice(5)).size).toBe(1);
      expect(c.membership[0]).not.toBe(c.membership[5]);
    },
  );

  it('numbers clusters by size, largest first', () => {
    // Cliques of 3, 6 and 4 papers, in that order: the 6-clique must be cluster 0.
    const { n, edges } = cliques([3, 6, 4], 0.01);
    const { graph, papers } = graphOf(n, edges);
    const c = detectClusters(graph, papers, { resolution: 1, seed: 1 });
    expect([...c.membership]).toEqual([2, 2, 2, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expectRenumbered(c);
  });

  it('gives the same membership for the same seed, on a fresh graph each time', () => {
    const { n, edges } = plantedGraph(7, 60, 4);
    for (const seed of [1, 2, 3]) {
      const runs = [0, 1, 2].map(() => {
        const { graph, papers } = graphOf(n, edges);
        return detectClusters(graph, papers, { resolution: 1, seed });
      });
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
    }
  });

  it.each([
    { seed: 1, n: 30, groups: 3, resolution: 1 },
    { seed: 2, n: 60, groups: 4, resolution: 1 },
    { seed: 3, n: 60, groups: 4, resolution: 0.5 },
    { seed: 4, n: 60, groups: 4, resolution: 2 },
    { seed: 5, n: 90, groups: 6, resolution: 1.3 },
  ])(
    'reports the modularity of its partition (n=$n, resolution=$resolution)',
    ({ seed, n, groups, resolution }) => {
      const planted = plantedGraph(seed, n, groups);
      const { graph, papers } = graphOf(planted.n, planted.edges);
      const c = detectClusters(graph, papers, { resolution, seed });
      const { source, target, weight } = planted.edges;
      const fromEdges = modularityOf(c.membership, source, target, weight, resolution);
      const textbook = textbookModularity(n, planted.edges, c.membership, resolution);
      expect(c.modularity).toBeCloseTo(fromEdges, 9);
      expect(c.modularity).toBeCloseTo(textbook, 9);
      expect(c.modularity).toBeGreaterThan(0);
      expectRenumbered(c);
    },
  );

  it('finds the planted groups of a clear graph', () => {
    const planted = plantedGraph(11, 40, 4, 0.8, 0.02);
    const { graph, papers } = graphOf(planted.n, planted.edges);
    const c = detectClusters(graph, papers, { resolution: 1, seed: 1 });
    // Papers of one planted group (i mod 4) share a cluster, and groups do not share one.
    for (let i = 0; i < 40; i++) expect(c.membership[i]).toBe(c.membership[i % 4]);
    expect(new Set([0, 1, 2, 3].map((g) => c.membership[g])).size).toBe(4);
  });

  it('puts every paper alone when there are no edges, with modularity 0', () => {
    const { graph, papers } = graphOf(4, { source: [], target: [], weight: [] });
    const c = detectClusters(graph, papers, { resolution: 1, seed: 1 });
    expect([...c.membership]).toEqual([0, 1, 2, 3]);
    expect(c.count).toBe(4);
    expect(c.modularity).toBe(0);
  });

  it('gives nothing for no papers', () => {
    const c = detectClusters(new Graph({ type: 'undirected' }), 0, { resolution: 1, seed: 1 });
    expect(c.count).toBe(0);
    expect(c.membership).toHaveLength(0);
    expect(c.modularity).toBe(0);
  });

  it('keeps isolated papers as singleton clusters beside the real ones', () => {
    const { edges } = cliques([4, 4], 0.05);
    const { graph, papers } = graphOf(10, edges);
    const c = detectClusters(graph, papers, { resolution: 1, seed: 1 });
    expect(c.count).toBe(4);
    expect([...c.membership]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 3]);
    expect(c.modularity).toBeCloseTo(modularityOf(c.membership, edges.source, edges.target, edges.weight), 9);
  });
});

describe('modularityOf', () => {
  it.each([
    // label, n, edges, membership, resolution, expected
    ['no edges', 3, { source: [], target: [], weight: [] }, [0, 1, 2], 1, 0],
    ['one edge, one cluster', 2, { source: [0], target: [1], weight: [2] }, [0, 0], 1, 0],
    ['one edge, split', 2, { source: [0], target: [1], weight: [1] }, [0, 1], 1, -0.5],
    // Two disjoint edges, each its own cluster: 2 × (1/2 − (2/4)²) = 0.5.
    ['two components', 4, { source: [0, 2], target: [1, 3], weight: [1, 1] }, [0, 0, 1, 1], 1, 0.5],
    ['two components, γ=2', 4, { source: [0, 2], target: [1, 3], weight: [1, 1] }, [0, 0, 1, 1], 2, 0],
  ])('%s', (_label, n, edges, membership, resolution, expected) => {
    const q = modularityOf(membership, edges.source, edges.target, edges.weight, resolution);
    expect(q).toBeCloseTo(expected, 12);
    expect(q).toBeCloseTo(textbookModularity(n, edges, membership, resolution), 12);
  });

  it('equals the textbook formula for random partitions of a random graph', () => {
    const planted = plantedGraph(21, 35, 5);
    const rand = seededRandom(99);
    for (let trial = 0; trial < 20; trial++) {
      const membership = Array.from({ length: 35 }, () => Math.floor(rand() * 6));
      const resolution = 0.25 + rand() * 2;
      const { source, target, weight } = planted.edges;
      expect(modularityOf(membership, source, target, weight, resolution)).toBeCloseTo(
        textbookModularity(35, planted.edges, membership, resolution),
        9,
      );
    }
  });
});
