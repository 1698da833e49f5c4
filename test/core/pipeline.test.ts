import { readFileSync } from 'node:fs';
import Graph from 'graphology';
import { beforeAll, describe, expect, it } from 'vitest';
import { modularityOf } from '../../src/core/clusters';
import { mergeShards } from '../../src/core/corpus';
import { newPaper } from '../../src/core/parse/fields';
import { parseFiles } from '../../src/core/parse/index';
import { type BuildResult, buildGraph, DEFAULTS, type GraphOptions } from '../../src/core/pipeline';
import { stringifyGraph } from '../../src/core/serialize';
import { rowDot } from '../../src/core/sparse';
import { analyzeShard } from '../../src/core/text';
import { tfidf } from '../../src/core/tfidf';
import type { Paper, PapermapGraphJSON } from '../../src/core/types';

// The app's default data: 104 papers from a Hugging Face daily-papers page (see DESIGN.md).
const SOURCE = 'data/hf-papers-mar20.txt';
const bytes = new Uint8Array(readFileSync(new URL(`../../${SOURCE}`, import.meta.url)));
const parsed = await parseFiles([{ name: SOURCE, bytes }]);
const papers: Paper[] = parsed.papers;

const build = (options: Partial<GraphOptions> = {}): Promise<BuildResult> =>
  buildGraph({ papers, skipped: parsed.skipped, source: SOURCE }, options);

/**
 * Words of a surface term, folded for comparing forms of one word: lowercase, split at spaces and
 * hyphens, a plural "s" dropped.
 */
const wordsOf = (term: string): string[] =>
  term
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== '')
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));

/** Two forms of one word: equal once folded, or one a prefix (4+ letters) of the other. */
function sameWord(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short === long || (short.length >= 4 && long.startsWith(short));
}

/** Pairs of terms in `terms` that hold two forms of one word. */
function clashes(terms: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    for (let j = i + 1; j < terms.length; j++) {
      if (wordsOf(terms[i]).some((a) => wordsOf(terms[j]).some((b) => sameWord(a, b)))) {
        out.push(`${terms[i]} / ${terms[j]}`);
      }
    }
  }
  return out;
}

