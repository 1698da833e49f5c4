/**
 * Numbers pairs of non-negative integers below 2^31 (term ids, held as int32) in order of first appearance: `id(a, b)` is the pair's
 * number, a new one (`size - 1`) the first time. An open-addressing table on one typed array (each
 * slot holds the pair and its number, so a probe reads one place in memory): the text stage asks
 * it for every bigram occurrence, where nested `Map`s cost several lookups and an object per first
 * element.
 */

const EMPTY = -1;
const INITIAL_SLOTS = 1 << 10;

export class IntPairMap {
  /** Slot `s` is `table[3s..3s+2]`: a, b, the pair's number (EMPTY when free). */
  private table: Int32Array<ArrayBuffer>;
  private mask: number;
  /** The pairs by number, for `firstOf` and `secondOf`. */
  private pairs: Int32Array<ArrayBuffer>;
  private count = 0;

  /** `expected`: how many pairs to make room for before the first rehash (a guess; it still grows past it). */
  constructor(expected = 0) {
    let slots = INITIAL_SLOTS;
    while (slots < 2 * expected) slots *= 2;
    this.table = emptyTable(slots);
    this.mask = slots - 1;
    this.pairs = new Int32Array(slots);
  }

  get size(): number {
    return this.count;
  }

  firstOf(id: number): number {
    return this.pairs[2 * id];
  }

  secondOf(id: number): number {
    return this.pairs[2 * id + 1];
  }

  id(a: number, b: number): number {
    const table = this.table;
    for (let slot = mix(a, b) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = 3 * slot;
      const entry = table[at + 2];
      if (entry === EMPTY) return this.add(at, a, b);
      if (table[at] === a && table[at + 1] === b) return entry;
    }
  }

  private add(at: number, a: number, b: number): number {
    const entry = this.count++;
    if (2 * entry === this.pairs.length) {
      const pairs = new Int32Array(this.pairs.length * 2);
      pairs.set(this.pairs);
      this.pairs = pairs;
    }
    this.pairs[2 * entry] = a;
    this.pairs[2 * entry + 1] = b;
    this.table[at] = a;
    this.table[at + 1] = b;
    this.table[at + 2] = entry;
    // Kept at most half full, so probes stay short.
    if (this.count * 2 > this.mask + 1) this.rehash();
    return entry;
  }

  private rehash(): void {
    const slots = (this.mask + 1) * 2;
    this.table = emptyTable(slots);
    this.mask = slots - 1;
    for (let entry = 0; entry < this.count; entry++) {
      const a = this.pairs[2 * entry];
      const b = this.pairs[2 * entry + 1];
      let slot = mix(a, b) & this.mask;
      while (this.table[3 * slot + 2] !== EMPTY) slot = (slot + 1) & this.mask;
      this.table[3 * slot] = a;
      this.table[3 * slot + 1] = b;
      this.table[3 * slot + 2] = entry;
    }
  }
}

/** A 32-bit hash of the pair (murmur3's finalizer over a combination of both). */
function mix(a: number, b: number): number {
  let h = (Math.imul(a, 0x9e3779b1) + b) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function emptyTable(slots: number): Int32Array<ArrayBuffer> {
  const table = new Int32Array(3 * slots);
  for (let s = 2; s < table.length; s += 3) table[s] = EMPTY;
  return table;
}
