/**
 * A graph file that is not what it claims (src/app/load.ts, `checkGraph`): hand-damaged copies of a
 * real graph (40 papers of data/hf-papers-mar20.txt through the pipeline) are repaired, each kind
 * of repair told once with a count and the first record at fault, or refused with a GraphLoadError
 * naming the record. Whatever is accepted, the app's own code takes without throwing: `appData` and
 * Re-cluster (which builds a graphology graph, and graphology throws on a duplicate edge). Random mutations check that nothing else can happen.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appData } from '../../src/app/data';
import { type CheckedGraph, checkGraph, GraphLoadError, POSITION_LIMIT } from '../../src/app/load';
import { recluster } from '../../src/app/recluster';
import { parseFiles } from '../../src/core/parse';
import { buildGraph } from '../../src/core/pipeline';
import { seededRandom } from '../../src/core/random';
import type { PapermapGraphJSON, SerializedEdge, SerializedNode } from '../../src/core/types';

const NAME = 'damaged.json';

async function realGraph(): Promise<PapermapGraphJSON> {
  const bytes = new Uint8Array(readFileSync(new URL('../../data/hf-papers-mar20.txt', import.meta.url)));
  const { papers } = await parseFiles([{ name: 'data/hf-papers-mar20.txt', bytes }]);
  return (await buildGraph({ papers: papers.slice(0, 40), source: 'data/hf-papers-mar20.txt' })).graph;
}

const base = await realGraph();
const small = JSON.parse(
  readFileSync(new URL('../fixtures/graph-small.json', import.meta.url), 'utf8'),
) as PapermapGraphJSON;

/** The real graph with `change` made to a copy of it. */
function damaged(change: (graph: PapermapGraphJSON) => void): PapermapGraphJSON {
  const graph = structuredClone(base);
  change(graph);
  return graph;
}

/** A value as messages quote it: text in quotes, cut at 40 characters. */
const quoted = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

const key = (i: number): string => base.nodes[i].key;
const largestRank = base.edges.reduce((most, edge) => Math.max(most, edge.attributes.rank), 0);
const pairOf = (edge: SerializedEdge): string => [edge.source, edge.target].sort().join('\n');

/**
 * Everything the app relies on in a checked graph, then the app's own code on it: the data and a
 * re-clustering.
 */
function expectUsable(graph: PapermapGraphJSON): void {
  const keys = new Set<string>();
  for (const node of graph.nodes) {
    expect(typeof node.key).toBe('string');
    expect(keys.has(node.key), `key ${node.key} once`).toBe(false);
    keys.add(node.key);
    const { x, y } = node.attributes;
    const placed = [x, y].every((v) => Number.isFinite(v) && Math.abs(v) <= POSITION_LIMIT);
    expect(placed || (Number.isNaN(x) && Number.isNaN(y)), `position of ${node.key}`).toBe(true);
  }
  const pairs = new Set<string>();
  for (const edge of graph.edges) {
    expect(keys.has(edge.source) && keys.has(edge.target) && edge.source !== edge.target).toBe(true);
    const { weight, rank, terms } = edge.attributes;
    expect(weight > 0 && weight <= 1, `weight ${weight}`).toBe(true);
    expect(Number.isInteger(rank) && rank >= 1 && rank <= Math.max(graph.nodes.length, 1)).toBe(true);
    expect(Array.isArray(terms) && terms.every((term) => typeof term === 'string')).toBe(true);
    expect(pairs.has(pairOf(edge)), `pair ${edge.source} – ${edge.target} once`).toBe(false);
    pairs.add(pairOf(edge));
  }
  const data = appData(graph);
  expect(data.edges).toHaveLength(graph.edges.length);
  expect(data.maxK).toBeGreaterThanOrEqual(1);
  const reclustered = recluster(data, 1.5, 1);
  expect(reclustered.membership).toHaveLength(graph.nodes.length);
}

