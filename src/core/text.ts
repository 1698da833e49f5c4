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
 * Speed: a text is cut where wink's tokenizer cuts it first (spaces and line breaks), and each
 * piece between ("models,", "(LLMs)") is read once per worker: its tokens, lemmas and stop-word
 * verdicts are a pure function of the piece (`words.ts`), remembered in `pieces`. A corpus repeats
 * its pieces (6.5 million in the 44,904 labelled abstracts, 227,000 distinct), so most of the text
 * is a map lookup per piece.
 *
 * This module runs in shards (a slice of the papers each) on worker threads or Web Workers; a shard's
 * result uses local term ids in order of first appearance, which `corpus.ts` merges in paper order.
 * Whatever a worker remembers is a function of the text alone, so a shard's terms depend on its
 * papers only, whichever worker reads it and whatever it read before.
 */

import type { PackedStrings } from './packed-strings';
import { STOP_WORDS } from './stopwords';
import { SubstringMap } from './substring-map';
import { TermTable } from './term-table';
import { lemmaOf, tokenizeChunk } from './words';

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
 * `surfaces[surfacePtr[t]..surfacePtr[t+1])` with their counts. Terms (with their hashes) and
 * surfaces are packed (`packed-strings.ts`): most are never shown, and a worker sends them without
 * a copy.
 */