describe('buildGraph on the default data', () => {
  let result: BuildResult;
  let graph: PapermapGraphJSON;

  beforeAll(async () => {
    result = await build();
    graph = result.graph;
  });

  it('reads the 104 papers of the default file', () => {
    expect(papers).toHaveLength(104);
  });

  it('makes every paper a node, once, in input order', () => {
    expect(graph.nodes).toHaveLength(104);
    expect(graph.nodes.map((n) => n.attributes.title)).toEqual(papers.map((p) => p.title));
    expect(new Set(graph.nodes.map((n) => n.key)).size).toBe(104);
    expect(graph.attributes.stats.papers).toBe(104);
    expect(graph.attributes.stats.skipped).toEqual([]);
    expect(graph.attributes.source).toBe(SOURCE);
    expect(graph.attributes.format).toBe('papermap-graph');
    expect(graph.attributes.version).toBe(1);
  });

  it('finds 4 to 12 clusters with modularity ≥ 0.45', () => {
    const { stats, clusters } = graph.attributes;
    expect(stats.clusters).toBe(clusters.length);
    expect(clusters.length).toBeGreaterThanOrEqual(4);
    expect(clusters.length).toBeLessThanOrEqual(12);
    expect(stats.modularity).toBeGreaterThanOrEqual(0.45);
  });

  it('reports the modularity of the edges it wrote', () => {
    const index = new Map(graph.nodes.map((n, i) => [n.key, i]));
    const membership = graph.nodes.map((n) => n.attributes.cluster);
    const q = modularityOf(
      membership,
      graph.edges.map((e) => index.get(e.source) as number),
      graph.edges.map((e) => index.get(e.target) as number),
      graph.edges.map((e) => e.attributes.weight),
      graph.attributes.params.resolution,
    );
    // Edge weights are rounded to 4 digits in the JSON, the modularity too.
    expect(Math.abs(q - graph.attributes.stats.modularity)).toBeLessThan(1e-3);
  });

  it('gives every node an existing cluster, and cluster sizes add up to the papers', () => {
    const { clusters } = graph.attributes;
    expect(clusters.map((c) => c.id)).toEqual(clusters.map((_, i) => i));
    const counted = new Array<number>(clusters.length).fill(0);
    for (const node of graph.nodes) {
      expect(Number.isInteger(node.attributes.cluster)).toBe(true);
      expect(node.attributes.cluster).toBeGreaterThanOrEqual(0);
      expect(node.attributes.cluster).toBeLessThan(clusters.length);
      counted[node.attributes.cluster]++;
    }
    expect(clusters.map((c) => c.size)).toEqual(counted);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(104);
    // Largest first.
    for (let i = 1; i < counted.length; i++) expect(counted[i - 1]).toBeGreaterThanOrEqual(counted[i]);
  });

  it('names clusters with distinct terms: no two forms of one word in a label or term list', () => {
    for (const cluster of graph.attributes.clusters) {
      expect(cluster.label).not.toBe('');
      const labelTerms = cluster.label.split(' · ');
      expect(labelTerms).toEqual(cluster.terms.slice(0, labelTerms.length));
      expect(clashes(labelTerms)).toEqual([]);
      expect(clashes(cluster.terms)).toEqual([]);
      expect(cluster.color).toMatch(/^#[0-9a-f]{6}$/i);
    }
  });

  it('gives papers distinct terms too', () => {
    for (const node of graph.nodes) expect(node.attributes.terms.length).toBeGreaterThan(0);
    const found = graph.nodes
      .map((node) => ({ paper: node.key, clashes: clashes(node.attributes.terms) }))
      .filter((x) => x.clashes.length > 0);
    expect(found).toEqual([]);
  });

  it('leaves a paper isolated only when it shares no term with any other', () => {
    const degree = new Map(graph.nodes.map((n) => [n.key, 0]));
    for (const edge of graph.edges) {
      degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
      degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
    }
    const corpus = mergeShards([analyzeShard(papers, DEFAULTS)]);
    const m = tfidf(corpus, DEFAULTS);
    graph.nodes.forEach((node, i) => {
      if (degree.get(node.key) !== 0) return;
      for (let j = 0; j < m.rows; j++) if (j !== i) expect(rowDot(m, i, j)).toBe(0);
    });
  });

  it('writes edges between known nodes, once each, with weight, rank and non-empty terms', () => {
    const keys = new Set(graph.nodes.map((n) => n.key));
    const pairs = new Set<string>();
    expect(graph.edges.length).toBe(graph.attributes.stats.edges);
    expect(graph.edges.length).toBeGreaterThan(104);
    for (const edge of graph.edges) {
      expect(keys.has(edge.source)).toBe(true);
      expect(keys.has(edge.target)).toBe(true);
      expect(edge.source).not.toBe(edge.target);
      const pair = [edge.source, edge.target].sort().join('\n');
      expect(pairs.has(pair)).toBe(false);
      pairs.add(pair);
      const { weight, rank, terms } = edge.attributes;
      expect(weight).toBeGreaterThan(0);
      expect(weight).toBeLessThanOrEqual(1);
      expect(Number.isInteger(rank)).toBe(true);
      expect(rank).toBeGreaterThanOrEqual(1);
      expect(rank).toBeLessThanOrEqual(graph.attributes.params.k);
      expect(terms.length).toBeGreaterThan(0);
      expect(terms.length).toBeLessThanOrEqual(4);
      for (const term of terms) {
        expect(typeof term).toBe('string');
        expect(term.trim()).not.toBe('');
      }
    }
  });

  it('explains edges with distinct terms: no two forms of one word, no term shown twice', () => {
    const found = graph.edges
      .map((edge) => ({ edge: `${edge.source} – ${edge.target}`, clashes: clashes(edge.attributes.terms) }))
      .filter((x) => x.clashes.length > 0);
    expect(found).toEqual([]);
  });

  it('records every option used in params', () => {
    expect(graph.attributes.params).toEqual({ ...DEFAULTS });
  });

  it('writes text that parses back to the same graph JSON', () => {
    expect(JSON.parse(stringifyGraph(result.graph))).toEqual(graph);
    expect(stringifyGraph(result.graph).endsWith('\n')).toBe(true);
  });

  it('loads into graphology with every node, edge and attribute', () => {
    const json = JSON.parse(stringifyGraph(result.graph)) as PapermapGraphJSON;
    const loaded = Graph.from(json);
    expect(loaded.type).toBe('undirected');
    expect(loaded.multi).toBe(false);
    expect(loaded.order).toBe(json.nodes.length);
    expect(loaded.size).toBe(json.edges.length);
    expect(loaded.getAttributes()).toEqual(json.attributes);
    for (const node of json.nodes) expect(loaded.getNodeAttributes(node.key)).toEqual(node.attributes);
    for (const edge of json.edges) {
      // Undirected: the edge is found from either end.
      expect(loaded.getEdgeAttributes(edge.target, edge.source)).toEqual(edge.attributes);
    }

    const exported = loaded.export();
    expect(exported.options).toEqual(json.options);
    expect(exported.attributes).toEqual(json.attributes);
    expect(exported.nodes).toEqual(json.nodes);
    // graphology adds generated edge keys; everything else must be what we wrote.
    const strip = (edges: Array<{ source: string; target: string; attributes?: unknown }>) =>
      edges.map(({ source, target, attributes }) => ({ source, target, attributes }));
    expect(strip(exported.edges)).toEqual(strip(json.edges));
  });

  it('gives byte-identical text on a second run', async () => {
    const again = await build();
    expect(stringifyGraph(again.graph)).toBe(stringifyGraph(result.graph));
  });

  it('reflects seed and resolution in params and in the result', async () => {
    const seeded = await build({ seed: 7 });
    expect(seeded.graph.attributes.params.seed).toBe(7);
    expect(seeded.graph.attributes.params.resolution).toBe(1);
    // Same input, same edges: only the clustering may move.
    expect(seeded.graph.edges).toEqual(graph.edges);

    const coarse = await build({ resolution: 0.5 });
    const fine = await build({ resolution: 2 });
    expect(coarse.graph.attributes.params.resolution).toBe(0.5);
    expect(fine.graph.attributes.params.resolution).toBe(2);
    expect(fine.graph.attributes.stats.clusters).toBeGreaterThan(coarse.graph.attributes.stats.clusters);
  });
});

describe('buildGraph options', () => {
  it.each([
    { k: 0 },
    { k: 1.5 },
    { k: -1 },
    { minSimilarity: 2 },
    { minSimilarity: -0.1 },
    { minSimilarity: Number.NaN },
    { resolution: 0 },
    { seed: Number.POSITIVE_INFINITY },
    { maxDf: 0 },
    { titleWeight: -1 },
  ])('rejects %o with a RangeError starting "papermap:"', async (options) => {
    const run = buildGraph({ papers: papers.slice(0, 3) }, options);
    await expect(run).rejects.toBeInstanceOf(RangeError);
    await expect(run).rejects.toThrow(/^papermap: /);
  });

  it('leaves alone exactly the paper that shares no term, in a cluster of its own', async () => {
    const paper = (title: string, abstract: string, line: number): Paper =>
      newPaper(`test:${line}`, title, abstract);
    const input = [
      paper('Graph kernels for molecules', 'Graph kernels compare molecules by their substructures.', 1),
      paper('Molecule graph kernels', 'We learn graph kernels that compare molecules quickly.', 2),
      paper('Quantum annealing hardware', 'Superconducting qubits anneal lattice spin glasses.', 3),
    ];
    const { graph } = await buildGraph({ papers: input }, { minDf: 1, maxDf: 1 });
    expect(graph.edges.map((e) => [e.source, e.target].sort())).toEqual([
      [graph.nodes[0].key, graph.nodes[1].key].sort(),
    ]);
    const clusters = graph.nodes.map((n) => n.attributes.cluster);
    expect(clusters[0]).toBe(clusters[1]);
    expect(clusters[2]).not.toBe(clusters[0]);
    expect(graph.attributes.clusters.map((c) => c.size)).toEqual([2, 1]);
  });

  it('builds an empty graph from no papers', async () => {
    const { graph } = await buildGraph({ papers: [] });
    const text = stringifyGraph(graph);
    expect(graph.nodes).toEqual([]);
    expect(graph.edges).toEqual([]);
    expect(graph.attributes.stats.clusters).toBe(0);
    expect(Graph.from(JSON.parse(text)).order).toBe(0);
  });

  it('builds a one-paper graph with one cluster and no edges', async () => {
    const { graph } = await buildGraph({ papers: papers.slice(0, 1) });
    expect(graph.nodes).toHaveLength(1);
    expect(graph.edges).toEqual([]);
    expect(graph.attributes.clusters.map((c) => c.size)).toEqual([1]);
    expect(graph.nodes[0].attributes.cluster).toBe(0);
  });
});

describe('buildGraph on awkward inputs', () => {
  const paper = (title: string, abstract: string, origin: string): Paper => newPaper(origin, title, abstract);

  it('relates three papers that share terms (no share-based max-df cut in a tiny set)', async () => {
    const { graph } = await buildGraph({
      papers: [
        paper('Graph neural networks', 'Graph neural networks learn node representations.', 'a:1'),
        paper('Sparse graph attention', 'Graph attention networks with sparse neighbourhoods.', 'a:2'),
        paper('Dense retrieval', 'Dense retrieval of passages with dual encoders.', 'a:3'),
      ],
    });
    expect(graph.nodes).toHaveLength(3);
    expect(graph.edges.length).toBeGreaterThan(0);
    expect(graph.edges[0].attributes.terms).toContain('graph');
  });

  it('takes a 1 MB abstract in its stride: a node, related by its words', async () => {
    const words = ['graph', 'neural', 'network', 'attention', 'retrieval', 'sparse', 'training'];
    const huge = Array.from({ length: 150_000 }, (_, i) => words[(i * 3) % words.length]).join(' ');
    expect(huge.length).toBeGreaterThan(1_000_000);
    const { graph } = await buildGraph({
      papers: [
        paper('A very long abstract', huge, 'big:1'),
        paper('Graph neural networks', 'Graph neural network training with sparse attention.', 'big:2'),
        paper('Protein folding', 'Protein structures folded by molecular dynamics.', 'big:3'),
      ],
    });
    const text = stringifyGraph(graph);
    expect(graph.nodes.map((n) => n.attributes.title)).toContain('A very long abstract');
    const long = graph.nodes.find((n) => n.attributes.title === 'A very long abstract');
    expect(long?.attributes.abstract).toHaveLength(huge.length);
    expect(graph.edges.some((e) => e.source === long?.key || e.target === long?.key)).toBe(true);
    expect(JSON.parse(text)).toEqual(graph);
  });
});
