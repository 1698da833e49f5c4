/**
 * Completing a term to the phrase its papers write it in. Terms are unigrams and bigrams of
 * hyphen-split words, so "parameter-efficient fine-tuning" gives the bigram "efficient fine",
 * which no one writes; "normal-form games" gives "form games". Looking at where the term stands in
 * the texts tells: when most of its occurrences continue into the same words, the phrase is those
 * words ("parameter-efficient fine-tuning", "graph neural networks"); when most of them sit inside
 * some longer hyphenated word but no one continuation dominates ("normal-form", "extensive-form"),
 * the term is a fragment and is not shown.
 */
import { STOP_WORDS } from './stopwords';
import { foldWritten } from './word-fold';

/** How a word is joined to the one before it. */
const SPACE = 0;
/** One hyphen between the two (test-time): one written word. */
const HYPHEN = 1;
/** Anything else (punctuation, the start of the text): no phrase spans it. */
const BREAK = 2;

export interface TextWords {
  /** Folded words (`word-fold.ts`). */
  folded: string[];
  /** The words as written. */
  written: string[];
  /** The join before each word: SPACE, HYPHEN or BREAK. */
  join: Uint8Array;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A letter or digit (ASCII first: most text is). */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_CHAR.test(text[i]);
}

function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** A text's words and the joins between them. */
export function textWords(text: string): TextWords {
  const folded: string[] = [];
  const written: string[] = [];
  const joins: number[] = [];
  const n = text.length;
  let i = 0;
  let gapStart = 0;
  while (i < n) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordChar(text, i)) i++;
    let join = BREAK;
    if (written.length > 0) {
      const gap = start - gapStart;
      if (gap === 1 && isHyphen(text.charCodeAt(gapStart))) join = HYPHEN;
      else {
        join = SPACE;
        for (let j = gapStart; j < start; j++) if (!isSpace(text.charCodeAt(j))) join = BREAK;
      }
    }
    const word = text.slice(start, i);
    joins.push(join);
    written.push(word);
    folded.push(foldWritten(word));
    gapStart = i;
  }
  return { folded, written, join: Uint8Array.from(joins) };
}

/** A continuation joins the phrase when it stands in more than this share of the occurrences. */
const PHRASE_SHARE = 0.5;
/** The longest phrase, in content words (hyphen parts count, stop words do not). */
const MAX_WORDS = 4;

export interface Completion {
  /** The phrase to show, or null when the term is a fragment of words written in no one way. */
  phrase: string | null;
  /** Whether the phrase is longer than the term. */
  extended: boolean;
}

interface Occurrence {
  text: TextWords;
  start: number;
  end: number;
}

function occurrences(texts: readonly TextWords[], target: readonly string[]): Occurrence[] {
  const found: Occurrence[] = [];
  for (const text of texts) {
    const { folded, join } = text;
    for (let i = 0; i + target.length <= folded.length; i++) {
      let j = 0;
      while (j < target.length && folded[i + j] === target[j] && (j === 0 || join[i + j] !== BREAK)) j++;
      if (j === target.length) found.push({ text, start: i, end: i + j });
    }
  }
  return found;
}

/** The end (exclusive) of the hyphenated word that holds word `i`. */
function compoundEnd(text: TextWords, i: number): number {
  let end = i + 1;
  while (end < text.folded.length && text.join[end] === HYPHEN) end++;
  return end;
}

/** The start of the hyphenated word that holds word `i`. */
function compoundStart(text: TextWords, i: number): number {
  let start = i;
  while (start > 0 && text.join[start] === HYPHEN) start--;
  return start;
}

/** Stop words a continuation may run through ("chain of thought", "mixture of experts"). */
const MAX_INNER_STOPS = 2;

/**
 * What stands beside an occurrence on one side: the rest of the hyphenated word it ends in, or
 * else the next written word (through up to two stop words, "chain of thought"), as folded words;
 * null when a break, only stop words, or nothing stands there.
 */
function beside(o: Occurrence, right: boolean): { words: string[]; hyphen: boolean } | null {
  const { text } = o;
  const { folded, join } = text;
  if (right) {
    if (o.end >= folded.length || join[o.end] === BREAK) return null;
    const hyphen = join[o.end] === HYPHEN;
    let from = o.end;
    if (hyphen) return { words: folded.slice(from, compoundEnd(text, o.end - 1)), hyphen };
    for (let stops = 0; STOP_WORDS.has(folded[from]) && stops < MAX_INNER_STOPS; stops++) {
      if (from + 1 >= folded.length || join[from + 1] === BREAK) return null;
      from++;
    }
    if (STOP_WORDS.has(folded[from])) return null;
    return { words: folded.slice(o.end, compoundEnd(text, from)), hyphen };
  }
  if (o.start === 0 || join[o.start] === BREAK) return null;
  const hyphen = join[o.start] === HYPHEN;
  if (hyphen) return { words: folded.slice(compoundStart(text, o.start), o.start), hyphen };
  let to = o.start - 1;
  for (let stops = 0; STOP_WORDS.has(folded[to]) && stops < MAX_INNER_STOPS; stops++) {
    if (to === 0 || join[to] === BREAK) return null;
    to--;
  }
  if (STOP_WORDS.has(folded[to])) return null;
  return { words: folded.slice(compoundStart(text, to), o.start), hyphen };
}

