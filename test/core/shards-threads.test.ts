/**
 * The shard pool on Node worker threads (`scripts/lib/worker-runner.ts`, the CLI's adapter): the
 * same graph, byte for byte, as the pipeline run in-process, with one worker or two, on 3,000 real
 * arXiv records (two text shards and a sharded similarity search).
 */

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerRunner } from '../../scripts/lib/worker-runner';
import { parseFiles } from '../../src/core/parse/index';
import { buildGraph, inProcessRunner, type ShardRunner } from '../../src/core/pipeline';
import { stringifyGraph } from '../../src/core/serialize';

// The first 6,000 records of the arXiv RSS set of the shared data (see test/fixtures/data/README.md).
const lines = gunzipSync(
  readFileSync(new URL('../fixtures/data/arxiv-rss-first6000.jsonl.gz', import.meta.url)),
)
  .toString('utf8')
  .split('\n')
  .slice(0, 3000);
const NAME = 'arxiv-first3000.jsonl';
const parsed = await parseFiles([{ name: NAME, bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) }]);

const runners: WorkerRunner[] = [];
afterAll(async () => {
  for (const runner of runners) await runner.close();
});

async function build(runner: ShardRunner): Promise<string> {
  let textDone = 0;
  const result = await buildGraph(
    { papers: parsed.papers, skipped: parsed.skipped, source: NAME },
    {},
    (p) => {
      if (p.stage === 'text') textDone = p.done;
    },
    runner,
  );
  expect(textDone).toBe(parsed.papers.length);
  return stringifyGraph(result.graph);
}

describe('WorkerRunner (worker_threads)', () => {
  it('builds the same bytes as the in-process runner, with one worker or two', {
    timeout: 120_000,
  }, async () => {
    expect(parsed.papers.length).toBe(3000);
    const reference = await build(inProcessRunner);
    for (const workers of [1, 2]) {
      const runner = new WorkerRunner(workers);
      runners.push(runner);
      expect(runner.shards).toBe(workers);
      expect(await build(runner)).toBe(reference);
    }
  });
});
