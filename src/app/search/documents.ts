/**
 * The search index itself, the same in a worker and on the page: MiniSearch over titles,
 * abstracts and terms, prefix and small-typo matches, titles weighing most, every word of the
 * query required. Results are paper indices, best first.
 */
import MiniSearch from 'minisearch';

export interface SearchDocument {
  id: number;
  title: string;
  abstract: string;
  terms: string;
}

export function searchIndex(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>({
    fields: ['title', 'abstract', 'terms'],
    // Words are runs of letters and digits: markup-like text ("<b>bold</b>") still splits into words.
    tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0),
    storeFields: [],
    searchOptions: {
      boost: { title: 3, terms: 2 },
      prefix: true,
      fuzzy: (term) => (term.length > 4 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
}

/** A query too short to mean anything finds nothing (one letter would match half the papers). */
export function searchable(query: string): string | null {
  const trimmed = query.trim();
  return trimmed.length < 2 ? null : trimmed;
}

export function runSearch(index: MiniSearch<SearchDocument>, query: string): number[] {
  return index.search(query).map((result) => Number(result.id));
}
