/**
 * Text stage: a paper's title and abstract become counted terms.
 *
 * Terms are lowercase wink-nlp lemmas of content words (stop words, punctuation, numbers and
 * LaTeX leftovers dropped) and, optionally, bigrams of adjacent content words (stop words between
 * them skipped, as scikit-learn does; punctuation other than an in-word hyphen or slash breaks a
 * bigram). Hyphenated compounds are split into their parts, so "chain-of-thought" gives the terms
 * chain, think and the bigram "chain think", and "fine-tuning"/"fine-tuned" meet as "fine tune".
 * Each term remembers the surface forms it was written in, so names and explanations can show
 * "chain-of-thought" rather than the lemmas.
 *
 * This module runs in shards (a slice of the papers each) on worker threads or Web Workers; a shard's
 * result uses local term ids in order of first appearance, which `corpus.ts` merges in paper order.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItsFunction, type WinkMethods } from 'wink-nlp';
import { STOP_WORDS } from './stopwords';
import { TermTable } from './term-table';

export interface TextOptions {
  /** How many times a title's terms count against the abstract's. */
  titleWeight: number;
  /** Add bigrams of adjacent content words. */
  bigrams: boolean;
}

export interface TextInput {
  title: string;
  abstract: string;
}

/**
 * One shard's terms. Row `d` of the shard has the local term ids `docTerms[docPtr[d]..docPtr[d+1])`
 * with their (title-weighted) counts in `docCounts`. Surface forms of local term `t` are
 * `surfaces[surfacePtr[t]..surfacePtr[t+1])` with their counts.
 */
export interface ShardTerms {
  docs: number;
  terms: string[];
  docPtr: Int32Array;
  docTerms: Int32Array;
  docCounts: Float64Array;
  surfacePtr: Int32Array;
  surfaces: string[];
  surfaceCounts: Float64Array;
}

/**
 * A fresh wink reader. wink's lexicon cache grows with every document read and a few of its
 * answers change as it does (contraction parts lose their lemma), so each shard gets its own
 * reader: a shard's terms then depend on its papers alone, whatever ran before in that worker.
 * Sentence boundaries and negation are not needed; POS tags are, for the lemmatizer.
 */
function newReader(): WinkMethods {
  return winkNLP(reusableModel(), ['pos']);
}

let reusable: typeof model | null = null;

/**
 * wink-eng-lite-web-model's metaCER loader JSON-encodes its own module state on every call, so the
 * string it hands wink doubles in size with each new reader until one fails. Loading it once and
 * handing out that result lets readers be created as often as needed.
 */
function reusableModel(): typeof model {
  if (reusable === null) {
    const loaders = model as unknown as Record<string, unknown> & { metaCER: () => unknown };
    const metaCER = loaders.metaCER();
    reusable = { ...loaders, metaCER: () => metaCER } as unknown as typeof model;
  }
  return reusable;
}

/**
 * Known mistakes of wink-eng-lite-web-model's lemmatizer that would split or garble a term: it
 * gives "tun" for the verb "tuning" and keeps the noun "tuning", so "fine-tuning" and "fine tuning"
 * would not meet.
 */
const LEMMA_FIXES: ReadonlyMap<string, string> = new Map([
  ['tun', 'tune'],
  ['tuning', 'tune'],
]);

const WORD = /^\p{L}[\p{L}\p{N}]*$/u;
/** A plural acronym such as LLMs, GNNs, PLMs: folded to its singular, which wink leaves alone. */
const PLURAL_ACRONYM = /^[A-Z][A-Z0-9]*[A-Z]s$/;
/** Capitals after the first letter mark an acronym or a name worth showing as written (RAG, JiuZhang). */
const INNER_CAPITAL = /^.[^A-Z]*[A-Z]/;

/**
 * LaTeX leftovers: inline math, control words like \eg or \textbf, braces and ties (~).
 * Math is dropped whole; a control word's argument text is kept.
 */
