import { describe, expect, it } from 'vitest';
import { corpusTerms, mergeShards, surfaceForms } from '../../src/core/corpus';
import { unpackString, unpackStrings } from '../../src/core/packed-strings';
import {
  analyzeShard,
  extractTerms,
  type ShardTerms,
  splitInWordHyphens,
  type TextOptions,
} from '../../src/core/text';

interface Occurrence {
  term: string;
  surface: string;
  weight: number;
}

/** Every term occurrence of `text`, in the order the text stage emits them. */
function occurrences(text: string, bigrams = true, weight = 1): Occurrence[] {
  const out: Occurrence[] = [];
  extractTerms(text, bigrams, weight, (term, surface, w) => out.push({ term, surface, weight: w }));
  return out;
}

const termsOf = (text: string, bigrams = true): string[] => occurrences(text, bigrams).map((o) => o.term);
const unigramsOf = (text: string): string[] => termsOf(text).filter((t) => !t.includes(' '));
const bigramsOf = (text: string): string[] => termsOf(text).filter((t) => t.includes(' '));

/** Term → count of one analysed paper (row `d` of a shard). */
function rowCounts(shard: ShardTerms, d = 0): Map<string, number> {
  const row = new Map<string, number>();
  for (let p = shard.docPtr[d]; p < shard.docPtr[d + 1]; p++)
    row.set(unpackString(shard.terms, shard.docTerms[p]), shard.docCounts[p]);
  return row;
}

const OPTIONS: TextOptions = { titleWeight: 1, bigrams: true };

describe('extractTerms: what is dropped', () => {
  it('drops stop words, punctuation and numbers, keeping content lemmas in text order', () => {
    expect(unigramsOf('The agents are running 42 experiments, quickly!')).toEqual([
      'agent',
      'run',
      'experiment',
      'quickly',
    ]);
  });

  it('emits no term holding a digit-only token, punctuation or a stop word', () => {
    const terms = termsOf(
      'In 2023, we (the authors) ran 3 trials; 95% of them -- and 1.5x more -- succeeded.',
    );
    expect(terms.length).toBeGreaterThan(0);
    for (const term of terms) {
      for (const word of term.split(' ')) {
        expect(word).toMatch(/^\p{L}[\p{L}\p{N}]*$/u);
        expect(['the', 'we', 'of', 'and', 'them', 'more', 'in']).not.toContain(word);
      }
    }
  });

  it.each([
    ['empty', ''],
    ['blank', '  \n\t '],
    ['only stop words', 'the of and which'],
    ['only numbers and punctuation', '42, 3.14 -- (7)!'],
    ['only math', '$x^2 + y^2$'],
  ])('gives nothing for %s text', (_name, text) => {
    expect(occurrences(text)).toEqual([]);
  });
});

describe('extractTerms: LaTeX leftovers', () => {
  it('drops inline math and leaves no bigram across the hole', () => {
    expect(termsOf('quadratic $O(n^2)$ time')).toEqual(['quadratic', 'time']);
    // The math is dropped whole: nothing of "O(n^2)" survives, not even the letters.
    expect(termsOf('runs in $O(n^2)$ time')).toEqual(['run', 'time']);
  });

  it('drops \\eg and similar control words and leaves no bigram across them', () => {
    expect(termsOf('models \\eg transformers')).toEqual(['model', 'transformer']);
    expect(termsOf('models \\ie transformers')).toEqual(['model', 'transformer']);
  });

  it('reads a tie (~) as the space it is: no "~" in any term or surface', () => {
    const found = occurrences('neural~network');
    for (const o of found) {
      expect(o.term).not.toContain('~');
      expect(o.surface).not.toContain('~');
    }
    // A tie is a non-breaking space, not a hole: "neural~network" is the phrase "neural network".
    expect(found.map((o) => o.term)).toEqual(['neural', 'network', 'neural network']);
  });

  it('keeps the argument of a formatting command', () => {
    expect(termsOf('graph \\textbf{neural} network', false)).toEqual(['graph', 'neural', 'network']);
  });

  it('writes bigram surfaces with single spaces where a command was removed', () => {
    for (const o of occurrences('graph \\textbf{neural} network')) {
      expect(o.surface).not.toMatch(/\s{2,}/);
    }
  });
});

