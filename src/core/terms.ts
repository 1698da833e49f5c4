/**
 * Choosing a few readable terms from a ranked list: one form per word family, so a name never reads
 * "agent · agents" or "fine · fine tuning". Terms are lemma strings ("fine tune" for a bigram).
 */

/** Words of one family: equal, one a prefix of the other (learn/learner, reason/reasoning). */
function sameFamily(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
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
    if (parts.some((w) => words.some((u) => sameFamily(w, u)))) continue;
    kept.push(item);
    words.push(...parts);
    if (kept.length >= limit) break;
  }
  return kept;
}
