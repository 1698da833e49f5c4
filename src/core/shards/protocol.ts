/**
 * The shard protocol: the messages between a pipeline and the workers that run its shardable
 * stages (text and similarity). The same messages go over Node's `worker_threads`, over browser
 * Web Workers, and through the in-process port, so every home of the pipeline shares one protocol.
 */
import type { LayoutInput, LayoutOptions, LayoutResult } from '../layout';
import type { Neighbours, SearchIndex } from '../similarity';
import type { CsrMatrix } from '../sparse';
import type { ShardTerms, TextInput, TextOptions } from '../text';

export interface AnalyzeTask {
  id: number;
  task: 'analyze';
  docs: TextInput[];
  options: TextOptions;
}

export interface NeighboursTask {
  id: number;
  task: 'neighbours';
  matrix: CsrMatrix;
  /** The inverted index and common entries, built once by the pool rather than once per worker. */
  index: SearchIndex;
  k: number;
  shard: number;
  shards: number;
  candidates: number;
}

/**
 * Load the text stage's code now, before its tasks come (no reply): a worker started early, while
 * the input is parsed, then has wink's model ready. Workers load it on demand otherwise.
 */
export interface LoadTextTask {
  id: number;
  task: 'load-text';
}

/** The whole layout stage, in a worker while the pipeline names the clusters. */
export interface LayoutTask {
  id: number;
  task: 'layout';
  input: LayoutInput;
  options: Partial<LayoutOptions>;
}

export type ShardTask = AnalyzeTask | NeighboursTask | LoadTextTask | LayoutTask;

export type ShardResult = ShardTerms | Neighbours | LayoutResult;

/**
 * A worker's answer to task `id`: progress (units done since the last progress message: documents,
 * rows or papers placed), then exactly one result or one error.
 */
export type ShardReply =
  | { id: number; progress: number }
  | { id: number; result: ShardResult }
  | { id: number; error: string };

/** Sends a reply; `transfer` lists buffers the receiver may take over instead of copying. */
export type ReplySink = (reply: ShardReply, transfer: ArrayBuffer[]) => void;

/**
 * One worker as the pool sees it, whatever it runs on. `subscribe` returns its own undo; an error
 * means the worker is lost (it crashed, ran out of memory, or its script failed to load).
 */
export interface ShardPort {
  post(task: ShardTask): void;
  subscribe(onReply: (reply: ShardReply) => void, onError: (error: Error) => void): () => void;
  terminate(): Promise<void> | void;
}
