import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BuildRecord,
  checkFreshness,
  type FileStamp,
  judgeFreshness,
  judgeRecord,
  stampTree,
} from '../../scripts/lib/freshness';
import type { GraphHeader } from '../../scripts/lib/graph-file';
import { cliGraphText } from './helpers';

const stamp = (path: string, mtimeMs: number, size = 10): FileStamp => ({ path, mtimeMs, size });

describe('judgeFreshness', () => {
  const data = stamp('data/papers.txt', 1_000);
  const code = stamp('src/core/tfidf.ts', 2_000);

  it.each([
    // name, output, inputs, missing, fresh, reason
    ['no output', null, [data, code], [], false, 'it does not exist yet'],
    ['empty output', stamp('out.json', 9_000, 0), [data, code], [], false, 'it is empty'],
    ['output newer than all', stamp('out.json', 3_000), [data, code], [], true, 'newer than its 2 inputs'],
    ['no inputs', stamp('out.json', 3_000), [], [], true, 'newer than its 0 inputs'],
    ['one input', stamp('out.json', 3_000), [data], [], true, 'newer than its 1 input'],
    [
      'code changed',
      stamp('out.json', 1_500),
      [data, code],
      [],
      false,
      'src/core/tfidf.ts changed since it was built',
    ],
    [
      'both changed, newest named',
      stamp('out.json', 500),
      [data, code],
      [],
      false,
      'src/core/tfidf.ts and 1 more file changed since it was built',
    ],
    [
      'input as new as output',
      stamp('out.json', 1_000),
      [data],
      [],
      false,
      'data/papers.txt changed since it was built',
    ],
    [
      'input missing',
      stamp('out.json', 3_000),
      [code],
      ['data/papers.txt'],
      false,
      'input missing: data/papers.txt',
    ],
  ] as const)('%s', (_name, output, inputs, missing, fresh, reason) => {
    expect(judgeFreshness(output, inputs, missing)).toEqual({ fresh, reason });
  });

  it('names the newest changed input whatever the input order', () => {
    const output = stamp('out.json', 100);
    const inputs = [stamp('a', 300), stamp('b', 500), stamp('c', 200), stamp('d', 50)];
    for (const order of [inputs, [...inputs].reverse()]) {
      expect(judgeFreshness(output, order).reason).toBe('b and 2 more files changed since it was built');
    }
  });
});

describe('judgeRecord', () => {
  const asked: BuildRecord = {
    source: 'refs.bib, scopus.csv',
    params: { k: 5, minSimilarity: 0.05, bigrams: true },
  };
  const built = (source: string, params: Record<string, number | boolean | string>): GraphHeader => ({
    format: 'papermap-graph',
    source,
    params: params as GraphHeader['params'],
  });

  it.each([
    // name, recorded, fresh, reason
    ['nothing recorded', null, false, 'it does not record what it was built from'],
    [
      'same source and options',
      built('refs.bib, scopus.csv', { k: 5, minSimilarity: 0.05, bigrams: true }),
      true,
      'built from the same source with the same options',
    ],
    [
      'options in another order, and one the build did not ask about',
      built('refs.bib, scopus.csv', { bigrams: true, seed: 9, minSimilarity: 0.05, k: 5 }),
      true,
      'built from the same source with the same options',
    ],
    [
      'other files',
      built('refs.bib', { k: 5, minSimilarity: 0.05, bigrams: true }),
      false,
      'it was built from "refs.bib", not "refs.bib, scopus.csv"',
    ],
    [
      'the same files in another order',
      built('scopus.csv, refs.bib', { k: 5, minSimilarity: 0.05, bigrams: true }),
      false,
      'it was built from "scopus.csv, refs.bib", not "refs.bib, scopus.csv"',
    ],
    [
      'one option differs',
      built('refs.bib, scopus.csv', { k: 3, minSimilarity: 0.05, bigrams: true }),
      false,
      'it was built with k = 3, not 5',
    ],
    [
      'a boolean differs',
      built('refs.bib, scopus.csv', { k: 5, minSimilarity: 0.05, bigrams: false }),
      false,
      'it was built with bigrams = false, not true',
    ],
    [
      'two options differ, the first named',
      built('refs.bib, scopus.csv', { k: 8, minSimilarity: 0.1, bigrams: true }),
      false,
      'it was built with k = 8, not 5 (and 1 more option)',
    ],
    [
      'an option not recorded',
      built('refs.bib, scopus.csv', { k: 5, bigrams: true }),
      false,
      'it was built with minSimilarity = not recorded, not 0.05',
    ],
    [
      'a number recorded as a string',
      built('refs.bib, scopus.csv', { k: '5', minSimilarity: 0.05, bigrams: true }),
      false,
      'it was built with k = "5", not 5',
    ],
  ] as const)('%s', (_name, recorded, fresh, reason) => {
    expect(judgeRecord(recorded, asked)).toEqual({ fresh, reason });
  });
});