/** Checks `json`, and that the graph it gives is usable and checks again with nothing to repair. */
function check(json: unknown): CheckedGraph {
  const checked = checkGraph(json, NAME);
  expect(checked.name).toBe(NAME);
  expectUsable(checked.graph);
  const again = checkGraph(checked.graph, NAME);
  expect(again.repairs).toEqual([]);
  expect(again.graph).toBe(checked.graph);
  return checked;
}

function refusal(json: unknown): GraphLoadError {
  try {
    checkGraph(json, NAME);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphLoadError);
    return error as GraphLoadError;
  }
  throw new Error('the graph was not refused');
}

describe('a sound graph', () => {
  it.each([
    ['the real graph', base],
    ['test/fixtures/graph-small.json', small],
  ])('%s comes back as it is, with nothing to tell', (_name, graph) => {
    const snapshot = structuredClone(graph);
    const checked = check(graph);
    expect(checked.repairs).toEqual([]);
    expect(checked.graph).toBe(graph);
    expect(graph).toEqual(snapshot);
  });

  it('takes both coordinates NaN as "no position" (a repaired graph has them) without a repair', () => {
    const graph = damaged((g) => {
      for (const node of g.nodes) Object.assign(node.attributes, { x: Number.NaN, y: Number.NaN });
    });
    expect(check(graph)).toMatchObject({ graph, repairs: [] });
  });
});

