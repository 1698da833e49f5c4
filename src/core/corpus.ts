/**
 * Merges the text stage's shards into one corpus with global term ids.
 *
 * Shards are merged in paper order and each shard numbers its terms by first appearance, so the
 * global ids are the order of first appearance in the whole input, whatever the number of shards:
 * the output does not depend on how many workers ran.
 */
import { IntPairMap } from './int-pair-map';
import { packedCount, packedEqual, unpackString } from './packed-strings';
import type { ShardTerms } from './text';

/**
 * The merged corpus. Its rows stay in their shards, in order (row `d` of the corpus is row
 * `d - rowStart[s]` of shard `s`), read through `localToGlobal`: a merged copy of every row would
 * be the largest allocation of the stage, garbage as soon as the TF-IDF matrix is made.
 */
export interface Corpus {
  docs: number;
  /** How many global terms; `corpusTerm` gives each one's string. */
  termCount: number;
  /** The shards and their local → global id maps: rows, terms and surface forms are read from them. */
  shards: ShardTerms[];
  localToGlobal: Int32Array[];
  /** The corpus row of each shard's first row. */
  rowStart: Int32Array;
  /** Where each global term first appeared: shard `termShard[g]`, local id `termLocal[g]`. */
  termShard: Int32Array;
  termLocal: Int32Array;
}

/** The string of global term `id`. */
export function corpusTerm(corpus: Corpus, id: number): string {
  return unpackString(corpus.shards[corpus.termShard[id]].terms, corpus.termLocal[id]);
}

/** Row `d`'s global term ids and counts, in the shard's order (for tests and checks). */
export function corpusRow(corpus: Corpus, d: number): { terms: number[]; counts: number[] } {
  let s = 0;
  while (s + 1 < corpus.shards.length && corpus.rowStart[s + 1] <= d) s++;
  const shard = corpus.shards[s];
  const local = d - corpus.rowStart[s];
  const terms: number[] = [];
  const counts: number[] = [];
  for (let p = shard.docPtr[local]; p < shard.docPtr[local + 1]; p++) {
    terms.push(corpus.localToGlobal[s][shard.docTerms[p]]);
    counts.push(shard.docCounts[p]);
  }
  return { terms, counts };
}

/** Every global term's string, in id order (for tests and small corpora: large ones need few). */
export function corpusTerms(corpus: Corpus): string[] {
  return Array.from({ length: corpus.termCount }, (_, id) => corpusTerm(corpus, id));
}

export function mergeShards(shards: ShardTerms[]): Corpus {
  // Terms are matched by their hashes and confirmed on their bytes; the rare pair of different
  // terms with one hash is told apart by its strings.
  // Sized for the most terms there can be (every shard's terms new), not grown: a million-term
  // vocabulary grown in arrays left ~70 MB of garbage at the start of the similarity stage.
  const most = shards.reduce((sum, shard) => sum + packedCount(shard.terms), 0);
  const byHash = new IntPairMap(most / 2);
  const hashTerm = new Int32Array(most);
  const collided = new Map<string, number>();
  const termShard = new Int32Array(most);
  const termLocal = new Int32Array(most);
  let terms = 0;
  const localToGlobal: Int32Array[] = [];
  const rowStart = new Int32Array(shards.length);
  let docs = 0;
  shards.forEach((shard, s) => {
    const packed = shard.terms;
    const count = packedCount(packed);
    const slots = new Int32Array(count);
    const matched = new Uint8Array(count);
    // A matched term's id (or, matched in this shard, the term it matched); the rest get theirs below.
    const map = new Int32Array(count);
    // The hashes first: a term whose hash an earlier shard has is that shard's term, once confirmed.
    const firstSlot = byHash.size;
    const slotLocal: number[] = [];
    for (let t = 0; t < count; t++) {
      const known = byHash.size;
      const slot = byHash.id(packed.hash[2 * t], packed.hash[2 * t + 1]);
      slots[t] = slot;
      if (slot === known) {
        matched[t] = NEW;
        slotLocal.push(t);
      } else if (slot < firstSlot) {
        matched[t] = MATCHED;
        map[t] = hashTerm[slot];
      } else {
        // The text stage lists a term once per shard, but a shard that repeats one still merges.
        const first = slotLocal[slot - firstSlot];
        matched[t] = packedEqual(packed, t, packed, first) ? REPEATED : COLLIDED;
        map[t] = first;
      }
    }
    confirmMatches(shards, s, map, matched, termShard, termLocal);
    // Then the ids, in the shard's order: new terms take the next ones, in order of first appearance.
    for (let t = 0; t < count; t++) {
      let id: number;
      if (matched[t] === NEW) {
        id = terms++;
        hashTerm[slots[t]] = id;
        termShard[id] = s;
        termLocal[id] = t;
      } else if (matched[t] === MATCHED) continue;
      else if (matched[t] === REPEATED) id = map[map[t]];
      else {
        const text = unpackString(packed, t);
        id = collided.get(text) ?? terms;
        if (id === terms) {
          collided.set(text, id);
          termShard[id] = s;
          termLocal[id] = t;
          terms++;
        }
      }
      map[t] = id;
    }
    localToGlobal.push(map);
    rowStart[s] = docs;
    docs += shard.docs;
  });
  return {
    docs,
    termCount: terms,
    shards,
    localToGlobal,
    rowStart,
    termShard: termShard.subarray(0, terms),
    termLocal: termLocal.subarray(0, terms),
  };
}

