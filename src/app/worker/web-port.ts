/**
 * The shard protocol (`src/core/shards`) on a browser Web Worker: the worker's messages and its
 * failure to load or run become a `ShardPort`.
 */
import type { ShardPort, ShardReply } from '../../core/shards';

export function webWorkerPort(worker: Worker): ShardPort {
  return {
    post: (task) => worker.postMessage(task),
    subscribe(onReply, onError) {
      const onMessage = (event: MessageEvent<ShardReply>): void => onReply(event.data);
      const onFailure = (event: Event): void => {
        const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
        onError(new Error(`papermap: a shard worker failed${detail}`));
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onFailure);
      worker.addEventListener('messageerror', onFailure);
      return () => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onFailure);
        worker.removeEventListener('messageerror', onFailure);
      };
    },
    terminate: () => worker.terminate(),
  };
}