describe('repairs', () => {
  const without = (...indices: number[]) => base.edges.filter((_, e) => !indices.includes(e));
  const withoutNode = (i: number) => base.nodes.filter((_, j) => j !== i);

  // case, damage, the repairs told, what the repaired graph is
  it.each<[string, (graph: PapermapGraphJSON) => void, string[], (graph: PapermapGraphJSON) => void]>([
    [
      'an edge without attributes',
      (g) => Reflect.deleteProperty(g.edges[3], 'attributes'),
      ['1 edge had no attributes (first: edges[3].attributes, nothing); it was left out.'],
      (g) => expect(g.edges).toEqual(without(3)),
    ],
    [
      'edges whose attributes are null, an array, text',
      (g) => {
        Object.assign(g.edges[4], { attributes: null });
        Object.assign(g.edges[9], { attributes: [] });
        Object.assign(g.edges[11], { attributes: 'weight 0.5' });
      },
      ['3 edges had no attributes (first: edges[4].attributes, null); they were left out.'],
      (g) => expect(g.edges).toEqual(without(4, 9, 11)),
    ],
    [
      'a weight that is text',
      (g) => Object.assign(g.edges[5].attributes, { weight: '0.4' }),
      [
        '1 edge had no usable weight, a similarity in (0, 1] (first: edges[5].attributes.weight, "0.4"); it was left out.',
      ],
      (g) => expect(g.edges).toEqual(without(5)),
    ],
    [
      'weights that are no similarity: 0, negative, 1.5, NaN, Infinity, null, missing',
      (g) => {
        [0, -0.2, 1.5, Number.NaN, Number.POSITIVE_INFINITY, null].forEach((weight, j) => {
          Object.assign(g.edges[10 + j].attributes, { weight });
        });
        Reflect.deleteProperty(g.edges[16].attributes, 'weight');
      },
      [
        '7 edges had no usable weight, a similarity in (0, 1] (first: edges[10].attributes.weight, number 0); they were left out.',
      ],
      (g) => expect(g.edges).toEqual(without(10, 11, 12, 13, 14, 15, 16)),
    ],
    [
      'weights a hair above 1 from rounding',
      (g) => {
        Object.assign(g.edges[6].attributes, { weight: 1.0000000000000002 });
        Object.assign(g.edges[7].attributes, { weight: 1 + 1e-7 });
      },
      [
        '2 edges had a weight a little above 1 (first: edges[6].attributes.weight, number 1.0000000000000002); they were set to 1.',
      ],
      (g) => {
        expect(g.edges.map((edge) => edge.attributes.weight)).toEqual(
          base.edges.map((edge, e) => (e === 6 || e === 7 ? 1 : edge.attributes.weight)),
        );
        expect(g.edges[6]).toEqual({
          ...base.edges[6],
          attributes: { ...base.edges[6].attributes, weight: 1 },
        });
      },
    ],
    [
      'an edge without a rank',
      (g) => Reflect.deleteProperty(g.edges[8].attributes, 'rank'),
      [
        `1 edge had no usable rank (first: edges[8].attributes.rank, nothing); it was given rank ${base.attributes.params.k}, the graph's k.`,
      ],
      (g) =>
        expect(g.edges[8].attributes).toEqual({
          ...base.edges[8].attributes,
          rank: base.attributes.params.k,
        }),
    ],
    [
      'ranks that are not whole numbers from 1 to the number of papers',
      (g) => {
        [0, 2.5, '3', -1, base.nodes.length + 1].forEach((rank, j) => {
          Object.assign(g.edges[20 + j].attributes, { rank });
        });
      },
      [
        `5 edges had no usable rank (first: edges[20].attributes.rank, number 0); they were given rank ${base.attributes.params.k}, the graph's k.`,
      ],
      (g) => {
        for (let e = 20; e < 25; e++) expect(g.edges[e].attributes.rank).toBe(base.attributes.params.k);
        expect(g.edges).toHaveLength(base.edges.length);
      },
    ],
    [
      'an edge without a rank in a graph without k',
      (g) => {
        Reflect.deleteProperty(g.attributes.params, 'k');
        Reflect.deleteProperty(g.edges[8].attributes, 'rank');
      },
      [
        `1 edge had no usable rank (first: edges[8].attributes.rank, nothing); it was given rank ${largestRank}, the largest rank in the file.`,
      ],
      (g) => expect(g.edges[8].attributes.rank).toBe(largestRank),
    ],
    [
      'an edge without shared terms',
      (g) => Reflect.deleteProperty(g.edges[2].attributes, 'terms'),
      ['1 edge had no list of shared terms (first: edges[2].attributes.terms, nothing); it shows none.'],
      (g) => expect(g.edges[2].attributes).toEqual({ ...base.edges[2].attributes, terms: [] }),
    ],
    [
      'shared terms that are not all text',
      (g) => Object.assign(g.edges[2].attributes, { terms: ['reasoning', 7, null, 'agents'] }),
      [
        '1 edge listed shared terms that are not text (first: edges[2].attributes.terms[1], number 7); those terms were dropped.',
      ],
      (g) => expect(g.edges[2].attributes.terms).toEqual(['reasoning', 'agents']),
    ],
    [
      'edges that name a paper the file does not have',
      (g) => {
        g.edges[17].target = 'no-such-paper';
        g.edges[30].source = 'arxiv:0000.00000';
      },
      [
        '2 edges named a paper the file does not have (first: edges[17].target, "no-such-paper"); they were left out.',
      ],
      (g) => expect(g.edges).toEqual(without(17, 30)),
    ],
    [
      'an edge whose source is a number',
      (g) => Object.assign(g.edges[3], { source: 12 }),
      ['1 edge did not name its papers by key (first: edges[3].source, number 12); it was left out.'],
      (g) => expect(g.edges).toEqual(without(3)),
    ],
    [
      'edges that are not records',
      (g) => {
        Object.assign(g.edges, { 0: null, 1: 'a-b' });
      },
      ['2 edges were not edge records (first: edges[0], null); they were left out.'],
      (g) => expect(g.edges).toEqual(without(0, 1)),
    ],
    [
      'an edge from a paper to itself',
      (g) => {
        g.edges[4].target = g.edges[4].source;
      },
      [
        `1 edge joined a paper to itself (first: edges[4], ${quoted(base.edges[4].source)}); it was left out.`,
      ],
      (g) => expect(g.edges).toEqual(without(4)),
    ],
    [
      'an edge given twice',
      (g) => g.edges.push(structuredClone(g.edges[12])),
      [
        `1 edge joined two papers an earlier edge joins (first: edges[${base.edges.length}], ${quoted(base.edges[12].source)} and ${quoted(base.edges[12].target)}, as edges[12]); only the first edge of each pair was kept.`,
      ],
      (g) => expect(g.edges).toEqual(base.edges),
    ],
    [
      'an edge given again the other way round, with another weight, before the first',
      (g) => {
        const { source, target, attributes } = g.edges[12];
        g.edges.splice(3, 0, { source: target, target: source, attributes: { ...attributes, weight: 0.9 } });
      },
      [
        `1 edge joined two papers an earlier edge joins (first: edges[13], ${quoted(base.edges[12].source)} and ${quoted(base.edges[12].target)}, as edges[3]); only the first edge of each pair was kept.`,
      ],
      (g) => {
        expect(g.edges).toHaveLength(base.edges.length);
        expect(g.edges[3]).toEqual({
          source: base.edges[12].target,
          target: base.edges[12].source,
          attributes: { ...base.edges[12].attributes, weight: 0.9 },
        });
      },
    ],
    [
      'an edge given twice whose first copy has no usable weight: the second is kept',
      (g) => {
        g.edges.push(structuredClone(g.edges[12]));
        Object.assign(g.edges[12].attributes, { weight: 'x' });
      },
      [
        '1 edge had no usable weight, a similarity in (0, 1] (first: edges[12].attributes.weight, "x"); it was left out.',
      ],
      (g) => expect(g.edges).toEqual([...without(12), base.edges[12]]),
    ],
    [
      'a paper given twice',
      (g) =>
        g.nodes.push({
          ...structuredClone(g.nodes[2]),
          attributes: { ...g.nodes[2].attributes, title: 'Another' },
        }),
      [
        `1 paper had the key of an earlier paper (first: nodes[${base.nodes.length}].key, ${quoted(key(2))}, the key of nodes[2]); only the first paper with each key was kept.`,
      ],
      (g) => expect(g).toEqual(base),
    ],
    [
      'papers given twice and three times, among others',
      (g) => {
        const copy = (i: number) => structuredClone(g.nodes[i]);
        g.nodes.splice(30, 0, copy(2));
        g.nodes.push(copy(5), copy(2));
      },
      [
        `3 papers had the key of an earlier paper (first: nodes[30].key, ${quoted(key(2))}, the key of nodes[2]); only the first paper with each key was kept.`,
      ],
      (g) => expect(g).toEqual(base),
    ],
    [
      'a paper at x = 1e308',
      (g) => Object.assign(g.nodes[12].attributes, { x: 1e308 }),
      [
        '1 paper had no usable position (first: nodes[12].attributes.x, number 1e+308); the map places it itself.',
      ],
      (g) => {
        expect(g.nodes[12]).toEqual({
          ...base.nodes[12],
          attributes: { ...base.nodes[12].attributes, x: Number.NaN, y: Number.NaN },
        });
        expect(g.nodes.filter((_, i) => i !== 12)).toEqual(withoutNode(12));
        expect(g.edges).toEqual(base.edges);
      },
    ],
    [
      'positions that are null, text, missing, infinite or far out, on either coordinate',
      (g) => {
        Object.assign(g.nodes[3].attributes, { y: 2 * POSITION_LIMIT });
        Object.assign(g.nodes[5].attributes, { x: null });
        Object.assign(g.nodes[6].attributes, { y: '12' });
        Reflect.deleteProperty(g.nodes[8].attributes, 'x');
        Object.assign(g.nodes[9].attributes, { x: Number.NEGATIVE_INFINITY });
        Object.assign(g.nodes[10].attributes, { x: Number.NaN, y: 4 });
      },
      [
        '6 papers had no usable position (first: nodes[3].attributes.y, number 2000000); the map places them itself.',
      ],
      (g) => {
        const unplaced = g.nodes.flatMap((node, i) => (Number.isNaN(node.attributes.x) ? [i] : []));
        expect(unplaced).toEqual([3, 5, 6, 8, 9, 10]);
        expect(unplaced.every((i) => Number.isNaN(g.nodes[i].attributes.y))).toBe(true);
      },
    ],
    [
      'the three at once: a weight that is text, an edge given twice, a paper at x = 1e308',
      (g) => {
        Object.assign(g.edges[5].attributes, { weight: 'heavy' });
        g.edges.push(structuredClone(g.edges[0]));
        Object.assign(g.nodes[12].attributes, { x: 1e308 });
      },
      [
        '1 paper had no usable position (first: nodes[12].attributes.x, number 1e+308); the map places it itself.',
        '1 edge had no usable weight, a similarity in (0, 1] (first: edges[5].attributes.weight, "heavy"); it was left out.',
        `1 edge joined two papers an earlier edge joins (first: edges[${base.edges.length}], ${quoted(base.edges[0].source)} and ${quoted(base.edges[0].target)}, as edges[0]); only the first edge of each pair was kept.`,
      ],
      (g) => {
        expect(g.edges).toEqual(without(5));
        expect(Number.isNaN(g.nodes[12].attributes.x)).toBe(true);
      },
    ],
  ])('%s', (_case, damage, repairs, expectGraph) => {
    const input = damaged(damage);
    const snapshot = structuredClone(input);
    const checked = check(input);
    expect(checked.repairs).toEqual(repairs);
    expectGraph(checked.graph);
    // The file's own objects are never changed.
    expect(input).toEqual(snapshot);
  });

  it('keeps the file’s objects where they were sound: only the repaired records are copies', () => {
    const input = damaged((g) => {
      Object.assign(g.nodes[12].attributes, { x: 1e308 });
      Reflect.deleteProperty(g.edges[8].attributes, 'rank');
    });
    const { graph } = check(input);
    expect(graph.nodes[12]).not.toBe(input.nodes[12]);
    expect(graph.nodes[11]).toBe(input.nodes[11]);
    expect(graph.edges[8]).not.toBe(input.edges[8]);
    expect(graph.edges[9]).toBe(input.edges[9]);
    expect(graph.attributes).toBe(input.attributes);
  });

  it('counts every record of a kind and names the first in file order', () => {
    const input = damaged((g) => {
      for (let e = 0; e < g.edges.length; e += 3) Reflect.deleteProperty(g.edges[e].attributes, 'rank');
      // Twins found in the order of their lower paper, told in the order of the file.
      g.edges.push(structuredClone(g.edges[40]), structuredClone(g.edges[1]));
    });
    const { repairs } = check(input);
    expect(repairs).toEqual([
      `2 edges joined two papers an earlier edge joins (first: edges[${base.edges.length}], ${quoted(base.edges[40].source)} and ${quoted(base.edges[40].target)}, as edges[40]); only the first edge of each pair was kept.`,
      `${Math.ceil(base.edges.length / 3)} edges had no usable rank (first: edges[0].attributes.rank, nothing); they were given rank ${base.attributes.params.k}, the graph's k.`,
    ]);
  });
});

