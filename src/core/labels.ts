/**
 * Names for clusters and distinctive terms for papers.
 *
 * Cluster names use class-based TF-IDF (c-TF-IDF, Grootendorst 2022, "BERTopic",
 * arXiv:2203.05794): all members of a cluster form one class document and a term scores
 * tf(t, c) · ln(1 + A / f(t)), with tf the share of the class's term occurrences, A the average
 * number of term occurrences per class and f(t) the term's frequency over all classes. A term counts
 * once per paper that holds it, so a name says what the members share, not what one paper repeats.
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
 * Lets a phrase stand for its words: a bigram scoring at least half as high as one of its words
 * takes that word's score (and a hair more), so a name reads "chain-of-thought", not "chain · thought".
 */
function preferPhrases(
  scored: Array<{ col: number; score: number }>,
  termOf: (column: number) => string,
): void {
  const unigramScore = new Map<string, number>();
  for (const s of scored) {
    const term = termOf(s.col);
    if (!term.includes(' ')) unigramScore.set(term, s.score);
  }
  for (const s of scored) {
    const term = termOf(s.col);
    if (!term.includes(' ')) continue;
    for (const word of term.split(' ')) {
      const wordScore = unigramScore.get(word) ?? 0;
      if (s.score >= 0.5 * wordScore && wordScore * 1.000001 > s.score) s.score = wordScore * 1.000001;
    }
  }
}

/** Ranked, family-distinct columns of each cluster, most distinctive first. */
export function clusterTerms(
  m: TfidfMatrix,
  membership: ArrayLike<number>,
  clusters: number,
  limit: number,
  termOf: (column: number) => string,
): number[][] {
  const members: number[][] = Array.from({ length: clusters }, () => []);
  for (let i = 0; i < m.rows; i++) members[membership[i]].push(i);
  const totals = members.map((rows) => rows.reduce((sum, i) => sum + m.rowPtr[i + 1] - m.rowPtr[i], 0));
  const average = totals.reduce((a, b) => a + b, 0) / Math.max(1, clusters);
  const count = new Float64Array(m.cols);
  const touched: number[] = [];
  return members.map((rows, c) => {
    touched.length = 0;
    for (const i of rows) {
      for (let e = m.rowPtr[i]; e < m.rowPtr[i + 1]; e++) {
        const col = m.colIdx[e];
        if (count[col] === 0) touched.push(col);
        count[col]++;
      }
    }
    const scored = touched
      .filter((col) => !isGeneric(termOf(col)))
      .map((col) => ({
        col,
        score: (count[col] / Math.max(1, totals[c])) * Math.log(1 + average / m.df[col]),
      }));
    for (const col of touched) count[col] = 0;
    preferPhrases(scored, termOf);
    scored.sort((a, b) => b.score - a.score || a.col - b.col);
    return pickDistinct(scored, limit, (s) => termOf(s.col)).map((s) => s.col);
  });
}

/** Each paper's most distinctive columns: its highest TF-IDF weights, one per word family. */
export function paperTerms(m: TfidfMatrix, limit: number, termOf: (column: number) => string): number[][] {
  const result: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const entries: Array<{ col: number; score: number }> = [];
    for (let e = m.rowPtr[i]; e < m.rowPtr[i + 1]; e++) {
      if (!isGeneric(termOf(m.colIdx[e]))) entries.push({ col: m.colIdx[e], score: m.values[e] });
    }
    preferPhrases(entries, termOf);
    entries.sort((a, b) => b.score - a.score || a.col - b.col);
    result.push(pickDistinct(entries, limit, (x) => termOf(x.col)).map((x) => x.col));
  }
  return result;
}
