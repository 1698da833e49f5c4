/**
 * The few modules inside wink-nlp 2.x that `words.ts` builds its pure tokenizer from (wink ships
 * no types for them). Only what papermap calls is declared.
 */

declare module 'wink-nlp/src/cache.js' {
  /** wink's lexicon over a core model: read-only as long as `add` is never called. */
  export interface WinkCache {
    /** Lexeme index of `text`, or its contraction's expansions (lexeme, normal, lemma, pos)×n; null if unknown. */
    lookup(text: string): number[] | null;
    value(index: number): string;
    property(index: number, name: string): unknown;
    normal(index: number): number;
    mappedSpelling(index: number): number;
    posOf(index: number): number;
    intrinsicSize(): number;
    hasSamePOS(text: string, pos: string): boolean;
  }
  const makeCache: (model: unknown, featureFn: unknown) => WinkCache;
  export default makeCache;
}

declare module 'wink-nlp/src/compile-trex.js' {
  const compileTRex: (trex: unknown) => { helpers: Record<string, RegExp> };
  export default compileTRex;
}

declare module 'wink-nlp/src/tokenizer.js' {
  /** What wink's tokenizer writes its tokens to (wink's own is the document under construction). */
  export interface TokenSink {
    _addToken(text: string, category: number, precedingSpaces: number, nbsp: string | null): boolean;
    _addTokenIfInCache(text: string, precedingSpaces: number, nbsp: string | null): number;
    isLexeme(text: string): number[] | null;
  }
  const makeTokenizer: (
    trex: unknown,
    categories: Record<string, number>,
    preserve: unknown,
  ) => (sink: TokenSink, text: string) => void;
  export default makeTokenizer;
}
