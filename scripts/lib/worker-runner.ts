/**
 * The shard pool (`src/core/shards`) on Node worker threads, one per core (at most `workers`). The
 * matrix goes to the workers in SharedArrayBuffers, so each reads it without a copy.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { ShardPool, type ShardPort, type ShardReply } from '../../src/core/shards';

/** Old-generation heap of a worker: several times what a text shard or the similarity search keeps live. */
const WORKER_HEAP_MB = 512;

function threadPort(): ShardPort {
  // The boot file registers the TypeScript loader in the worker, which then imports src/core as is.
  const worker = new Worker(new URL('./shard-worker-boot.mjs', import.meta.url), {
    // A bounded heap makes V8 collect garbage (wink's per-document arrays) instead of growing.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return {
    post: (task) => worker.postMessage(task),
    subscribe(onReply, onError) {
      const onMessage = (reply: ShardReply): void => onReply(reply);
      // A worker that stops by itself mid-task would otherwise leave its task waiting for ever.
      const onExit = (code: number): void =>
        onError(new Error(`papermap: a shard worker exited with code ${code}`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      return () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
    },
    terminate: async () => {
      await worker.terminate();
    },
  };
}

/**
 * V8's full collection, as `node --expose-gc` gives it: the flag set at run time takes effect in
 * contexts made after it, so a new context hands over its `gc`.
 */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export class WorkerRunner extends ShardPool {
  private readonly gc = exposeGc();

  constructor(workers = availableParallelism()) {
    super({ workers, spawn: threadPort, shareMemory: true, freshAfterText: true, freshAfterSearch: true });
  }

  collectGarbage(): void {
    this.gc();
  }
}
