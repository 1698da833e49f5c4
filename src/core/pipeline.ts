/**
 * The whole pipeline: papers → terms → TF-IDF → top-k neighbours → graph → clusters → graph JSON.
 * The same code runs in the CLI (Node, worker threads) and in a browser Web Worker; the parallel
 * stages go through a `ShardRunner` (`shards/`), which the caller provides (in-process by default).
 */
import { blendNeighbours } from './blend';
import { type ClusterName, clusterInfos, nameClusters } from './cluster-names';
import { type Clustering, detectClusters } from './clusters';
import { corpusTerm, mergeShards, surfaceForms } from './corpus';
import { dedupePapers } from './dedupe';
import { nodeRadius, weightedDegree } from './degree';
import { type SimilarityEdges, selectEdges, toGraphology } from './graph';
import { paperKeys } from './keys';
import { ColumnInfo, edgeTerms, paperTerms } from './labels';
import type { LayoutResult } from './layout';
import { lsaVectors } from './lsa';
import { DEFAULTS, validateOptions } from './options';
import { clusterColors } from './palette';
import { toGraphJSON } from './serialize';
import { inProcessRunner, type ShardRunner } from './shards';
import { mergeNeighbours } from './similarity';
import { distinctSurfaces } from './terms';
import type { ShardTerms, TextInput } from './text';
import { type TfidfMatrix, tfidf } from './tfidf';
import type {
  GraphOptions,
  GraphParams,
  Paper,
  PapermapGraphJSON,
  ProgressCallback,
  SkippedRecord,
  StageName,
} from './types';

export type { GraphOptions, ShardRunner };
export { DEFAULTS, inProcessRunner, validateOptions };

/** Terms listed per paper and per edge (a cluster's: `cluster-names.ts`). */
const PAPER_TERMS = 5;
const EDGE_TERMS = 4;
/**
 * The topic blend (`lsa.ts`, `blend.ts`; its dimensions, term share and pool are options): the LSA
 * basis is found from 3,000 evenly spaced papers with two power iterations. Defaults chosen by label
 * agreement and NMI over four labelled sets (arXiv 2021–2025 at three periods, arXiv 2007 physics
 * and mathematics): 96 dimensions or a 0.3 term share did a little worse on most of them.
 */
const TOPIC_BASIS = Object.freeze({ sample: 3000, iterations: 2 });
/** Papers per text shard: small enough to spread over workers and bound each one's vocabulary. */
const TEXT_SHARD_PAPERS = 2500;

export interface BuildInput {
  papers: Paper[];
  /** Records the parser already skipped, carried into the stats so every record is accounted for. */
  skipped?: SkippedRecord[];
  /** Where the papers came from (file names), recorded in the graph. */
  source?: string;
}

export interface BuildResult {
  /** The graph; `stringifyGraph` (or `graphTextParts`) gives its text, byte-identical for the same input and options. */
  graph: PapermapGraphJSON;
  /**
   * Milliseconds per stage, as waited for: a layout run in a worker overlaps the clusters stage,
   * and its figure is only what was left of it once the clusters were named.
   */
  timings: Record<StageName, number>;
}

/** Splits `items` into `count` contiguous shards in order (the first ones one longer when uneven). */
export function contiguousShards<T>(items: readonly T[], count: number): T[][] {
  const shards: T[][] = [];
  const size = Math.floor(items.length / count);
  const extra = items.length % count;
  let start = 0;
  for (let s = 0; s < count; s++) {
    const end = start + size + (s < extra ? 1 : 0);
    shards.push(items.slice(start, end));
    start = end;
  }
  return shards;
}

/**
 * Merges the text shards, weighs the terms, and keeps of the vocabulary only what later stages
 * use: each column's lemma (to compare word families) and surface form (to show).
 */
function weighTerms(
  shards: ShardTerms[],
  options: GraphOptions,
): { matrix: TfidfMatrix; lemmas: string[]; surfaces: string[] } {
  const corpus = mergeShards(shards);
  const matrix = tfidf(corpus, options);
  const lemmas = Array.from(matrix.columnTerm, (t) => corpusTerm(corpus, t));
  const surfaces = surfaceForms(corpus, matrix.columnTerm);
  return { matrix, lemmas, surfaces };
}

