/**
 * Duplicate merging: records of the same paper (from one file or several) become one paper. A
 * later record is the same paper when it shares a DOI, an arXiv id (version ignored) or a PMID,
 * or, when no id of the same kind contradicts, the same normalised title; a generic title
 * ("Introduction", "Editorial", "Reply to …") needs its authors, year or abstract to agree too.
 * The kept paper is the first one, enriched from its duplicates: the longest abstract, the longest
 * author list, and every id and field it lacked. Each duplicate is listed as skipped with the
 * origin of the paper it was merged into, so papers + skipped always equals the records read.
 */

import {
  arxivBase,
  collapse,
  doiBase,
  familyName,
  ID_KINDS,
  type IdKind,
  idKey,
  idKeys,
  normalizeTitle,
} from './parse/fields';
import type { Paper, SkippedRecord } from './types';

/**
 * Titles that many different papers carry: front and back matter, replies, corrections. Two
 * records with such a title are one paper only when something else agrees.
 */
const GENERIC_TITLES = new Set([
  'abstract',
  'abstracts',
  'acknowledgement',
  'acknowledgements',
  'acknowledgment',
  'acknowledgments',
  'announcement',
  'announcements',
  'book review',
  'book reviews',
  'call for papers',
  'comment',
  'comments',
  'conclusion',
  'conclusions',
  'contents',
  'correction',
  'corrections',
  'corrigendum',
  'discussion',
  'editorial',
  'editorial board',
  'editors note',
  'erratum',
  'errata',
  'foreword',
  'front matter',
  'back matter',
  'guest editorial',
  'in memoriam',
  'index',
  'introduction',
  'letter to the editor',
  'letters',
  'news',
  'notes',
  'obituary',
  'overview',
  'preface',
  'reply',
  'response',
  'retraction',
  'review',
  'reviewers',
  'summary',
  'table of contents',
  'untitled',
]);

const GENERIC_PREFIXES =
  /^(?:reply to|response to|comment on|comments on|erratum to|errata to|correction to|retraction of|retraction note|author correction|publisher correction|editorial comment|letter to the editor)\b/;

/** Whether a normalised title is one many different papers share. */
export function isGenericTitle(normalized: string): boolean {
  return GENERIC_TITLES.has(normalized) || GENERIC_PREFIXES.test(normalized);
}

const SAME_ID: ReadonlyMap<IdKind, string> = new Map([
  ['doi', 'same DOI'],
  ['arxiv', 'same arXiv id'],
  ['pmid', 'same PMID'],
]);

/** Two records contradict when both carry the same kind of id and the ids differ. */
function idsContradict(a: Paper, b: Paper): boolean {
  if (a.doi && b.doi && doiBase(a.doi) !== doiBase(b.doi)) return true;
  if (a.arxiv && b.arxiv && arxivBase(a.arxiv) !== arxivBase(b.arxiv)) return true;
  if (a.pmid && b.pmid && a.pmid !== b.pmid) return true;
  return false;
}

const families = (paper: Paper): Set<string> =>
  new Set(paper.authors.map(familyName).filter((name) => name !== ''));

/** Whether two author lists share a family name; null when either list is empty. */
function authorsAgree(a: Paper, b: Paper): boolean | null {
  const left = families(a);
  const right = families(b);
  if (left.size === 0 || right.size === 0) return null;
  for (const name of left) if (right.has(name)) return true;
  return false;
}

/**
 * Whether two records with the same normalised title are one paper. Different author lists mean
 * different papers; a generic title also needs the authors, the year or the abstract to agree.
 */
function sameByTitle(kept: Paper, paper: Paper, generic: boolean): boolean {
  if (idsContradict(kept, paper)) return false;
  const authors = authorsAgree(kept, paper);
  if (authors === false) return false;
  if (!generic) return true;
  if (authors === true) return true;
  if (kept.year !== null && kept.year === paper.year) return true;
  const abstract = normalizeTitle(kept.abstract);
  return abstract !== '' && abstract === normalizeTitle(paper.abstract);
}

/**
 * Fills `kept` from `other`: the longer abstract and author list, and every field it lacks. An id
 * another kept paper already holds is not taken: the record would join two papers into one.
 */
function enrich(kept: Paper, other: Paper, isFree: (key: string) => boolean): void {
  if (collapse(other.abstract).length > collapse(kept.abstract).length) kept.abstract = other.abstract;
  if (other.authors.length > kept.authors.length) kept.authors = [...other.authors];
  kept.year ??= other.year;
  kept.url ??= other.url;
  for (const kind of ID_KINDS) {
    const id = other[kind];
    if (kept[kind] === null && id?.trim() && isFree(idKey(kind, id))) kept[kind] = id;
  }
}

/**
 * Merges duplicates, keeping the first of each group in input order (enriched from the others).
 * Records whose title is empty after trimming are skipped with `no title`. The input papers are
 * not modified.
 */
export function dedupePapers(papers: readonly Paper[]): { papers: Paper[]; skipped: SkippedRecord[] } {
  const kept: Paper[] = [];
  const skipped: SkippedRecord[] = [];
  const byId = new Map<string, Paper>();
  // Several kept papers may share a title (a paper and its erratum, two editorials).
  const byTitle = new Map<string, Paper[]>();
  const remember = (paper: Paper): void => {
    for (const key of idKeys(paper)) if (!byId.has(key)) byId.set(key, paper);
  };
  for (const paper of papers) {
    const title = collapse(paper.title);
    if (title === '') {
      skipped.push({ origin: paper.origin, title: null, reason: 'no title' });
      continue;
    }
    const titleKey = normalizeTitle(title);

    let first: Paper | undefined;
    let why = '';
    // An id names one paper, whatever else the records say (DOI first, then arXiv, then PMID).
    for (const kind of ID_KINDS) {
      const id = paper[kind];
      const candidate = id?.trim() ? byId.get(idKey(kind, id)) : undefined;
      if (candidate) {
        first = candidate;
        why = SAME_ID.get(kind) ?? '';
        break;
      }
    }
    if (!first && titleKey !== '') {
      const generic = isGenericTitle(titleKey);
      first = byTitle.get(titleKey)?.find((candidate) => sameByTitle(candidate, paper, generic));
      why = 'same title';
    }

    if (first) {
      enrich(first, paper, (key) => !byId.has(key));
      remember(first);
      skipped.push({
        origin: paper.origin,
        title,
        reason: `duplicate of ${first.origin} (${why})`,
        duplicateOf: first.origin,
      });
      continue;
    }

    const copy: Paper = { ...paper, title, authors: [...paper.authors] };
    kept.push(copy);
    remember(copy);
    if (titleKey !== '') {
      const group = byTitle.get(titleKey);
      if (group) group.push(copy);
      else byTitle.set(titleKey, [copy]);
    }
  }

  return { papers: kept, skipped };
}
