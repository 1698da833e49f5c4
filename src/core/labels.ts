/**
 * Which terms may be shown, and each paper's distinctive terms. Cluster names: `cluster-names.ts`.
 */

import { pickDistinct } from './terms';
import type { TfidfMatrix } from './tfidf';

/**
 * Words that describe how research is written up, not what it is about: fine inside similarity
 * (IDF already weighs them down) but useless in a name. Lemmas.
 */
const GENERIC = new Set(
  `approach method result show demonstrate present propose provide paper novel new existing work study
  base suitable various different significant significantly improve improvement performance effectiveness
  effective challenge ability able specific experiment extensive achieve outperform address introduce
  state art recent recently complex simple well strong key important wide widely lead leverage enable
  however also make include use conduct evaluate comprehensive potential`.split(/\s+/),
);

function isGeneric(term: string): boolean {
  return term.split(' ').every((word) => GENERIC.has(word));
}

/**
 * What the labelling needs to know of each column, worked out once instead of per paper: whether
 * it is shown at all, and for a bigram the columns of its two words (-1 when a word is not a column).
 * Hidden: generic words, and phrases most often written across stop words ("effectiveness of
 * model", "demonstrate that our method"), which read as boilerplate; hyphenated phrases
 * ("chain-of-thought") stay.
 */
export class ColumnInfo {
  readonly hidden: Uint8Array;
  readonly parts: Int32Array;
  /** Scratch scores by column, zero between uses. */
  private readonly scratch: Float64Array;

  constructor(
    columns: number,
    readonly termOf: (column: number) => string,
    surfaceOf: (column: number) => string,
  ) {
    this.hidden = new Uint8Array(columns);
    this.parts = new Int32Array(2 * columns).fill(-1);
    this.scratch = new Float64Array(columns);
    const unigrams = new Map<string, number>();
    for (let c = 0; c < columns; c++) {
      const term = termOf(c);
      if (!term.includes(' ')) unigrams.set(term, c);
      if (isGeneric(term) || surfaceOf(c).trim().split(/\s+/).length > 2) this.hidden[c] = 1;
    }
    for (let c = 0; c < columns; c++) {
      const term = termOf(c);
      const space = term.indexOf(' ');
      if (space < 0) continue;
      this.parts[2 * c] = unigrams.get(term.slice(0, space)) ?? -1;
      this.parts[2 * c + 1] = unigrams.get(term.slice(space + 1)) ?? -1;
    }
  }

  /**
   * Lets a phrase stand for its words: a bigram scoring at least half as high as one of its words
   * takes that word's score (and a hair more), so a name reads "chain-of-thought", not "chain · thought".
   */
  preferPhrases(scored: Array<{ col: number; score: number }>): void {
    const { scratch, parts } = this;
    for (const s of scored) if (parts[2 * s.col] < 0 && parts[2 * s.col + 1] < 0) scratch[s.col] = s.score;
    for (const s of scored) {
      for (let side = 0; side < 2; side++) {
        const word = parts[2 * s.col + side];
        if (word < 0) continue;
        const wordScore = scratch[word];
        if (s.score >= 0.5 * wordScore && wordScore * 1.000001 > s.score) s.score = wordScore * 1.000001;
      }
    }
    for (const s of scored) scratch[s.col] = 0;
  }
}

/** Each paper's most distinctive columns: its highest TF-IDF weights, one per word family. */
export function paperTerms(m: TfidfMatrix, limit: number, info: ColumnInfo): number[][] {
  const result: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const entries: Array<{ col: number; score: number }> = [];
    for (let e = m.rowPtr[i]; e < m.rowPtr[i + 1]; e++) {
      if (info.hidden[m.colIdx[e]] === 0) entries.push({ col: m.colIdx[e], score: m.values[e] });
    }
    info.preferPhrases(entries);
    entries.sort((a, b) => b.score - a.score || a.col - b.col);
    result.push(pickDistinct(entries, limit, (x) => info.termOf(x.col)).map((x) => x.col));
  }
  return result;
}