/** What the serialize stage needs of the stages from TF-IDF to the layout. */
interface RelatedPapers {
  edges: SimilarityEdges;
  clustering: Clustering;
  names: ClusterName[];
  paperColumns: number[][];
  edgeTermColumns: number[][];
  surfaces: string[];
  vocabulary: number;
  x: Float64Array;
  y: Float64Array;
}

/**
 * The stages from TF-IDF to the layout. A function of its own so that what only they use (the
 * matrix, the neighbour lists, the topic vectors, the graphology graph: ~200 MB at 44,904 papers)
 * can be collected before the graph JSON is made, rather than held to the end of `buildGraph`.
 */
async function relatePapers(
  shards: ShardTerms[],
  papers: readonly Paper[],
  opts: GraphOptions,
  onProgress: ProgressCallback,
  runner: ShardRunner,
  lap: (stage: StageName) => void,
): Promise<RelatedPapers> {
  const n = papers.length;
  onProgress({ stage: 'tfidf', done: 0, total: 1 });
  const { matrix, lemmas, surfaces } = weighTerms(shards, opts);
  // The shards' whole vocabulary (mostly terms in one paper) is no longer needed: let it go.
  shards.length = 0;
  runner.collectGarbage?.();
  onProgress({ stage: 'tfidf', done: 1, total: 1 });
  lap('tfidf');

  onProgress({ stage: 'similarity', done: 0, total: n });
  const small = n < 2000;
  const search = {
    shards: small ? 1 : runner.shards,
    candidateMaxDf: opts.candidateMaxDf,
    candidates: opts.candidates,
  };
  const pool = opts.topicDims > 0 ? Math.max(opts.k, opts.topicPool) : opts.k;
  const searching = (small ? inProcessRunner : runner).neighbours(matrix, pool, search, (done) =>
    onProgress({ stage: 'similarity', done, total: n }),
  );
  // The topic space is found here while the workers search: the two need only the matrix.
  const topic = lsaVectors(matrix, { ...TOPIC_BASIS, dims: opts.topicDims, seed: opts.seed });
  const parts = await searching;
  const neighbours =
    topic.dims > 0
      ? blendNeighbours(mergeNeighbours(parts), topic.vectors, topic.dims, {
          termWeight: opts.termWeight,
          k: opts.k,
        })
      : mergeNeighbours(parts);
  onProgress({ stage: 'similarity', done: n, total: n });
  lap('similarity');

  const lemmaOf = (column: number): string => lemmas[column];
  onProgress({ stage: 'graph', done: 0, total: 1 });
  const edges = selectEdges(neighbours, opts);
  const graph = toGraphology(n, edges);
  onProgress({ stage: 'graph', done: 1, total: 1 });
  lap('graph');

  onProgress({ stage: 'clusters', done: 0, total: 1 });
  const clustering = detectClusters(graph, n, opts);
  // The layout needs only the clusters and edges: on a runner with workers it runs in one while
  // this thread names the clusters and picks the terms, and its progress is passed on once the
  // clusters stage is over, so that stages are still reported in order. In process, it runs after.
  const strength = weightedDegree(n, edges.source, edges.target, edges.weight);
  const layoutRunner = small ? inProcessRunner : runner;
  const inWorker = layoutRunner !== inProcessRunner;
  let placed = 0;
  let relayPlaced = !inWorker;
  const startLayout = (): Promise<LayoutResult> =>
    layoutRunner.layout(
      {
        n,
        membership: clustering.membership,
        clusters: clustering.count,
        edges,
        radius: Float64Array.from(strength, nodeRadius),
      },
      { seed: opts.seed },
      (done) => {
        placed = done;
        if (relayPlaced) onProgress({ stage: 'layout', done, total: n });
      },
    );
  const placing = inWorker ? startLayout() : null;
  const columnInfo = new ColumnInfo(matrix.cols, lemmaOf, (column) => surfaces[column]);
  const names = nameClusters(
    {
      matrix,
      lemma: lemmaOf,
      surface: (column) => surfaces[column],
      hidden: (column) => columnInfo.hidden[column] === 1,
      text: (row) => `${papers[row].title}.\n${papers[row].abstract}`,
    },
    clustering.membership,
    clustering.count,
  );
  const paperColumns = paperTerms(matrix, PAPER_TERMS, columnInfo);
  const edgeTermColumns = edgeTerms(matrix, edges, EDGE_TERMS, columnInfo);
  onProgress({ stage: 'clusters', done: 1, total: 1 });
  lap('clusters');

  if (placing !== null) {
    // What is left of it once the clusters are named.
    relayPlaced = true;
    onProgress({ stage: 'layout', done: placed, total: n });
  }
  const { x, y } = await (placing ?? startLayout());
  lap('layout');
  return { edges, clustering, names, paperColumns, edgeTermColumns, surfaces, vocabulary: matrix.cols, x, y };
}