export interface ShardTerms {
  docs: number;
  terms: PackedStrings;
  docPtr: Int32Array;
  docTerms: Int32Array;
  docCounts: Float64Array;
  surfacePtr: Int32Array;
  surfaces: PackedStrings;
  surfaceCounts: Float64Array;
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
/** Any character that `stripLatex` acts on: most texts have none and are returned as they are. */
const LATEX_MARK = /[$\\{}~^_]/;

/**
 * LaTeX leftovers: inline math, control words like \eg or \textbf, braces and ties (~).
 * Math is dropped whole; a control word's argument text is kept.
 */
export function stripLatex(text: string): string {
  if (!LATEX_MARK.test(text)) return text;
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
const SPLIT_HYPHEN = '\u2010';
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

function isAsciiLetterOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Whether the code point ending at `end` (exclusive) is a letter or number. */
function letterOrNumberBefore(text: string, end: number): boolean {
  if (end === 0) return false;
  const c = text.charCodeAt(end - 1);
  if (c < 128) return isAsciiLetterOrDigit(c);
  const start =
    isLowSurrogate(c) && end >= 2 && isHighSurrogate(text.charCodeAt(end - 2)) ? end - 2 : end - 1;
  return LETTER_OR_NUMBER.test(text.slice(start, end));
}

/** Whether the code point starting at `start` is a letter or number. */
function letterOrNumberAt(text: string, start: number): boolean {
  if (start >= text.length) return false;
  const c = text.charCodeAt(start);
  if (c < 128) return isAsciiLetterOrDigit(c);
  const end =
    isHighSurrogate(c) && start + 1 < text.length && isLowSurrogate(text.charCodeAt(start + 1))
      ? start + 2
      : start + 1;
  return LETTER_OR_NUMBER.test(text.slice(start, end));
}

/**
 * `text` with each hyphen (-, U+2011, U+2013) between two letters or numbers made U+2010. The
 * same as replacing /(?<=[\p{L}\p{N}])[-\u2011\u2013](?=[\p{L}\p{N}])/gu, in a scan: nearly every
 * abstract has a hyphen, and the look-behind regex cost a fifth of walking the text.
 */
export function splitInWordHyphens(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 45 && c !== 0x2011 && c !== 0x2013) continue;
    if (!letterOrNumberBefore(text, i) || !letterOrNumberAt(text, i + 1)) continue;
    out += text.slice(copied, i) + SPLIT_HYPHEN;
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function surfaceOf(value: string): string {
  return INNER_CAPITAL.test(value) ? value : value.toLowerCase();
}

/** Receives each term occurrence with the form it was written in and its weight. */
type TermSink = (term: string, surface: string, weight: number) => void;

/** What a token does to the phrase being read (see `walkText`). */
const UNIT = 0;
/** A stop word: it sits inside a phrase ("chain of thought"). */
const STOP = 1;
/** An in-word hyphen: it joins its neighbours into one phrase (test-time). */
const JOIN = 2;
/** An in-word slash (input/output), unless spaces stand beside it. */
const SLASH = 3;
/** Punctuation, numbers, line breaks, other non-words: no bigram spans them. */
const BREAK = 4;

interface Piece {
  kind: typeof UNIT | typeof STOP | typeof JOIN | typeof SLASH | typeof BREAK;
  /** A unit's term. */
  term: string;
  /** A unit's surface form, a stop word as written, the hyphen or slash as shown in phrases. */
  text: string;
  /** The text after a space: what a stop word adds to a phrase after a space. */
  spaced: string;
  /**
   * A unit's term and form ids in the term table numbered `table`, remembered so that each piece
   * looks its strings up once per shard. Only a shortcut: the ids are what the table would answer.
   */
  table: number;
  termId: number;
  formId: number;
}

function piece(kind: Piece['kind'], term: string, text: string): Piece {
  return { kind, term, text, spaced: ` ${text}`, table: -1, termId: -1, formId: -1 };
}

const JOIN_PIECE = piece(JOIN, '', '-');
const SLASH_PIECE = piece(SLASH, '', '/');
const BREAK_PIECE = piece(BREAK, '', '');

function contentWordUncached(lowered: string, lemma: string): string | null {
  if (lowered.length < 2 || !WORD.test(lowered) || STOP_WORDS.has(lowered)) return null;
  const fixed = LEMMA_FIXES.get(lemma) ?? lemma;
  if (fixed.length < 2 || !WORD.test(fixed) || STOP_WORDS.has(fixed)) return null;
  return fixed;
}

/**
 * What a worker remembers. Both are pure functions of their key, so their content never depends on
 * what was read before; bounded, so a corpus's long tail does not grow them without end.
 */
const MEMO_LIMIT = 250_000;
/** Lowercase word → its term, or null for a stop word or non-word. */
const wordTerms = new Map<string, string | null>();
/** A piece of text between spaces, as written → what its tokens do. */
const pieces = new SubstringMap<Piece[]>();

function wordTerm(lowered: string): string | null {
  let term = wordTerms.get(lowered);
  if (term === undefined) {
    term = contentWordUncached(lowered, lemmaOf(lowered));
    if (wordTerms.size >= MEMO_LIMIT) wordTerms.clear();
    wordTerms.set(lowered, term);
  }
  return term;
}

/** Reads one piece of text between spaces ("models,", "(LLMs)", "chain‐of‐thought"). */
function readPiece(chunk: string): Piece[] {
  // wink lemmatizes only lowercase words ("Agents" stays "agents"), so it reads the lowercased
  // piece; each token's written form is then found at its place in the original for its surface.
  const lower = chunk.toLowerCase();
  const sameLength = lower.length === chunk.length;
  let cursor = 0;
  const written = (value: string): string => {
    const at = lower.indexOf(value, cursor);
    if (at < 0 || at - cursor > 16 || !sameLength) return value;
    cursor = at + value.length;
    // Most words are written in lowercase: keep the token's own string then, no new one.
    return chunk.startsWith(value, at) ? value : chunk.slice(at, cursor);
  };
  const tokens = tokenizeChunk(lower);
  const out: Piece[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const lowered = tokens[i].value;
    const value = written(lowered);
    if (value === SPLIT_HYPHEN) out.push(JOIN_PIECE);
    // A slash that ends a piece has a space or a line break after it: it breaks the phrase.
    else if (value === '/') out.push(i === tokens.length - 1 ? BREAK_PIECE : SLASH_PIECE);
    else if (tokens[i].type !== 'word') out.push(BREAK_PIECE);
    else {
      const lemma = tokens[i].lemma;
      const term =
        value !== lowered && PLURAL_ACRONYM.test(value)
          ? lowered.slice(0, -1)
          : lemma === null
            ? wordTerm(lowered)
            : contentWordUncached(lowered, lemma);
      if (term !== null) out.push(piece(UNIT, term, value === lowered ? value : surfaceOf(value)));
      // A stop word sits inside a phrase; anything else (e.g. "e.g.") breaks it.
      else if (WORD.test(lowered) || lowered.length < 2) out.push(piece(STOP, '', value));
      else out.push(BREAK_PIECE);
    }
  }
  return out;
}

/** A run of spaces in wink's split of a text (`words.ts` `splitter`), which gives the next token a space before it. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 0xa0 ||
    (c >= 0x2002 && c <= 0x2005) ||
    c === 0x2009 ||
    c === 0x200a ||
    c === 0x202f ||
    c === 0x205f
  );
}

/** A run of line breaks or tabs: wink reads it as a token that is no word, so it breaks a phrase. */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 9;
}

/**
 * Walks the content words of a text in order: `onUnit` gets each with the one before it when no
 * break stands between them (null otherwise) and the text between the two (stop words, hyphens,
 * runs of spaces shown as one), the one place the phrase rule lives.
 */
function walkText(text: string, onUnit: (unit: Piece, previous: Piece | null, gap: string) => void): void {
  const cleaned = splitInWordHyphens(stripLatex(text));
  const n = cleaned.length;
  let previous: Piece | null = null;
  let gap = '';
  let spaced = false;
  let i = 0;
  while (i < n) {
    const c = cleaned.charCodeAt(i);
    if (isSpace(c)) {
      spaced = true;
      i++;
      continue;
    }
    if (isLineBreak(c)) {
      previous = null;
      gap = '';
      spaced = false;
      i++;
      continue;
    }
    // A piece: everything up to the next space or line break, hashed as it is scanned.
    let end = i;
    let hash = 0x811c9dc5;
    for (let d = c; ; ) {
      hash = Math.imul(hash ^ d, 0x01000193);
      if (++end === n) break;
      d = cleaned.charCodeAt(end);
      if (isSpace(d) || isLineBreak(d)) break;
    }
    hash >>>= 0;
    let read = pieces.get(cleaned, i, end, hash);
    if (read === undefined) {
      const piece = cleaned.slice(i, end);
      read = readPiece(piece);
      if (pieces.size >= MEMO_LIMIT) pieces.clear();
      pieces.set(piece, hash, read);
    }
    i = end;
    for (let j = 0; j < read.length; j++) {
      const piece = read[j];
      const space = j === 0 && spaced ? ' ' : '';
      switch (piece.kind) {
        case UNIT:
          onUnit(piece, previous, previous === null ? '' : gap + space);
          previous = piece;
          gap = '';
          break;
        case STOP:
          gap += space === '' ? piece.text : piece.spaced;
          break;
        case JOIN:
          gap += piece.text;
          break;
        case SLASH:
          if (space === '') {
            gap += piece.text;
            break;
          }
          previous = null;
          gap = '';
          break;
        default:
          previous = null;
          gap = '';
      }
    }
    spaced = false;
  }
}

/** Whether a unit and the one before it form a bigram: adjacent, and not the same term twice. */
function isBigram(bigrams: boolean, previous: Piece | null, unit: Piece): previous is Piece {
  return bigrams && previous !== null && previous.term !== unit.term;
}

/** Feeds every term of `text` (each unigram, then its bigram with the one before) to `sink` with `weight`. */
export function extractTerms(text: string, bigrams: boolean, weight: number, sink: TermSink): void {
  walkText(text, (unit, previous, gap) => {
    sink(unit.term, unit.text, weight);
    if (isBigram(bigrams, previous, unit))
      sink(`${previous.term} ${unit.term}`, `${previous.text}${gap}${unit.text}`, weight);
  });
}

/** One paper's counts by term id, in order of first appearance, without a map per paper. */
class RowCounts {
  private counts = new Float64Array(1024);
  readonly ids: number[] = [];

