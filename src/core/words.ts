/**
 * wink-nlp's tokenizer and lemmatizer as pure functions: the same text gives the same tokens, and
 * the same word the same lemma, wherever and whenever they are computed, so a whole worker can
 * remember them.
 *
 * wink's own reader is not pure: it adds every unknown word it reads to its lexicon, and what it
 * has read changes a few later answers (a word once split off "e.g.," is then kept whole), so the
 * text stage had to start a fresh reader (~0.1 s) for each shard. Here wink's tokenizer runs over
 * the model's own lexicon, which nothing ever grows.
 *
 * Lemmas come without POS tagging, which was most of the text stage's time: a word's lemma is
 * wink's lemma for the part of speech its lexicon gives the word by default (the tagger's starting
 * point; for an unknown word, the guess wink makes from its suffix). On the 44,904 labelled arXiv
 * abstracts 0.78% of word occurrences get another term than wink's tagger gave them in context,
 * against 0.75% for the best any one-lemma-per-word rule could do (each word's most frequent lemma
 * in context); the largest change is the noun "learning" (as in "machine learning"), which now
 * meets the verb as "learn", as it did in most of its occurrences already.
 */
import model from 'wink-eng-lite-web-model';
import makeCache, { type WinkCache } from 'wink-nlp/src/cache.js';
import compileTRex from 'wink-nlp/src/compile-trex.js';
import makeTokenizer, { type TokenSink } from 'wink-nlp/src/tokenizer.js';

/** One token of a text as wink's tokenizer finds it. */
export interface WordToken {
  /** The token's text. */
  value: string;
  /** wink's token type: "word", "punctuation", "number", "tabCRLF", … */
  type: string;
  /** Set for the parts of a contraction ("cannot" → can, not), whose lemma the lexicon holds. */
  lemma: string | null;
}

interface CoreModel {
  features: { lexeme: { hash: Record<string, number> }; tokenType: { list: string[] } };
  packing: { config: unknown };
  pos: { list: string[] };
  tcat: { hash: Record<string, number>; list: string[] };
  trex: unknown;
  preserve: unknown;
}

interface Model {
  core(): CoreModel;
  featureFn: (config: unknown) => { pos(word: string, category: number, cache: unknown): number };
  addons: { lemmatize(value: string, pos: string, cache: WinkCache): string };
}

interface Lexicon {
  cache: WinkCache;
  /** Index of a word in the model's lexicon (never a contraction's expansions). */
  index(text: string): number | undefined;
  tokenize: (sink: TokenSink, text: string) => void;
  splitter: RegExp;
  typeNames: string[];
  posNames: string[];
  /** wink's part-of-speech guess for a word the lexicon lacks. */
  guessPos(word: string): string;
  lemmatize: Model['addons']['lemmatize'];
}

const NOUN = 8;
const WORD_CATEGORY = 1;

let loaded: Lexicon | null = null;
/** Where the one sink of this thread writes: the token list of the call under way. */
const collected: { tokens: WordToken[] } = { tokens: [] };
let sink: TokenSink | null = null;

/** The model's lexicon and tokenizer, read once per thread (about 0.1 s). */
function lexicon(): Lexicon {
  if (loaded !== null) return loaded;
  const winkModel = model as unknown as Model;
  const core = winkModel.core();
  const cache = makeCache(core, winkModel.featureFn);
  const trex = compileTRex(core.trex);
  const features = winkModel.featureFn(core.packing.config);
  const hash = core.features.lexeme.hash;
  const intrinsic = cache.intrinsicSize();
  // wink's guess looks the lowercase word up first; for a word the lexicon lacks it then goes by
  // the suffix, which is all this stand-in lookup lets it do.
  const unknown = { lookup: () => [intrinsic], intrinsicSize: () => intrinsic, posOf: () => 0 };
  loaded = {
    cache,
    index: (text) => (Object.hasOwn(hash, text) ? hash[text] : undefined),
    tokenize: makeTokenizer(trex, core.tcat.hash, core.preserve),
    splitter: trex.helpers.splitter,
    typeNames: core.tcat.list,
    posNames: core.pos.list,
    guessPos: (word) => core.pos.list[features.pos(word, WORD_CATEGORY, unknown)] ?? 'NOUN',
    lemmatize: winkModel.addons.lemmatize,
  };
  return loaded;
}

/**
 * A sink for wink's tokenizer that collects a text's tokens as wink's document would, against the
 * model's lexicon only: wink's document builder (dd-wrapper.js) minus its lexicon growth. wink's
 * recursive tokenizer keeps these methods unbound, so they are closures over `out`.
 */
function tokenSink(lex: Lexicon, out: { tokens: WordToken[] }): TokenSink {
  const { cache } = lex;
  const typeOf = (index: number): string => String(cache.property(index, 'tokenType'));
  return {
    _addToken(text, category) {
      const index = lex.index(text);
      const type = index === undefined ? (lex.typeNames[category] ?? 'unk') : typeOf(index);
      out.tokens.push({ value: text, type, lemma: null });
      return true;
    },
    _addTokenIfInCache(text) {
      const found = cache.lookup(text);
      if (found === null) return 0;
      if (found.length === 1) {
        out.tokens.push({ value: text, type: typeOf(found[0]), lemma: null });
        return 99;
      }
      // A contraction: its expansions, each with its lexeme and lemma.
      for (let k = 0; k + 3 < found.length; k += 4) {
        const value = cache.value(found[k]);
        out.tokens.push({ value, type: typeOf(found[k]), lemma: cache.value(found[k + 2]) ?? null });
      }
      return 99;
    },
    isLexeme: (text) => cache.lookup(text),
  };
}

/** wink's split of a text into runs of spaces, runs of line breaks, and what lies between. */
export function splitter(): RegExp {
  return lexicon().splitter;
}

/** The tokens of one run of text without spaces or line breaks (a piece between `splitter()` matches). */
export function tokenizeChunk(chunk: string): WordToken[] {
  const lex = lexicon();
  const tokens: WordToken[] = [];
  collected.tokens = tokens;
  sink ??= tokenSink(lex, collected);
  lex.tokenize(sink, chunk);
  collected.tokens = [];
  return tokens;
}

/**
 * wink's lemma of a lowercase word, for its default part of speech. wink has none for a few
 * lexemes (a contraction read whole, as "cannot" in "cannot."): those are their own lemma.
 */
export function lemmaOf(word: string): string {
  const lex = lexicon();
  const { cache } = lex;
  const index = lex.index(word);
  let lemma: string | undefined;
  if (index === undefined) lemma = lex.lemmatize(word, lex.guessPos(word), cache);
  else {
    const mapped = cache.mappedSpelling(index);
    if (cache.property(mapped, 'isSLemma') === 1)
      lemma = cache.value(Number(cache.property(mapped, 'lemma')));
    else {
      const pos = lex.posNames[cache.posOf(mapped) || NOUN] ?? 'NOUN';
      const normal = cache.value(cache.normal(index));
      lemma = normal === undefined ? undefined : lex.lemmatize(normal, pos, cache);
    }
  }
  return typeof lemma === 'string' && lemma !== '' ? lemma : word;
}
