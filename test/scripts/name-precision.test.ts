/** How well cluster names pick out their clusters: the share of members among the top |C| papers. */
import { describe, expect, it } from 'vitest';
import { clusterNamePrecision, labelTerms, namePrecision } from '../../scripts/lib/name-precision';
import { DEFAULTS } from '../../src/core/options';
import type { GraphParams, PapermapGraphJSON } from '../../src/core/types';

interface PaperSpec {
  title: string;
  abstract?: string;
  cluster: number;
}

/** A whole graph of `papers`, with the clusters' labels given by id (ids 0..labels.length-1). */
function graph(papers: PaperSpec[], labels: string[]): PapermapGraphJSON {
  const size = (id: number) => papers.filter((p) => p.cluster === id).length;
  return {
    options: { type: 'undirected', multi: false, allowSelfLoops: false },
    attributes: {
      format: 'papermap-graph',
      version: 1,
      source: 'test',
      params: { ...DEFAULTS } as GraphParams,
      stats: {
        papers: papers.length,
        edges: 0,
        clusters: labels.length,
        modularity: 0,
        vocabulary: 0,
        skipped: [],
      },
      clusters: labels.map((label, id) => ({
        id,
        label,
        terms: labelTerms(label),
        size: size(id),
        color: '#000000',
      })),
    },
    nodes: papers.map((p, i) => ({
      key: `p${i}`,
      attributes: {
        title: p.title,
        abstract: p.abstract ?? '',
        authors: [],
        year: null,
        url: null,
        doi: null,
        arxiv: null,
        pmid: null,
        cluster: p.cluster,
        terms: [],
        x: 0,
        y: 0,
      },
    })),
    edges: [],
  };
}

const precisions = (g: PapermapGraphJSON): number[] => clusterNamePrecision(g).map((c) => c.precision);

describe('labelTerms', () => {
  it.each<[string, string[]]>([
    ['chain-of-thought · prompting · reasoning', ['chain-of-thought', 'prompting', 'reasoning']],
    ['graph', ['graph']],
    ['  a ·  b  ', ['a', 'b']],
    // an empty part between two separators is dropped
    ['a ·  · b', ['a', 'b']],
    ['', []],
    // a placeholder name has no terms, but only exactly "cluster N"
    ['cluster 3', []],
    ['cluster 12', []],
    ['cluster', ['cluster']],
    ['cluster 3 · graphs', ['cluster 3', 'graphs']],
    ['clusters 3', ['clusters 3']],
    // the separator is " · " with its spaces
    ['a·b', ['a·b']],
  ])('%j → %j', (label, terms) => {
    expect(labelTerms(label)).toEqual(terms);
  });
});

