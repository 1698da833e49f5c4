/**
 * What the pipeline asks of whoever runs its shardable stages: the CLI answers with worker
 * threads, the browser with Web Workers, small inputs with `inProcessRunner`.
 */
import type { NeighbourSearch, Neighbours } from '../similarity';
import type { CsrMatrix } from '../sparse';
import type { ShardTerms, TextInput, TextOptions } from '../text';

export interface ShardRunner {
  /** How many similarity shards run at once (the number of workers). */
  shards: number;
  analyze(shards: TextInput[][], options: TextOptions, onDocs: (done: number) => void): Promise<ShardTerms[]>;
  /**
   * The neighbour search over `m`'s rows. A runner whose workers share memory may move `m`'s
   * arrays into it (replacing them with shared arrays of the same values).
   */
  neighbours(
    m: CsrMatrix,
    k: number,
    search: NeighbourSearch & { shards: number },
    onRows: (done: number) => void,
  ): Promise<Neighbours[]>;
}