/** How a shard's term met the terms before it: by `mergeShards`'s hash, then its bytes. */
const NEW = 0;
const MATCHED = 1;
/** The same term listed twice in one shard: its first listing's id. */
const REPEATED = 2;
const COLLIDED = 3;

/**
 * Confirms on their bytes the terms of shard `s` whose hash matched an earlier shard's term
 * (`matchedId[t]`, where `matched[t]` is MATCHED); one that differs is marked COLLIDED. Compared one earlier shard at a time: in the order of the
 * shard's terms, each comparison read a random place of every shard's bytes (~60 MB at 44,904
 * papers) and the comparisons cost twice the rest of the merge; one shard's bytes stay in cache.
 */
function confirmMatches(
  shards: ShardTerms[],
  s: number,
  matchedId: Int32Array,
  matched: Uint8Array,
  termShard: Int32Array,
  termLocal: Int32Array,
): void {
  const { ptr, bytes } = shards[s].terms;
  const count = matched.length;
  const source = new Int32Array(count);
  const bucketStart = new Int32Array(s + 2);
  for (let t = 0; t < count; t++) {
    if (matched[t] !== MATCHED) continue;
    source[t] = termShard[matchedId[t]];
    bucketStart[source[t] + 1]++;
  }
  for (let b = 0; b <= s; b++) bucketStart[b + 1] += bucketStart[b];
  const order = new Int32Array(bucketStart[s + 1]);
  const fill = bucketStart.slice(0, s + 1);
  for (let t = 0; t < count; t++) if (matched[t] === MATCHED) order[fill[source[t]]++] = t;
  for (let earlier = 0; earlier < s; earlier++) {
    const other = shards[earlier].terms;
    for (let i = bucketStart[earlier]; i < bucketStart[earlier + 1]; i++) {
      const t = order[i];
      const at = termLocal[matchedId[t]];
      if (!sameBytes(bytes, ptr[t], ptr[t + 1], other.bytes, other.ptr[at], other.ptr[at + 1]))
        matched[t] = COLLIDED;
    }
  }
}

/** Whether `a[start..end)` and `b[otherStart..otherEnd)` are the same bytes. */
function sameBytes(
  a: Uint8Array,
  start: number,
  end: number,
  b: Uint8Array,
  otherStart: number,
  otherEnd: number,
): boolean {
  if (otherEnd - otherStart !== end - start) return false;
  for (let p = start; p < end; p++) if (a[p] !== b[otherStart + p - start]) return false;
  return true;
}

/**
 * The form each asked-for term was most often written in (ties: the alphabetically first), e.g.
 * "chain think" → "chain-of-thought", in the order asked. Only these are resolved: most terms never need one.
 */
