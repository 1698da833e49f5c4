import { describe, expect, it } from 'vitest';
import { SubstringMap } from '../../src/core/substring-map';

/**
 * FNV-1a 32-bit over UTF-16 code units, written independently of the module: the multiplication by
 * the FNV prime 16777619 = 2^24 + 403 is done in exact double arithmetic, not with Math.imul.
 */
function fnv1a(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h = (h ^ s.charCodeAt(i)) >>> 0;
    h = ((h % 256) * 2 ** 24 + h * 403) % 2 ** 32;
  }
  return h;
}

/** Looks `key` up as a slice of `text`, where it is found at `start`. */
function getSlice<V>(map: SubstringMap<V>, text: string, start: number, end: number): V | undefined {
  return map.get(text, start, end, SubstringMap.hash(text, start, end));
}

/** Adds `key` with its own hash. */
function put<V>(map: SubstringMap<V>, key: string, value: V): void {
  map.set(key, SubstringMap.hash(key, 0, key.length), value);
}

/** Finds two different strings with equal FNV-1a hashes ("k0", "k1", …) by the birthday bound. */
function bruteForceCollision(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; i < 2_000_000; i++) {
    const s = `k${i}`;
    const h = fnv1a(s);
    const other = seen.get(h);
    if (other !== undefined) return [other, s];
    seen.set(h, s);
  }
  throw new Error('no collision found');
}

