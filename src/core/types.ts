/**
 * The contract shared by the pipeline, the CLI, the browser worker, the app and the exports.
 * The graph JSON is graphology's own serialization format, so `Graph.from(json)` loads it.
 */

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

export interface GraphOptions {
  /** Neighbours kept per paper (edges come from each paper's k nearest). */
  k: number;
  /** Edges below this cosine similarity are dropped (a paper's nearest neighbour is always kept). */
  minSimilarity: number;
  /** Louvain resolution: above 1 gives more, smaller clusters. */
  resolution: number;
  /** Seed of every random choice (Louvain's node order). */
  seed: number;
  /** Minimum document frequency of a term: a count (≥ 1) or a share of the papers (< 1). */
  minDf: number;
  /** Maximum document frequency of a term: a share of the papers (≤ 1) or a count (> 1). */
  maxDf: number;
  /** How many times a title's terms count against the abstract's. */
  titleWeight: number;
  /** Add bigrams of adjacent content words to the terms. */
  bigrams: boolean;
  /**
   * Terms in more papers than this are not walked to find neighbour candidates (they still count in
   * every score): keeps the search from growing with n². Any value ≥ the number of papers is exhaustive.
   */
  candidateMaxDf: number;
  /** How many candidates per paper, best by their rare shared terms, get an exact score. */
  candidates: number;
}

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
