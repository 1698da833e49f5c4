/**
 * Cluster names, the one naming of the pipeline and of the app's re-clustering.
 *
 * A name is for finding a cluster: its terms should pick out the cluster's papers and few others.
 * So a term is scored as a classifier of membership, by its F-measure 2a / (df + |C|) (a: members
 * holding it, df: papers holding it), which is high only when the term is both common in the cluster
 * and rare outside it; words that run through every cluster ("framework", "data") score low whatever
 * their frequency. The name is then built term by term, each time adding the candidate that makes
 * the name best at picking out the cluster: ranking every paper by how many of the name's terms it
 * holds, the most members among the top |C| (the same figure `scripts/lib/name-precision.ts`
 * measures on the texts). Each term is shown as its papers write it, completed to the phrase it
 * stands in (`phrases.ts`): "parameter-efficient fine-tuning", not "efficient fine".
 */
import { completePhrase, type TextWords, textWords } from './phrases';
import type { CsrMatrix } from './sparse';
import { STOP_WORDS } from './stopwords';
import { sameFamily } from './terms';
import type { ClusterInfo } from './types';
import { foldWord } from './word-fold';

/** Terms in a cluster's name, and terms listed per cluster (the name's first). */
export const NAME_TERMS = 3;
export const CLUSTER_TERMS = 8;
/**
 * The longest term a name shows, in characters: a name is drawn on the map over its papers, and a
 * longer phrase ("reinforcement learning from human feedback") hides them.
 */
export const NAME_TERM_CHARS = 32;
/** The best terms by F-measure among which the name is chosen. */
const CANDIDATES = 40;
/** Papers of a cluster read to complete one term's phrase: enough to see how it is written. */
const PHRASE_PAPERS = 60;

/** What naming reads of the papers and their terms. */
export interface NamingSource {
  /** Papers × terms; only which terms a paper holds is read. */
  matrix: CsrMatrix;
  /** The lemma string of a column ("fine tune"), for word families. */
  lemma(column: number): string;
  /** The column's shown form ("fine-tuning"). */
  surface(column: number): string;
  /** Whether a column is never shown (generic words, phrases written across stop words). */
  hidden(column: number): boolean;
  /** A paper's title and abstract, to complete phrases; without it terms are shown as they are. */
  text?(row: number): string;
}

export interface ClusterName {
  /** The name: its terms joined by " · ", or "cluster N" when the cluster has no term to show. */
  label: string;
  /** The name's terms, then a few more, in shown form. */
  terms: string[];
}

/** Column → rows holding it, ascending. */
function postings(m: CsrMatrix): { ptr: Int32Array; rows: Int32Array } {
  const nnz = m.rowPtr[m.rows];
  const ptr = new Int32Array(m.cols + 1);
  for (let e = 0; e < nnz; e++) ptr[m.colIdx[e] + 1]++;
  for (let c = 0; c < m.cols; c++) ptr[c + 1] += ptr[c];
  const fill = ptr.slice(0, m.cols);
  const rows = new Int32Array(nnz);
  for (let r = 0; r < m.rows; r++)
    for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) rows[fill[m.colIdx[e]]++] = r;
  return { ptr, rows };
}

/**
 * Members among the `size` papers holding most name terms, from the histograms of papers (`all`)
 * and members by how many they hold; a tie at the cut counts its share of members (the mean over
 * every order of the tie). The same figure `scripts/lib/name-precision.ts` measures names by.
 */
export function topShare(all: Float64Array, members: Float64Array, size: number): number {
  let left = size;
  let hits = 0;
  for (let k = all.length - 1; k >= 0 && left > 0; k--) {
    if (all[k] <= left) {
      hits += members[k];
      left -= all[k];
    } else {
      hits += (left * members[k]) / all[k];
      left = 0;
    }
  }
  return hits / size;
}

/** The words a shown term is compared by: lowercase content words as written, and folded. */
function shownWords(term: string): string[] {
  const words = term
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
  return [...words, ...words.map(foldWord)];
}

const ACRONYM = /^[A-Za-z]*[A-Z][A-Za-z]*[A-Z][a-z]?$/;

/** The initials of a phrase's words, with and without its stop words ("chain-of-thought": cot, ct). */
function initials(term: string): string[] {
  const words = term
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  if (words.length < 2) return [];
  const content = words.filter((w) => !STOP_WORDS.has(w));
  return [words.map((w) => w[0]).join(''), content.map((w) => w[0]).join('')];
}

/** An acronym's letters, lowercase, without a plural "s" (LLMs: llm, CoT: cot), or null. */
function acronymLetters(term: string): string | null {
  if (!ACRONYM.test(term)) return null;
  return (term.endsWith('s') ? term.slice(0, -1) : term).toLowerCase();
}

/** What a name holds so far: its words, to keep word families apart, and its acronyms and initials. */
class Kept {
  readonly terms: string[] = [];
  private readonly words: string[] = [];
  private readonly letters = new Set<string>();

  clashes(lemma: string, shown: string): boolean {
    const words = [...lemma.split(' '), ...shownWords(shown)];
    if (words.some((w) => this.words.some((u) => sameFamily(w, u)))) return true;
    const letters = acronymLetters(shown);
    if (letters !== null && this.letters.has(letters)) return true;
    return initials(shown).some((i) => this.letters.has(i));
  }

  add(lemma: string, shown: string): void {
    this.terms.push(shown);
    this.words.push(...lemma.split(' '), ...shownWords(shown));
    const letters = acronymLetters(shown);
    if (letters !== null) this.letters.add(letters);
    for (const i of initials(shown)) this.letters.add(i);
  }
}