describe('refusals name the record at fault', () => {
  // case, damage (or the whole file), the detail of the error
  it.each<[string, ((graph: PapermapGraphJSON) => void) | { file: unknown }, string]>([
    ['an array, not a graph', { file: [1, 2, 3] }, 'the file should be an object, found an array.'],
    ['null', { file: null }, 'the file should be an object, found null.'],
    [
      'another format',
      (g) => Object.assign(g.attributes, { format: 'gexf' }),
      'attributes.format should be "papermap-graph", found "gexf".',
    ],
    [
      'a newer version',
      (g) => Object.assign(g.attributes, { version: 2 }),
      'this page reads version 1 of the format, the file says number 2.',
    ],
    [
      'no params',
      (g) => Reflect.deleteProperty(g.attributes, 'params'),
      'attributes.params should be an object, found nothing.',
    ],
    [
      'nodes that are not a list',
      (g) => Object.assign(g, { nodes: {} }),
      'nodes should be an array, found an object.',
    ],
    [
      'no edges at all',
      (g) => Reflect.deleteProperty(g, 'edges'),
      'edges should be an array, found nothing.',
    ],
    [
      'a node that is null',
      (g) => Object.assign(g.nodes, { 2: null }),
      'nodes[2] should be an object, found null.',
    ],
    [
      'a key that is a number',
      (g) => Object.assign(g.nodes[4], { key: 7 }),
      'nodes[4].key should be a string, found number 7.',
    ],
    [
      'a paper without attributes',
      (g) => Reflect.deleteProperty(g.nodes[1], 'attributes'),
      'nodes[1].attributes should be an object, found nothing.',
    ],
    [
      'a paper without a title',
      (g) => Reflect.deleteProperty(g.nodes[2].attributes, 'title'),
      'nodes[2].attributes.title should be a string, found nothing.',
    ],
    [
      'an author that is a number',
      (g) => Object.assign(g.nodes[5].attributes, { authors: ['A. Author', 3] }),
      'nodes[5].attributes.authors[1] should be a string, found number 3.',
    ],
    [
      'terms that are text, not a list',
      (g) => Object.assign(g.nodes[6].attributes, { terms: 'agents' }),
      'nodes[6].attributes.terms should be an array, found "agents".',
    ],
    [
      'a year that is text',
      (g) => Object.assign(g.nodes[0].attributes, { year: '2024' }),
      'nodes[0].attributes.year should be a number, found "2024".',
    ],
    [
      'a url that is a number',
      (g) => Object.assign(g.nodes[0].attributes, { url: 1 }),
      'nodes[0].attributes.url should be a string, found number 1.',
    ],
    [
      'a cluster that is text',
      (g) => Object.assign(g.nodes[0].attributes, { cluster: '0' }),
      'nodes[0].attributes.cluster should be a number, found "0".',
    ],
    [
      'a paper in an unknown cluster',
      (g) => Object.assign(g.nodes[0].attributes, { cluster: 99 }),
      'nodes[0].attributes.cluster is 99, which is not in attributes.clusters.',
    ],
    [
      'a cluster id that is not a whole number',
      (g) => Object.assign(g.attributes.clusters[1], { id: 1.5 }),
      'attributes.clusters[1].id should be a whole number, found number 1.5.',
    ],
    [
      'a cluster id given twice',
      (g) => Object.assign(g.attributes.clusters[1], { id: g.attributes.clusters[0].id }),
      `attributes.clusters[1].id is ${base.attributes.clusters[0].id}, the id of attributes.clusters[0] too.`,
    ],
  ])('%s', (_case, damage, detail) => {
    const error = refusal('file' in damage ? damage.file : damaged(damage));
    expect(error.title).toBe(`${NAME} is not a papermap graph`);
    expect(error.detail).toBe(detail);
  });
});

