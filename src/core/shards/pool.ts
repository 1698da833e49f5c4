/**
 * A ShardRunner over a pool of workers, whatever they run on: the pool spreads shards over
 * `workers` ports (made on first use by `spawn`), relays their progress, and gathers results in
 * shard order, so the output is the same whatever the number of workers. The Node CLI gives it
 * `worker_threads`, the browser Web Workers, and `inProcessRunner` a port that runs tasks in place.
 */
import type { LayoutResult } from '../layout';
import { type Neighbours, searchIndex } from '../similarity';
import type { ArrayMaker, CsrMatrix } from '../sparse';
import type { ShardTerms } from '../text';
import type { ShardPort, ShardResult, ShardTask } from './protocol';
import type { ShardRunner } from './runner';

export interface ShardPoolOptions {
  /** How many workers (and similarity shards) at most; at least 1. */
  workers: number;
  /** Makes worker `index` (called once per worker, on first use). */
  spawn: (index: number) => ShardPort;
  /**
   * Put the matrix in SharedArrayBuffers once, so every worker reads the same memory. Without it
   * each worker gets its own copy (structured clone): the only way in a browser page that is not
   * cross-origin isolated, and no cost at all for an in-process port. Default: `canShareMemory()`.
   */
  shareMemory?: boolean;
  /**
   * Stop the workers once the text stage is done: a worker's heap keeps the size its vocabulary grew
   * to, and new workers start small. Worth a restart in long CLI runs; default false. (Starting the
   * new ones at once, to load while the main thread weighs the terms, raised the peak memory by
   * up to 150 MB at 44,904 papers for no time measurably saved.)
   */
  freshAfterText?: boolean;
  /**
   * Stop the workers once the neighbour search is done, and once the layout is done (the last task
   * of a build): the stages after each then run without their heaps. Default false.
   */
  freshAfterSearch?: boolean;
}

/**
 * Input size (bytes of the files) from which a home starts its workers before parsing, so that their
 * start-up (loading the pipeline's code and wink's model) overlaps it: below it the pipeline
 * likely runs in-process (one text shard, under 2,500 papers) and the workers would start for nothing.
 */
export const WARM_INPUT_BYTES = 1 << 20;

/** Whether SharedArrayBuffer can be posted to workers here (a browser page must be cross-origin isolated). */
export function canShareMemory(): boolean {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer === 'function' && scope.crossOriginIsolated !== false;
}

function shared<T extends Int32Array | Float64Array>(array: T): T {
  const buffer = new SharedArrayBuffer(array.byteLength);
  const copy = new (array.constructor as { new (b: SharedArrayBuffer): T })(buffer);
  copy.set(array);
  return copy;
}

const SHARED_ARRAYS: ArrayMaker = {
  int32: (length) => new Int32Array(new SharedArrayBuffer(4 * length)),
  float64: (length) => new Float64Array(new SharedArrayBuffer(8 * length)),
};

export class ShardPool implements ShardRunner {
  readonly shards: number;
  private readonly ports: ShardPort[] = [];
  private readonly spawn: (index: number) => ShardPort;
  private readonly shareMemory: boolean;
  private readonly freshAfterText: boolean;
  private readonly freshAfterSearch: boolean;
  private nextId = 0;

  constructor(options: ShardPoolOptions) {
    this.shards = Math.max(1, Math.floor(options.workers) || 1);
    this.spawn = options.spawn;
    this.shareMemory = options.shareMemory ?? canShareMemory();
    this.freshAfterText = options.freshAfterText ?? false;
    this.freshAfterSearch = options.freshAfterSearch ?? false;
  }

  private port(index: number): ShardPort {
    while (this.ports.length <= index) this.ports.push(this.spawn(this.ports.length));
    return this.ports[index];
  }

  /**
   * Starts every worker now and has it load the text stage, so that they are ready (scripts and
   * wink's model loaded) by the time the text tasks come.
   */
  warm(): void {
    for (let w = 0; w < this.shards; w++) this.port(w).post({ id: this.nextId++, task: 'load-text' });
  }

  /** Runs one task on worker `index`; `onProgress` gets the units done since its last call. */
  private run<T extends ShardResult>(
    index: number,
    task: ShardTask,
    onProgress: (delta: number) => void,
  ): Promise<T> {
    const port = this.port(index);
    return new Promise<T>((resolve, reject) => {
      const unsubscribe = port.subscribe(
        (reply) => {
          if (reply.id !== task.id) return;
          if ('progress' in reply) {
            onProgress(reply.progress);
            return;
          }
          unsubscribe();
          if ('error' in reply) reject(new Error(`papermap shard ${task.task}: ${reply.error}`));
          else resolve(reply.result as T);
        },
        (error) => {
          unsubscribe();
          reject(error);
        },
      );
      port.post(task);
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
    if (this.freshAfterText) await this.close();
    return results;
  }

  async neighbours(...[m, k, search, onRows]: Parameters<ShardRunner['neighbours']>): Promise<Neighbours[]> {
    const { shards, candidateMaxDf, candidates } = search;
    if (this.shareMemory) {
      // Moved, not copied: the caller's matrix now holds the shared arrays (the same values), so
      // the process keeps one copy of them rather than two.
      m.rowPtr = shared(m.rowPtr);
      m.colIdx = shared(m.colIdx);
      m.values = shared(m.values);
    }
    const matrix: CsrMatrix = {
      rows: m.rows,
      cols: m.cols,
      rowPtr: m.rowPtr,
      colIdx: m.colIdx,
      values: m.values,
    };
    const index = this.shareMemory
      ? searchIndex(matrix, candidateMaxDf, SHARED_ARRAYS)
      : searchIndex(matrix, candidateMaxDf);
    let done = 0;
    const progress = (delta: number): void => {
      done += delta;
      onRows(done);
    };
    const results = await Promise.all(
      Array.from({ length: shards }, (_, shard) =>
        this.run<Neighbours>(
          shard % this.shards,
          {
            id: this.nextId++,
            task: 'neighbours',
            matrix,
            index,
            k,
            shard,
            shards,
            candidates,
          },
          progress,
        ),
      ),
    );
    if (this.freshAfterSearch) await this.close();
    return results;
  }

  async layout(...[input, options, onPapers]: Parameters<ShardRunner['layout']>): Promise<LayoutResult> {
    let done = 0;
    const result = await this.run<LayoutResult>(
      0,
      { id: this.nextId++, task: 'layout', input, options },
      (delta) => {
        done += delta;
        onPapers(done);
      },
    );
    if (this.freshAfterSearch) await this.close();
    return result;
  }

  /** Stops every worker; the next task starts new ones. */
  async close(): Promise<void> {
    const ports = this.ports.splice(0);
    await Promise.all(ports.map((port) => port.terminate()));
  }
}
