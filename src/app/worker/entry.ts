/**
 * The app's one worker script, in two roles. The page starts it to build a map (a `BuildRequest`);
 * that build worker starts more copies of this same script as its shard workers (shard tasks),
 * so the pipeline's code is downloaded and compiled once.
 */
import {
  inProcessRunner,
  runShardTask,
  ShardPool,
  type ShardRunner,
  type ShardTask,
  WARM_INPUT_BYTES,
} from '../../core/shards';
import { runBuild } from './build';
import type { BuildMessage, BuildRequest } from './protocol';
import { webWorkerPort } from './web-port';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Shard workers: one per core, within reason (each loads wink's model). */
const MAX_SHARD_WORKERS = 4;
/**
 * The text and similarity shards run on nested workers, this worker only gathering their results:
 * measured on 5,000 papers on two cores, that was quicker than running one of the shards here.
 * On one core a nested worker only adds its start-up, so the shards run here.
 */
function shardRunner(): { runner: ShardRunner; warm(): void; close(): Promise<void> } {
  const workers = Math.min(MAX_SHARD_WORKERS, navigator.hardwareConcurrency || 1);
  if (workers < 2) return { runner: inProcessRunner, warm: () => {}, close: async () => {} };
  const pool = new ShardPool({
    workers,
    // This script's own address: the same bundle in the dev server and in the build.
    spawn: () => webWorkerPort(new Worker(scope.location.href, { type: 'module' })),
  });
  return { runner: pool, warm: () => pool.warm(), close: () => pool.close() };
}

scope.addEventListener('message', (event: MessageEvent<BuildRequest | ShardTask>) => {
  const message = event.data;
  if ('task' in message) {
    runShardTask(message, (reply, transfer) => scope.postMessage(reply, transfer));
    return;
  }
  const send = (reply: BuildMessage): void => scope.postMessage(reply);
  const shards = shardRunner();
  const bytes = message.files.reduce((sum, file) => sum + file.bytes.length, 0);
  if (bytes >= WARM_INPUT_BYTES) shards.warm();
  runBuild(message.files, message.source, shards.runner, send)
    .catch((error: unknown) => {
      send({ kind: 'crashed', message: error instanceof Error ? error.message : String(error) });
    })
    .finally(() => shards.close());
});
