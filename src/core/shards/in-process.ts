/**
 * The shard protocol without workers: a port that runs each task where it is posted. Small inputs
 * use it (a worker's start-up costs more than their work), and so does a home without workers.
 */
import { ShardPool } from './pool';
import type { ShardPort, ShardReply } from './protocol';
import { runShardTask } from './run-task';

export function inProcessPort(): ShardPort {
  const listeners = new Set<(reply: ShardReply) => void>();
  return {
    post(task) {
      runShardTask(task, (reply) => {
        for (const listener of [...listeners]) listener(reply);
      });
    },
    subscribe(onReply) {
      listeners.add(onReply);
      return () => listeners.delete(onReply);
    },
    terminate() {
      listeners.clear();
    },
  };
}

/** One in-process "worker": shards run one after the other, on the calling thread. */
export const inProcessRunner = new ShardPool({
  workers: 1,
  spawn: inProcessPort,
  shareMemory: false,
});
