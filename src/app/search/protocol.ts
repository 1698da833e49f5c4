/** Messages between the page and the search worker. */
import type { SearchDocument } from './documents';

/** How far the worker's index has come: titles and terms only, or abstracts too. */
export type SearchStage = 'titles' | 'full';

export type SearchRequest =
  /** Papers to index, in order; `last` closes the list. */
  { kind: 'add'; documents: SearchDocument[]; last: boolean } | { kind: 'search'; id: number; query: string };

export type SearchReply =
  | { kind: 'indexed'; stage: SearchStage }
  | { kind: 'results'; id: number; query: string; results: Int32Array; stage: SearchStage };
