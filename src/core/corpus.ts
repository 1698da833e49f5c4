/**
 * Merges the text stage's shards into one corpus with global term ids.
 *
 * Shards are merged in paper order and each shard numbers its terms by first appearance, so the
 * global ids are the order of first appearance in the whole input, whatever the number of shards:
 * the output does not depend on how many workers ran.
 */
import type { ShardTerms } from './text';

export interface Corpus {
  docs: number;
  /** Global terms in order of first appearance. */
  terms: string[];
  /** Row `d` holds global term ids `docTerms[docPtr[d]..docPtr[d+1])` with their counts. */
  docPtr: Int32Array;
  docTerms: Int32Array;
  docCounts: Float64Array;
  /** The shards and their local → global id maps, kept to resolve surface forms on demand. */
  shards: ShardTerms[];
  localToGlobal: Int32Array[];
}

export function mergeShards(shards: ShardTerms[]): Corpus {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const localToGlobal: Int32Array[] = [];
  let docs = 0;
  let nnz = 0;
  for (const shard of shards) {
    const map = new Int32Array(shard.terms.length);
    for (let t = 0; t < shard.terms.length; t++) {
      const term = shard.terms[t];
      let id = ids.get(term);
      if (id === undefined) {
        id = terms.length;
        ids.set(term, id);
        terms.push(term);
      }
      map[t] = id;
    }
    localToGlobal.push(map);
    docs += shard.docs;
    nnz += shard.docTerms.length;
  }
  const docPtr = new Int32Array(docs + 1);
  const docTerms = new Int32Array(nnz);
  const docCounts = new Float64Array(nnz);
  let d = 0;
  let e = 0;
  shards.forEach((shard, s) => {
    const map = localToGlobal[s];
    for (let local = 0; local < shard.docs; local++) {
      for (let p = shard.docPtr[local]; p < shard.docPtr[local + 1]; p++) {
        docTerms[e] = map[shard.docTerms[p]];
        docCounts[e] = shard.docCounts[p];
        e++;
      }
      docPtr[++d] = e;
    }
  });
  return { docs, terms, docPtr, docTerms, docCounts, shards, localToGlobal };
}

/**
 * The form each asked-for term was most often written in (ties: the alphabetically first), e.g.
 * "chain think" → "chain-of-thought", in the order asked. Only these are resolved: most terms never need one.
 */
export function surfaceForms(corpus: Corpus, termIds: ArrayLike<number>): string[] {
  // Dense slots by global id; most terms have one surface, so a Map only for those with more.
  const slot = new Int32Array(corpus.terms.length).fill(-1);
  for (let w = 0; w < termIds.length; w++) slot[termIds[w]] = w;
  const first: Array<string | undefined> = new Array(termIds.length);
  const firstCount = new Float64Array(termIds.length);
  const more = new Map<number, Map<string, number>>();
  corpus.shards.forEach((shard, s) => {
    const map = corpus.localToGlobal[s];
    for (let local = 0; local < shard.terms.length; local++) {
      const w = slot[map[local]];
      if (w < 0) continue;
      for (let p = shard.surfacePtr[local]; p < shard.surfacePtr[local + 1]; p++) {
        const form = shard.surfaces[p];
        const count = shard.surfaceCounts[p];
        if (first[w] === undefined || first[w] === form) {
          first[w] = form;
          firstCount[w] += count;
          continue;
        }
        let forms = more.get(w);
        if (forms === undefined) {
          forms = new Map();
          more.set(w, forms);
        }
        forms.set(form, (forms.get(form) ?? 0) + count);
      }
    }
  });
  const result: string[] = new Array(termIds.length);
  for (let w = 0; w < termIds.length; w++) {
    let best = first[w] ?? corpus.terms[termIds[w]];
    let bestCount = firstCount[w];
    const forms = more.get(w);
    if (forms !== undefined) {
      for (const [form, count] of forms) {
        if (count > bestCount || (count === bestCount && form < best)) {
          best = form;
          bestCount = count;
        }
      }
    }
    result[w] = best;
  }
  return result;
}