describe('extractTerms: word forms', () => {
  it('folds plural acronyms to the singular and keeps the written surface', () => {
    const found = occurrences('We use LLMs and GNNs.', false);
    expect(found.map((o) => [o.term, o.surface])).toEqual([
      ['use', 'use'],
      ['llm', 'LLMs'],
      ['gnn', 'GNNs'],
    ]);
    // The singular meets the folded plural.
    expect(unigramsOf('an LLM')).toEqual(['llm']);
  });

  it.each([
    ['agents', ['agent']],
    ['many models', ['model']],
    ['two experiments', ['experiment']],
    ['the LLMs', ['llm']],
  ])('lemmatizes lowercase "%s"', (text, expected) => {
    expect(unigramsOf(text)).toEqual(expected);
  });

  it.each([
    ['Agents plan.', ['agent', 'plan']],
    ['Language Agents', ['language', 'agent']],
    ['Models of language', ['model', 'language']],
    ['Large Language Models', ['large', 'language', 'model']],
    ['LLM Agents Are Planners', ['llm', 'agent', 'planner']],
  ])('lemmatizes a capitalized word as its lowercase form: "%s"', (text, expected) => {
    // Title-case titles and sentence starts must give the same terms as the abstract's lowercase text.
    expect(unigramsOf(text)).toEqual(expected);
    expect(unigramsOf(text)).toEqual(unigramsOf(text.toLowerCase()));
  });
});

describe('extractTerms: hyphenated compounds', () => {
  it('splits "chain-of-thought" into chain, think and the bigram "chain think" written as it was', () => {
    expect(occurrences('chain-of-thought').map((o) => [o.term, o.surface])).toEqual([
      ['chain', 'chain'],
      ['think', 'thought'],
      ['chain think', 'chain-of-thought'],
    ]);
  });

  it('gives "fine-tuning", "fine-tuned" and "Fine-Tuning" the bigram "fine tune"', () => {
    for (const text of ['fine-tuning', 'fine-tuned', 'Fine-Tuning']) {
      expect(termsOf(text)).toEqual(['fine', 'tune', 'fine tune']);
    }
  });

  it('gives "fine tuning" (a space, no hyphen) the same terms as "fine-tuning"', () => {
    expect(termsOf('fine tuning models')).toEqual(termsOf('fine-tuning models'));
    expect(bigramsOf('we study fine tuning')).toContain('fine tune');
  });

  it('keeps "multi-task" and "pre-trained" as bigrams of their parts', () => {
    expect(occurrences('multi-task').map((o) => [o.term, o.surface])).toEqual([
      ['multi', 'multi'],
      ['task', 'task'],
      ['multi task', 'multi-task'],
    ]);
    expect(termsOf('pre-trained')).toEqual(['pre', 'train', 'pre train']);
  });

  it('gives no bigram when bigrams are off', () => {
    const terms = termsOf('chain-of-thought prompting improves fine-tuned language models', false);
    expect(terms).toEqual(['chain', 'think', 'prompt', 'improve', 'fine', 'tune', 'language', 'model']);
    expect(terms.some((t) => t.includes(' '))).toBe(false);
  });

  it('passes the weight through to every occurrence', () => {
    expect(occurrences('chain-of-thought', true, 2.5).map((o) => o.weight)).toEqual([2.5, 2.5, 2.5]);
  });
});

