/** Messages between the page and the search worker. */
import type { SearchDocument } from './documents';

export type SearchRequest =
  /** Papers to index, in order; `last` closes the index. */
  { kind: 'add'; documents: SearchDocument[]; last: boolean } | { kind: 'search'; id: number; query: string };

export type SearchReply =
  | { kind: 'indexed'; count: number; total: boolean }
  | { kind: 'results'; id: number; query: string; results: Int32Array };