export function surfaceForms(corpus: Corpus, termIds: ArrayLike<number>): string[] {
  // Dense slots by global id.
  const slot = new Int32Array(corpus.termCount).fill(-1);
  for (let w = 0; w < termIds.length; w++) slot[termIds[w]] = w;
  // Each term's forms are held in a list per term and matched on their bytes, copied into one
  // arena as each form is first met (the shards' bytes, read where each form first appeared, were
  // random reads over ~60 MB at 44,904 papers): only the winners (and forms tied with them) ever
  // become strings. A term has a few forms, so the list is short.
  const forms = new FormList(termIds.length);
  corpus.shards.forEach((shard, s) => {
    const map = corpus.localToGlobal[s];
    const { surfacePtr, surfaceCounts } = shard;
    const { ptr, bytes } = shard.surfaces;
    for (let local = 0; local < map.length; local++) {
      const w = slot[map[local]];
      if (w < 0) continue;
      for (let p = surfacePtr[local]; p < surfacePtr[local + 1]; p++) {
        let f = forms.head[w];
        while (f >= 0 && !forms.holds(f, bytes, ptr[p], ptr[p + 1])) f = forms.next[f];
        if (f >= 0) forms.count[f] += surfaceCounts[p];
        else forms.add(w, bytes, ptr[p], ptr[p + 1], surfaceCounts[p]);
      }
    }
  });
  const result: string[] = new Array(termIds.length);
  for (let w = 0; w < termIds.length; w++) {
    let best = forms.head[w];
    if (best < 0) {
      result[w] = corpusTerm(corpus, termIds[w]);
      continue;
    }
    let bestText: string | null = null;
    for (let f = forms.next[best]; f >= 0; f = forms.next[f]) {
      if (forms.count[f] > forms.count[best]) {
        best = f;
        bestText = null;
      } else if (forms.count[f] === forms.count[best]) {
        bestText ??= forms.text(best);
        const text = forms.text(f);
        if (text < bestText) {
          best = f;
          bestText = text;
        }
      }
    }
    result[w] = bestText ?? forms.text(best);
  }
  return result;
}

const formDecoder = new TextDecoder();

/** Singly linked lists of forms per term, in typed arrays that double as they fill; each form's bytes in `arena`. */
class FormList {
  readonly head: Int32Array;
  next = new Int32Array(1024);
  count = new Float64Array(1024);
  /** Form `f` is `arena[start[f]..start[f + 1])`. */
  private start = new Int32Array(1025);
  private arena = new Uint8Array(1 << 16);
  private tail: Int32Array;
  private size = 0;

  constructor(terms: number) {
    this.head = new Int32Array(terms).fill(-1);
    this.tail = new Int32Array(terms).fill(-1);
  }

  /** Whether form `f` is the bytes `bytes[from..to)`. */
  holds(f: number, bytes: Uint8Array, from: number, to: number): boolean {
    const at = this.start[f];
    if (this.start[f + 1] - at !== to - from) return false;
    const arena = this.arena;
    for (let p = from; p < to; p++) if (arena[at + p - from] !== bytes[p]) return false;
    return true;
  }

  text(f: number): string {
    return formDecoder.decode(this.arena.subarray(this.start[f], this.start[f + 1]));
  }

  /** Appends the form `bytes[from..to)` to term w's list: in the order first met, which ties do not depend on. */
  add(w: number, bytes: Uint8Array, from: number, to: number, count: number): void {
    if (this.size === this.next.length) {
      const length = 2 * this.size;
      this.next = grown(this.next, length);
      this.count = grown(this.count, length);
      this.start = grown(this.start, length + 1);
    }
    const f = this.size++;
    const at = this.start[f];
    if (at + (to - from) > this.arena.length)
      this.arena = grown(this.arena, 2 * (this.arena.length + to - from));
    const arena = this.arena;
    for (let p = from; p < to; p++) arena[at + p - from] = bytes[p];
    this.start[f + 1] = at + (to - from);
    this.next[f] = -1;
    this.count[f] = count;
    if (this.tail[w] < 0) this.head[w] = f;
    else this.next[this.tail[w]] = f;
    this.tail[w] = f;
  }
}

/** `array` copied into a new one of `length` elements. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
