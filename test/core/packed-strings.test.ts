import { describe, expect, it } from 'vitest';
import { type Corpus, corpusRow, corpusTerms, mergeShards, surfaceForms } from '../../src/core/corpus';
import {
  type PackedStrings,
  packedCount,
  packedEqual,
  packJoined,
  packStrings,
  unpackString,
  unpackStrings,
} from '../../src/core/packed-strings';
import type { ShardTerms } from '../../src/core/text';

const WORDS = [
  '',
  'graph',
  'graph neural',
  'Schrödinger',
  'naïve bayes',
  'μ-law',
  '图神经网络',
  'emoji 🧪 test',
  'constructor',
  '__proto__',
];

describe('packStrings', () => {
  it('round-trips every string, whatever its characters, as UTF-8', () => {
    const packed = packStrings(WORDS, true);
    expect(packedCount(packed)).toBe(WORDS.length);
    expect(unpackStrings(packed)).toEqual(WORDS);
    const encoder = new TextEncoder();
    WORDS.forEach((word, i) => {
      expect([...packed.bytes.subarray(packed.ptr[i], packed.ptr[i + 1])]).toEqual([...encoder.encode(word)]);
    });
  });

  it('encodes a lone surrogate as TextEncoder does (U+FFFD)', () => {
    const odd = ['a\ud800b', '\udc00', 'x\ud83d'];
    const packed = packStrings(odd, false);
    const encoder = new TextEncoder();
    odd.forEach((word, i) => {
      expect([...packed.bytes.subarray(packed.ptr[i], packed.ptr[i + 1])]).toEqual([...encoder.encode(word)]);
    });
    expect(unpackString(packed, 0)).toBe('a\ufffdb');
  });

  it('gives equal strings equal hashes in [0, 2^31), and different ones different hashes', () => {
    const a = packStrings(['graph', 'kernel', 'graph kernel'], true);
    const b = packStrings(['kernel', 'graph kernel', 'graph'], true);
    const pair = (p: PackedStrings, i: number): [number, number] => [p.hash[2 * i], p.hash[2 * i + 1]];
    expect(pair(a, 0)).toEqual(pair(b, 2));
    expect(pair(a, 1)).toEqual(pair(b, 0));
    expect(pair(a, 2)).toEqual(pair(b, 1));
    expect(pair(a, 0)).not.toEqual(pair(a, 1));
    for (const h of a.hash) {
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 31);
    }
    expect(packStrings(['graph'], false).hash.length).toBe(0);
  });

  it('compares packed strings on their bytes', () => {
    const a = packStrings(['graph', 'grap', 'Graph'], false);
    const b = packStrings(['graph'], false);
    expect(packedEqual(a, 0, b, 0)).toBe(true);
    expect(packedEqual(a, 1, b, 0)).toBe(false);
    expect(packedEqual(a, 2, b, 0)).toBe(false);
  });
});

describe('packJoined', () => {
  it('packs each joined string as packStrings packs the string itself, bytes and hashes', () => {
    const source = packStrings(WORDS, false);
    const first: number[] = [];
    const joint: number[] = [];
    const second: number[] = [];
    const expected: string[] = [];
    const part = (s: number): string => (s < 0 ? '' : WORDS[s]);
    for (let a = -1; a < WORDS.length; a++)
      for (const j of [-1, 2, 7])
        for (const b of [-1, 0, 3, 6, 7]) {
          first.push(a);
          joint.push(j);
          second.push(b);
          expected.push(part(a) + part(j) + part(b));
        }
    const joined = packJoined(
      source,
      Int32Array.from(first),
      Int32Array.from(joint),
      Int32Array.from(second),
      true,
    );
    const direct = packStrings(expected, true);
    expect(unpackStrings(joined)).toEqual(expected);
    expect([...joined.ptr]).toEqual([...direct.ptr]);
    expect([...joined.bytes]).toEqual([...direct.bytes]);
    expect([...joined.hash]).toEqual([...direct.hash]);
    const plain = packJoined(source, Int32Array.of(1), Int32Array.of(-1), Int32Array.of(-1), false);
    expect(plain.hash.length).toBe(0);
    expect(unpackStrings(plain)).toEqual(['graph']);
  });
});

/** A shard of one paper holding `terms` once each, its terms' hashes overwritten by `hashes`. */
function shardOf(terms: string[], hashes?: number[]): ShardTerms {
  const packed = packStrings(terms, true);
  if (hashes) packed.hash.set(hashes);
  return {
    docs: 1,
    terms: packed,
    docPtr: Int32Array.from([0, terms.length]),
    docTerms: Int32Array.from(terms, (_, t) => t),
    docCounts: new Float64Array(terms.length).fill(1),
    surfacePtr: Int32Array.from({ length: terms.length + 1 }, (_, t) => t),
    surfaces: packStrings(terms, false),
    surfaceCounts: new Float64Array(terms.length).fill(1),
  };
}

