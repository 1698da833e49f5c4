/** Completing a term to the phrase its papers write it in. */
import { describe, expect, it } from 'vitest';
import { completePhrase, textWords } from '../../src/core/phrases';

/** The joins of `textWords`: 0 space, 1 hyphen, 2 break. */
const SPACE = 0;
const HYPHEN = 1;
const BREAK = 2;

const complete = (surface: string, texts: string[]) => completePhrase(surface, texts.map(textWords));

describe('textWords', () => {
  it('keeps written and folded words, the first one after a break', () => {
    const w = textWords('Graph neural networks');
    expect(w.written).toEqual(['Graph', 'neural', 'networks']);
    expect(w.folded).toEqual(['graph', 'neural', 'network']);
    expect([...w.join]).toEqual([BREAK, SPACE, SPACE]);
  });

  it('joins a single hyphen into one written word and breaks at punctuation', () => {
    const w = textWords('test-time, scaling');
    expect(w.written).toEqual(['test', 'time', 'scaling']);
    expect(w.folded).toEqual(['test', 'tim', 'scal']);
    expect([...w.join]).toEqual([BREAK, HYPHEN, BREAK]);
  });

  it.each([
    ['a b', SPACE],
    ['a \t\n b', SPACE],
    ['a\u00a0b', SPACE],
    ['a-b', HYPHEN],
    ['a\u2010b', HYPHEN],
    ['a\u2011b', HYPHEN],
    // a hyphen with spaces round it, or two, is a dash: no phrase spans it
    ['a - b', BREAK],
    ['a--b', BREAK],
    ['a. b', BREAK],
    ['a (b', BREAK],
    ['a/b', BREAK],
  ])('%j joins its second word by %i', (text, join) => {
    expect([...textWords(text).join]).toEqual([BREAK, join]);
  });

  it('skips leading and trailing punctuation', () => {
    const w = textWords('  (LLMs).');
    expect(w.written).toEqual(['LLMs']);
    expect(w.folded).toEqual(['llm']);
    expect([...w.join]).toEqual([BREAK]);
  });

  it('reads non-ASCII letters as word characters', () => {
    expect(textWords('naïve Bayes').written).toEqual(['naïve', 'Bayes']);
  });

  it('has no words in an empty text', () => {
    const w = textWords('');
    expect(w.written).toEqual([]);
    expect(w.join.length).toBe(0);
  });
});

describe('completePhrase', () => {
  it('completes a bigram cut out of hyphenated words to the phrase', () => {
    const texts = [
      'parameter-efficient fine-tuning of LLMs',
      'We study parameter-efficient fine-tuning',
      'Parameter-efficient fine-tuning works',
    ];
    expect(complete('efficient fine', texts)).toEqual({
      phrase: 'parameter-efficient fine-tuning',
      extended: true,
    });
  });

  it('calls a term a fragment when it sits inside hyphenated words continued in no one way', () => {
    // left of "form": normal ×2, extensive, strategic: 2 of 4 is not more than half
    const texts = [
      'Normal-form games.',
      'Extensive-form games here',
      'Strategic-form games.',
      'Normal-form games are hard',
    ];
    expect(complete('form games', texts)).toEqual({ phrase: null, extended: false });
  });

  it('completes the same fragment when one continuation holds most occurrences', () => {
    const texts = [
      'Normal-form games.',
      'Normal-form games here',
      'Extensive-form games.',
      'Normal-form games are hard',
    ];
    expect(complete('form games', texts)).toEqual({ phrase: 'normal-form games', extended: true });
  });

  it('runs through stop words ("chain of thought")', () => {
    const texts = [
      'Chain of thought improves reasoning.',
      'We study chain of thought.',
      'chain of thought, again',
    ];
    expect(complete('chain', texts)).toEqual({ phrase: 'chain of thought', extended: true });
  });

  it('does not end a phrase on stop words', () => {
    // "of" and then a break: nothing but a stop word stands to the right
    const texts = ['models of. x', 'models of, y'];
    expect(complete('models', texts)).toEqual({ phrase: 'models', extended: false });
  });

  it('leaves a term no text contains as it is', () => {
    expect(complete('diffusion models', ['graph neural networks', 'fine-tuning'])).toEqual({
      phrase: 'diffusion models',
      extended: false,
    });
    expect(complete('diffusion', [])).toEqual({ phrase: 'diffusion', extended: false });
  });

  it('leaves a term of no words as it is', () => {
    expect(complete('--', ['a b'])).toEqual({ phrase: '--', extended: false });
  });

  it('does not match a term across a break', () => {
    expect(complete('graph neural', ['graph. neural networks', 'graph; neural networks'])).toEqual({
      phrase: 'graph neural',
      extended: false,
    });
  });

  it('does not grow past a break', () => {
    expect(complete('graph neural', ['graph neural, networks', 'graph neural: networks'])).toEqual({
      phrase: 'graph neural',
      extended: false,
    });
  });

  it('chooses the commonest written form, lowercasing title case', () => {
    const texts = ['Graph Neural Networks.', 'graph neural networks', 'graph neural network'];
    expect(complete('graph neural', texts)).toEqual({ phrase: 'graph neural networks', extended: true });
  });

  it('breaks a tie of written forms alphabetically', () => {
    expect(complete('graph neural', ['graph neural network', 'graph neural networks']).phrase).toBe(
      'graph neural network',
    );
  });

  it('keeps the case of acronyms ("LLMs")', () => {
    const texts = [
      'We study instruction-tuned LLMs.',
      'Instruction-tuned LLMs are good',
      'instruction-tuned LLMs.',
    ];
    expect(complete('instruction', texts)).toEqual({ phrase: 'instruction-tuned LLMs', extended: true });
  });

  it('keeps hyphens where most occurrences write them', () => {
    const texts = ['chain-of-thought helps.', 'chain-of-thought, again', 'chain of thought.'];
    expect(complete('chain', texts).phrase).toBe('chain-of-thought');
  });

  it('needs two papers for a continuation written apart, one for a hyphenated one', () => {
    expect(complete('graph neural', ['graph neural networks'])).toEqual({
      phrase: 'graph neural',
      extended: false,
    });
    expect(complete('fine', ['fine-tuning'])).toEqual({ phrase: 'fine-tuning', extended: true });
  });

  it('grows to four content words', () => {
    const texts = ['Results: graph neural network models.', 'Results: graph neural network models.'];
    expect(complete('neural network', texts)).toEqual({
      phrase: 'graph neural network models',
      extended: true,
    });
  });

  it('leaves the term as written when its phrase would pass four content words', () => {
    const texts = [
      'Results: deep graph neural network models.',
      'Results: deep graph neural network models.',
    ];
    expect(complete('neural network', texts)).toEqual({ phrase: 'neural network', extended: false });
  });

  it('does not count stop words towards the four', () => {
    // mixture, expert, model, train: four content words, "of" free
    const texts = [
      'Results: mixture of experts model training.',
      'Results: mixture of experts model training.',
    ];
    expect(complete('experts model', texts)).toEqual({
      phrase: 'mixture of experts model training',
      extended: true,
    });
  });

  it('drops a fragment whose word is too long to show', () => {
    // the left compound memory-and-parameter makes five content words with efficient fine-tuning
    const texts = [
      'memory-and-parameter-efficient fine-tuning.',
      'memory-and-parameter-efficient fine-tuning.',
    ];
    expect(complete('efficient fine', texts)).toEqual({ phrase: null, extended: false });
  });
});
