export { inProcessPort, inProcessRunner } from './in-process';
export { canShareMemory, ShardPool, type ShardPoolOptions, WARM_INPUT_BYTES } from './pool';
export type {
  AnalyzeTask,
  NeighboursTask,
  ReplySink,
  ShardPort,
  ShardReply,
  ShardResult,
  ShardTask,
} from './protocol';
export { runShardTask } from './run-task';
export type { ShardRunner } from './runner';