describe('splitInWordHyphens', () => {
  // The rule as a regex, the way it was first written: the scan must agree with it on any text.
  const REFERENCE = /(?<=[\p{L}\p{N}])[-\u2010\u2011\u2013](?=[\p{L}\p{N}])/gu;
  const ALPHABET = [
    'a',
    'Z',
    '7',
    '-',
    '\u2010',
    '\u2011',
    '\u2013',
    ' ',
    '.',
    'é',
    '中',
    '٣',
    '\u{1d400}',
    '🧪',
    '\ud800',
    '\udc00',
    '_',
  ];

  it('marks a hyphen between letters or numbers, and no other, as the look-behind regex does', () => {
    let seed = 7;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    for (let trial = 0; trial < 3000; trial++) {
      let text = '';
      const length = next() % 12;
      for (let i = 0; i < length; i++) text += ALPHABET[next() % ALPHABET.length];
      expect(splitInWordHyphens(text), JSON.stringify(text)).toBe(text.replace(REFERENCE, '\u2010'));
    }
  });

  it('splits compounds of astral and accented letters and leaves spaced dashes alone', () => {
    expect(splitInWordHyphens('état-de-l’art 𝐀-𝐁 a - b 3–4 -x y-')).toBe('état‐de‐l’art 𝐀‐𝐁 a - b 3‐4 -x y-');
  });
});

describe('analyzeShard', () => {
  it('gives nothing for no papers and an empty row for an empty paper', () => {
    const none = analyzeShard([], OPTIONS);
    expect(none.docs).toBe(0);
    expect(unpackStrings(none.terms)).toEqual([]);
    expect([...none.docPtr]).toEqual([0]);
    const empty = analyzeShard([{ title: '', abstract: '' }], OPTIONS);
    expect(empty.docs).toBe(1);
    expect([...empty.docPtr]).toEqual([0, 0]);
  });

  it.each([1, 2, 3, 0.5])('multiplies title counts by the title weight %s', (titleWeight) => {
    const shard = analyzeShard([{ title: 'graph partition', abstract: 'graph kernel graph' }], {
      titleWeight,
      bigrams: false,
    });
    expect(Object.fromEntries(rowCounts(shard))).toEqual({
      graph: titleWeight + 2,
      partition: titleWeight,
      kernel: 1,
    });
  });

  it('counts a title-case title word with the same term as the abstract', () => {
    const shard = analyzeShard([{ title: 'Language Agents', abstract: 'agents plan' }], {
      titleWeight: 3,
      bigrams: false,
    });
    expect(Object.fromEntries(rowCounts(shard))).toEqual({ language: 3, agent: 4, plan: 1 });
  });

  it('stores no zero count when the title weight is 0 (the title is then ignored)', () => {
    const withTitle = analyzeShard([{ title: 'graph partition', abstract: 'graph kernel' }], {
      titleWeight: 0,
      bigrams: false,
    });
    const noTitle = analyzeShard([{ title: '', abstract: 'graph kernel' }], {
      titleWeight: 0,
      bigrams: false,
    });
    expect(Object.fromEntries(rowCounts(withTitle))).toEqual(Object.fromEntries(rowCounts(noTitle)));
    for (const count of withTitle.docCounts) expect(count).toBeGreaterThan(0);
  });

  it('numbers terms by first appearance and keeps rows per paper', () => {
    const shard = analyzeShard(
      [
        { title: '', abstract: 'graph kernel' },
        { title: '', abstract: 'kernel trick graph' },
      ],
      { titleWeight: 1, bigrams: false },
    );
    expect(unpackStrings(shard.terms)).toEqual(['graph', 'kernel', 'trick']);
    expect([...shard.docPtr]).toEqual([0, 2, 5]);
    expect(Object.fromEntries(rowCounts(shard, 1))).toEqual({ kernel: 1, trick: 1, graph: 1 });
  });

  it('remembers surface forms: the most frequent one names the term', () => {
    const docs = [
      { title: '', abstract: 'LLMs reason with chain-of-thought. LLMs plan with chain-of-thought.' },
      { title: '', abstract: 'An LLM uses chain of thought.' },
    ];
    // Two shards, as two workers would produce them.
    const corpus = mergeShards([
      analyzeShard(docs.slice(0, 1), OPTIONS),
      analyzeShard(docs.slice(1), OPTIONS),
    ]);
    const id = (term: string): number => corpusTerms(corpus).indexOf(term);
    const forms = surfaceForms(corpus, [id('llm'), id('chain think'), id('think')]);
    expect(forms).toEqual(['LLMs', 'chain-of-thought', 'thought']);
  });
});