export function stripLatex(text: string): string {
  // Math and control words become a semicolon so that no bigram spans the hole they leave.
  return text
    .replace(/\$\$[^$]{0,2000}\$\$|\$[^$\n]{0,500}\$/g, ' ; ')
    .replace(/\\\(.{0,500}?\\\)|\\\[.{0,2000}?\\\]/gs, ' ; ')
    .replace(/\\(?:eg|ie|etc|cf|vs|etal)\b\.?/g, ' ; ')
    .replace(/\\[a-zA-Z]+\*?/g, ' ')
    .replace(/\\./g, ' ')
    .replace(/[{}~^_]/g, ' ');
}

/**
 * wink keeps some hyphenated compounds whole ("pre-trained", "multi-task") and splits others
 * ("fine-tuning"); a U+2010 hyphen between word characters makes it split them all, and lemmatize
 * each part ("pre-trained" → pre, train).
 */
const IN_WORD_HYPHEN = /(?<=[\p{L}\p{N}])[-\u2010\u2011\u2013](?=[\p{L}\p{N}])/gu;
const SPLIT_HYPHEN = '\u2010';

function surfaceOf(value: string): string {
  return INNER_CAPITAL.test(value) ? value : value.toLowerCase();
}

/** Receives each term occurrence with the form it was written in and its weight. */
type TermSink = (term: string, surface: string, weight: number) => void;

/** The content units of a text in order; `null` marks a break that no bigram may cross. */
interface Unit {
  term: string;
  surface: string;
  /** Text between the previous unit and this one when no break separates them (stop words, hyphens). */
  gap: string;
}

function contentWordUncached(lowered: string, lemma: string): string | null {
  if (lowered.length < 2 || !WORD.test(lowered) || STOP_WORDS.has(lowered)) return null;
  const fixed = LEMMA_FIXES.get(lemma) ?? lemma;
  if (fixed.length < 2 || !WORD.test(fixed) || STOP_WORDS.has(fixed)) return null;
  return fixed;
}

/** The last verdict per word: the same word mostly comes with the same lemma, and the tests are regexes. */
const verdicts = new Map<string, { lemma: string; term: string | null }>();

function contentWord(lowered: string, lemma: string): string | null {
  const cached = verdicts.get(lowered);
  if (cached !== undefined && cached.lemma === lemma) return cached.term;
  const term = contentWordUncached(lowered, lemma);
  // Bounded: a corpus's long tail of words must not grow this without end.
  if (verdicts.size > 200_000) verdicts.clear();
  verdicts.set(lowered, { lemma, term });
  return term;
}

function units(nlp: WinkMethods, text: string): Array<Unit | null> {
  const out: Array<Unit | null> = [];
  const cleaned = stripLatex(text).replace(IN_WORD_HYPHEN, SPLIT_HYPHEN);
  if (cleaned.trim() === '') return out;
  const its = nlp.its;
  // wink lemmatizes only lowercase words ("Agents" stays "agents"), so it reads the lowercased
  // text; each token's written form is then found at its place in the original for its surface.
  const lower = cleaned.toLowerCase();
  const tokens = nlp.readDoc(lower).tokens();
  const values = tokens.out(its.value) as string[];
  let cursor = 0;
  const sameLength = lower.length === cleaned.length;
  const written = (value: string): string => {
    const at = lower.indexOf(value, cursor);
    if (at < 0 || at - cursor > 16 || !sameLength) return value;
    cursor = at + value.length;
    // Most words are written in lowercase: keep wink's own string then, no new one.
    return cleaned.startsWith(value, at) ? value : cleaned.slice(at, cursor);
  };
  // wink's typings declare lemma with a third (model add-ons) argument that `out` supplies itself.
  // wink gives no lemma for some contraction parts ("cannot", "ive"): those fall back to the word.
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as Array<string | undefined>;
  const types = tokens.out(its.type) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  let gap = '';
  let broken = true;
  const breakHere = (): void => {
    if (!broken) out.push(null);
    broken = true;
    gap = '';
  };
  const push = (term: string, surface: string): void => {
    out.push({ term, surface, gap: broken ? '' : gap });
    broken = false;
    gap = '';
  };
  for (let i = 0; i < values.length; i++) {
    const lowered = values[i];
    const value = written(lowered);
    const type = types[i];
    // Runs of spaces and line breaks show as one space in a phrase's surface form.
    const space = spaces[i] === '' ? '' : ' ';
    if (value === SPLIT_HYPHEN || value === '/') {
      // An in-word hyphen or slash joins its neighbours into one phrase (input/output, test-time).
      if (value === '/' && (space !== '' || (spaces[i + 1] ?? '') !== '')) breakHere();
      else gap += value === SPLIT_HYPHEN ? '-' : value;
      continue;
    }
    if (type !== 'word') {
      breakHere();
      continue;
    }
    const term =
      value !== lowered && PLURAL_ACRONYM.test(value)
        ? lowered.slice(0, -1)
        : contentWord(lowered, lemmas[i] ?? lowered);
    if (term === null) {
      // A stop word sits inside a phrase ("chain of thought"); anything else (e.g. "e.g.") breaks it.
      if (WORD.test(lowered) || lowered.length < 2) gap += space + value;
      else breakHere();
      continue;
    }
    gap += space;
    push(term, value === lowered ? value : surfaceOf(value));
  }
  return out;
}

