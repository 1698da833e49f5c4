/**
 * The search worker: builds the MiniSearch index from the papers the page sends in chunks and
 * answers queries once it is complete. 45,000 abstracts take seconds to index and a few hundred
 * megabytes to hold: here they cost the page neither frames nor heap.
 */
import { runSearch, searchIndex } from './documents';
import type { SearchReply, SearchRequest } from './protocol';

const index = searchIndex();
let complete = false;
/** Queries that came before the index was complete, answered when it is (the latest per id). */
const waiting: { id: number; query: string }[] = [];

function reply(message: SearchReply, transfer: Transferable[] = []): void {
  postMessage(message, { transfer });
}

function answer(id: number, query: string): void {
  const results = Int32Array.from(runSearch(index, query));
  reply({ kind: 'results', id, query, results }, [results.buffer]);
}

addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const message = event.data;
  if (message.kind === 'add') {
    index.addAll(message.documents);
    complete = message.last;
    reply({ kind: 'indexed', count: index.documentCount, total: complete });
    if (complete) for (const query of waiting.splice(0)) answer(query.id, query.query);
  } else if (complete) answer(message.id, message.query);
  else waiting.push(message);
});
