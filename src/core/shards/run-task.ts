/**
 * What a worker does with one shard task: run the stage's shard from src/core and send the result
 * back, its typed arrays listed for transfer. Worker scripts (Node and browser) are this function
 * behind their own message port; the in-process port calls it directly.
 */
import { layoutGraph } from '../layout';
import { neighbourShard } from '../similarity';
import type { AnalyzeTask, ReplySink, ShardTask } from './protocol';

/**
 * The text stage's code, loaded by the first text task: a worker that only searches (the CLI starts
 * fresh ones for the search) then never holds wink's model, ~25 MB of each worker's memory at the
 * stage where the process peaks.
 */
let textStage: Promise<typeof import('../text')> | undefined;

/** Documents per progress message: often enough for a smooth bar, rarely enough to cost nothing. */
const DOCS_PER_PROGRESS = 100;

export function runShardTask(message: ShardTask, reply: ReplySink): void {
  const { id } = message;
  const fail = (error: unknown): void =>
    reply({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, []);
  if (message.task === 'layout') {
    try {
      let reported = 0;
      const result = layoutGraph(message.input, message.options, (done) => {
        reply({ id, progress: done - reported }, []);
        reported = done;
      });
      reply({ id, result }, buffers(result.x, result.y));
    } catch (error) {
      fail(error);
    }
    return;
  }
  if (message.task !== 'neighbours') {
    textStage ??= import('../text');
    // Loading alone answers nothing; a failure to load is the first text task's error.
    if (message.task === 'analyze') {
      textStage.then(({ analyzeShard }) => analyze(analyzeShard, message, reply)).catch(fail);
    }
    return;
  }
  try {
    let reported = 0;
    const result = neighbourShard(message.matrix, message.k, message, message.index, (done) => {
      reply({ id, progress: done - reported }, []);
      reported = done;
    });
    // The search reports every few hundred rows: the rest of this shard's rows, before its result.
    const rows = Math.max(0, Math.ceil((message.matrix.rows - message.shard) / message.shards));
    if (rows > reported) reply({ id, progress: rows - reported }, []);
    reply({ id, result }, buffers(result.index, result.score, result.count));
  } catch (error) {
    fail(error);
  }
}

function analyze(
  analyzeShard: typeof import('../text')['analyzeShard'],
  { id, docs, options }: AnalyzeTask,
  reply: ReplySink,
): void {
  let done = 0;
  const result = analyzeShard(docs, options, () => {
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
}

/** The distinct buffers of `arrays`: a buffer listed twice for transfer fails the whole message. */
function buffers(...arrays: (Int32Array | Float64Array | Uint8Array)[]): ArrayBuffer[] {
  const list = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer) list.add(array.buffer);
  return [...list];
}
