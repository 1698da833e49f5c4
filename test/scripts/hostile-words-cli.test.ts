/**
 * `npm run graph` on a file whose titles and abstracts are made of words that name properties of
 * every plain JavaScript object: it exits 0, and the words are ordinary terms and keys.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/paths';
import type { PapermapGraphJSON } from '../../src/core/types';

const RECORDS = [
  // Linked to the next paper, which is keyed "constructor": the edge's target is that key.
  {
    title: 'Graph networks for molecules',
    abstract: 'The constructors of molecule graphs: prototype message passing.',
  },
  { title: 'Constructor', abstract: 'A constructor of molecule graphs, with prototype message passing.' },
  {
    title: '__proto__',
    abstract: 'The __proto__ of lattice spins: toString and valueOf of quantum annealing.',
  },
  { title: 'toString', abstract: 'toString, valueOf and hasOwnProperty of quantum lattice annealing.' },
  { title: 'hasOwnProperty', abstract: 'hasOwnProperty of ocean tides and toString of coastal flooding.' },
  { title: 'valueOf', abstract: 'valueOf of coastal ocean tides, hasOwnProperty and flooding.' },
];

describe('the graph command on words that name object properties', () => {
  const dir = mkdtempSync(join(tmpdir(), 'papermap-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and makes them ordinary keys and terms', () => {
    writeFileSync(join(dir, 'hostile.jsonl'), RECORDS.map((record) => JSON.stringify(record)).join('\n'));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/graph.ts', 'hostile.jsonl', '--out', 'x.json', '--quiet'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1', INIT_CWD: dir } },
    );
    expect(run.status, run.stderr).toBe(0);
    const graph = JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8')) as PapermapGraphJSON;
    expect(graph.nodes.map((node) => node.attributes.title)).toEqual(RECORDS.map((record) => record.title));
    const keyOf = new Map(graph.nodes.map((node) => [node.attributes.title, node.key]));
    expect(keyOf.get('Constructor')).toBe('constructor');
    expect(keyOf.get('toString')).toBe('tostring');

    const edgeTerms = (a: string, b: string): string[] | undefined =>
      graph.edges
        .find(
          (e) =>
            (e.source === keyOf.get(a) && e.target === keyOf.get(b)) ||
            (e.source === keyOf.get(b) && e.target === keyOf.get(a)),
        )
        ?.attributes.terms.map((term) => term.toLowerCase());
    // "constructors" and "constructor" are one term, which the two papers share.
    expect(edgeTerms('Graph networks for molecules', 'Constructor')).toContain('constructor');
    expect(edgeTerms('__proto__', 'toString')).toContain('tostring');
    expect(edgeTerms('hasOwnProperty', 'valueOf')).toContain('hasownproperty');
    // Every word of every paper's and edge's terms (a bigram is two words).
    const terms = [...graph.nodes, ...graph.edges]
      .flatMap((item) => item.attributes.terms)
      .flatMap((term) => term.toLowerCase().split(/[\s-]+/));
    for (const word of ['constructor', 'prototype', 'tostring', 'valueof', 'hasownproperty'])
      expect(terms, word).toContain(word);
    for (const node of graph.nodes)
      expect(graph.attributes.clusters.map((c) => c.id)).toContain(node.attributes.cluster);
  });
});