// ---------------------------------------------------------------------------------------------
// Random mutations

type Json = Record<string, unknown>;

/** Values a damaged file may hold where another was expected (undefined: the field is deleted). */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  0.5,
  1,
  1 + 1e-9,
  1.5,
  2.5,
  7,
  1e308,
  -1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  '0.4',
  [],
  ['a'],
  [1, 'b'],
  {},
  true,
];

const FIELDS = {
  root: ['attributes', 'nodes', 'edges', 'options'],
  attributes: ['format', 'version', 'source', 'params', 'stats', 'clusters'],
  params: ['k', 'seed', 'resolution'],
  cluster: ['id', 'label', 'terms', 'size', 'color'],
  node: ['key', 'attributes'],
  paper: [
    'title',
    'abstract',
    'authors',
    'year',
    'url',
    'doi',
    'arxiv',
    'pmid',
    'cluster',
    'terms',
    'x',
    'y',
  ],
  edge: ['source', 'target', 'attributes', 'key'],
  similarity: ['weight', 'rank', 'terms'],
} as const;

const CHANGES = [
  ...['root', 'attributes', 'params', 'cluster', 'node', 'paper'],
  ...['position', 'position', 'edge', 'edge', 'edge', 'similarity', 'similarity', 'similarity'],
  ...['twice', 'twice', 'twice', 'replaced', 'replaced'],
] as const;

