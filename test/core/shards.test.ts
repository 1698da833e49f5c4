/**
 * The shard protocol and its pool (`src/core/shards`), over in-process ports: results equal the
 * stages run directly whatever the number of workers, progress adds up to the work, workers are
 * made lazily and stopped when asked, and a failed task or a lost worker rejects instead of hanging.
 */
import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../src/core/layout';
import { newPaper } from '../../src/core/parse/fields';
import { buildGraph } from '../../src/core/pipeline';
import {
  inProcessPort,
  inProcessRunner,
  ShardPool,
  type ShardPort,
  type ShardReply,
  type ShardTask,
} from '../../src/core/shards';
import { mergeNeighbours, topNeighbours } from '../../src/core/similarity';
import { analyzeShard, type TextInput } from '../../src/core/text';
import { randomMatrix } from './random-matrix';

const OPTIONS = { titleWeight: 1, bigrams: true };
const SEARCH = { candidateMaxDf: 8, candidates: 20 };

const DOCS: TextInput[] = Array.from({ length: 23 }, (_, i) => ({
  title: `Graph ${i % 3 === 0 ? 'neural networks' : 'kernel methods'} for paper ${i}`,
  abstract: `We study chain-of-thought prompting and fine-tuning of language models (LLMs) on task ${i % 5}. Results improve.`,
}));
const SHARDS: TextInput[][] = [DOCS.slice(0, 7), DOCS.slice(7, 12), DOCS.slice(12, 20), DOCS.slice(20)];

/** An in-process port that also records what was posted to it and whether it was stopped. */
function recordingPort(log: { posted: ShardTask[]; terminated: number }): ShardPort {
  const port = inProcessPort();
  return {
    post(task) {
      log.posted.push(task);
      port.post(task);
    },
    subscribe: (onReply, onError) => port.subscribe(onReply, onError),
    terminate() {
      log.terminated++;
      return port.terminate();
    },
  };
}