export async function buildGraph(
  input: BuildInput,
  options: Partial<GraphOptions> = {},
  onProgress: ProgressCallback = () => {},
  runner: ShardRunner = inProcessRunner,
): Promise<BuildResult> {
  const opts: GraphOptions = { ...DEFAULTS, ...options };
  validateOptions(opts);
  const timings = {} as Record<StageName, number>;
  let clock = performance.now();
  const lap = (stage: StageName): void => {
    const now = performance.now();
    timings[stage] = now - clock;
    clock = now;
  };

  const unique = dedupePapers(input.papers);
  const papers = unique.papers;
  const skipped = [...(input.skipped ?? []), ...unique.skipped];
  const keys = paperKeys(papers);
  const n = papers.length;

  // Text, in shards.
  // Shards of a fixed size, whatever the number of workers: each shard's terms depend on its own
  // papers only (see text.ts), so the same input gives the same terms with 1 worker or 8.
  const shardCount = Math.max(1, Math.ceil(n / TEXT_SHARD_PAPERS));
  const docs: TextInput[] = papers.map((p) => ({ title: p.title, abstract: p.abstract }));
  onProgress({ stage: 'text', done: 0, total: n });
  // One shard is quicker run here than shipped to a worker that must first start.
  const textRunner = shardCount === 1 ? inProcessRunner : runner;
  const shards = await textRunner.analyze(contiguousShards(docs, shardCount), opts, (done) =>
    onProgress({ stage: 'text', done, total: n }),
  );
  lap('text');

  const { edges, clustering, names, paperColumns, edgeTermColumns, surfaces, vocabulary, x, y } =
    await relatePapers(shards, papers, opts, onProgress, runner, lap);
  // Again once the matrix, neighbour lists and graphology graph are let go, before the graph JSON
  // is made: left to itself the collector freed them late, and the serialize stage's peak ranged
  // over 100 MB from run to run.
  runner.collectGarbage?.();

  onProgress({ stage: 'serialize', done: 0, total: 1 });
  const surface = (column: number): string => surfaces[column];
  const colors = clusterColors(clustering.membership, clustering.count, edges);
  const clusters = clusterInfos(names, clustering.membership, colors);
  // Every option used, in the order of DEFAULTS: the graph says exactly how it was made.
  const params: GraphParams = Object.fromEntries(
    Object.keys(DEFAULTS).map((name) => [name, opts[name as keyof GraphOptions]]),
  ) as GraphParams;
  const json = toGraphJSON({
    source: input.source ?? '',
    params,
    stats: {
      papers: n,
      edges: edges.source.length,
      clusters: clustering.count,
      modularity: clustering.modularity,
      vocabulary,
      skipped,
    },
    clusters,
    keys,
    papers,
    membership: clustering.membership,
    paperTerms: paperColumns.map((columns) => distinctSurfaces(columns.map(surface))),
    x,
    y,
    edges: Array.from(edges.source, (source, e) => ({
      source,
      target: edges.target[e],
      weight: edges.weight[e],
      rank: edges.rank[e],
      terms: distinctSurfaces(edgeTermColumns[e].map(surface)),
    })),
  });
  onProgress({ stage: 'serialize', done: 1, total: 1 });
  lap('serialize');
  return { graph: json, timings };
}
