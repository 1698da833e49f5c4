import { beforeAll, describe, expect, it } from 'vitest';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItsFunction } from 'wink-nlp';
import { loadLabelled } from '../../scripts/lib/arxiv-set';
import { lemmaOf, splitter, tokenizeChunk } from '../../src/core/words';

const FIXTURE = new URL('../fixtures/data/arxiv-rss-first6000.jsonl.gz', import.meta.url);

// One wink reader for the whole file: wink cannot build many (each build re-encodes a model string).
const nlp = winkNLP(model);
const its = nlp.its;

/** wink's own document tokens of `text`: values, types and lemmas (wink tags the text first). */
function wink(text: string): { values: string[]; types: string[]; lemmas: string[] } {
  const tokens = nlp.readDoc(text).tokens();
  return {
    values: tokens.out() as string[],
    types: tokens.out(its.type) as string[],
    lemmas: tokens.out(its.lemma as ItsFunction<string>) as string[],
  };
}

/** The model's lexicon, to tell words it knows from words it does not. */
const lexicon = (
  model as unknown as { core(): { features: { lexeme: { hash: Record<string, number> } } } }
).core().features.lexeme.hash;
const inLexicon = (word: string): boolean => Object.hasOwn(lexicon, word);

/** The pieces between `splitter()` matches of the titles and abstracts of the first 300 records. */
let pieces: string[] = [];

beforeAll(() => {
  const set = loadLabelled(300, FIXTURE);
  expect(set.papers.length).toBe(300);
  const unique = new Set<string>();
  for (const paper of set.papers)
    for (const text of [paper.title, paper.abstract])
      for (const piece of text.split(splitter())) if (piece !== '' && !/^\s+$/.test(piece)) unique.add(piece);
  pieces = [...unique];
});

describe('splitter', () => {
  it('splits at runs of spaces and of line breaks, keeping what lies between', () => {
    const parts = 'Large  language\nmodels,\t(LLMs)\n\nreason.'
      .split(splitter())
      .filter((p) => p !== '' && !/^\s+$/.test(p));
    expect(parts).toEqual(['Large', 'language', 'models,', '(LLMs)', 'reason.']);
  });
});

