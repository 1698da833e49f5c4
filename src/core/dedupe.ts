/**
 * Duplicate removal: the first occurrence of a paper wins, every later copy is listed as skipped
 * with the origin of the one it duplicates, so papers + skipped always equals the records read.
 */

import type { Paper, SkippedRecord } from './types';

/**
 * Title as compared for duplicates and used for slugs: NFKD, combining marks (diacritics) dropped,
 * lowercase, apostrophes dropped, every other run of characters that is not a letter or a digit
 * turned into one space.
 * "Chain-of-Thought Prompting!" and "chain of thought prompting" normalise alike.
 */
export function normalizeTitle(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      // Apostrophes join ("Giant's" → "giants"); other punctuation separates ("Chain-of-Thought").
      .replace(/['’ʼ`]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** arXiv id without its version suffix and lowercased: `2312.06795v2` → `2312.06795`. */
export function arxivBase(id: string): string {
  return id.trim().toLowerCase().replace(/v\d+$/, '');
}

/** DOI as compared: DOIs are case-insensitive (ISO 26324), so lowercase. */
export function doiBase(doi: string): string {
  return doi.trim().toLowerCase();
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Two records contradict when both carry the same kind of id and the ids differ. */
function idsContradict(a: Paper, b: Paper): boolean {
  if (a.doi && b.doi && doiBase(a.doi) !== doiBase(b.doi)) return true;
  if (a.arxiv && b.arxiv && arxivBase(a.arxiv) !== arxivBase(b.arxiv)) return true;
  return false;
}

/**
 * Keeps the first of each group of duplicates, in input order. A later record is a duplicate when
 * it has the same DOI, the same arXiv id (version ignored), or, when neither id contradicts, the same
 * normalised title. If the kept record has no abstract and its duplicate has one, the kept record
 * takes that abstract. Records whose title is empty after trimming are skipped with `no title`.
 * The input papers are not modified.
 */
export function dedupePapers(papers: Paper[]): { papers: Paper[]; skipped: SkippedRecord[] } {
  const kept: Paper[] = [];
  const skipped: SkippedRecord[] = [];
  const byDoi = new Map<string, Paper>();
  const byArxiv = new Map<string, Paper>();
  // Several kept papers may share a title when their ids contradict (a paper and its erratum).
  const byTitle = new Map<string, Paper[]>();

  for (const paper of papers) {
    const title = collapse(paper.title);
    if (title === '') {
      skipped.push({ origin: paper.origin, title: null, reason: 'no title' });
      continue;
    }

    const doi = paper.doi ? doiBase(paper.doi) : '';
    const arxiv = paper.arxiv ? arxivBase(paper.arxiv) : '';
    const titleKey = normalizeTitle(title);

    let first: Paper | undefined;
    let why = '';
    if (doi && byDoi.has(doi)) {
      first = byDoi.get(doi);
      why = 'same DOI';
    } else if (arxiv && byArxiv.has(arxiv)) {
      first = byArxiv.get(arxiv);
      why = 'same arXiv id';
    } else if (titleKey !== '') {
      first = byTitle.get(titleKey)?.find((candidate) => !idsContradict(candidate, paper));
      why = 'same title';
    }

    if (first) {
      if (first.abstract.trim() === '' && paper.abstract.trim() !== '') first.abstract = paper.abstract;
      skipped.push({ origin: paper.origin, title, reason: `duplicate of ${first.origin} (${why})` });
      continue;
    }

    const copy: Paper = { ...paper, title, authors: [...paper.authors] };
    kept.push(copy);
    if (doi) byDoi.set(doi, copy);
    if (arxiv) byArxiv.set(arxiv, copy);
    if (titleKey !== '') {
      const group = byTitle.get(titleKey);
      if (group) group.push(copy);
      else byTitle.set(titleKey, [copy]);
    }
  }

  return { papers: kept, skipped };
}
