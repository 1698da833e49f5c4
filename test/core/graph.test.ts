import { describe, expect, it } from 'vitest';
import {
  type SimilarityEdges,
  selectEdges,
  sharedColumns,
  sharedTerms,
  toGraphology,
} from '../../src/core/graph';
import { type Neighbours, topNeighbours } from '../../src/core/similarity';
import { type CsrMatrix, rowDot } from '../../src/core/sparse';
import { pickBestDistinct, pickDistinct, sameFamily } from '../../src/core/terms';
import { randomMatrix } from './random-matrix';

interface Edge {
  source: number;
  target: number;
  weight: number;
  rank: number;
}

const edgeList = (edges: SimilarityEdges): Edge[] =>
  Array.from(edges.source, (source, e) => ({
    source,
    target: edges.target[e],
    weight: edges.weight[e],
    rank: edges.rank[e],
  }));

/** Where j stands in i's list (1 = nearest), within the first k; 0 when it is not there. */
function rankIn(nb: Neighbours, k: number, i: number, j: number): number {
  for (let r = 0; r < Math.min(k, nb.count[i]); r++) if (nb.index[i * nb.k + r] === j) return r + 1;
  return 0;
}

const CASES = [
  { seed: 1, n: 0, density: 0.1 },
  { seed: 2, n: 1, density: 0.5 },
  { seed: 3, n: 2, density: 0.5 },
  { seed: 4, n: 12, density: 0.05 },
  { seed: 5, n: 40, density: 0.08 },
  { seed: 6, n: 80, density: 0.2 },
];

describe('selectEdges', () => {
  it.each(CASES)('n=$n density=$density: undirected, unique, ranked, thresholded', ({ seed, n, density }) => {
    const m = randomMatrix(seed, n, 30, density);
    for (const k of [1, 2, 5]) {
      const nb = topNeighbours(m, k);
      for (const minSimilarity of [0, 0.1, 0.3, 0.9]) {
        const edges = edgeList(selectEdges(nb, { k, minSimilarity }));
        const seen = new Set<string>();
        let previous = -1;
        for (const edge of edges) {
          // source < target, sorted by (source, target): so no pair appears twice, in either direction.
          expect(edge.source).toBeLessThan(edge.target);
          const key = edge.source * n + edge.target;
          expect(key).toBeGreaterThan(previous);
          previous = key;
          seen.add(`${edge.source}-${edge.target}`);
          expect(edge.weight).toBe(rowDot(m, edge.source, edge.target));
          expect(edge.weight).toBeGreaterThan(0);
          // The better rank of the two ends.
          const fromSource = rankIn(nb, k, edge.source, edge.target);
          const fromTarget = rankIn(nb, k, edge.target, edge.source);
          const ranks = [fromSource, fromTarget].filter((r) => r > 0);
          expect(ranks.length).toBeGreaterThan(0);
          expect(edge.rank).toBe(Math.min(...ranks));
          // Below the threshold only as some end's nearest neighbour.
          if (edge.weight < minSimilarity) expect(fromSource === 1 || fromTarget === 1).toBe(true);
        }
        expect(seen.size).toBe(edges.length);

        // Every listed pair at or above the threshold, and every nearest one, is an edge.
        for (let i = 0; i < n; i++) {
          for (let r = 0; r < nb.count[i]; r++) {
            const j = nb.index[i * k + r];
            const s = nb.score[i * k + r];
            const want = s > 0 && (r === 0 || s >= minSimilarity);
            expect(seen.has(`${Math.min(i, j)}-${Math.max(i, j)}`) || !want).toBe(true);
          }
        }

        // No paper with a positive similarity to another is left isolated.
        const degree = new Int32Array(n);
        for (const edge of edges) {
          degree[edge.source]++;
          degree[edge.target]++;
        }
        for (let i = 0; i < n; i++) {
          let best = 0;
          for (let j = 0; j < n; j++) if (j !== i) best = Math.max(best, rowDot(m, i, j));
          expect(degree[i] > 0).toBe(best > 0);
        }
      }
    }
  });

  it('uses at most options.k neighbours of each list', () => {
    const m = randomMatrix(9, 30, 20, 0.3);
    const nb = topNeighbours(m, 6);
    for (const k of [1, 3, 6, 10]) {
      for (const edge of edgeList(selectEdges(nb, { k, minSimilarity: 0 }))) {
        expect(edge.rank).toBeLessThanOrEqual(Math.min(k, 6));
      }
    }
  });

  it('keeps each paper its nearest neighbour even when every similarity is below the threshold', () => {
    // Three papers in a chain a–b–c with weak links: at minSimilarity 0.99 only the nearest stay.
    const m: CsrMatrix = {
      rows: 3,
      cols: 3,
      rowPtr: Int32Array.from([0, 2, 4, 6]),
      colIdx: Int32Array.from([0, 1, 1, 2, 0, 2]),
      values: Float64Array.from([0.8, 0.6, 0.6, 0.8, 0.28, 0.96]),
    };
    const nb = topNeighbours(m, 2);
    const edges = edgeList(selectEdges(nb, { k: 2, minSimilarity: 0.99 }));
    // Nearest: 0 → 1 (0.36) beats 0 → 2 (0.224); 1 → 2 (0.768); 2 → 1 (0.768).
    expect(edges.map((e) => [e.source, e.target, e.rank])).toEqual([
      [0, 1, 1],
      [1, 2, 1],
    ]);
    // At 0, every listed pair is an edge; 0–2 is 2's second and 0's second: rank 2.
    expect(
      edgeList(selectEdges(nb, { k: 2, minSimilarity: 0 })).map((e) => [e.source, e.target, e.rank]),
    ).toEqual([
      [0, 1, 1],
      [0, 2, 2],
      [1, 2, 1],
    ]);
  });

  it('gives no edges for no papers or no shared terms', () => {
    const none = topNeighbours(randomMatrix(1, 0, 5, 0.5), 3);
    expect(selectEdges(none, { k: 3, minSimilarity: 0 }).source).toHaveLength(0);
    const apart: CsrMatrix = {
      rows: 2,
      cols: 2,
      rowPtr: Int32Array.from([0, 1, 2]),
      colIdx: Int32Array.from([0, 1]),
      values: Float64Array.from([1, 1]),
    };
    expect(selectEdges(topNeighbours(apart, 3), { k: 3, minSimilarity: 0 }).source).toHaveLength(0);
  });

  it('feeds toGraphology an undirected weighted graph with every paper', () => {
    const m = randomMatrix(7, 25, 20, 0.2);
    const edges = selectEdges(topNeighbours(m, 4), { k: 4, minSimilarity: 0.05 });
    const graph = toGraphology(25, edges);
    expect(graph.type).toBe('undirected');
    expect(graph.order).toBe(25);
    expect(graph.nodes()).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
    expect(graph.size).toBe(edges.source.length);
    for (const edge of edgeList(edges)) {
      expect(graph.getEdgeAttribute(String(edge.target), String(edge.source), 'weight')).toBe(edge.weight);
    }
  });
});

