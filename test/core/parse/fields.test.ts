import { describe, expect, it } from 'vitest';
import { collapse } from '../../../src/core/parse/fields';

describe('collapse', () => {
  // Every code unit JavaScript's \s matches, and some it does not (U+200B, U+0085, letters).
  const ALPHABET = [
    'a',
    ' ',
    '\t',
    '\n',
    '\r',
    '\v',
    '\f',
    '\u00a0',
    '\u1680',
    '\u2000',
    '\u200a',
    '\u2028',
    '\u2029',
    '\u202f',
    '\u205f',
    '\u3000',
    '\ufeff',
    '\u200b',
    '\u0085',
    'é',
    '𝐀',
  ];

  it('turns every whitespace run into one space and trims, as replacing /\\s+/ does', () => {
    let seed = 11;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    for (let trial = 0; trial < 3000; trial++) {
      let text = '';
      const length = next() % 10;
      for (let i = 0; i < length; i++) text += ALPHABET[next() % ALPHABET.length];
      expect(collapse(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });

  it('leaves text with single spaces as it is', () => {
    const text = 'Graph neural networks, as they are.';
    expect(collapse(text)).toBe(text);
    expect(collapse('  two\n\nlines\tand\u00a0more  ')).toBe('two lines and more');
  });
});