describe('ShardPool', () => {
  it.each([1, 2, 3, 8])(
    'analyze with %i workers gives each shard its own terms, in shard order',
    async (workers) => {
      const pool = new ShardPool({ workers, spawn: inProcessPort, shareMemory: false });
      const seen: number[] = [];
      const results = await pool.analyze(SHARDS, OPTIONS, (done) => seen.push(done));
      expect(results).toEqual(SHARDS.map((docs) => analyzeShard(docs, OPTIONS)));
      // Progress only grows and ends at the number of documents.
      expect(seen.at(-1)).toBe(DOCS.length);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    },
  );

  it.each([
    [1, 1],
    [2, 3],
    [3, 2],
    [4, 7],
  ])('neighbours with %i workers over %i shards merge to the unsharded search', async (workers, shards) => {
    const m = randomMatrix(7, 61, 40, 0.15);
    const pool = new ShardPool({ workers, spawn: inProcessPort, shareMemory: false });
    let rows = 0;
    const parts = await pool.neighbours(m, 4, { shards, ...SEARCH }, (done) => {
      rows = done;
    });
    expect(parts).toHaveLength(shards);
    expect(mergeNeighbours(parts)).toEqual(topNeighbours(m, 4, SEARCH));
    expect(rows).toBe(m.rows);
  });

  it('shares the matrix through SharedArrayBuffers only when asked, with the same result', async () => {
    const results = [];
    for (const shareMemory of [true, false]) {
      const m = randomMatrix(3, 30, 25, 0.2);
      const log = { posted: [] as ShardTask[], terminated: 0 };
      const pool = new ShardPool({ workers: 2, spawn: () => recordingPort(log), shareMemory });
      results.push(mergeNeighbours(await pool.neighbours(m, 3, { shards: 2, ...SEARCH }, () => {})));
      for (const task of log.posted) {
        if (task.task !== 'neighbours') throw new Error('expected a neighbours task');
        const { csc, common } = task.index;
        const buffers = [
          task.matrix.rowPtr,
          task.matrix.values,
          csc.colPtr,
          csc.rowIdx,
          common.ptr,
          common.value,
        ];
        for (const array of buffers) expect(array.buffer instanceof SharedArrayBuffer).toBe(shareMemory);
        // Every worker reads one copy of the matrix, shared or not, and the caller holds that copy.
        expect(task.matrix).toBe((log.posted[0] as typeof task).matrix);
        expect(task.matrix.colIdx).toBe(m.colIdx);
        // And one index, built once for every shard.
        expect(task.index).toBe((log.posted[0] as typeof task).index);
      }
    }
    expect(results[0]).toEqual(results[1]);
  });

  it('makes workers on first use, no more than asked, and stops them after text when told to', async () => {
    const log = { posted: [] as ShardTask[], terminated: 0 };
    let spawned = 0;
    const spawn = () => {
      spawned++;
      return recordingPort(log);
    };
    const pool = new ShardPool({ workers: 3, spawn, shareMemory: false, freshAfterText: true });
    expect(spawned).toBe(0);
    await pool.analyze(SHARDS, OPTIONS, () => {});
    expect(spawned).toBe(3);
    expect(log.terminated).toBe(3);
    await pool.analyze(SHARDS.slice(0, 1), OPTIONS, () => {});
    expect(spawned).toBe(4);
    const ids = log.posted.map((task) => task.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts every worker at once when warmed, has each load the text stage, and then reuses them', async () => {
    const log = { posted: [] as ShardTask[], terminated: 0 };
    let spawned = 0;
    const pool = new ShardPool({
      workers: 2,
      spawn: () => {
        spawned++;
        return recordingPort(log);
      },
      shareMemory: false,
    });
    pool.warm();
    expect(spawned).toBe(2);
    expect(log.posted.map((task) => task.task)).toEqual(['load-text', 'load-text']);
    await pool.analyze(SHARDS, OPTIONS, () => {});
    expect(spawned).toBe(2);
    await pool.close();
    expect(log.terminated).toBe(2);
  });

  it('rejects a task that fails in the worker with the worker’s message', async () => {
    const pool = new ShardPool({ workers: 1, spawn: inProcessPort, shareMemory: false });
    // Not an array of documents: the shard throws inside the worker, which answers with the error.
    const docs = [null] as unknown as TextInput[];
    await expect(pool.analyze([docs], OPTIONS, () => {})).rejects.toThrow(
      /^papermap shard analyze: TypeError/,
    );
  });

  it('rejects every waiting task when a worker is lost, and ignores replies to other tasks', async () => {
    let lose: (error: Error) => void = () => {};
    let answer: (reply: ShardReply) => void = () => {};
    const port: ShardPort = {
      post() {},
      subscribe(onReply, onError) {
        answer = onReply;
        lose = onError;
        return () => {};
      },
      terminate() {},
    };
    const pool = new ShardPool({ workers: 1, spawn: () => port, shareMemory: false });
    const pending = pool.analyze(SHARDS.slice(0, 1), OPTIONS, () => {});
    answer({ id: 999, error: 'not this task' });
    lose(new Error('worker ran out of memory'));
    await expect(pending).rejects.toThrow('worker ran out of memory');
  });
});

describe('inProcessRunner', () => {
  it('is the pool with one in-process worker', async () => {
    const m = randomMatrix(11, 40, 30, 0.2);
    expect(inProcessRunner.shards).toBe(1);
    expect(
      mergeNeighbours(await inProcessRunner.neighbours(m, 5, { shards: 3, ...SEARCH }, () => {})),
    ).toEqual(topNeighbours(m, 5, SEARCH));
    expect(await inProcessRunner.analyze(SHARDS, OPTIONS, () => {})).toEqual(
      SHARDS.map((docs) => analyzeShard(docs, OPTIONS)),
    );
  });
});

describe('ShardPool.layout', () => {
  it('lays out as layoutGraph does, reports papers placed, and stops its worker when told to', async () => {
    const log = { posted: [] as ShardTask[], terminated: 0 };
    const pool = new ShardPool({ workers: 2, spawn: () => recordingPort(log), freshAfterSearch: true });
    const membership = Int32Array.from({ length: 40 }, (_, i) => i % 3);
    const source = Int32Array.from({ length: 39 }, (_, i) => i);
    const target = Int32Array.from({ length: 39 }, (_, i) => i + 1);
    const weight = new Float64Array(39).fill(0.5);
    const input = {
      n: 40,
      membership,
      clusters: 3,
      edges: { source, target, weight },
      radius: new Float64Array(40).fill(2),
    };
    const placed: number[] = [];
    const result = await pool.layout(input, { seed: 3 }, (done) => placed.push(done));
    expect(result).toEqual(layoutGraph(input, { seed: 3 }));
    expect(placed.at(-1)).toBe(40);
    expect(log.posted.map((task) => task.task)).toEqual(['layout']);
    expect(log.terminated).toBe(1);
  });
});

describe('collectGarbage', () => {
  it('is asked for after TF-IDF lets the text shards go, and after the layout, before the graph JSON', async () => {
    const events: string[] = [];
    const pool = new ShardPool({ workers: 2, spawn: inProcessPort, shareMemory: false });
    const runner = Object.assign(pool, { collectGarbage: () => events.push('collect') });
    const papers = DOCS.map((doc, i) => newPaper(`papers.jsonl:${i + 1}`, doc.title, doc.abstract));
    await buildGraph(
      { papers },
      {},
      ({ stage, done }) => {
        if (done === 0) events.push(stage);
      },
      runner,
    );
    expect(events.filter((e) => e === 'collect')).toHaveLength(2);
    expect(events.indexOf('collect')).toBe(events.indexOf('tfidf') + 1);
    expect(events[events.indexOf('collect') + 1]).toBe('similarity');
    expect(events.lastIndexOf('collect')).toBeGreaterThan(events.indexOf('layout'));
    expect(events[events.lastIndexOf('collect') + 1]).toBe('serialize');
  });
});
