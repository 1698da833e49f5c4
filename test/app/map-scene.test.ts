/**
 * What the map derives from a view before drawing (`src/app/map/scene.ts`): edges in drawing
 * priority (every paper's nearest neighbour before anyone's second), the reuse of everything a
 * search or a selection does not change, and the region names of large clusters
 * (`src/app/regions.ts`).
 */
import { describe, expect, it } from 'vitest';
import { buildScene } from '../../src/app/map/scene';
import type { MapEdge, MapView } from '../../src/app/map/types';
import { clusterRegions } from '../../src/app/regions';
import type { ClusterInfo, PaperNodeAttributes } from '../../src/core/types';

function view(n: number, edges: MapEdge[], extra: Partial<MapView> = {}): MapView {
  return { visible: new Uint8Array(n).fill(1), edges, matches: null, selected: null, clusters: [], ...extra };
}

function scene(v: MapView, n: number) {
  return buildScene(v, new Int32Array(n), new Map([[0, 0]]), new Uint32Array(1));
}

describe('scene', () => {
  it('orders edges by rank, then by strength, whatever order they come in', () => {
    const edges: MapEdge[] = [
      { source: 0, target: 1, weight: 0.9, rank: 3 },
      { source: 1, target: 2, weight: 0.1, rank: 1 },
      { source: 2, target: 3, weight: 0.5, rank: 2 },
      { source: 3, target: 4, weight: 0.6, rank: 1 },
      { source: 4, target: 5, weight: 0.2, rank: 2 },
      { source: 5, target: 0, weight: 0.3 },
    ];
    const s = scene(view(6, edges), 6);
    const order = [...s.edgeOrder].map((e) => edges[e]);
    const ranks = order.map((e) => e.rank ?? 1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Within rank 1, the strongest first.
    const first = order.filter((e) => (e.rank ?? 1) === 1).map((e) => e.weight);
    expect(first).toEqual([...first].sort((a, b) => b - a));
    expect(new Set(s.edgeOrder).size).toBe(edges.length);
  });

  it('treats a missing or broken rank as rank 1', () => {
    const edges: MapEdge[] = [
      { source: 0, target: 1, weight: 0.5, rank: 4 },
      { source: 1, target: 2, weight: 0.5, rank: Number.NaN },
    ];
    expect([...scene(view(3, edges), 3).edgeOrder]).toEqual([1, 0]);
  });

  it('reuses the edge structures for a search or a selection, and builds them again for new edges', () => {
    const edges: MapEdge[] = [
      { source: 0, target: 1, weight: 0.5, rank: 1 },
      { source: 1, target: 2, weight: 0.4, rank: 1 },
    ];
    const base = view(3, edges);
    const nodeSlot = new Int32Array(3);
    const slots = new Map([[0, 0]]);
    const sizes = new Uint32Array(1);
    const first = buildScene(base, nodeSlot, slots, sizes);
    const matches = Uint8Array.from([1, 0, 0]);
    const searched = buildScene({ ...base, matches, selected: 2 }, nodeSlot, slots, sizes, first);
    expect(searched.adjStart).toBe(first.adjStart);
    expect(searched.matchCount).toBe(1);
    expect(searched.selected).toBe(2);
    const fresh = buildScene({ ...base, matches, selected: 2 }, nodeSlot, slots, sizes);
    expect({ ...searched, from: null }).toEqual({ ...fresh, from: null });
    const other = buildScene({ ...base, edges: edges.slice(1) }, nodeSlot, slots, sizes, first);
    expect(other.edgeCount).toBe(1);
  });
});

describe('regions', () => {
  // Two clusters: cluster 0 is two blobs far apart, about "alpha" on the left and "beta" on the right.
  const papers: PaperNodeAttributes[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const membership: number[] = [];
  for (let i = 0; i < 200; i++) {
    const left = i < 100;
    papers.push({
      title: `p${i}`,
      abstract: '',
      authors: [],
      year: null,
      url: null,
      doi: null,
      arxiv: null,
      cluster: 0,
      terms: ['shared topic', left ? 'alpha' : 'beta', i % 2 ? 'odd' : 'even'],
      x: (left ? -100 : 100) + (i % 10),
      y: Math.floor(i / 10) % 10,
    });
    x.push(papers[i].x);
    y.push(papers[i].y);
    membership.push(0);
  }
  for (let i = 0; i < 20; i++) {
    papers.push({ ...papers[0], cluster: 1, terms: ['small'], x: 500 + i, y: 0 });
    x.push(500 + i);
    y.push(0);
    membership.push(1);
  }
  const clusters: ClusterInfo[] = [
    { id: 0, label: 'shared topic', terms: ['shared topic'], size: 200, color: '#4477aa' },
    { id: 1, label: 'small', terms: ['small'], size: 20, color: '#ee3377' },
  ];

  it('splits a large cluster where its papers are, names each part by what sets it apart, and leaves small clusters whole', () => {
    const regions = clusterRegions(papers, Int32Array.from(membership), clusters, x, y);
    expect(regions.every((r) => r.cluster === 0)).toBe(true);
    const left = regions.filter((r) => r.x < 0);
    const right = regions.filter((r) => r.x > 0);
    expect(left.length).toBeGreaterThan(0);
    expect(right.length).toBeGreaterThan(0);
    expect(left.every((r) => r.label.startsWith('alpha'))).toBe(true);
    expect(right.every((r) => r.label.startsWith('beta'))).toBe(true);
    // The cluster's own name is never a region's name.
    expect(regions.some((r) => r.label.includes('shared topic'))).toBe(false);
    expect(regions.reduce((sum, r) => sum + r.size, 0)).toBe(200);
  });

  it('is the same every time', () => {
    const again = () => clusterRegions(papers, Int32Array.from(membership), clusters, x, y);
    expect(again()).toEqual(again());
  });
});
