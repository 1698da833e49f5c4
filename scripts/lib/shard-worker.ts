/**
 * A worker thread that runs the shardable pipeline stages (text, similarity) from src/core, the same
 * code the browser's Web Worker runs. Messages: { id, task, ... } in; { id, result } or { id, error } out.
 */
import { parentPort } from 'node:worker_threads';
import { neighbourShard } from '../../src/core/similarity';
import type { CscIndex, CsrMatrix } from '../../src/core/sparse';
import { analyzeShard, type TextInput, type TextOptions } from '../../src/core/text';

export type ShardTask =
  | { id: number; task: 'analyze'; docs: TextInput[]; options: TextOptions }
  | {
      id: number;
      task: 'neighbours';
      matrix: CsrMatrix;
      csc: CscIndex;
      k: number;
      shard: number;
      shards: number;
      candidateMaxDf: number;
      candidates: number;
    };

const port = parentPort;
if (port === null) throw new Error('papermap: shard-worker must run in a worker thread');

port.on('message', (message: ShardTask) => {
  try {
    if (message.task === 'analyze') {
      let done = 0;
      const result = analyzeShard(message.docs, message.options, () => {
        if (++done % 100 === 0) port.postMessage({ id: message.id, progress: 100 });
      });
      port.postMessage({ id: message.id, progress: done % 100 });
      const transfer = [
        result.docPtr.buffer,
        result.docTerms.buffer,
        result.docCounts.buffer,
        result.surfacePtr.buffer,
      ];
      port.postMessage({ id: message.id, result }, transfer as ArrayBuffer[]);
    } else {
      let reported = 0;
      const result = neighbourShard(message.matrix, message.k, message, message.csc, (done) => {
        port.postMessage({ id: message.id, progress: done - reported });
        reported = done;
      });
      const transfer = [result.index.buffer, result.score.buffer, result.count.buffer];
      port.postMessage({ id: message.id, result }, transfer as ArrayBuffer[]);
    }
  } catch (error) {
    port.postMessage({
      id: message.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