describe('sharedTerms', () => {
  const m = randomMatrix(11, 40, 25, 0.25);
  const columnsOf = (r: number): Map<number, number> => {
    const out = new Map<number, number>();
    for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) out.set(m.colIdx[p], m.values[p]);
    return out;
  };

  it('lists exactly the shared columns, largest contribution first, summing to the cosine', () => {
    let pairsWithTerms = 0;
    for (let a = 0; a < m.rows; a++) {
      for (let b = a + 1; b < m.rows; b++) {
        const ca = columnsOf(a);
        const cb = columnsOf(b);
        const shared = sharedTerms(m, a, b);
        const expected = [...ca.keys()].filter((c) => cb.has(c)).sort((x, y) => x - y);
        expect(shared.map((s) => s.column).sort((x, y) => x - y)).toEqual(expected);
        let sum = 0;
        shared.forEach((s, i) => {
          expect(s.contribution).toBe((ca.get(s.column) as number) * (cb.get(s.column) as number));
          if (i > 0) {
            const prev = shared[i - 1];
            expect(
              prev.contribution > s.contribution ||
                (prev.contribution === s.contribution && prev.column < s.column),
            ).toBe(true);
          }
          sum += s.contribution;
        });
        expect(sum).toBeCloseTo(rowDot(m, a, b), 12);
        // The same terms from either end.
        expect(sharedTerms(m, b, a)).toEqual(shared);
        if (shared.length > 0) pairsWithTerms++;
      }
    }
    expect(pairsWithTerms).toBeGreaterThan(50);
  });

  it('is empty for a paper with no terms', () => {
    for (let a = 0; a < m.rows; a++) {
      if (m.rowPtr[a + 1] === m.rowPtr[a]) {
        expect(sharedTerms(m, a, (a + 1) % m.rows)).toEqual([]);
        expect(sharedTerms(m, a, a)).toEqual([]);
      }
    }
  });
});

