/** The small stemmer both a term and a text go through before they are compared. */
import { describe, expect, it } from 'vitest';
import { foldedWords, foldWord, foldWritten, plainLower } from '../../src/core/word-fold';

describe('foldWord', () => {
  it.each([
    // plurals: -s, -es, -ies
    ['models', 'model'],
    ['agents', 'agent'],
    ['lms', 'lm'],
    ['boxes', 'box'],
    ['matches', 'match'],
    ['studies', 'study'],
    ['policies', 'policy'],
    // -ing / -ed
    ['tuning', 'tun'],
    ['tuned', 'tun'],
    ['played', 'play'],
    ['making', 'mak'],
    // final e
    ['tune', 'tun'],
    ['make', 'mak'],
    ['fine', 'fin'],
    // doubled consonant left by -ing/-ed
    ['running', 'run'],
    ['stopped', 'stop'],
    ['embedding', 'embed'],
    ['embedded', 'embed'],
  ])('%s → %s', (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });

  it.each([
    // too short for -ing/-ed to leave a syllable
    'ring',
    'bring',
    'thing',
    'bed',
    'red',
    'need',
    // -ing after a stem with no vowel
    'string',
    // -us / -is are not plurals
    'bus',
    'analysis',
    'corpus',
    // too short to lose a final e
    'the',
  ])('%s stays as it is', (word) => {
    expect(foldWord(word)).toBe(word);
  });

  it('folds every form of a word to one', () => {
    const forms = ['generate', 'generated', 'generating', 'generates'];
    expect(new Set(forms.map(foldWord))).toEqual(new Set(['generat']));
  });

  it('keeps the y-rule off short -ies words', () => {
    // "lies" is too short for -ies → -y and loses only its -s
    expect(foldWord('lies')).toBe('lie');
  });
});

describe('plainLower', () => {
  it.each([
    ['MODEL', 'model'],
    ['Fine-Tuning', 'fine-tuning'],
    ['Café', 'cafe'],
    ['naïve', 'naive'],
    ['ÉCOLE', 'ecole'],
    ['Schrödinger', 'schrodinger'],
    // compatibility decomposition: the "ﬁ" ligature is two letters
    ['\ufb01ne', 'fine'],
  ])('%s → %s', (text, lower) => {
    expect(plainLower(text)).toBe(lower);
  });

  it('keeps punctuation and spacing', () => {
    expect(plainLower('A, b; C.')).toBe('a, b; c.');
  });
});

describe('foldWritten', () => {
  it.each([
    ['LMs', 'lm'],
    ['LLMs', 'llm'],
    ['Tuning', 'tun'],
    ['Café', 'caf'],
    ['Analysis', 'analysis'],
  ])('%s → %s', (word, folded) => {
    expect(foldWritten(word)).toBe(folded);
  });

  it('gives the same answer from its memo', () => {
    const first = foldWritten('Embeddings');
    expect(first).toBe('embed');
    expect(foldWritten('Embeddings')).toBe(first);
  });
});

describe('foldedWords', () => {
  it('splits at hyphens, spaces and punctuation, and folds each word', () => {
    expect(foldedWords('Fine-Tuning of LLMs, again.')).toEqual(['fin', 'tun', 'of', 'llm', 'again']);
  });

  it('reads hyphenated and spaced forms alike', () => {
    const expected = ['fin', 'tun'];
    expect(foldedWords('fine-tuned')).toEqual(expected);
    expect(foldedWords('fine tuning')).toEqual(expected);
    expect(foldedWords('Fine-Tune')).toEqual(expected);
  });

  it('drops accents and keeps digits', () => {
    expect(foldedWords('naïve GPT-4')).toEqual(['naiv', 'gpt', '4']);
  });

  it('has no words in a text of only separators', () => {
    expect(foldedWords(' -- , ')).toEqual([]);
    expect(foldedWords('')).toEqual([]);
  });
});