const recordOf = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null ? (value as Json) : null;
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** One random change to `graph` (which earlier changes may have made anything), described. */
function mutate(graph: Json, random: () => number): string {
  const index = (length: number): number => Math.floor(random() * length);
  const pick = <T>(items: readonly T[]): T => items[index(items.length)];
  const nodes = (): unknown[] => listOf(graph.nodes);
  const edges = (): unknown[] => listOf(graph.edges);
  const attributes = (): Json | null => recordOf(graph.attributes);
  /** `target[field]` set to an odd value, or a key of the graph, or deleted. */
  const set = (target: unknown, field: string): string => {
    const record = recordOf(target);
    if (record === null) return `nothing (no record for ${field})`;
    const keys = nodes().map((node) => recordOf(node)?.key);
    const value = random() < 0.15 && keys.length > 0 ? pick(keys) : pick(ODD_VALUES);
    if (value === undefined) Reflect.deleteProperty(record, field);
    else record[field] = structuredClone(value);
    return `${field} = ${typeof value === 'number' ? value : JSON.stringify(value)}`;
  };
  const item = (list: unknown[]): unknown => (list.length === 0 ? undefined : pick(list));
  // Weighted towards what a file can get wrong and still be shown: edges and positions.
  switch (pick(CHANGES)) {
    case 'root':
      return `root ${set(graph, pick(FIELDS.root))}`;
    case 'attributes':
      return `attributes ${set(attributes(), pick(FIELDS.attributes))}`;
    case 'params':
      return `params ${set(attributes()?.params, pick(FIELDS.params))}`;
    case 'cluster':
      return `cluster ${set(item(listOf(attributes()?.clusters)), pick(FIELDS.cluster))}`;
    case 'node':
      return `node ${set(item(nodes()), pick(FIELDS.node))}`;
    case 'paper':
      return `paper ${set(recordOf(item(nodes()))?.attributes, pick(FIELDS.paper))}`;
    case 'position':
      return `position ${set(recordOf(item(nodes()))?.attributes, pick(['x', 'y']))}`;
    case 'edge':
      return `edge ${set(item(edges()), pick(FIELDS.edge))}`;
    case 'similarity':
      return `similarity ${set(recordOf(item(edges()))?.attributes, pick(FIELDS.similarity))}`;
    case 'twice': {
      // A record given again (an edge maybe the other way round), or one taken out.
      const list = random() < 0.5 ? nodes() : edges();
      if (list.length === 0) return 'nothing (an empty list)';
      if (random() < 0.3) {
        list.splice(index(list.length), 1);
        return 'a record taken out';
      }
      const record = structuredClone(pick(list));
      const edge = recordOf(record);
      if (edge !== null && 'source' in edge && random() < 0.5) {
        [edge.source, edge.target] = [edge.target, edge.source];
      }
      list.splice(index(list.length + 1), 0, record);
      return 'a record given twice';
    }
    case 'replaced': {
      const list = random() < 0.2 ? nodes() : edges();
      if (list.length === 0) return 'nothing (an empty list)';
      const value = pick(ODD_VALUES);
      list[index(list.length)] = structuredClone(value);
      return `a record replaced by ${typeof value === 'number' ? value : JSON.stringify(value)}`;
    }
  }
}

