/**
 * Full-text search over titles, abstracts and terms with MiniSearch: prefix and small-typo matches,
 * titles weighing most, every word of the query required. Results are paper indices, best first.
 * A large graph is indexed in chunks between frames (indexing 5,000 abstracts at once would hold
 * the page for most of a second); until then `ready()` is false and search finds nothing.
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
  /** Whether every paper is indexed. */
  ready(): boolean;
}

/** Up to this many papers are indexed at once (some 15 ms a hundred); more, a hundred a task. */
const INDEX_AT_ONCE = 300;
const INDEX_CHUNK = 100;

/** `onReady` is called once the index is complete, if it was not at once. */
export function paperSearch(data: AppData, onReady: () => void = () => {}): PaperSearch {
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
  const documents = data.papers.map((paper, id) => ({
    id,
    title: paper.title,
    abstract: paper.abstract,
    terms: paper.terms.join(' '),
  }));
  let indexed = documents.length <= INDEX_AT_ONCE;
  if (indexed) index.addAll(documents);
  else {
    void index.addAllAsync(documents, { chunkSize: INDEX_CHUNK }).then(() => {
      indexed = true;
      onReady();
    });
  }
  return {
    search(query: string): number[] {
      const trimmed = query.trim();
      if (trimmed.length < 2 || !indexed) return [];
      return index.search(trimmed).map((result) => Number(result.id));
    },
    ready: () => indexed,
  };
}