describe('namePrecision', () => {
  it('scores 1 for names only their own papers contain', () => {
    const g = graph(
      [
        { title: 'Graph neural networks', abstract: 'for molecules', cluster: 0 },
        { title: 'A graph neural network', cluster: 0 },
        { title: 'Scaling', abstract: 'Graph Neural Networks at scale', cluster: 0 },
        { title: 'Diffusion models for images', cluster: 1 },
        { title: 'Image diffusion', cluster: 1 },
        { title: 'Diffusion', abstract: 'of images', cluster: 1 },
      ],
      ['graph neural network', 'diffusion · image'],
    );
    expect(precisions(g)).toEqual([1, 1]);
    expect(namePrecision(g)).toBe(1);
  });

  it('scores |C|/N for a name every paper contains', () => {
    // 2 members among 8 papers, all tied on one match: the top 2 hold 2·2/8 members
    const papers: PaperSpec[] = [0, 0, 1, 1, 1, 1, 1, 1].map((cluster, i) => ({
      title: `A framework number ${i}`,
      cluster,
    }));
    const g = graph(papers, ['framework', 'frameworks']);
    expect(precisions(g)[0]).toBeCloseTo(2 / 8, 12);
    expect(precisions(g)[1]).toBeCloseTo(6 / 8, 12);
  });

  it('scores |C|/N for a placeholder name', () => {
    const g = graph(
      [
        { title: 'graph', cluster: 0 },
        { title: 'graph', cluster: 1 },
        { title: 'graph', cluster: 1 },
      ],
      ['cluster 1', 'graph'],
    );
    expect(precisions(g)[0]).toBeCloseTo(1 / 3, 12);
  });

  it('shares a tie at the cut by expectation, and weights clusters by size', () => {
    const g = graph(
      [
        { title: 'Graph neural nets', abstract: 'Diffusion too.', cluster: 0 },
        { title: 'Neural graph models', cluster: 0 },
        { title: 'A graph study', cluster: 0 },
        { title: 'Protein folding', cluster: 0 },
        { title: 'Graph and neural diffusion', cluster: 1 },
        { title: 'Graph diffusion', cluster: 1 },
        { title: 'Neural diffusion', cluster: 1 },
        { title: 'Diffusion sampling', cluster: 1 },
        { title: 'Diffusion of heat', cluster: 1 },
        { title: 'Reinforcement learning', cluster: 1 },
      ],
      ['graph · neural', 'diffusion'],
    );
    // Cluster 0 (4 papers), matches per paper: p0 2, p1 2, p2 1, p3 0, p4 2, p5 1, p6 1, others 0.
    // Two matches: p0, p1, p4 (2 members) fill 3 places; the last place goes to the tie of
    // p2, p5, p6 (1 member): 1·1/3. Precision (2 + 1/3)/4 = 7/12.
    // Cluster 1 (6 papers): diffusion in p0, p4-p8 (5 members), 6 places: 5/6.
    const [c0, c1] = precisions(g);
    expect(c0).toBeCloseTo(7 / 12, 12);
    expect(c1).toBeCloseTo(5 / 6, 12);
    // Weighted by size: (4·7/12 + 6·5/6)/10 = 11/15, not the plain mean 17/24.
    expect(namePrecision(g)).toBeCloseTo(11 / 15, 12);
  });

  it('reports each cluster with its size and label, in the order of the graph, skipping empty ones', () => {
    const g = graph(
      [
        { title: 'graph', cluster: 2 },
        { title: 'image', cluster: 0 },
        { title: 'graph', cluster: 2 },
      ],
      ['image', 'nothing', 'graph'],
    );
    expect(clusterNamePrecision(g)).toEqual([
      { cluster: 0, size: 1, label: 'image', precision: 1 },
      { cluster: 2, size: 2, label: 'graph', precision: 1 },
    ]);
  });

  it('is 0 for a graph without papers', () => {
    expect(namePrecision(graph([], ['a']))).toBe(0);
  });

  describe('matching a term the way a reader searches', () => {
    /** Precision of cluster 0 named `label`: papers 0-1 are its members, 2-3 are not. */
    const score = (label: string, texts: [string, string, string, string]): number =>
      precisions(
        graph(
          texts.map((title, i) => ({ title, cluster: i < 2 ? 0 : 1 })),
          [label, 'other'],
        ),
      )[0];

    it('ignores case, accents, hyphens and inflection', () => {
      expect(
        score('Naïve Bayes', ['naive bayes classifiers', 'A NAIVE-BAYES model', 'trees', 'forests']),
      ).toBe(1);
      expect(score('fine-tuning', ['Fine-tuned LLMs', 'we fine tune models', 'trees', 'forests'])).toBe(1);
      expect(score('LMs', ['an LM', 'small LMs', 'trees', 'forests'])).toBe(1);
    });

    it('needs the words of a term in a row', () => {
      // p1 holds both words but apart: matches p0 only, then a tie of three with one member
      expect(score('graph neural', ['graph neural nets', 'neural graph', 'trees', 'forests'])).toBeCloseTo(
        (1 + 1 / 3) / 2,
        12,
      );
    });

    it('matches a term written as one word', () => {
      expect(score('pre-training', ['pretraining at scale', 'Pre-trained models', 'trees', 'forests'])).toBe(
        1,
      );
    });

    it('matches "finetuning" for "fine-tuning", the header\'s own example', () => {
      // Now fails: the term's words fold to "fin" + "tun" = "fintun", the one word to "finetun",
      // so p0 is missed and scores (1 + 1/3)/2 = 2/3.
      expect(
        score('fine-tuning', ['Finetuning LLMs', 'Fine-tuning language models', 'trees', 'forests']),
      ).toBe(1);
    });

    it('counts a term once however often the label repeats it', () => {
      // once: p0, p1, p2 tie on one match, 2 members: 2·2/3 members in 2 places → 2/3.
      // Counted twice, graph would put p2 (no member) first: (0 + 1)/2.
      const texts: [string, string, string, string] = ['neural', 'neural', 'graph', 'forests'];
      expect(score('graph · neural', texts)).toBeCloseTo(2 / 3, 12);
      expect(score('graph · Graph · neural', texts)).toBeCloseTo(2 / 3, 12);
    });
  });
});
