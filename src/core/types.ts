/**
 * The contract shared by the pipeline, the CLI, the browser worker, the app and the exports.
 * The graph JSON is graphology's own serialization format, so `Graph.from(json)` loads it.
 */
import type { PipelineOptions } from './options';

/** One paper as read from an input file, before any text processing. */
export interface Paper {
  title: string;
  abstract: string;
  authors: string[];
  year: number | null;
  url: string | null;
  doi: string | null;
  arxiv: string | null;
  /** PubMed id (digits only). */
  pmid: string | null;
  /** Where the record came from, e.g. `data/papers.jsonl:12`, for messages that name the record. */
  origin: string;
}

/** A record that was read but did not become a node, with the reason. */
export interface SkippedRecord {
  /** File and line (or record number) of the record, e.g. `papers.jsonl:12`. */
  origin: string;
  /** The title as read, when there was one, so a person can find the record. */
  title: string | null;
  reason: string;
  /** Set when the record was a duplicate merged into another paper: that paper's origin. */
  duplicateOf?: string;
}

/** Something worth telling about a record that still became a node (e.g. no abstract). */
export interface RecordNotice {
  origin: string;
  message: string;
}

/** What a parser returns: the papers it read and every record it could not use. */
export interface ParseResult {
  papers: Paper[];
  skipped: SkippedRecord[];
  notices: RecordNotice[];
}

export interface ClusterInfo {
  id: number;
  /** Readable name, e.g. "chain-of-thought · prompting · reasoning". */
  label: string;
  /** The name's terms and a few more, most distinctive first, in surface form. */
  terms: string[];
  size: number;
  color: string;
}

export interface GraphStats {
  papers: number;
  edges: number;
  clusters: number;
  modularity: number;
  vocabulary: number;
  skipped: SkippedRecord[];
}

export interface PaperNodeAttributes {
  title: string;
  abstract: string;
  authors: string[];
  year: number | null;
  url: string | null;
  doi: string | null;
  arxiv: string | null;
  /** PubMed id; absent in graphs written before papermap read MEDLINE. */
  pmid?: string | null;
  cluster: number;
  /** This paper's most distinctive terms, in surface form. */
  terms: string[];
  /**
   * The pipeline's layout position (`layout/`), drawn as final by the map. NaN (both) in a graph
   * the app's loader repaired because the file had no usable position: the map places the paper.
   */
  x: number;
  y: number;
}

export interface SimilarityEdgeAttributes {
  /** Cosine similarity of the two papers' TF-IDF vectors, in (0, 1]. */
  weight: number;
  /** Best neighbour rank of this edge from either end (1 = nearest). */
  rank: number;
  /** Shared terms that contribute most to the similarity, largest first, in surface form. */
  terms: string[];
}

/**
 * The pipeline's options: one field per entry of `OPTION_SPECS` in `options.ts`, which gives each
 * one's meaning, default and range.
 */
export interface GraphOptions extends PipelineOptions {}

/** The options a graph was built with, as recorded in it (later versions may record more). */
export interface GraphParams extends GraphOptions {
  [option: string]: number | boolean | string;
}

export interface GraphAttributes {
  format: 'papermap-graph';
  version: 1;
  source: string;
  params: GraphParams;
  stats: GraphStats;
  clusters: ClusterInfo[];
}

export interface SerializedNode {
  key: string;
  attributes: PaperNodeAttributes;
}

export interface SerializedEdge {
  source: string;
  target: string;
  attributes: SimilarityEdgeAttributes;
}

export interface PapermapGraphJSON {
  options: { type: 'undirected'; multi: false; allowSelfLoops: false };
  attributes: GraphAttributes;
  nodes: SerializedNode[];
  edges: SerializedEdge[];
}

/** Progress of `buildGraph`, by stage; `done`/`total` count the stage's own units. */
export type StageName = 'text' | 'tfidf' | 'similarity' | 'graph' | 'clusters' | 'layout' | 'serialize';

export interface Progress {
  stage: StageName;
  done: number;
  total: number;
}

export type ProgressCallback = (progress: Progress) => void;