describe('SubstringMap.hash', () => {
  it('is FNV-1a 32-bit (published test vectors)', () => {
    expect(SubstringMap.hash('', 0, 0)).toBe(0x811c9dc5);
    expect(SubstringMap.hash('a', 0, 1)).toBe(0xe40c292c);
    expect(SubstringMap.hash('foobar', 0, 6)).toBe(0xbf9cf968);
  });

  it('hashes a slice as the sliced string, wherever the slice lies', () => {
    const text = 'Large language models (LLMs) reason step‐by‐step — or do they? ümlaut 😀 end';
    for (let start = 0; start <= text.length; start += 3)
      for (let end = start; end <= text.length; end += 5) {
        const slice = text.slice(start, end);
        expect(SubstringMap.hash(text, start, end)).toBe(fnv1a(slice));
        expect(SubstringMap.hash(text, start, end)).toBe(SubstringMap.hash(slice, 0, slice.length));
      }
  });

  it('is an unsigned 32-bit integer', () => {
    for (const s of ['', 'a', 'zz', 'models', 'x'.repeat(1000)]) {
      const h = SubstringMap.hash(s, 0, s.length);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });
});

describe('SubstringMap get and set', () => {
  it('finds a key by a slice of a longer text, without the slice being cut out', () => {
    const map = new SubstringMap<number>();
    put(map, 'models', 1);
    put(map, 'agents', 2);
    const text = 'we train models and agents, not models,';
    expect(getSlice(map, text, 9, 15)).toBe(1); // "models"
    expect(getSlice(map, text, 20, 26)).toBe(2); // "agents"
    expect(getSlice(map, text, 32, 38)).toBe(1); // second "models"
    expect(text.slice(32, 38)).toBe('models');
  });

  it('misses slices that are only a prefix or an extension of a key', () => {
    const map = new SubstringMap<number>();
    put(map, 'model', 1);
    const text = 'models mode model';
    expect(getSlice(map, text, 0, 6)).toBeUndefined(); // "models"
    expect(getSlice(map, text, 7, 11)).toBeUndefined(); // "mode"
    expect(getSlice(map, text, 12, 17)).toBe(1);
  });

  it('confirms a hit by the characters, not only the hash', () => {
    const map = new SubstringMap<string>();
    const h = SubstringMap.hash('ab', 0, 2);
    map.set('ab', h, 'ab');
    // Same hash passed for other slices: a longer one, a shorter one, one of the same length.
    expect(map.get('abc', 0, 3, h)).toBeUndefined();
    expect(map.get('a', 0, 1, h)).toBeUndefined();
    expect(map.get('xy', 0, 2, h)).toBeUndefined();
    expect(map.get('xaby', 1, 3, h)).toBe('ab');
  });

  it('misses everything when empty', () => {
    const map = new SubstringMap<number>();
    expect(map.size).toBe(0);
    for (const s of ['', 'a', 'models', 'constructor']) expect(getSlice(map, s, 0, s.length)).toBeUndefined();
  });

  it('keeps values of any type, including falsy ones', () => {
    const map = new SubstringMap<unknown>();
    const arr = [1, 2];
    put(map, 'zero', 0);
    put(map, 'empty', '');
    put(map, 'null', null);
    put(map, 'arr', arr);
    expect(getSlice(map, 'zero', 0, 4)).toBe(0);
    expect(getSlice(map, 'empty', 0, 5)).toBe('');
    expect(getSlice(map, 'null', 0, 4)).toBeNull();
    expect(getSlice(map, 'arr', 0, 3)).toBe(arr);
  });

  it('counts its keys in size', () => {
    const map = new SubstringMap<number>();
    const keys = ['a', 'b', 'ab', 'ba', '', 'abc'];
    keys.forEach((k, i) => {
      put(map, k, i);
      expect(map.size).toBe(i + 1);
    });
  });

  it('forgets every key on clear and accepts new ones after', () => {
    const map = new SubstringMap<number>();
    for (let i = 0; i < 5000; i++) put(map, `w${i}`, i);
    map.clear();
    expect(map.size).toBe(0);
    expect(getSlice(map, 'w1', 0, 2)).toBeUndefined();
    expect(getSlice(map, 'w4999', 0, 5)).toBeUndefined();
    put(map, 'w1', 42);
    expect(getSlice(map, 'w1', 0, 2)).toBe(42);
    expect(map.size).toBe(1);
  });
});

describe('SubstringMap collisions', () => {
  it('keeps apart known FNV-1a collisions', () => {
    const pairs: [string, string][] = [
      ['costarring', 'liquid'],
      ['declinate', 'macallums'],
      ['altarage', 'zinke'],
    ];
    const map = new SubstringMap<string>();
    for (const [a, b] of pairs) {
      expect(fnv1a(a)).toBe(fnv1a(b));
      expect(SubstringMap.hash(a, 0, a.length)).toBe(SubstringMap.hash(b, 0, b.length));
      put(map, a, a);
      // The second is not found before it is set, although its hash is present.
      expect(getSlice(map, b, 0, b.length)).toBeUndefined();
      put(map, b, b);
    }
    const text = pairs.flat().join(' ');
    let at = 0;
    for (const word of pairs.flat()) {
      expect(getSlice(map, text, at, at + word.length)).toBe(word);
      at += word.length + 1;
    }
    expect(map.size).toBe(6);
  });

  it('keeps apart a collision found by brute force', () => {
    const [a, b] = bruteForceCollision();
    expect(a).not.toBe(b);
    expect(SubstringMap.hash(a, 0, a.length)).toBe(SubstringMap.hash(b, 0, b.length));
    const map = new SubstringMap<number>();
    put(map, b, 2);
    put(map, a, 1);
    const text = `<${a}|${b}>`;
    expect(getSlice(map, text, 1, 1 + a.length)).toBe(1);
    expect(getSlice(map, text, 2 + a.length, 2 + a.length + b.length)).toBe(2);
  });

  it('keeps apart keys whose hashes differ but share the low bits (same first slot)', () => {
    // Keys with equal low 12 bits land in the same slot of a fresh map; pick ones at the last
    // slot, so probing also wraps around to slot 0, and some at slot 0 to meet them there.
    const low = (s: string, mask: number) => fnv1a(s) & mask;
    const atEnd: string[] = [];
    const atStart: string[] = [];
    for (let i = 0; atEnd.length < 8 || atStart.length < 4; i++) {
      const s = `slot${i}`;
      if (low(s, 4095) === 4095 && atEnd.length < 8) atEnd.push(s);
      else if (low(s, 4095) === 0 && atStart.length < 4) atStart.push(s);
    }
    expect(new Set(atEnd.map(fnv1a)).size).toBeGreaterThan(1);
    const map = new SubstringMap<string>();
    for (const s of [...atEnd, ...atStart]) {
      expect(getSlice(map, s, 0, s.length)).toBeUndefined();
      put(map, s, s);
    }
    for (const s of [...atStart, ...atEnd]) expect(getSlice(map, `..${s}..`, 2, 2 + s.length)).toBe(s);
    // Others with the same low bits but never set are still missing.
    for (let i = 0, misses = 0; misses < 4; i++) {
      const s = `miss${i}`;
      if (low(s, 4095) !== 4095) continue;
      expect(getSlice(map, s, 0, s.length)).toBeUndefined();
      misses++;
    }
  });
});

describe('SubstringMap growth', () => {
  it('keeps every key as it grows far past its initial slots', () => {
    const n = 50_000;
    const words = Array.from({ length: n }, (_, i) => `w${i.toString(36)}`);
    const map = new SubstringMap<number>();
    words.forEach((w, i) => {
      put(map, w, i);
      // Every so often, check all the keys so far (across each doubling of the table).
      if ((i & (i + 1)) === 0)
        for (let j = 0; j <= i; j++) expect(getSlice(map, words[j], 0, words[j].length)).toBe(j);
    });
    expect(map.size).toBe(n);
    const text = words.join(' ');
    let at = 0;
    let found = 0;
    words.forEach((w, i) => {
      if (getSlice(map, text, at, at + w.length) === i) found++;
      at += w.length + 1;
    });
    expect(found).toBe(n);
    // Never-set keys are still missing.
    for (const miss of ['w', 'x0', `w${n.toString(36)}z`, 'w0 w1'])
      expect(getSlice(map, miss, 0, miss.length)).toBeUndefined();
  });

  it('keeps colliding keys through growth', () => {
    const map = new SubstringMap<string>();
    put(map, 'costarring', 'costarring');
    put(map, 'liquid', 'liquid');
    for (let i = 0; i < 20_000; i++) put(map, `g${i}`, `g${i}`);
    expect(getSlice(map, 'costarring', 0, 10)).toBe('costarring');
    expect(getSlice(map, 'liquid', 0, 6)).toBe('liquid');
    expect(getSlice(map, 'g19999', 0, 6)).toBe('g19999');
    expect(map.size).toBe(20_002);
  });
});

describe('SubstringMap keys that are JS property names', () => {
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'length'];

  it('misses them until they are set', () => {
    const map = new SubstringMap<number>();
    put(map, 'other', 0);
    for (const name of names) expect(getSlice(map, name, 0, name.length)).toBeUndefined();
  });

  it('stores and finds them as ordinary keys', () => {
    const map = new SubstringMap<number>();
    names.forEach((name, i) => {
      put(map, name, i + 1);
    });
    expect(map.size).toBe(names.length);
    const text = `(${names.join(',')})`;
    let at = 1;
    names.forEach((name, i) => {
      expect(getSlice(map, text, at, at + name.length)).toBe(i + 1);
      at += name.length + 1;
    });
  });
});

describe('SubstringMap empty slice', () => {
  it('hashes to the FNV offset basis wherever it lies', () => {
    expect(SubstringMap.hash('abc', 0, 0)).toBe(0x811c9dc5);
    expect(SubstringMap.hash('abc', 2, 2)).toBe(0x811c9dc5);
    expect(SubstringMap.hash('abc', 3, 3)).toBe(0x811c9dc5);
  });

  it('is missing until the empty key is set, then found at any position of any text', () => {
    const map = new SubstringMap<string>();
    put(map, 'a', 'a');
    expect(getSlice(map, 'abc', 1, 1)).toBeUndefined();
    put(map, '', 'empty');
    expect(getSlice(map, 'abc', 0, 0)).toBe('empty');
    expect(getSlice(map, 'abc', 1, 1)).toBe('empty');
    expect(getSlice(map, 'abc', 3, 3)).toBe('empty');
    expect(getSlice(map, '', 0, 0)).toBe('empty');
    expect(getSlice(map, 'abc', 0, 1)).toBe('a');
    expect(getSlice(map, 'abc', 1, 2)).toBeUndefined();
    expect(map.size).toBe(2);
  });
});
