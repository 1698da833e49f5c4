/**
 * Messages between the page and its build worker. The page sends the files' bytes (transferred);
 * the worker answers with progress, then one outcome. The worker's own nested workers speak the
 * shard protocol (`src/core/shards`) and never talk to the page.
 */
import type { FileReport, InputFile } from '../../core/parse';
import type {
  PapermapGraphJSON,
  RecordNotice,
  SerializedEdge,
  SerializedNode,
  SkippedRecord,
  StageName,
} from '../../core/types';

/** The build's steps as the page names them: reading the records first, then the pipeline's stages. */
export type BuildStage = 'parse' | StageName;

export interface BuildRequest {
  kind: 'build';
  files: InputFile[];
  /** Where the papers came from, recorded in the graph (the files' names). */
  source: string;
}

/** A file that could not be read at all, as plain data (an Error loses its fields when posted). */
export interface FileFailure {
  file: string;
  /** 1-based; 0 when the problem is not at a line (a binary file). */
  line: number;
  column: number | null;
  message: string;
}

/** One file's summary, with its format named for a person ("BibTeX"), null when it was not read. */
export interface FileSummary extends FileReport {
  formatTitle: string | null;
}

/** What reading the files found: per file, the notices and the files that failed as a whole. */
export interface ReadReport {
  files: FileSummary[];
  notices: RecordNotice[];
  failed: FileFailure[];
}

export type BuildMessage =
  | { kind: 'progress'; stage: BuildStage; done: number; total: number }
  /**
   * Parts of the graph's nodes and edges, sent before `built`: a page receives each message in a
   * task of its own, and one message with a large graph would hold the page while it is copied in.
   */
  | { kind: 'nodes'; nodes: SerializedNode[] }
  | { kind: 'edges'; edges: SerializedEdge[] }
  /**
   * The map was made: the graph without its nodes and edges (sent before, in order). The skipped
   * records (read and merged duplicates) are in its stats.
   */
  | { kind: 'built'; graph: PapermapGraphJSON; report: ReadReport }
  /** Nothing to map: no file gave a paper. */
  | { kind: 'empty'; report: ReadReport; skipped: SkippedRecord[] }
  /** A bug, not a bad file: bad files are in the report. */
  | { kind: 'crashed'; message: string };

/** Nodes and edges per part: a part is copied into the page in a few milliseconds. */
export const GRAPH_PART = { nodes: 400, edges: 4000 } as const;
