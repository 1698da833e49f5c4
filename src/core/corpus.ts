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
 * "chain think" → "chain-of-thought". Only the asked terms are resolved: most terms never need one.
 */
export function surfaceForms(corpus: Corpus, termIds: Iterable<number>): Map<number, string> {
  const wanted = new Map<number, Map<string, number>>();
  for (const id of termIds) wanted.set(id, new Map());
  corpus.shards.forEach((shard, s) => {
    const map = corpus.localToGlobal[s];
    for (let local = 0; local < shard.terms.length; local++) {
      const forms = wanted.get(map[local]);
      if (forms === undefined) continue;
      for (let p = shard.surfacePtr[local]; p < shard.surfacePtr[local + 1]; p++) {
        const form = shard.surfaces[p];
        forms.set(form, (forms.get(form) ?? 0) + shard.surfaceCounts[p]);
      }
    }
  });
  const result = new Map<number, string>();
  for (const [id, forms] of wanted) {
    let best = corpus.terms[id];
    let bestCount = -1;
    for (const [form, count] of forms) {
      if (count > bestCount || (count === bestCount && form < best)) {
        best = form;
        bestCount = count;
      }
    }
    result.set(id, best);
  }
  return result;
}