describe('tokenizeChunk against wink-nlp', () => {
  it('reads a few thousand real pieces', () => {
    expect(pieces.length).toBeGreaterThan(2000);
  });

  it('gives the same token values as wink’s document for every piece, as written and lowercased', () => {
    const differ: { piece: string; wink: string[]; ours: string[] }[] = [];
    for (const piece of pieces)
      for (const text of [piece, piece.toLowerCase()]) {
        const expected = wink(text).values;
        const got = tokenizeChunk(text).map((t) => t.value);
        if (JSON.stringify(got) !== JSON.stringify(expected))
          differ.push({ piece: text, wink: expected, ours: got });
      }
    expect(differ.slice(0, 20)).toEqual([]);
  });

  it('gives the same token types as wink for every piece', () => {
    const differ: { piece: string; wink: string[]; ours: string[] }[] = [];
    for (const piece of pieces) {
      const expected = wink(piece).types;
      const got = tokenizeChunk(piece).map((t) => t.type);
      if (JSON.stringify(got) !== JSON.stringify(expected)) differ.push({ piece, wink: expected, ours: got });
    }
    expect(differ.slice(0, 20)).toEqual([]);
  });

  it('gives a contraction’s parts wink’s lemmas, and no lemma to other tokens', () => {
    const cases = ["can't", 'cannot', "it's", "don't", "we're", "they've", "isn't"];
    for (const text of cases) {
      const ours = tokenizeChunk(text);
      const expected = wink(text);
      expect(ours.map((t) => t.value)).toEqual(expected.values);
      expect(ours.map((t) => t.lemma)).toEqual(expected.lemmas);
    }
    expect(tokenizeChunk("can't").map((t) => t.lemma)).toEqual(['can', 'not']);
    expect(tokenizeChunk('models').map((t) => t.lemma)).toEqual([null]);
  });

  it('splits punctuation, numbers and symbols off words like wink', () => {
    const cases = [
      '(LLMs),',
      'e.g.,',
      '3.5%',
      'state-of-the-art',
      'chain‐of‐thought',
      'x/y',
      'https://arxiv.org/abs/1',
      '$O(n^2)$',
    ];
    for (const text of cases) expect(tokenizeChunk(text).map((t) => t.value)).toEqual(wink(text).values);
    expect(tokenizeChunk('(LLMs),').map((t) => [t.value, t.type])).toEqual([
      ['(', 'punctuation'],
      ['LLMs', 'word'],
      [')', 'punctuation'],
      [',', 'punctuation'],
    ]);
  });

  it('reads words that are JS property names as ordinary words', () => {
    for (const text of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__proto__'])
      expect(tokenizeChunk(text).map((t) => t.value)).toEqual(wink(text).values);
    expect(tokenizeChunk('constructor')).toEqual([{ value: 'constructor', type: 'word', lemma: null }]);
  });

  it('gives an empty piece no tokens', () => {
    expect(tokenizeChunk('')).toEqual([]);
  });

  it('is pure: the same piece gives the same tokens whatever was read before, and results are not shared', () => {
    const sample = pieces.slice(0, 500);
    const first = sample.map((p) => JSON.stringify(tokenizeChunk(p)));
    // Read everything, in reverse, then the sample again.
    for (const p of [...pieces].reverse()) tokenizeChunk(p);
    expect(sample.map((p) => JSON.stringify(tokenizeChunk(p)))).toEqual(first);
    const a = tokenizeChunk('models, agents');
    const b = tokenizeChunk('other');
    expect(a.map((t) => t.value)).toEqual(['models', ',', 'agents']);
    expect(b.map((t) => t.value)).toEqual(['other']);
  });
});

describe('lemmaOf', () => {
  it('lemmatizes common words', () => {
    const cases: [string, string][] = [
      ['models', 'model'],
      ['learning', 'learn'],
      ['studies', 'study'],
      ['was', 'be'],
      ['were', 'be'],
      ['is', 'be'],
      ['has', 'have'],
      ['better', 'good'],
      ['best', 'good'],
      ['worse', 'bad'],
      ['mice', 'mouse'],
      ['children', 'child'],
      ['ran', 'run'],
      ['running', 'run'],
      ['proposed', 'propose'],
      ['networks', 'network'],
      ['model', 'model'],
    ];
    expect(cases.map(([w]) => [w, lemmaOf(w)])).toEqual(cases);
  });

  it('agrees with wink’s lemma of the lone word on these common words', () => {
    for (const w of ['models', 'learning', 'studies', 'was', 'better', 'mice', 'children', 'ran', 'proposed'])
      expect([w, lemmaOf(w)]).toEqual([w, wink(w).lemmas[0]]);
  });

  it('gives words the lexicon lacks a lemma from their suffix', () => {
    const cases: [string, string][] = [
      ['classifiers', 'classifier'],
      ['tensors', 'tensor'],
      ['trajectories', 'trajectory'],
      ['explored', 'explore'],
      ['computed', 'compute'],
      ['zorbmen', 'zorbman'],
      ['blorpwomen', 'blorpwoman'],
      // No rule gives a known base: the word is its own lemma.
      ['hyperparameterizations', 'hyperparameterizations'],
      ['florbicators', 'florbicators'],
    ];
    for (const [w] of cases) expect([w, inLexicon(w)]).toEqual([w, false]);
    expect(cases.map(([w]) => [w, lemmaOf(w)])).toEqual(cases);
    // wink's tagger guesses the same part of speech for the lone word, so its lemma is the reference.
    for (const [w] of cases) expect([w, lemmaOf(w)]).toEqual([w, wink(w).lemmas[0]]);
  });

  it('agrees with wink on every corpus word the lexicon lacks', () => {
    const unknown = new Set<string>();
    for (const piece of pieces)
      for (const t of tokenizeChunk(piece.toLowerCase()))
        if (t.type === 'word' && t.lemma === null && !inLexicon(t.value)) unknown.add(t.value);
    expect(unknown.size).toBeGreaterThan(500);
    const differ: [string, string, string[]][] = [];
    let changed = 0;
    for (const w of unknown) {
      const ours = lemmaOf(w);
      if (ours !== w) changed++;
      const theirs = wink(w).lemmas;
      if (theirs.length === 1 && theirs[0] !== ours) differ.push([w, ours, theirs]);
    }
    expect(changed).toBeGreaterThan(20);
    expect(differ.slice(0, 20)).toEqual([]);
  });

  it('treats words that are JS property names as ordinary words', () => {
    const names = [
      'constructor',
      '__proto__',
      'hasownproperty',
      'tostring',
      'valueof',
      'prototype',
      '__definegetter__',
    ];
    for (const name of names) {
      const lemma = lemmaOf(name);
      expect(typeof lemma).toBe('string');
      // None of them is an inflected form: each is its own lemma.
      expect([name, lemma]).toEqual([name, name]);
    }
    expect(lemmaOf('constructors')).toBe('constructor');
  });

  it('returns the word itself for a word with no letters to strip', () => {
    expect(lemmaOf('')).toBe('');
    expect(lemmaOf('x')).toBe('x');
  });

  it('is pure: the same answer twice and whatever the order of calls', () => {
    const words = [
      'models',
      'learning',
      'classifiers',
      'zorbmen',
      'constructor',
      '__proto__',
      'was',
      'better',
      'data',
    ];
    const forward = words.map(lemmaOf);
    const again = words.map(lemmaOf);
    const backward = [...words].reverse().map(lemmaOf).reverse();
    expect(again).toEqual(forward);
    expect(backward).toEqual(forward);
    // After many other words (and tokenizing), still the same.
    for (const piece of pieces.slice(0, 2000))
      for (const t of tokenizeChunk(piece.toLowerCase())) lemmaOf(t.value);
    expect(words.map(lemmaOf)).toEqual(forward);
  });
});
