/**
 * What a worker does with one shard task: run the stage's shard from src/core and send the result
 * back, its typed arrays listed for transfer. Worker scripts (Node and browser) are this function
 * behind their own message port; the in-process port calls it directly.
 */
import { neighbourShard } from '../similarity';
import { analyzeShard } from '../text';
import type { ReplySink, ShardTask } from './protocol';

/** Documents per progress message: often enough for a smooth bar, rarely enough to cost nothing. */
const DOCS_PER_PROGRESS = 100;

export function runShardTask(message: ShardTask, reply: ReplySink): void {
  const { id } = message;
  try {
    if (message.task === 'analyze') {
      let done = 0;
      const result = analyzeShard(message.docs, message.options, () => {
        if (++done % DOCS_PER_PROGRESS === 0) reply({ id, progress: DOCS_PER_PROGRESS }, []);
      });
      if (done % DOCS_PER_PROGRESS !== 0) reply({ id, progress: done % DOCS_PER_PROGRESS }, []);
      reply(
        { id, result },
        buffers(
          result.docPtr,
          result.docTerms,
          result.docCounts,
          result.surfacePtr,
          result.surfaceCounts,
          ...Object.values(result.terms),
          ...Object.values(result.surfaces),
        ),
      );
    } else {
      let reported = 0;
      const result = neighbourShard(message.matrix, message.k, message, message.csc, (done) => {
        reply({ id, progress: done - reported }, []);
        reported = done;
      });
      // The search reports every few hundred rows: the rest of this shard's rows, before its result.
      const rows = Math.max(0, Math.ceil((message.matrix.rows - message.shard) / message.shards));
      if (rows > reported) reply({ id, progress: rows - reported }, []);
      reply({ id, result }, buffers(result.index, result.score, result.count));
    }
  } catch (error) {
    reply({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, []);
  }
}

/** The distinct buffers of `arrays`: a buffer listed twice for transfer fails the whole message. */
function buffers(...arrays: (Int32Array | Float64Array | Uint8Array)[]): ArrayBuffer[] {
  const list = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer) list.add(array.buffer);
  return [...list];
}
