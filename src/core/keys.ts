/**
 * Stable node keys. A paper's key depends on the paper itself, not on its position, so the same
 * input gives the same keys and a paper keeps its key when other papers are added or reordered;
 * the only exception is a collision, which adds a hash of the paper's own text.
 */

import { idKeys, normalizeTitle } from './parse/fields';
import type { Paper } from './types';

/** Longest title slug before the collision hash; cut at a word boundary. */
const SLUG_MAX_LENGTH = 60;

const encoder = new TextEncoder();

/**
 * FNV-1a, 32-bit, over the UTF-8 bytes of `text`, in base 36 (at most 7 characters).
 * Fowler, Noll, Vo: http://www.isthe.com/chongo/tech/comp/fnv/ (offset basis 2166136261,
 * prime 16777619).
 */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/**
 * ASCII slug of the normalised title: lowercase words joined by `-`, at most 60 characters, cut
 * at a word boundary (a single longer first word is cut hard). Letters outside ASCII that NFKD does
 * not reduce (CJK, Greek…) are dropped; an empty result means the title has no ASCII word.
 */
export function titleSlug(title: string): string {
  const words = normalizeTitle(title)
    .split(' ')
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX_LENGTH) {
      if (slug === '') slug = word.slice(0, SLUG_MAX_LENGTH);
      break;
    }
    slug = next;
  }
  return slug;
}

/** The key a paper gets when nothing collides with it. */
function baseKey(paper: Paper): string {
  const [id] = idKeys(paper);
  if (id !== undefined) return id;
  // A title with no ASCII word still gets a key of its own.
  return titleSlug(paper.title) || `paper-${fnv1a(paper.title)}`;
}

/**
 * One key per paper, in the same order: `doi:<lowercased doi>` when a DOI is known, else
 * `arxiv:<id without version>`, else `pmid:<PubMed id>`, else a slug of the title. Keys that would collide get `-` and an
 * FNV-1a hash of title + abstract; if that still collides (identical records), of title + abstract +
 * index. Keys are unique.
 */
export function paperKeys(papers: Paper[]): string[] {
  const base = papers.map(baseKey);
  const count = new Map<string, number>();
  for (const key of base) count.set(key, (count.get(key) ?? 0) + 1);

  // Keys that need no hash are taken first, so a hashed key can never steal one of them.
  const used = new Set<string>();
  for (const key of base) if (count.get(key) === 1) used.add(key);

  return base.map((key, index) => {
    if (count.get(key) === 1) return key;
    const paper = papers[index];
    const text = `${paper.title}\n${paper.abstract}`;
    let candidate = `${key}-${fnv1a(text)}`;
    for (let attempt = 0; used.has(candidate); attempt++) {
      const salt = attempt === 0 ? `\n${index}` : `\n${index}\n${attempt}`;
      candidate = `${key}-${fnv1a(text + salt)}`;
    }
    used.add(candidate);
    return candidate;
  });
}