/**
 * The most common continuation on one side (however joined), with its count, how many of those
 * were hyphen-joined, and how many occurrences in all continue into a hyphenated word.
 */
function commonest(
  found: readonly Occurrence[],
  right: boolean,
): { words: string[]; count: number; hyphens: number; hyphenated: number } | null {
  const counts = new Map<string, { words: string[]; count: number; hyphens: number }>();
  let hyphenated = 0;
  for (const o of found) {
    const next = beside(o, right);
    if (next === null) continue;
    if (next.hyphen) hyphenated++;
    const key = next.words.join(' ');
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { words: next.words, count: 1, hyphens: next.hyphen ? 1 : 0 });
    else {
      entry.count++;
      if (next.hyphen) entry.hyphens++;
    }
  }
  let best: { words: string[]; count: number; hyphens: number } | null = null;
  let bestKey = '';
  for (const [key, entry] of counts) {
    if (best === null || entry.count > best.count || (entry.count === best.count && key < bestKey)) {
      best = entry;
      bestKey = key;
    }
  }
  return best === null ? null : { ...best, hyphenated };
}

/** A word shown as a reader writes it: lowercase unless it is an acronym or a name (LLMs, CoT, JiuZhang). */
function shownWord(word: string): string {
  return /^.[^A-Z]*[A-Z]/.test(word) ? word : word.toLowerCase();
}

/** The commonest written form of the occurrences (ties: the alphabetically first). */
function writtenForm(found: readonly Occurrence[]): string {
  const counts = new Map<string, number>();
  for (const { text, start, end } of found) {
    let form = shownWord(text.written[start]);
    for (let i = start + 1; i < end; i++)
      form += `${text.join[i] === HYPHEN ? '-' : ' '}${shownWord(text.written[i])}`;
    counts.set(form, (counts.get(form) ?? 0) + 1);
  }
  let best = '';
  let bestCount = 0;
  for (const [form, count] of counts) {
    if (count > bestCount || (count === bestCount && form < best)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Whether a continuation belongs to the phrase: it stands in more than half the occurrences, and,
 * when it is mostly written apart rather than hyphen-joined, in two papers at least.
 */
function accepts(next: { words: string[]; count: number; hyphens: number }, total: number): boolean {
  return next.count > PHRASE_SHARE * total && (2 * next.hyphens >= next.count || next.count >= 2);
}

function contentWords(words: readonly string[]): number {
  let count = 0;
  for (const w of words) if (!STOP_WORDS.has(w)) count++;
  return count;
}

/**
 * The phrase `surface` is written in across `texts` (the texts of papers that hold the term): the
 * term grown on either side while one continuation stands in most of its occurrences.
 */
export function completePhrase(surface: string, texts: readonly TextWords[]): Completion {
  let target = textWords(surface).folded;
  if (target.length === 0) return { phrase: surface, extended: false };
  let found = occurrences(texts, target);
  if (found.length === 0) return { phrase: surface, extended: false };
  let extended = false;
  let fragment = false;
  for (;;) {
    const right = commonest(found, true);
    const left = commonest(found, false);
    // A term that most often stands inside a longer hyphenated word is a fragment of it.
    const dangling = Math.max(right?.hyphenated ?? 0, left?.hyphenated ?? 0) > PHRASE_SHARE * found.length;
    if (!extended) fragment = dangling;
    const next =
      right !== null && accepts(right, found.length)
        ? right
        : left !== null && accepts(left, found.length)
          ? left
          : null;
    if (next === null) {
      if (dangling) return { phrase: null, extended };
      break;
    }
    const grown = next === right ? [...target, ...next.words] : [...next.words, ...target];
    // Too long a phrase to show: the term stands as written, unless only a fragment of a word.
    if (contentWords(grown) > MAX_WORDS) return { phrase: fragment ? null : surface, extended: false };
    target = grown;
    found = occurrences(texts, target);
    extended = true;
  }
  return { phrase: extended ? writtenForm(found) : surface, extended };
}