const rowsOf = (corpus: Corpus): number[][] =>
  Array.from({ length: corpus.docs }, (_, d) => corpusRow(corpus, d).terms);

describe('mergeShards on packed terms', () => {
  it('matches terms across shards and numbers them by first appearance', () => {
    const corpus = mergeShards([shardOf(['graph', 'kernel']), shardOf(['kernel', 'trick', 'graph'])]);
    expect(corpusTerms(corpus)).toEqual(['graph', 'kernel', 'trick']);
    expect(rowsOf(corpus)).toEqual([
      [0, 1],
      [1, 2, 0],
    ]);
  });

  it('keeps different terms apart when their hashes collide', () => {
    // Every term given the same hash: only the bytes tell them apart.
    const same = (n: number): number[] => Array.from({ length: 2 * n }, () => 7);
    const corpus = mergeShards([
      shardOf(['graph', 'kernel'], same(2)),
      shardOf(['kernel', 'trick', 'graph', 'trick'], same(4)),
    ]);
    expect(corpusTerms(corpus)).toEqual(['graph', 'kernel', 'trick']);
    expect(rowsOf(corpus)).toEqual([
      [0, 1],
      [1, 2, 0, 2],
    ]);
    expect(surfaceForms(corpus, [2, 1, 0])).toEqual(['trick', 'kernel', 'graph']);
  });

  it('gives a term listed twice in one shard one id, with or without colliding hashes', () => {
    for (const hashes of [undefined, Array.from({ length: 10 }, () => 7)]) {
      const corpus = mergeShards([
        shardOf(['graph', 'graph', 'kernel'], hashes?.slice(0, 6)),
        shardOf(['trick', 'kernel', 'trick', 'graph'], hashes?.slice(0, 8)),
      ]);
      expect(corpusTerms(corpus)).toEqual(['graph', 'kernel', 'trick']);
      expect(rowsOf(corpus)).toEqual([
        [0, 0, 1],
        [2, 1, 2, 0],
      ]);
    }
  });

  it('matches terms of many shards, each against the shard it first appeared in', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const shards = Array.from({ length: 6 }, (_, s) =>
      shardOf(words.filter((_, i) => (i * (s + 3)) % 7 < 3)),
    );
    const corpus = mergeShards(shards);
    const first: string[] = [];
    for (const shard of shards)
      for (const word of unpackStrings(shard.terms)) if (!first.includes(word)) first.push(word);
    expect(corpusTerms(corpus)).toEqual(first);
    shards.forEach((shard, s) => {
      const row = corpusRow(corpus, s).terms.map((id) => first[id]);
      expect(row).toEqual(unpackStrings(shard.terms));
    });
  });
});

/** A shard of one paper holding one term written in `forms` with their `counts`. */
function shardWithForms(term: string, forms: string[], counts: number[]): ShardTerms {
  return {
    ...shardOf([term]),
    surfacePtr: Int32Array.from([0, forms.length]),
    surfaces: packStrings(forms, false),
    surfaceCounts: Float64Array.from(counts),
  };
}

describe('surfaceForms across shards', () => {
  it("sums each form's counts over the shards and picks the most written", () => {
    const corpus = mergeShards([
      shardWithForms('graph', ['Graphs', 'graph'], [2, 1]),
      shardWithForms('graph', ['graph', 'GRAPH'], [1, 1]),
      shardWithForms('graph', ['graph', 'Graphs'], [1, 0]),
    ]);
    // graph 3 against Graphs 2: the form first met does not win by being first.
    expect(surfaceForms(corpus, [0])).toEqual(['graph']);
  });

  it('breaks a tie by the alphabetically first form, whatever the order met', () => {
    const tie = (order: string[][]): string[] =>
      surfaceForms(
        mergeShards(
          order.map((forms) =>
            shardWithForms(
              'llm',
              forms,
              forms.map(() => 1),
            ),
          ),
        ),
        [0],
      );
    expect(
      tie([
        ['llm', 'LLM'],
        ['LLMs', 'LLM', 'llm'],
      ]),
    ).toEqual(['LLM']);
    expect(tie([['LLMs'], ['llm', 'LLM'], ['llm', 'LLM']])).toEqual(['LLM']);
  });
});

describe('packStrings with line breaks inside strings', () => {
  it('packs each string whole', () => {
    const list = ['a\nb', '', '\n', 'c'];
    expect(unpackStrings(packStrings(list, true))).toEqual(list);
    expect(unpackStrings(packStrings(['\n'], false))).toEqual(['\n']);
    expect(unpackStrings(packStrings([''], false))).toEqual(['']);
  });
});
