/**
 * Full-text search over titles, abstracts and terms with MiniSearch: prefix and small-typo matches,
 * titles weighing most, every word of the query required. Results are paper indices, best first.
 */
import MiniSearch from 'minisearch';
import type { AppData } from './data';

interface SearchDocument {
  id: number;
  title: string;
  abstract: string;
  terms: string;
}

export interface PaperSearch {
  search(query: string): number[];
}

export function paperSearch(data: AppData): PaperSearch {
  const index = new MiniSearch<SearchDocument>({
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
  index.addAll(
    data.papers.map((paper, id) => ({
      id,
      title: paper.title,
      abstract: paper.abstract,
      terms: paper.terms.join(' '),
    })),
  );
  return {
    search(query: string): number[] {
      const trimmed = query.trim();
      if (trimmed.length < 2) return [];
      return index.search(trimmed).map((result) => Number(result.id));
    },
  };
}
