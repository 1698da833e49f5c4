/**
 * Which terms may be shown, and each paper's distinctive terms. Cluster names: `cluster-names.ts`.
 */

import { type SimilarityEdges, sharedColumns } from './graph';
import { type CsrMatrix, longestRow } from './sparse';
import { pickBestDistinct } from './terms';
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
  /** Each column's words, split once when first asked for. */
  private readonly wordCache: Array<readonly string[] | undefined>;

  constructor(
    columns: number,
    readonly termOf: (column: number) => string,
    surfaceOf: (column: number) => string,
  ) {
    this.hidden = new Uint8Array(columns);
    this.parts = new Int32Array(2 * columns).fill(-1);
    this.scratch = new Float64Array(columns);
    this.wordCache = new Array(columns);
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

  /** The words of column `c`'s term (two for a bigram). */
  readonly words = (c: number): readonly string[] => {
    let words = this.wordCache[c];
    if (words === undefined) {
      words = this.termOf(c).split(' ');
      this.wordCache[c] = words;
    }
    return words;
  };

  /**
   * Lets a phrase stand for its words: a bigram scoring at least half as high as one of its words
   * takes that word's score (and a hair more), so a name reads "chain-of-thought", not "chain · thought".
   * Works on the first `count` of `column` and `score`, in place.
   */
  preferPhrases(column: Int32Array, score: Float64Array, count: number): void {
    const { scratch, parts } = this;
    for (let s = 0; s < count; s++) {
      const c = column[s];
      if (parts[2 * c] < 0 && parts[2 * c + 1] < 0) scratch[c] = score[s];
    }
    for (let s = 0; s < count; s++) {
      const c = column[s];
      for (let side = 0; side < 2; side++) {
        const word = parts[2 * c + side];
        if (word < 0) continue;
        const wordScore = scratch[word];
        if (score[s] >= 0.5 * wordScore && wordScore * 1.000001 > score[s]) score[s] = wordScore * 1.000001;
      }
    }
    for (let s = 0; s < count; s++) scratch[column[s]] = 0;
  }
}

/** Each paper's most distinctive columns: its highest TF-IDF weights, one per word family. */
export function paperTerms(m: TfidfMatrix, limit: number, info: ColumnInfo): number[][] {
  const result: number[][] = [];
  const longest = longestRow(m);
  const column = new Int32Array(longest);
  const score = new Float64Array(longest);
  for (let i = 0; i < m.rows; i++) {
    let count = 0;
    for (let e = m.rowPtr[i]; e < m.rowPtr[i + 1]; e++) {
      if (info.hidden[m.colIdx[e]] !== 0) continue;
      column[count] = m.colIdx[e];
      score[count++] = m.values[e];
    }
    info.preferPhrases(column, score, count);
    result.push(pickBestDistinct(column, score, count, limit, info.words));
  }
  return result;
}

/**
 * Each edge's terms, the "related because": the shared columns that add most to its cosine, one
 * per word family.
 */
export function edgeTerms(
  m: CsrMatrix,
  edges: Pick<SimilarityEdges, 'source' | 'target'>,
  limit: number,
  info: ColumnInfo,
): number[][] {
  const result: number[][] = [];
  const column = new Int32Array(longestRow(m));
  const contribution = new Float64Array(column.length);
  for (let e = 0; e < edges.source.length; e++) {
    const count = sharedColumns(m, edges.source[e], edges.target[e], info.hidden, column, contribution);
    result.push(pickBestDistinct(column, contribution, count, limit, info.words));
  }
  return result;
}
