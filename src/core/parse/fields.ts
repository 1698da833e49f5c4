/**
 * Field readers shared by every input format: identifiers (DOI, arXiv, PMID), years, author lists,
 * and the forms in which titles and ids are compared. One place, so that a DOI read from BibTeX,
 * RIS or OpenAlex is recognised, cleaned and compared alike.
 */

import type { Paper } from '../types';

/** Whitespace runs (line breaks, tabs, NBSP) as one space, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A paper with every field empty, to be filled by a parser. */
export function newPaper(origin: string, title = '', abstract = ''): Paper {
  return {
    title,
    abstract,
    authors: [],
    year: null,
    url: null,
    doi: null,
    arxiv: null,
    pmid: null,
    origin,
  };
}

/** A title cut to 80 characters, for messages. */
export function shorten(title: string, max = 80): string {
  return title.length > max ? `${title.slice(0, max - 1)}…` : title;
}

// ─── Identifiers ──────────────────────────────────────────────────────────────────────────────────

const ARXIV_NEW = /^\d{4}\.\d{4,5}(?:v\d+)?$/;
const ARXIV_OLD = /^[a-z-]+(?:\.[a-z]{2})?\/\d{7}(?:v\d+)?$/i;
const DOI = /^10\.\d{4,9}\/\S+$/;

/** `arXiv:2312.06795v2`, `https://arxiv.org/abs/2312.06795` → `2312.06795v2` / `2312.06795`. */
export function normalizeArxivId(raw: string): string | null {
  const id = raw
    .trim()
    .replace(/^arxiv:\s*/i, '')
    .replace(/^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\//i, '')
    .replace(/\.pdf$/i, '');
  return ARXIV_NEW.test(id) || ARXIV_OLD.test(id) ? id : null;
}

/** `doi:10.1/x`, `https://doi.org/10.1/x`, `10.1/x [doi]` → `10.1/x`; case is kept (keys lowercase it). */
export function normalizeDoi(raw: string): string | null {
  let doi = raw
    .trim()
    .replace(/\s*\[doi\]$/i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')
    .replace(/[.,;]$/, '');
  if (/%[0-9a-f]{2}/i.test(doi)) {
    try {
      doi = decodeURIComponent(doi);
    } catch {
      // Not an escaped URL after all: keep it as written.
    }
  }
  return DOI.test(doi) ? doi : null;
}

/** `PMID: 12345678`, `https://pubmed.ncbi.nlm.nih.gov/12345678/`, `12345678 [pmid]` → `12345678`. */
export function normalizePmid(raw: string): string | null {
  const id = raw
    .trim()
    .replace(/\s*\[pmid\]$/i, '')
    .replace(/^pmid:\s*/i, '')
    .replace(/^https?:\/\/(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\//i, '')
    .replace(/\/$/, '');
  return /^[1-9]\d{0,9}$/.test(id) ? id : null;
}

/** The ids a URL spells out unmistakably (doi.org, arxiv.org, PubMed); anything else gives none. */
export function idsInUrl(url: string): { doi: string | null; arxiv: string | null; pmid: string | null } {
  const trimmed = url.trim();
  return {
    doi: /^https?:\/\/(?:dx\.)?doi\.org\//i.test(trimmed) ? normalizeDoi(trimmed) : null,
    arxiv: normalizeArxivId(trimmed),
    pmid: /pubmed/i.test(trimmed) ? normalizePmid(trimmed) : null,
  };
}

/** arXiv id without its version suffix and lowercased: `2312.06795v2` → `2312.06795`. */
export function arxivBase(id: string): string {
  return id.trim().toLowerCase().replace(/v\d+$/, '');
}

/** DOI as compared: DOIs are case-insensitive (ISO 26324), so lowercase. */
export function doiBase(doi: string): string {
  return doi.trim().toLowerCase();
}

// ─── Text fields ──────────────────────────────────────────────────────────────────────────────────

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

/** A four-digit year from a number or the first four-digit run in a string ("2021-03-04", "Spring 2019"). */
export function readYear(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 1000 && value <= 9999 ? value : null;
  if (typeof value !== 'string') return null;
  const match = /(?<!\d)(\d{4})(?!\d)/.exec(value);
  return match ? Number(match[1]) : null;
}

/**
 * "A, B and C", "A, B, and C", "A and B", "A; B", and BibTeX's "Last, First and Last, First"
 * (recognised when every part between the "and"s holds exactly one comma).
 */
export function splitAuthors(list: string): string[] {
  const value = collapse(list);
  if (value === '') return [];
  let parts: string[];
  if (value.includes(';')) {
    parts = value.split(';');
  } else {
    const byAnd = value.split(/\s+(?:and|&)\s+/);
    parts =
      byAnd.length > 1 && byAnd.every((part) => part.split(',').length === 2)
        ? byAnd
        : value.split(/\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+/);
  }
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** "Last, First" → "First Last"; a name without one comma is kept as written. */
export function displayName(name: string): string {
  const parts = name.split(',');
  if (parts.length !== 2) return collapse(name);
  const [family, given] = parts.map(collapse);
  if (family === '') return given;
  return given === '' ? family : `${given} ${family}`;
}

/**
 * The family name of an author as compared between records: for "Last, First" the part before the
 * comma, else the last word; normalised like titles.
 */
export function familyName(name: string): string {
  const comma = name.indexOf(',');
  const family = comma >= 0 ? name.slice(0, comma) : (collapse(name).split(' ').pop() ?? '');
  return normalizeTitle(family);
}