describe('random mutations of a valid graph', () => {
  it('load with repairs into data the app uses, or are refused with a GraphLoadError; never anything else', () => {
    const outcomes = { sound: 0, repaired: 0, refused: 0 };
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const input = structuredClone(base) as unknown as Json;
      const changes = Array.from({ length: 1 + Math.floor(random() * 3) }, () => mutate(input, random));
      const snapshot = structuredClone(input);
      const what = `seed ${seed}: ${changes.join('; ')}`;
      let checked: CheckedGraph | null = null;
      try {
        checked = checkGraph(input, NAME);
      } catch (error) {
        expect(error, what).toBeInstanceOf(GraphLoadError);
        const { title, detail } = error as GraphLoadError;
        expect(title, what).toBe(`${NAME} is not a papermap graph`);
        // The detail starts with the place at fault.
        expect(detail, what).toMatch(/^(the file|attributes|nodes|edges|this page reads version 1)\b/);
        outcomes.refused++;
      }
      if (checked !== null) {
        try {
          expectUsable(checked.graph);
        } catch (error) {
          throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        }
        expect(checkGraph(checked.graph, NAME).repairs, what).toEqual([]);
        for (const repair of checked.repairs)
          expect(repair, what).toMatch(/^\d[\d,]* (edge|paper)s? .+ \(first: .+\); .+\.$/);
        outcomes[checked.repairs.length === 0 ? 'sound' : 'repaired']++;
      }
      expect(input, `${what}: the input is unchanged`).toEqual(snapshot);
    }
    // Each outcome happens often enough for the property to say something.
    expect(outcomes.repaired).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(30);
  }, 60_000);
});

