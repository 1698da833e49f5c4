/**
 * Choosing a few readable terms from a ranked list: one form per word family, so a name never reads
 * "agent · agents" or "fine · fine tuning". Terms are lemma strings ("fine tune" for a bigram).
 */

/**
 * Words of one family: equal, or one a prefix of the other (learn/learner, reason/reasoning), also
 * once a final "e" is dropped (tune/tuning, merge/merging, generate/generating).
 */
export function sameFamily(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  if (short.length < 4) return false;
  // Compared in place: this runs for every pair of words of every list a graph shows.
  const stem = short.charCodeAt(short.length - 1) === E ? short.length - 1 : short.length;
  for (let i = 0; i < stem; i++) if (short.charCodeAt(i) !== long.charCodeAt(i)) return false;
  return true;
}

const E = 'e'.charCodeAt(0);

/** Whether any of `words` shares a family with any of `kept`. */
export function anyFamily(words: readonly string[], kept: readonly string[]): boolean {
  for (const w of words) for (const u of kept) if (sameFamily(w, u)) return true;
  return false;
}

/**
 * Walks `ranked` (best first) and keeps up to `limit` terms whose words share no family with the
 * words of a term already kept. Returns the kept items in their ranked order.
 */
export function pickDistinct<T>(ranked: Iterable<T>, limit: number, termOf: (item: T) => string): T[] {
  const kept: T[] = [];
  const words: string[] = [];
  if (limit <= 0) return kept;
  for (const item of ranked) {
    const parts = termOf(item).split(' ');
    if (anyFamily(parts, words)) continue;
    kept.push(item);
    words.push(...parts);
    if (kept.length >= limit) break;
  }
  return kept;
}

/**
 * `pickDistinct` over columns with scores, given in any order and ranked best first by higher
 * score, then lower column, without sorting them all: the best remaining one is found at each step,
 * and a list needs only a few. `wordsOf` gives a column's words. Reorders the first `count` entries
 * of `column` and `score` in place.
 */
export function pickBestDistinct(
  column: Int32Array,
  score: Float64Array,
  count: number,
  limit: number,
  wordsOf: (column: number) => readonly string[],
): number[] {
  const kept: number[] = [];
  const words: string[] = [];
  let left = count;
  while (kept.length < limit && left > 0) {
    let best = 0;
    for (let i = 1; i < left; i++) {
      if (score[i] > score[best] || (score[i] === score[best] && column[i] < column[best])) best = i;
    }
    const picked = column[best];
    left--;
    column[best] = column[left];
    score[best] = score[left];
    const parts = wordsOf(picked);
    if (anyFamily(parts, words)) continue;
    kept.push(picked);
    words.push(...parts);
  }
  return kept;
}

/**
 * Drops every surface form whose words share a family with an earlier one's: two lemmas can be
 * written alike (think and thought both as "thought"), which `pickDistinct` cannot see.
 */
export function distinctSurfaces(surfaces: readonly string[]): string[] {
  const kept: string[] = [];
  const words: string[] = [];
  for (const surface of surfaces) {
    const parts = surface
      .toLowerCase()
      .split(/[\s\-/]+/)
      .filter((w) => w.length > 0);
    if (parts.some((w) => words.some((u) => sameFamily(w, u)))) continue;
    kept.push(surface);
    words.push(...parts);
  }
  return kept;
}
