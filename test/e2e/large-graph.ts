/**
 * A field-sized graph made up for the tests, seeded: papers in clusters laid out as the pipeline
 * lays them (compact patches with space between), titles and abstracts drawn from a vocabulary
 * with words particular to each cluster, each paper's k nearest neighbours mostly inside its
 * cluster. Building the real 45,000-paper graph takes the pipeline a minute; this takes a second
 * and has the same shape where the app is concerned (sizes, degrees, labels, positions).
 */
import { clusterColors } from '../../src/core/palette';
import { DEFAULTS } from '../../src/core/pipeline';
import { seededRandom } from '../../src/core/random';
import type { PapermapGraphJSON, SerializedEdge, SerializedNode } from '../../src/core/types';

export interface SyntheticOptions {
  papers: number;
  clusters: number;
  /** Neighbours per paper. */
  k: number;
  seed: number;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'tor', 'vex', 'sa', 'ri', 'qu', 'ben', 'dal', 'fin', 'gor', 'hu'];

function word(random: () => number, syllables: number): string {
  let out = '';
  for (let s = 0; s < syllables; s++) out += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return out;
}

/** The word only paper `unique.index`'s abstract has, for search tests. */
export const UNIQUE_WORD = 'zyxquartzine';

export function syntheticGraph(options: SyntheticOptions): { graph: PapermapGraphJSON; uniqueKey: string } {
  const { papers: n, clusters: count, k, seed } = options;
  const random = seededRandom(seed);
  const common = Array.from({ length: 1500 }, () => word(random, 3));
  const topical = Array.from({ length: count }, () =>
    Array.from({ length: 30 }, () => word(random, 2) + word(random, 2)),
  );
  // Cluster sizes from a Zipf-like law, as real fields have: a few large, many small.
  const weights = Array.from({ length: count }, (_, c) => 1 / (c + 2) ** 0.7);
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(20, Math.floor((w / total) * n)));
  let assigned = sizes.reduce((a, b) => a + b, 0);
  for (let c = 0; assigned !== n; c = (c + 1) % count) {
    const step = assigned < n ? 1 : sizes[c] > 20 ? -1 : 0;
    sizes[c] += step;
    assigned += step;
  }
  const membership = new Int32Array(n);
  const start: number[] = [];
  let at = 0;
  sizes.forEach((size, c) => {
    start.push(at);
    membership.fill(c, at, at + size);
    at += size;
  });

  // Clusters as discs on a spiral, a gap between them; papers on a sunflower in their disc.
  const golden = Math.PI * (3 - Math.sqrt(5));
  const spacing = 9;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let used = 0;
  sizes.forEach((size, c) => {
    const radius = spacing * Math.sqrt(size) * 0.55;
    const distance = c === 0 ? 0 : Math.sqrt(used / Math.PI) + radius + 4 * spacing;
    const cx = distance * Math.cos(c * 2.4);
    const cy = distance * Math.sin(c * 2.4);
    used += Math.PI * (radius + 4 * spacing) ** 2;
    for (let r = 0; r < size; r++) {
      const rr = spacing * 0.55 * Math.sqrt(r + 0.5);
      x[start[c] + r] = Math.round((cx + rr * Math.cos(r * golden)) * 10) / 10;
      y[start[c] + r] = Math.round((cy + rr * Math.sin(r * golden)) * 10) / 10;
    }
  });

  const keys = Array.from({ length: n }, (_, i) => `synthetic-${i}`);
  const uniqueIndex = Math.floor(n * 0.37);
  const nodes: SerializedNode[] = keys.map((key, i) => {
    const c = membership[i];
    const topic = topical[c];
    const pick = (list: readonly string[], m: number): string[] =>
      Array.from({ length: m }, () => list[Math.floor(random() * list.length)]);
    const words = [...pick(topic, 12), ...pick(common, 40)];
    if (i === uniqueIndex) words.push(UNIQUE_WORD);
    return {
      key,
      attributes: {
        title: `${pick(topic, 2).join(' ')} ${pick(common, 4).join(' ')} (paper ${i})`,
        abstract: `${words.join(' ')}.`,
        authors: [`Author ${i % 997}`],
        year: 2015 + (i % 10),
        url: null,
        doi: null,
        arxiv: null,
        cluster: c,
        terms: pick(topic, 5),
        x: x[i],
        y: y[i],
      },
    };
  });

  // Neighbours: the next papers of the sunflower (near on the map), and now and then a paper of
  // the next cluster, so clusters are related.
  const edges: SerializedEdge[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const c = membership[i];
    for (let rank = 1; rank <= k; rank++) {
      let j: number;
      if (random() < 0.08 && count > 1) {
        const other = (c + 1) % count;
        j = start[other] + Math.floor(random() * sizes[other]);
      } else {
        j = start[c] + ((i - start[c] + rank + Math.floor(random() * 8)) % sizes[c]);
      }
      if (j === i) continue;
      const pair = i < j ? `${i} ${j}` : `${j} ${i}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
      edges.push({
        source: keys[i],
        target: keys[j],
        attributes: {
          weight: Math.round((0.6 - 0.1 * rank + 0.1 * random()) * 1000) / 1000,
          rank,
          terms: [topical[c][rank % 30]],
        },
      });
    }
  }

  const index = new Map(keys.map((key, i) => [key, i]));
  const colors = clusterColors(membership, count, {
    source: edges.map((edge) => index.get(edge.source) ?? 0),
    target: edges.map((edge) => index.get(edge.target) ?? 0),
    weight: edges.map((edge) => edge.attributes.weight),
  });
  const graph: PapermapGraphJSON = {
    options: { type: 'undirected', multi: false, allowSelfLoops: false },
    attributes: {
      format: 'papermap-graph',
      version: 1,
      source: `synthetic ${n} papers`,
      params: { ...DEFAULTS, k, seed },
      stats: { papers: n, edges: edges.length, clusters: count, modularity: 0.8, vocabulary: 0, skipped: [] },
      clusters: sizes.map((size, c) => ({
        id: c,
        label: `${topical[c][0]} · ${topical[c][1]} · ${topical[c][2]}`,
        terms: topical[c].slice(0, 8),
        size,
        color: colors[c],
      })),
    },
    nodes,
    edges,
  };
  return { graph, uniqueKey: keys[uniqueIndex] };
}
