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
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  return long.startsWith(short) || (short.endsWith('e') && long.startsWith(short.slice(0, -1)));
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