/** Names every cluster of `membership` (cluster ids 0..count-1) from the papers' terms. */
export function nameClusters(
  source: NamingSource,
  membership: ArrayLike<number>,
  count: number,
): ClusterName[] {
  const m = source.matrix;
  const n = m.rows;
  const index = postings(m);
  const df = (col: number): number => index.ptr[col + 1] - index.ptr[col];
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < n; i++) members[membership[i]].push(i);
  const inCluster = new Int32Array(m.cols);
  const touched: number[] = [];
  const held = new Int32Array(n);

  return members.map((rows, c) => {
    const size = rows.length;
    // The words of the cluster's texts read so far: a paper is in one cluster only.
    const words = new Map<number, TextWords>();
    const textOf = (row: number): TextWords => {
      let w = words.get(row);
      if (w === undefined) {
        w = textWords(source.text?.(row) ?? '');
        words.set(row, w);
      }
      return w;
    };
    touched.length = 0;
    for (const i of rows) {
      for (let e = m.rowPtr[i]; e < m.rowPtr[i + 1]; e++) {
        const col = m.colIdx[e];
        if (inCluster[col] === 0) touched.push(col);
        inCluster[col]++;
      }
    }
    // A term no more common in the cluster than in all papers says nothing about it, however it
    // would fill a name (a word every paper holds moves no paper ahead of another).
    const ranked = touched
      .filter(
        (col) =>
          !source.hidden(col) &&
          (inCluster[col] >= 2 || size < 4) &&
          (inCluster[col] * n > df(col) * size || size === n),
      )
      .map((col) => ({ col, a: inCluster[col], f: (2 * inCluster[col]) / (df(col) + size) }))
      .sort((a, b) => b.f - a.f || a.col - b.col)
      .slice(0, CANDIDATES);
    for (const col of touched) inCluster[col] = 0;

    // Shown forms, completed to their phrases on the cluster's own papers; null: a fragment.
    const shownOf = new Map<number, string | null>();
    const shown = (col: number): string | null => {
      let form = shownOf.get(col);
      if (form === undefined) {
        form = source.surface(col);
        if (source.text !== undefined) {
          const texts: TextWords[] = [];
          for (let p = index.ptr[col]; p < index.ptr[col + 1] && texts.length < PHRASE_PAPERS; p++) {
            const row = index.rows[p];
            if (membership[row] === c) texts.push(textOf(row));
          }
          form = completePhrase(form, texts).phrase;
        }
        shownOf.set(col, form);
      }
      return form;
    };

    const kept = new Kept();
    const used = new Set<number>();
    const all = new Float64Array(NAME_TERMS + 1);
    const hits = new Float64Array(NAME_TERMS + 1);
    all[0] = n;
    hits[0] = size;
    const tryAll = new Float64Array(NAME_TERMS + 1);
    const tryHits = new Float64Array(NAME_TERMS + 1);
    const name: number[] = [];
    while (name.length < NAME_TERMS) {
      let best = -1;
      let bestShare = -1;
      for (const { col, a } of ranked) {
        if (used.has(col)) continue;
        tryAll.set(all);
        tryHits.set(hits);
        if (name.length === 0) {
          // Nothing held yet: the term's papers all move from 0 terms held to 1.
          tryAll[0] -= df(col);
          tryAll[1] += df(col);
          tryHits[0] -= a;
          tryHits[1] += a;
        } else {
          for (let p = index.ptr[col]; p < index.ptr[col + 1]; p++) {
            const row = index.rows[p];
            const k = held[row];
            tryAll[k]--;
            tryAll[k + 1]++;
            if (membership[row] === c) {
              tryHits[k]--;
              tryHits[k + 1]++;
            }
          }
        }
        const share = topShare(tryAll, tryHits, size);
        // Ranked by F-measure already: a strictly better share is needed to pass an earlier one.
        if (share > bestShare) {
          best = col;
          bestShare = share;
        }
      }
      if (best < 0) break;
      used.add(best);
      const form = shown(best);
      if (form === null || form.length > NAME_TERM_CHARS || kept.clashes(source.lemma(best), form)) continue;
      kept.add(source.lemma(best), form);
      name.push(best);
      for (let p = index.ptr[best]; p < index.ptr[best + 1]; p++) {
        const row = index.rows[p];
        const k = held[row]++;
        all[k]--;
        all[k + 1]++;
        if (membership[row] === c) {
          hits[k]--;
          hits[k + 1]++;
        }
      }
    }
    for (const col of name) for (let p = index.ptr[col]; p < index.ptr[col + 1]; p++) held[index.rows[p]] = 0;
    const label = kept.terms.join(' · ') || `cluster ${c + 1}`;
    for (const { col } of ranked) {
      if (kept.terms.length >= CLUSTER_TERMS) break;
      if (used.has(col)) continue;
      used.add(col);
      const form = shown(col);
      if (form !== null && !kept.clashes(source.lemma(col), form)) kept.add(source.lemma(col), form);
    }
    return { label, terms: kept.terms };
  });
}

/** The clusters' records of the graph JSON: their names, colours and sizes. */
export function clusterInfos(
  names: readonly ClusterName[],
  membership: ArrayLike<number>,
  colors: readonly string[],
): ClusterInfo[] {
  const clusters = names.map(({ label, terms }, id) => ({ id, label, terms, size: 0, color: colors[id] }));
  for (let i = 0; i < membership.length; i++) clusters[membership[i]].size++;
  return clusters;
}
