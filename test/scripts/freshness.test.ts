import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFreshness, type FileStamp, judgeFreshness, stampTree } from '../../scripts/lib/freshness';

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

  it('is stale when an input is missing, so the builder gets to report it', async () => {
    await file('public/graph.json', 10, '{}');
    const result = await checkFreshness(join(dir, 'public/graph.json'), [join(dir, 'data.txt')]);
    expect(result).toEqual({ fresh: false, reason: `input missing: ${join(dir, 'data.txt')}` });
  });
});