  add(id: number, weight: number): void {
    if (id >= this.counts.length) {
      const grown = new Float64Array(Math.max(id + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    // Weights are positive (a title weight of 0 leaves the title out), so 0 means "not yet seen".
    if (this.counts[id] === 0) this.ids.push(id);
    this.counts[id] += weight;
  }

  /** Appends the row to `terms`/`counts` and starts the next one. */
  flush(terms: number[], counts: number[]): void {
    for (const id of this.ids) {
      terms.push(id);
      counts.push(this.counts[id]);
      this.counts[id] = 0;
    }
    this.ids.length = 0;
  }
}

/** Term tables made in this thread so far: numbers each, for the ids its pieces remember. */
let tables = 0;

/** Counts the terms of each paper of a shard. `onDoc` is called after each paper (for progress). */
export function analyzeShard(
  docs: readonly TextInput[],
  options: TextOptions,
  onDoc?: () => void,
): ShardTerms {
  const table = new TermTable();
  const tableId = tables++;
  const docPtr = new Int32Array(docs.length + 1);
  const docTerms: number[] = [];
  const docCounts: number[] = [];
  const row = new RowCounts();
  const add = (text: string, weight: number): void => {
    // The form of the unit before, for the bigram that joins it to the next.
    let form = -1;
    walkText(text, (unit, previous, gap) => {
      if (unit.table !== tableId) {
        unit.table = tableId;
        unit.formId = table.form(unit.text, unit.term);
        unit.termId = table.termOf(unit.formId);
      }
      const previousForm = form;
      form = unit.formId;
      table.count(form, weight);
      row.add(unit.termId, weight);
      if (isBigram(options.bigrams, previous, unit))
        row.add(table.bigram(previousForm, gap, form, weight), weight);
    });
  };
  for (let d = 0; d < docs.length; d++) {
    // A title weight of 0 leaves the title out entirely, rather than storing zero counts.
    if (options.titleWeight > 0) add(docs[d].title, options.titleWeight);
    add(docs[d].abstract, 1);
    row.flush(docTerms, docCounts);
    docPtr[d + 1] = docTerms.length;
    onDoc?.();
  }
  const { surfacePtr, surfaces, surfaceCounts } = table.flattenSurfaces();
  return {
    docs: docs.length,
    terms: table.packTerms(),
    docPtr,
    docTerms: Int32Array.from(docTerms),
    docCounts: Float64Array.from(docCounts),
    surfacePtr,
    surfaces,
    surfaceCounts,
  };
}
