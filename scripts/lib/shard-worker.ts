/**
 * A worker thread that runs shard tasks (`src/core/shards`), the same code the browser's Web
 * Workers run: tasks in, replies out, result buffers transferred.
 */
import { parentPort } from 'node:worker_threads';
import { runShardTask, type ShardTask } from '../../src/core/shards';

const port = parentPort;
if (port === null) throw new Error('papermap: shard-worker must run in a worker thread');

port.on('message', (task: ShardTask) => {
  runShardTask(task, (reply, transfer) => port.postMessage(reply, transfer));
});