describe('pickDistinct: one form per word family', () => {
  const pick = (terms: string[], limit = 10): string[] => pickDistinct(terms, limit, (t) => t);

  it.each([
    [
      ['agent', 'agents', 'plan'],
      ['agent', 'plan'],
    ],
    [['agents', 'agent'], ['agents']],
    [
      ['fine', 'fine tune', 'model'],
      ['fine', 'model'],
    ],
    [
      ['fine tune', 'fine', 'tune', 'model'],
      ['fine tune', 'model'],
    ],
    [
      ['learn', 'learning', 'learner', 'graph'],
      ['learn', 'graph'],
    ],
    [
      ['reasoning', 'reason', 'chain think', 'think'],
      ['reasoning', 'chain think'],
    ],
    [
      ['llm', 'llm agent', 'agent'],
      ['llm', 'agent'],
    ],
    [['model merge', 'merge', 'model'], ['model merge']],
    [[], []],
  ])('%j → %j', (ranked, kept) => {
    expect(pick(ranked)).toEqual(kept);
  });

  it('never keeps two terms that share a word or a word prefix of 4+ letters', () => {
    const ranked = [
      'agent',
      'agents',
      'language model',
      'models',
      'model',
      'language',
      'fine tune',
      'fine',
      'tune',
      'chain think',
      'think',
      'thinking',
      'prompt',
      'prompting',
      'reward',
      'reward model',
    ];
    const kept = pick(ranked, 100);
    const words = kept.flatMap((t) => t.split(' '));
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        const [a, b] = [words[i], words[j]].sort((x, y) => x.length - y.length);
        expect(a === b || (a.length >= 4 && b.startsWith(a))).toBe(false);
      }
    }
    expect(kept).toEqual(['agent', 'language model', 'fine tune', 'chain think', 'prompt', 'reward']);
  });

  it('keeps the ranked order, stops at the limit, and returns the items themselves', () => {
    const items = [{ t: 'graph' }, { t: 'graphs' }, { t: 'kernel' }, { t: 'spectral' }, { t: 'walk' }];
    const kept = pickDistinct(items, 2, (x) => x.t);
    expect(kept).toEqual([items[0], items[2]]);
    expect(kept[0]).toBe(items[0]);
    expect(pickDistinct(items, 0, (x) => x.t)).toEqual([]);
    expect(pickDistinct(items, 10, (x) => x.t).map((x) => x.t)).toEqual([
      'graph',
      'kernel',
      'spectral',
      'walk',
    ]);
  });

  it.each([
    [['fine tune', 'tuning'], ['fine tune']],
    [['merge', 'merging', 'model merging'], ['merge']],
    [['generate', 'generating'], ['generate']],
  ])('treats a verb and its -ing form that drops the final e as one family: %j', (ranked, kept) => {
    // The lemmatizer leaves nominal -ing forms alone ("the tuning", "model merging"), so both reach here.
    expect(pick(ranked)).toEqual(kept);
  });

  it('keeps short words that only look alike (no 3-letter prefix family)', () => {
    expect(pick(['use', 'user', 'art', 'artist'])).toEqual(['use', 'user', 'art', 'artist']);
  });
});

describe('sharedColumns', () => {
  it('gives the shared columns in column order, leaving out hidden ones', () => {
    const m = randomMatrix(12, 30, 20, 0.3);
    const hidden = Uint8Array.from({ length: m.cols }, (_, c) => (c % 3 === 0 ? 1 : 0));
    const column = new Int32Array(m.cols);
    const contribution = new Float64Array(m.cols);
    for (let a = 0; a < m.rows; a++) {
      for (let b = 0; b < m.rows; b++) {
        if (a === b) continue;
        const count = sharedColumns(m, a, b, hidden, column, contribution);
        const expected = sharedTerms(m, a, b)
          .filter((s) => hidden[s.column] === 0)
          .sort((x, y) => x.column - y.column);
        expect(Array.from(column.subarray(0, count))).toEqual(expected.map((s) => s.column));
        expect(Array.from(contribution.subarray(0, count))).toEqual(expected.map((s) => s.contribution));
      }
    }
  });
});

describe('pickBestDistinct: pickDistinct without sorting everything', () => {
  const words = ['graph', 'graphs', 'kernel', 'kernels', 'tune', 'tuning', 'fine', 'model', 'merge', 'art'];
  const terms = [...words, ...words.flatMap((a) => words.map((b) => `${a} ${b}`))];
  const wordsOf = (c: number): readonly string[] => terms[c].split(' ');

  it('keeps what pickDistinct keeps from the list sorted by score (ties: lower column)', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 300; trial++) {
      const count = Math.floor(random() * 40);
      const picked = new Set<number>();
      while (picked.size < count) picked.add(Math.floor(random() * terms.length));
      const columns = [...picked];
      // Few distinct scores, so that ties are common.
      const scores = columns.map(() => Math.floor(random() * 6) / 5);
      const limit = Math.floor(random() * 6);
      const sorted = columns.map((c, i) => ({ c, s: scores[i] })).sort((x, y) => y.s - x.s || x.c - y.c);
      const expected = pickDistinct(sorted, limit, (x) => terms[x.c]).map((x) => x.c);
      const got = pickBestDistinct(
        Int32Array.from(columns),
        Float64Array.from(scores),
        count,
        limit,
        wordsOf,
      );
      expect(got).toEqual(expected);
    }
  });
});

describe('sameFamily', () => {
  it.each([
    ['tune', 'tuning', true],
    ['tuning', 'tune', true],
    ['graph', 'graphs', true],
    ['agent', 'agent', true],
    ['use', 'user', false],
    ['tune', 'tun', false],
    ['merge', 'mergx', true],
    ['merge', 'merg', true],
    ['kernel', 'graph', false],
  ])('%s, %s → %s', (a, b, expected) => {
    expect(sameFamily(a, b)).toBe(expected);
  });
});
