/**
 * A ShardRunner backed by Node worker threads, one per core (at most `workers`). The matrix is put
 * in SharedArrayBuffers once so every worker reads it without a copy.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ShardRunner } from '../../src/core/pipeline';
import type { Neighbours } from '../../src/core/similarity';
import { type CscIndex, type CsrMatrix, toCsc } from '../../src/core/sparse';
import type { ShardTerms } from '../../src/core/text';
import type { ShardTask } from './shard-worker';

/** Old-generation heap of a worker: several times what a text shard or the similarity search keeps live. */
const WORKER_HEAP_MB = 512;

type Reply = { id: number; progress?: number; result?: unknown; error?: string };

function shared<T extends Int32Array | Float64Array>(array: T): T {
  const buffer = new SharedArrayBuffer(array.byteLength);
  const copy = new (array.constructor as { new (b: SharedArrayBuffer): T })(buffer);
  copy.set(array);
  return copy;
}

export class WorkerRunner implements ShardRunner {
  readonly shards: number;
  private readonly pool: Worker[] = [];
  private nextId = 0;

  constructor(workers = availableParallelism()) {
    this.shards = Math.max(1, workers);
  }

  private worker(index: number): Worker {
    while (this.pool.length <= index) {
      // The boot file registers the TypeScript loader in the worker, which then imports src/core as is.
      this.pool.push(
        new Worker(new URL('./shard-worker-boot.mjs', import.meta.url), {
          // A bounded heap makes V8 collect garbage (wink's per-document arrays) instead of growing.
          resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
        }),
      );
    }
    return this.pool[index];
  }

  private run<T>(index: number, task: ShardTask, onProgress: (delta: number) => void): Promise<T> {
    const worker = this.worker(index);
    return new Promise<T>((resolve, reject) => {
      const onMessage = (reply: Reply): void => {
        if (reply.id !== task.id) return;
        if (reply.progress !== undefined) {
          onProgress(reply.progress);
          return;
        }
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (reply.error !== undefined) reject(new Error(reply.error));
        else resolve(reply.result as T);
      };
      const onError = (error: Error): void => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(task);
    });
  }

  async analyze(...[shards, options, onDocs]: Parameters<ShardRunner['analyze']>): Promise<ShardTerms[]> {
    let done = 0;
    const progress = (delta: number): void => {
      done += delta;
      onDocs(done);
    };
    const results = await Promise.all(
      shards.map((docs, s) =>
        this.run<ShardTerms>(
          s % this.shards,
          { id: this.nextId++, task: 'analyze', docs, options },
          progress,
        ),
      ),
    );
    // A worker's heap keeps the size its vocabulary grew to; new workers start small.
    await this.close();
    return results;
  }

  neighbours(...[m, k, search, onRows]: Parameters<ShardRunner['neighbours']>): Promise<Neighbours[]> {
    const { shards, candidateMaxDf, candidates } = search;
    const matrix: CsrMatrix = {
      rows: m.rows,
      cols: m.cols,
      rowPtr: shared(m.rowPtr),
      colIdx: shared(m.colIdx),
      values: shared(m.values),
    };
    // The inverted index is built once here and shared too, not once per worker.
    const index = toCsc(matrix);
    const csc: CscIndex = {
      colPtr: shared(index.colPtr),
      rowIdx: shared(index.rowIdx),
      values: shared(index.values),
      entryPos: shared(index.entryPos),
    };
    let done = 0;
    const progress = (delta: number): void => {
      done += delta;
      onRows(done);
    };
    return Promise.all(
      Array.from({ length: shards }, (_, shard) =>
        this.run<Neighbours>(
          shard % this.shards,
          {
            id: this.nextId++,
            task: 'neighbours',
            matrix,
            csc,
            k,
            shard,
            shards,
            candidateMaxDf,
            candidates,
          },
          progress,
        ),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.pool.map((worker) => worker.terminate()));
    this.pool.length = 0;
  }
}
