/**
 * A list of strings packed as UTF-8 in one byte buffer, with a 62-bit hash of each.
 *
 * A text shard's vocabulary is millions of short strings, most of them (bigrams in one paper) never
 * used again. Sent as strings, each one is copied into the main thread's heap, where the garbage
 * collector then walks it; packed, the list crosses between threads as a transferred buffer, and
 * the main thread makes a string only of the few terms the graph keeps. The hashes (two 31-bit
 * halves, FNV-1a and a murmur-style mix of the same bytes) let the merge match terms across shards
 * without their strings; it confirms every match on the bytes (`packedEqual`), so a collision costs
 * a comparison, never a wrong term.
 *
 * Encoded by `TextEncoder`: a lone surrogate becomes U+FFFD.
 */

export interface PackedStrings {
  /** String `i` is `bytes[ptr[i]..ptr[i + 1])`. */
  ptr: Int32Array<ArrayBuffer>;
  bytes: Uint8Array<ArrayBuffer>;
  /** String `i` hashes to the pair `hash[2i]`, `hash[2i + 1]` (each in [0, 2^31)); empty without hashes. */
  hash: Int32Array<ArrayBuffer>;
}

const encoder = new TextEncoder();
const NEWLINE = 10;

/** Packs `list` in order; `withHashes` adds the hash of each (the merge needs them for terms only). */
export function packStrings(list: readonly string[], withHashes: boolean): PackedStrings {
  // One native join and encode, the strings cut apart again at their line breaks: far quicker
  // than a string at a time, as most of the list are bigrams built by concatenation.
  const n = list.length;
  const joined = encoder.encode(list.join('\n'));
  const bytes = new Uint8Array(Math.max(0, joined.length - (n - 1)));
  const ptr = new Int32Array(n + 1);
  let at = 0;
  let s = 0;
  for (let p = 0; p < joined.length; p++) {
    const b = joined[p];
    if (b !== NEWLINE) bytes[at++] = b;
    else if (++s < n) ptr[s] = at;
  }
  // A string with a line break of its own (none of the text stage's has one) is packed alone.
  if (n > 0 && s !== n - 1) return packEach(list, withHashes);
  ptr[n] = at;
  return { ptr, bytes, hash: withHashes ? hashAll(bytes, ptr) : new Int32Array(0) };
}

/**
 * Strings each made of up to three strings of `source`: string `i` is `source[first[i]]`, then
 * `source[joint[i]]`, then `source[second[i]]`, where -1 stands for nothing. Their bytes are copied,
 * so no joined string is ever built: the text stage's bigrams are most of its vocabulary, and
 * building each one as a string, then encoding it, was a tenth of the stage. The bytes are those of
 * the joined string whenever no seam splits a surrogate pair, true of the text stage's words, which
 * are whole code points (and of its joints, a space or what stands between two words).
 */
export function packJoined(
  source: PackedStrings,
  first: Int32Array,
  joint: Int32Array,
  second: Int32Array,
  withHashes: boolean,
): PackedStrings {
  const n = first.length;
  const { ptr: at, bytes: from } = source;
  const length = (s: number): number => (s < 0 ? 0 : at[s + 1] - at[s]);
  const ptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) ptr[i + 1] = ptr[i] + length(first[i]) + length(joint[i]) + length(second[i]);
  const bytes = new Uint8Array(ptr[n]);
  let to = 0;
  for (let i = 0; i < n; i++) {
    for (let part = 0; part < 3; part++) {
      const s = part === 0 ? first[i] : part === 1 ? joint[i] : second[i];
      if (s < 0) continue;
      for (let p = at[s], end = at[s + 1]; p < end; p++) bytes[to++] = from[p];
    }
  }
  return { ptr, bytes, hash: withHashes ? hashAll(bytes, ptr) : new Int32Array(0) };
}

/** One string at a time, for lists whose strings hold line breaks themselves. */
function packEach(list: readonly string[], withHashes: boolean): PackedStrings {
  const parts = list.map((text) => encoder.encode(text));
  const ptr = new Int32Array(list.length + 1);
  for (let i = 0; i < parts.length; i++) ptr[i + 1] = ptr[i] + parts[i].length;
  const bytes = new Uint8Array(ptr[list.length]);
  for (let i = 0; i < parts.length; i++) bytes.set(parts[i], ptr[i]);
  return { ptr, bytes, hash: withHashes ? hashAll(bytes, ptr) : new Int32Array(0) };
}

function hashAll(bytes: Uint8Array, ptr: Int32Array): Int32Array<ArrayBuffer> {
  const hash = new Int32Array(2 * (ptr.length - 1));
  for (let i = 0; i + 1 < ptr.length; i++) hashBytes(bytes, ptr[i], ptr[i + 1], hash, 2 * i);
  return hash;
}

/** Writes the two 31-bit hashes of `bytes[start..end)` to `out[at]`, `out[at + 1]`. */
function hashBytes(bytes: Uint8Array, start: number, end: number, out: Int32Array, at: number): void {
  let fnv = 0x811c9dc5;
  let mix = 0x9747b28c ^ (end - start);
  for (let p = start; p < end; p++) {
    const b = bytes[p];
    fnv = Math.imul(fnv ^ b, 0x01000193);
    mix = Math.imul(mix ^ b, 0x5bd1e995);
    mix ^= mix >>> 15;
  }
  // murmur3's finalizer, so that every byte reaches every bit.
  mix ^= mix >>> 16;
  mix = Math.imul(mix, 0x85ebca6b);
  mix ^= mix >>> 13;
  mix = Math.imul(mix, 0xc2b2ae35);
  mix ^= mix >>> 16;
  out[at] = fnv >>> 1;
  out[at + 1] = mix >>> 1;
}

/** How many strings `packed` holds. */
export function packedCount(packed: PackedStrings): number {
  return packed.ptr.length - 1;
}

const decoder = new TextDecoder();

/** String `i` of `packed`. */
export function unpackString(packed: PackedStrings, i: number): string {
  return decoder.decode(packed.bytes.subarray(packed.ptr[i], packed.ptr[i + 1]));
}

/** Every string of `packed`, in order. */
export function unpackStrings(packed: PackedStrings): string[] {
  return Array.from({ length: packedCount(packed) }, (_, i) => unpackString(packed, i));
}

/** Whether string `i` of `a` and string `j` of `b` are the same. */
export function packedEqual(a: PackedStrings, i: number, b: PackedStrings, j: number): boolean {
  const start = a.ptr[i];
  const length = a.ptr[i + 1] - start;
  const other = b.ptr[j];
  if (b.ptr[j + 1] - other !== length) return false;
  for (let p = 0; p < length; p++) if (a.bytes[start + p] !== b.bytes[other + p]) return false;
  return true;
}