describe('a graph of 45,000 papers and 168,000 edges', () => {
  it('is checked whole: twins across the list are found, a sound one comes back as it is', () => {
    const n = 45_000;
    const random = seededRandom(3);
    const nodes: SerializedNode[] = Array.from({ length: n }, (_, i) => ({
      key: `paper-${i}`,
      attributes: {
        ...base.nodes[i % base.nodes.length].attributes,
        x: random() * 4000 - 2000,
        y: random() * 4000 - 2000,
      },
    }));
    // Each paper joined to the ones 997, 1994, 2991 and 3988 places on: no pair twice.
    const edges: SerializedEdge[] = [];
    for (let step = 997; edges.length < 168_000; step += 997) {
      for (let i = 0; i < n && edges.length < 168_000; i++) {
        const attributes = { weight: 0.5, rank: 1 + (i % 5), terms: [] };
        edges.push({ source: `paper-${i}`, target: `paper-${(i + step) % n}`, attributes });
      }
    }
    const unique = new Set(edges.map(pairOf));
    expect(unique.size).toBe(edges.length);
    const graph: PapermapGraphJSON = { ...base, nodes, edges };
    expect(checkGraph(graph, NAME)).toEqual({ graph, name: NAME, repairs: [] });
    expect(checkGraph(graph, NAME).graph).toBe(graph);

    // The last edge given again the other way round, and the first paper's twin at the end.
    const last = edges[edges.length - 1];
    const twins: PapermapGraphJSON = {
      ...graph,
      nodes: [...nodes, nodes[0]],
      edges: [...edges, { ...last, source: last.target, target: last.source }],
    };
    const checked = checkGraph(twins, NAME);
    expect(checked.repairs).toEqual([
      `1 paper had the key of an earlier paper (first: nodes[${n}].key, "paper-0", the key of nodes[0]); only the first paper with each key was kept.`,
      `1 edge joined two papers an earlier edge joins (first: edges[${edges.length}], ${quoted(last.target)} and ${quoted(last.source)}, as edges[${edges.length - 1}]); only the first edge of each pair was kept.`,
    ]);
    expect(checked.graph.nodes).toEqual(nodes);
    expect(checked.graph.edges).toEqual(edges);
    expect(appData(checked.graph).edges).toHaveLength(edges.length);
  }, 60_000);
});
