/**
 * What the pipeline asks of whoever runs its shardable stages: the CLI answers with worker
 * threads, the browser with Web Workers, small inputs with `inProcessRunner`.
 */
import type { LayoutInput, LayoutOptions, LayoutResult } from '../layout';
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
  /**
   * The layout stage (`layoutGraph`), run where the runner likes: in a worker, the pipeline names
   * the clusters and picks the terms on its own thread meanwhile. `onPapers` gets papers placed.
   */
  layout(
    input: LayoutInput,
    options: Partial<LayoutOptions>,
    onPapers: (done: number) => void,
  ): Promise<LayoutResult>;
  /**
   * Called when the pipeline has let go of a large part of its memory: the text stage's shards
   * (after TF-IDF, before the neighbour search allocates) and the matrix and graph (before the
   * graph JSON is made). A runner whose home can collect garbage on demand (Node's, with the
   * collector exposed) does it then. Left to itself the collector freed the shards' ~300 MB
   * (buffers and the merge's tables) only some way into the search, and the peak landed up to
   * 100 MB higher at 44,904 papers.
   */
  collectGarbage?(): void;
}
