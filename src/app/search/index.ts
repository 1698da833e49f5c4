/**
 * Full-text search over titles, abstracts and terms (`documents.ts`), answered off the main thread:
 * the index is built in a worker, fed in chunks after the map is shown, so a 45,000-paper map
 * pans and zooms while it fills; it answers from titles and terms within a second or two, and
 * from the abstracts too once those are in. Where no worker can start (the saved HTML page), the index is
 * built on the page in chunks between frames instead.
 *
 * Answers are asynchronous: `search(query)` returns what is known now (the query's own results,
 * or the last results shown while the new ones come, marked not current) and asks for the rest;
 * `onChange` fires when an answer or the finished index arrives.
 */
import type { AppData } from '../data';
import { runSearch, type SearchDocument, searchable, searchIndex } from './documents';
import type { SearchReply, SearchRequest, SearchStage } from './protocol';

export interface SearchAnswer {
  /** Paper indices, best first. */
  results: number[];
  /** False while these are an earlier query's results, kept on screen until the new ones come. */
  current: boolean;
}

export interface PaperSearch {
  /** What is known for `query` now; null before anything can be shown (the index is not ready). */
  search(query: string): SearchAnswer | null;
  /** Whether search can answer (perhaps from titles only: see `partial`). */
  ready(): boolean;
  /** Whether answers cover titles and terms only, the abstracts still being indexed. */
  partial(): boolean;
  destroy(): void;
}

/** Up to this many papers, the page indexes them itself: sooner ready, and no worker to start. */
const ON_PAGE_UP_TO = 2000;
/** Papers per message to the worker (a few MB of text: a few ms to copy). */
const CHUNK = 2000;
/** Up to this many papers are indexed at once on the page; more, a hundred a task. */
const INDEX_AT_ONCE = 300;
const PAGE_CHUNK = 100;
/** Answers kept for queries typed again (backspace). */
const CACHE = 32;

function documents(data: AppData, from: number, to: number): SearchDocument[] {
  const out: SearchDocument[] = [];
  for (let id = from; id < to; id++) {
    const paper = data.papers[id];
    out.push({ id, title: paper.title, abstract: paper.abstract, terms: paper.terms.join(' ') });
  }
  return out;
}

/** Remembered answers, and the last one given, for `search` to fall back on. */
class Answers {
  private readonly byQuery = new Map<string, number[]>();
  last: number[] | null = null;

  get(query: string): number[] | undefined {
    return this.byQuery.get(query);
  }

  /** Forgets every answer (a fuller index came), keeping the last one shown until new ones come. */
  clear(): void {
    this.byQuery.clear();
  }

  set(query: string, results: number[]): void {
    this.byQuery.delete(query);
    this.byQuery.set(query, results);
    if (this.byQuery.size > CACHE) {
      const oldest = this.byQuery.keys().next();
      if (!oldest.done) this.byQuery.delete(oldest.value);
    }
  }

  answer(query: string, ready: boolean): SearchAnswer | null {
    const known = this.get(query);
    if (known) {
      this.last = known;
      return { results: known, current: true };
    }
    return ready && this.last ? { results: this.last, current: false } : null;
  }
}

/** The search the page should use: in a worker when it can start one. */
export function paperSearch(data: AppData, onChange: () => void, useWorker: boolean): PaperSearch {
  if (useWorker && typeof Worker === 'function' && data.papers.length > ON_PAGE_UP_TO) {
    try {
      return workerSearch(data, onChange);
    } catch {
      // A page that cannot start the worker (a strict CSP, a file:// page) searches on its own.
    }
  }
  return pageSearch(data, onChange);
}

function workerSearch(data: AppData, onChange: () => void): PaperSearch {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
    name: 'papermap search',
  });
  const answers = new Answers();
  let stage: SearchStage | null = null;
  let nextId = 0;
  /** Queries asked and not answered yet. */
  const asked = new Set<string>();
  let destroyed = false;
  let feed: ReturnType<typeof setTimeout> | undefined;

  worker.addEventListener('message', (event: MessageEvent<SearchReply>) => {
    const message = event.data;
    if (message.kind === 'indexed') {
      stage = message.stage;
      // Answers from titles alone are superseded: ask again.
      answers.clear();
      asked.clear();
    } else {
      asked.delete(message.query);
      // An answer from the titles index that arrives after the full one is ready is stale.
      if (message.stage === stage) answers.set(message.query, Array.from(message.results));
    }
    if (!destroyed) onChange();
  });

  // The papers go over in chunks, one per task, so no task holds the page.
  const n = data.papers.length;
  const send = (from: number): void => {
    if (destroyed) return;
    const to = Math.min(n, from + CHUNK);
    const request: SearchRequest = { kind: 'add', documents: documents(data, from, to), last: to >= n };
    worker.postMessage(request);
    if (to < n) feed = setTimeout(() => send(to), 0);
  };
  feed = setTimeout(() => send(0), 0);

  return {
    search(query) {
      const text = searchable(query);
      if (text === null) return { results: [], current: true };
      const known = answers.answer(text, stage !== null);
      if (known?.current) return known;
      if (!asked.has(text)) {
        asked.add(text);
        const request: SearchRequest = { kind: 'search', id: nextId++, query: text };
        worker.postMessage(request);
      }
      return known;
    },
    ready: () => stage !== null,
    partial: () => stage === 'titles',
    destroy() {
      destroyed = true;
      clearTimeout(feed);
      worker.terminate();
    },
  };
}

function pageSearch(data: AppData, onChange: () => void): PaperSearch {
  const index = searchIndex();
  const answers = new Answers();
  const all = documents(data, 0, data.papers.length);
  let complete = all.length <= INDEX_AT_ONCE;
  let destroyed = false;
  if (complete) index.addAll(all);
  else {
    void index.addAllAsync(all, { chunkSize: PAGE_CHUNK }).then(() => {
      complete = true;
      if (!destroyed) onChange();
    });
  }
  return {
    search(query) {
      const text = searchable(query);
      if (text === null) return { results: [], current: true };
      if (!complete) return null;
      if (!answers.get(text)) answers.set(text, runSearch(index, text));
      return answers.answer(text, true);
    },
    ready: () => complete,
    partial: () => false,
    destroy() {
      destroyed = true;
    },
  };
}
