/**
 * How well cluster names pick out their clusters (issue 8): for each cluster, every paper is ranked
 * by how many of the name's terms its text contains; the share of the top |cluster| papers that
 * belong to the cluster is the name's precision. A name that is all generic words ranks papers of
 * every cluster alike and scores about |cluster| / N; a name that only its cluster's papers contain
 * scores 1.
 *
 * Matching is the way a reader would search for the term in the paper's title and abstract:
 * - text and term are lowercased, accents dropped, and cut into words at anything that is not a
 *   letter or digit, so "fine-tuning", "fine tuning" and "Fine-Tuning" are the same two words;
 * - each word is reduced by a small stemmer applied alike to both (`foldWord` in
 *   src/core/word-fold.ts): plural "-s"/"-es"/"-ies", then "-ing"/"-ed", then a final "e" and a
 *   doubled final consonant, so "fine-tuned", "fine-tuning" and "fine-tune" all read "fine tun",
 *   and "LMs" matches "LM";
 * - a term matches where its words occur in a row, or written as one word ("finetuning").
 * Ties in the ranking (papers with the same count at the cut) are shared out by expectation: of a
 * tied group of g papers, m of them members, filling the last r places counts r·m/g members, which
 * is the mean over every order of the tie, so no order (neither node order nor membership)
 * favours the cluster.
 */
import { topShare as shareOfTop } from '../../src/core/cluster-names';
import type { PapermapGraphJSON } from '../../src/core/types';
import { foldedWords, foldWord, plainLower } from '../../src/core/word-fold';

const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** The separator of a cluster label's terms ("a · b · c"). */
const LABEL_SEPARATOR = ' · ';

/** The terms of a cluster label: its " · "-separated parts; a placeholder name has none. */
export function labelTerms(label: string): string[] {
  if (/^cluster \d+$/.test(label)) return [];
  return label
    .split(LABEL_SEPARATOR)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** Papers' stemmed words as ids, with an index from word id to the papers holding it. */
class PaperIndex {
  private readonly ids = new Map<string, number>();
  private readonly postings: number[][] = [];
  readonly words: Int32Array[];

  constructor(texts: readonly string[]) {
    this.words = texts.map((text, paper) => {
      const row = Int32Array.from(foldedWords(text), (w) => this.id(w));
      for (const w of row) {
        const list = this.postings[w];
        if (list[list.length - 1] !== paper) list.push(paper);
      }
      return row;
    });
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
      this.postings.push([]);
    }
    return id;
  }

  /** The papers (ascending) whose text contains the term, as words in a row or as one word. */
  papersWith(term: string): number[] {
    const stems = foldedWords(term);
    if (stems.length === 0) return [];
    const found = new Set<number>();
    // Written as one word ("finetuning"): the words are joined before folding, as the text's word was.
    const joined = this.ids.get(foldWord(plainLower(term).split(NOT_WORD).join('')));
    if (stems.length > 1 && joined !== undefined) for (const p of this.postings[joined]) found.add(p);
    const seq = stems.map((s) => this.ids.get(s));
    if (seq.every((s) => s !== undefined)) {
      const want = seq as number[];
      for (const p of this.postings[want[0]]) if (containsRun(this.words[p], want)) found.add(p);
    }
    return [...found].sort((a, b) => a - b);
  }
}

function containsRun(words: Int32Array, run: readonly number[]): boolean {
  for (let i = 0; i + run.length <= words.length; i++) {
    let j = 0;
    while (j < run.length && words[i + j] === run[j]) j++;
    if (j === run.length) return true;
  }
  return false;
}

export interface ClusterNamePrecision {
  cluster: number;
  size: number;
  label: string;
  precision: number;
}

/**
 * Precision of the name of every cluster with at least one paper, in the order of
 * `graph.attributes.clusters`; membership is the nodes' `cluster` attribute.
 */
export function clusterNamePrecision(graph: PapermapGraphJSON): ClusterNamePrecision[] {
  const nodes = graph.nodes;
  const n = nodes.length;
  const index = new PaperIndex(nodes.map((node) => `${node.attributes.title}\n${node.attributes.abstract}`));
  const membership = Int32Array.from(nodes, (node) => node.attributes.cluster);
  const sizes = new Map<number, number>();
  for (const c of membership) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const matches = new Map<string, number[]>();
  const count = new Int32Array(n);
  const result: ClusterNamePrecision[] = [];
  for (const info of graph.attributes.clusters) {
    const size = sizes.get(info.id) ?? 0;
    if (size === 0) continue;
    const terms = [...new Set(labelTerms(info.label).map((t) => t.toLowerCase()))];
    count.fill(0);
    for (const term of terms) {
      let papers = matches.get(term);
      if (papers === undefined) {
        papers = index.papersWith(term);
        matches.set(term, papers);
      }
      for (const p of papers) count[p]++;
    }
    result.push({
      cluster: info.id,
      size,
      label: info.label,
      precision: topShare(count, membership, info.id, size, terms.length),
    });
  }
  return result;
}

/** Members among the `size` papers with the most matches, ties shared out by expectation. */
function topShare(
  count: Int32Array,
  membership: Int32Array,
  cluster: number,
  size: number,
  most: number,
): number {
  const all = new Float64Array(most + 1);
  const members = new Float64Array(most + 1);
  for (let p = 0; p < count.length; p++) {
    all[count[p]]++;
    if (membership[p] === cluster) members[count[p]]++;
  }
  return shareOfTop(all, members, size);
}

/** Size-weighted mean precision of the cluster names over all papers (0 for an empty graph). */
export function namePrecision(graph: PapermapGraphJSON): number {
  const per = clusterNamePrecision(graph);
  let papers = 0;
  let hits = 0;
  for (const c of per) {
    papers += c.size;
    hits += c.precision * c.size;
  }
  return papers === 0 ? 0 : hits / papers;
}