describe('checkFreshness on disk', () => {
  let dir = '';
  const at = (seconds: number) => new Date(Date.UTC(2024, 2, 20, 12, 0, seconds));
  const file = async (path: string, seconds: number, content = 'x') => {
    const full = join(dir, path);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, content);
    await utimes(full, at(seconds), at(seconds));
    return full;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'papermap-freshness-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks directories recursively, in a stable order, and reports missing inputs', async () => {
    await file('core/b.ts', 1);
    await file('core/a.ts', 2);
    await file('core/nested/c.ts', 3);
    const { stamps, missing } = await stampTree([join(dir, 'core'), join(dir, 'nope.txt')]);
    expect(stamps.map((s) => s.path.slice(dir.length + 1))).toEqual([
      'core/a.ts',
      'core/b.ts',
      'core/nested/c.ts',
    ]);
    expect(missing).toEqual([join(dir, 'nope.txt')]);
  });

  it('is stale when the output is missing, fresh after it is written, stale after an input changes', async () => {
    const data = await file('data.txt', 1);
    await file('core/parse.ts', 2);
    const inputs = [data, join(dir, 'core')];
    const output = join(dir, 'public/graph.json');

    expect(await checkFreshness(output, inputs)).toEqual({ fresh: false, reason: 'it does not exist yet' });

    await file('public/graph.json', 10, '{}');
    expect(await checkFreshness(output, inputs)).toEqual({ fresh: true, reason: 'newer than its 2 inputs' });

    const changed = await file('core/nested/louvain.ts', 20);
    expect(await checkFreshness(output, inputs)).toEqual({
      fresh: false,
      reason: `${changed} changed since it was built`,
    });
  });

  it('with a record asked for, is stale when the graph on disk records other options or none', async () => {
    const data = await file('data.txt', 1);
    const graph = (params: Record<string, number>) => cliGraphText('data.txt', params);
    const output = await file('graph.json', 10, graph({ k: 5 }));
    const asked = { source: 'data.txt', params: { k: 5 } };
    expect(await checkFreshness(output, [data], asked)).toEqual({
      fresh: true,
      reason: 'newer than its 1 input, built from the same source with the same options',
    });
    await file('graph.json', 10, graph({ k: 3 }));
    expect(await checkFreshness(output, [data], asked)).toEqual({
      fresh: false,
      reason: 'it was built with k = 3, not 5',
    });
    await file('graph.json', 10, '[{"title": "papers, not a graph"}]');
    expect(await checkFreshness(output, [data], asked)).toEqual({
      fresh: false,
      reason: 'it does not record what it was built from',
    });
    // Times are looked at first: a changed input is named even when the record differs too.
    await file('data.txt', 20);
    expect((await checkFreshness(output, [data], asked)).reason).toBe(`${data} changed since it was built`);
  });

  it('is stale when an input is missing, so the builder gets to report it', async () => {
    await file('public/graph.json', 10, '{}');
    const result = await checkFreshness(join(dir, 'public/graph.json'), [join(dir, 'data.txt')]);
    expect(result).toEqual({ fresh: false, reason: `input missing: ${join(dir, 'data.txt')}` });
  });
});
