/**
 * A map keyed by strings that is looked up with a slice of a longer text (`text`, `start`, `end`)
 * without cutting the slice out: the text stage looks up every piece of every abstract, and a
 * `Map` would need a new string (and its hash) for each. Hashes are computed over the characters
 * in place and a hit is confirmed with `startsWith`, so a known piece costs no allocation.
 */

const EMPTY = -1;

const INITIAL_SLOTS = 1 << 12;

export class SubstringMap<V> {
  /** Slot `s` is `slots[2s]` (the key's hash, as int32) and `slots[2s + 1]` (its entry, EMPTY when free). */
  private slots = emptySlots(INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private readonly keys: string[] = [];
  private readonly hashes: number[] = [];
  private readonly values: V[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The hash of `text[start..end)`; pass it to `get` and `set`. */
  static hash(text: string, start: number, end: number): number {
    // FNV-1a over UTF-16 code units.
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }

  get(text: string, start: number, end: number, hash: number): V | undefined {
    const length = end - start;
    const slots = this.slots;
    const tag = hash | 0;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = slots[2 * slot + 1];
      if (entry === EMPTY) return undefined;
      if (slots[2 * slot] === tag) {
        const key = this.keys[entry];
        if (key.length === length && text.startsWith(key, start)) return this.values[entry];
      }
    }
  }

  /** Adds a key that `get` did not find. */
  set(key: string, hash: number, value: V): void {
    if ((this.keys.length + 1) * 2 > this.mask + 1) this.grow();
    const entry = this.keys.length;
    this.keys.push(key);
    this.hashes.push(hash);
    this.values.push(value);
    this.place(entry, hash);
  }

  clear(): void {
    this.keys.length = 0;
    this.hashes.length = 0;
    this.values.length = 0;
    this.slots = emptySlots(INITIAL_SLOTS);
    this.mask = INITIAL_SLOTS - 1;
  }

  private place(entry: number, hash: number): void {
    let slot = hash & this.mask;
    while (this.slots[2 * slot + 1] !== EMPTY) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = hash | 0;
    this.slots[2 * slot + 1] = entry;
  }

  private grow(): void {
    const slots = (this.mask + 1) * 2;
    this.slots = emptySlots(slots);
    this.mask = slots - 1;
    for (let entry = 0; entry < this.keys.length; entry++) this.place(entry, this.hashes[entry]);
  }
}

function emptySlots(slots: number): Int32Array<ArrayBuffer> {
  const table = new Int32Array(2 * slots);
  for (let s = 1; s < table.length; s += 2) table[s] = EMPTY;
  return table;
}