/**
 * Walks a text's units in order: `onUnit` for each, then `onBigram` with the unit before it when
 * the two form a bigram (no break between them, not the same term twice). The one place the
 * bigram rule lives, for `extractTerms` and `analyzeShard` alike.
 */
function walkUnits(
  seq: ReadonlyArray<Unit | null>,
  bigrams: boolean,
  onUnit: (unit: Unit) => void,
  onBigram: (previous: Unit, unit: Unit) => void,
): void {
  let previous: Unit | null = null;
  for (const unit of seq) {
    if (unit === null) {
      previous = null;
      continue;
    }
    onUnit(unit);
    if (bigrams && previous !== null && previous.term !== unit.term) onBigram(previous, unit);
    previous = unit;
  }
}

/** Feeds every term of `text` (each unigram, then its bigram with the one before) to `sink` with `weight`. */
export function extractTerms(
  text: string,
  bigrams: boolean,
  weight: number,
  sink: TermSink,
  reader: WinkMethods = newReader(),
): void {
  walkUnits(
    units(reader, text),
    bigrams,
    (unit) => sink(unit.term, unit.surface, weight),
    (previous, unit) =>
      sink(`${previous.term} ${unit.term}`, `${previous.surface}${unit.gap}${unit.surface}`, weight),
  );
}

/** Counts the terms of each paper of a shard. `onDoc` is called after each paper (for progress). */
export function analyzeShard(
  docs: readonly TextInput[],
  options: TextOptions,
  onDoc?: () => void,
): ShardTerms {
  const table = new TermTable();
  const reader = newReader();
  const docPtr = new Int32Array(docs.length + 1);
  const docTerms: number[] = [];
  const docCounts: number[] = [];
  const row = new Map<number, number>();
  const add = (text: string, weight: number): void => {
    // The ids of the current unit and the one before, for the bigram that joins them.
    let id = -1;
    let form = -1;
    let previousId = -1;
    let previousForm = -1;
    walkUnits(
      units(reader, text),
      options.bigrams,
      (unit) => {
        previousId = id;
        previousForm = form;
        form = table.form(unit.surface);
        id = table.unigram(unit.term, form, weight);
        row.set(id, (row.get(id) ?? 0) + weight);
      },
      (_, unit) => {
        const bigram = table.bigram(previousId, id, previousForm, unit.gap, form, weight);
        row.set(bigram, (row.get(bigram) ?? 0) + weight);
      },
    );
  };
  for (let d = 0; d < docs.length; d++) {
    row.clear();
    // A title weight of 0 leaves the title out entirely, rather than storing zero counts.
    if (options.titleWeight > 0) add(docs[d].title, options.titleWeight);
    add(docs[d].abstract, 1);
    for (const [id, count] of row) {
      docTerms.push(id);
      docCounts.push(count);
    }
    docPtr[d + 1] = docTerms.length;
    onDoc?.();
  }
  return {
    docs: docs.length,
    terms: table.terms,
    docPtr,
    docTerms: Int32Array.from(docTerms),
    docCounts: Float64Array.from(docCounts),
    ...table.flattenSurfaces(),
  };
}
