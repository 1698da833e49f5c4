/**
 * The search worker: builds the MiniSearch index from the papers the page sends in chunks and
 * answers queries. 45,000 abstracts take this machine 10–30 s to index, so it goes in two steps:
 * first titles and terms (about a second), answering queries from those, then the abstracts, a
 * chunk at a time between queries, after which answers cover everything. Neither step costs the
 * page frames or heap.
 */
import { runSearch, type SearchDocument, searchIndex } from './documents';
import type { SearchReply, SearchRequest, SearchStage } from './protocol';

const titles = searchIndex();
const full = searchIndex();
let stage: SearchStage | null = null;
const pending: SearchDocument[][] = [];
/** Queries that came before any index was complete, answered when one is. */
const waiting: { id: number; query: string }[] = [];

function reply(message: SearchReply, transfer: Transferable[] = []): void {
  postMessage(message, { transfer });
}

function answer(id: number, query: string): void {
  if (stage === null) {
    waiting.push({ id, query });
    return;
  }
  const results = Int32Array.from(runSearch(stage === 'full' ? full : titles, query));
  reply({ kind: 'results', id, query, results, stage }, [results.buffer]);
}

function reached(next: SearchStage): void {
  stage = next;
  reply({ kind: 'indexed', stage: next });
  for (const query of waiting.splice(0)) answer(query.id, query.query);
}

/** Indexes the abstracts one chunk per task, so queries in between are answered at once. */
function indexAbstracts(chunks: SearchDocument[][]): void {
  const chunk = chunks.shift();
  if (!chunk) {
    reached('full');
    return;
  }
  full.addAll(chunk);
  setTimeout(() => indexAbstracts(chunks), 0);
}

addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const message = event.data;
  if (message.kind === 'add') {
    titles.addAll(message.documents.map((document) => ({ ...document, abstract: '' })));
    pending.push(message.documents);
    if (message.last) {
      reached('titles');
      indexAbstracts(pending.splice(0));
    }
  } else answer(message.id, message.query);
});
