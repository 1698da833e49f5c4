import { describe, expect, it } from 'vitest';
import { newPaper } from '../../src/core/parse/fields';
import { buildGraph } from '../../src/core/pipeline';
import { extractTerms } from '../../src/core/text';

/** Words that name properties of every plain JavaScript object. */
const HOSTILE = ['constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '__proto__'];

describe('words that are names of object properties', () => {
  it('become ordinary terms', () => {
    const terms: string[] = [];
    extractTerms(`the constructors ${HOSTILE.join(' ')}`, false, 1, (term) => terms.push(term));
    expect(terms).toEqual([
      'constructor',
      'constructor',
      'tostring',
      'hasownproperty',
      'prototype',
      'valueof',
      'proto',
    ]);
  });

  it('link two papers that share only that word, and name papers and keys', async () => {
    // Each pair shares one hostile word and nothing else; filler words are each paper's own.
    const papers = HOSTILE.flatMap((word, w) =>
      [0, 1].map((side) =>
        newPaper(
          `hostile.jsonl:${2 * w + side + 1}`,
          side === 0 ? word : `${word} ${side}`,
          `${word} filler${w}x${side}a filler${w}x${side}b`,
        ),
      ),
    );
    const { graph } = await buildGraph({ papers });
    expect(graph.nodes).toHaveLength(papers.length);
    const byTitle = new Map(graph.nodes.map((node) => [node.attributes.title, node.key]));
    for (const word of HOSTILE) {
      const a = byTitle.get(word);
      const b = byTitle.get(`${word} 1`);
      const edge = graph.edges.find(
        (e) => (e.source === a && e.target === b) || (e.source === b && e.target === a),
      );
      expect(edge, word).toBeDefined();
      const term = word === '__proto__' ? 'proto' : word;
      expect(edge?.attributes.terms.map((t) => t.toLowerCase())).toContain(term.toLowerCase());
    }
  });

  it('builds a graph whose papers are keyed constructor, __proto__ and toString, linked to each other', async () => {
    const titles = ['A study of graphs', 'Constructor', '__proto__', 'toString', 'hasOwnProperty'];
    // Neighbours in a ring: paper i shares one word with paper i - 1 and one with paper i + 1.
    const papers = titles.map((title, i) =>
      newPaper(`keys.jsonl:${i + 1}`, title, `ring${i} ring${(i + 1) % titles.length} alone${i}`),
    );
    const { graph } = await buildGraph({ papers });
    const keys = graph.nodes.map((node) => node.key);
    expect(keys).toContain('constructor');
    expect(keys).toContain('tostring');
    expect(new Set(keys).size).toBe(titles.length);
    const constructorKey = graph.nodes.find((node) => node.attributes.title === 'Constructor')?.key;
    expect(graph.edges.some((e) => e.source === constructorKey || e.target === constructorKey)).toBe(true);
    for (const node of graph.nodes) expect(node.attributes.cluster).toBeGreaterThanOrEqual(0);
  });
});
