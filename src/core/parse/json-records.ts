/**
 * What the JSON family's records mean: each source's record shape read into `RecordFields` by a
 * reader of its own, chosen per record by the fields it holds, and the saved API responses that
 * wrap a list of them. `json.ts` deals with syntax and positions only.
 *
 * Shapes, tried in this order (the first whose fields match reads the record):
 * - OpenAlex works (docs.openalex.org, "Work object"): `display_name`/`title`, the abstract as an
 *   `abstract_inverted_index`, `publication_year`, `doi` and `ids.pmid` as URLs,
 *   `authorships[].author.display_name`, `primary_location`/`locations[]` landing pages.
 * - Semantic Scholar Graph API papers (and its bulk datasets, whose keys are lowercase):
 *   `paperId`, `externalIds.{DOI, ArXiv, PubMed}`, `authors[].name`, `year`, `url`.
 * - arXiv's metadata snapshot (the Kaggle/OAI dump): `id`, `authors_parsed`
 *   `[["Last", "First", "Suffix", …affiliations]]` (Unicode, preferred over `authors`, which
 *   spells accents in LaTeX), `versions[0].created`, `update_date`, `doi`.
 * - CSL-JSON (Zotero's "CSL JSON" export, citation-js, Better BibTeX) and Crossref works, which are
 *   CSL-JSON with arrays for titles and more dates: `title`, `author[{family, given, …}]`,
 *   `issued.date-parts`, `DOI`, `URL`, `PMID`, the arXiv id Zotero writes in `number` or `note`;
 *   JATS (`<jats:p>`) and CSL rich-text tags (`<i>`) are markup, not text, and are dropped.
 * - Anything else: papermap's own simple records `{ title, abstract, authors, year, doi, arxiv,
 *   url }` with their aliases, and the Hugging Face `daily_papers` API (`{ paper: {…} }`). Their
 *   text is kept as written: LaTeX and HTML there are the text stage's business.
 */

import { collapse, normalizeArxivId, normalizeDoi, shorten, splitAuthors, stripMarkup } from './fields';
import { decodeLatexAccents } from './latex-accents';
import type { RecordFields } from './records';

export type JsonObject = { readonly [field: string]: unknown };

/** One JSON record read: the fields of a paper with notices about it, or why it is skipped. */
export type WorkReading = { fields: RecordFields; notices: string[] } | { skip: string };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The first keys of an object, quoted, for messages. */
function keyList(value: JsonObject, max = 8): string {
  const keys = Object.keys(value);
  const shown = keys.slice(0, max).map((key) => JSON.stringify(shorten(key, 40)));
  if (keys.length > max) shown.push(`… (${keys.length} keys)`);
  return shown.length === 0 ? 'none' : shown.join(', ');
}

/** A value as a message describes it: an object by its keys. */
function describe(value: unknown): string {
  return isObject(value) ? `an object with the keys ${keyList(value, 5)}` : typeName(value);
}

// ─── Values ───────────────────────────────────────────────────────────────────────────────────────

/**
 * A string (or a finite number) as trimmed text; anything else or a blank string → null. Inner
 * whitespace is left to the collector, which collapses every field once.
 */
function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Text with markup tags dropped and entities decoded (sources whose fields hold JATS or HTML). */
function markupText(value: unknown): string | null {
  return typeof value === 'string' ? text(stripMarkup(value)) : text(value);
}

/** A string, or the first text of an array of them (Crossref writes titles as arrays). */
function firstText(value: unknown): unknown {
  return Array.isArray(value) ? value.find((entry) => text(entry) !== null) : value;
}

/** A year as given: a number or a string holding one (checked by the collector); else null. */
function yearValue(value: unknown): number | string | null {
  if (typeof value === 'number') return value;
  return text(value);
}

function missing(value: unknown): string {
  if (value === undefined) return 'is missing';
  if (typeof value === 'string') return 'is empty';
  if (Array.isArray(value) && value.length === 0) return 'is an empty array';
  return `is ${typeName(value)}`;
}

/** The reason for skipping a record whose title fields hold no text. */
function noTitle(record: JsonObject, label: string, keys: readonly string[]): { skip: string } {
  const why = keys.map((key) => `"${key}" ${missing(record[key])}`).join(', ');
  return { skip: `no title (${label}: ${why})` };
}

/**
 * Authors from a list, each entry read by `read`, in order. An entry that gives no name, or a
 * field that is not a list, is left out with a notice: the paper is kept.
 */
function readNames(
  value: unknown,
  field: string,
  read: (entry: unknown) => string | null,
  notices: string[],
): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    notices.push(`has "${field}" as ${describe(value)}, not a list of authors; it is kept without authors`);
    return [];
  }
  const authors: string[] = [];
  let unread = 0;
  let example: unknown;
  for (const entry of value) {
    const name = read(entry);
    if (name !== null) authors.push(name);
    else if (unread++ === 0) example = entry;
  }
  if (unread > 0) {
    notices.push(
      `has ${unread} of ${value.length} "${field}" entries in a shape papermap does not read ` +
        `(${describe(example)}); they were left out`,
    );
  }
  return authors;
}

const ARXIV_LABEL = /\barXiv:\s*([^\s\],;]+)/i;
const PMID_LABEL = /\bPMID:\s*([^\s\],;]+)/i;

/** An id written after its label in free text: `arXiv: 2101.00001 [cs.CL]`, `PMID: 123`. */
function labelledId(note: unknown, label: RegExp): string | null {
  if (typeof note !== 'string') return null;
  const match = label.exec(note);
  return match ? match[1] : null;
}

// ─── OpenAlex ─────────────────────────────────────────────────────────────────────────────────────

/**
 * An abstract from OpenAlex's inverted index `{ word: [positions] }`: each word placed at its
 * positions, gaps closed up, and words that share a position kept in the index's order (as pyalex
 * does). Also reads MAG's `{ IndexLength, InvertedIndex }` form, which old snapshots carry.
 */
function invertedAbstract(index: unknown, notices: string[]): string | null {
  if (index === undefined || index === null) return null;
  const words = isObject(index) && isObject(index.InvertedIndex) ? index.InvertedIndex : index;
  if (!isObject(words)) {
    notices.push(
      `has "abstract_inverted_index" as ${typeName(index)}, not words with positions; no abstract read`,
    );
    return null;
  }
  const placed: Array<{ at: number; word: string }> = [];
  let unplaced = 0;
  for (const [word, positions] of Object.entries(words)) {
    if (!Array.isArray(positions)) {
      unplaced++;
      continue;
    }
    for (const at of positions) {
      if (Number.isSafeInteger(at) && at >= 0) placed.push({ at, word });
      else unplaced++;
    }
  }
  if (unplaced > 0) {
    notices.push(
      `has ${unplaced} word(s) in "abstract_inverted_index" without a valid position; they were left out`,
    );
  }
  // Array.prototype.sort is stable: words that share a position keep the index's order.
  placed.sort((a, b) => a.at - b.at);
  return placed.map((entry) => entry.word).join(' ');
}

/** The arXiv id of the first location that is an arXiv page or PDF. */
function arxivLocation(record: JsonObject): string | null {
  const locations = [record.primary_location, record.best_oa_location];
  if (Array.isArray(record.locations)) locations.push(...record.locations);
  for (const location of locations) {
    if (!isObject(location)) continue;
    for (const url of [location.landing_page_url, location.pdf_url]) {
      if (typeof url === 'string' && normalizeArxivId(url) !== null) return url;
    }
  }
  return null;
}

/** OpenAlex's entity types by the letter its ids start with; only works (W) are papers. */
const OPENALEX_ENTITIES = new Map([
  ['A', 'author'],
  ['I', 'institution'],
  ['S', 'source'],
  ['C', 'concept'],
  ['P', 'publisher'],
  ['F', 'funder'],
  ['T', 'topic'],
  ['K', 'keyword'],
]);

function readOpenAlex(record: JsonObject, label: string): WorkReading {
  // Authors, sources and the other entities have a display_name too: a saved /authors response.
  const entity =
    typeof record.id === 'string' ? /^https:\/\/openalex\.org\/([A-Z])\d/i.exec(record.id) : null;
  const kind = entity === null ? undefined : OPENALEX_ENTITIES.get(entity[1].toUpperCase());
  if (kind !== undefined)
    return { skip: `not a paper (${label} is an OpenAlex ${kind}, ${String(record.id)})` };
  const title = markupText(record.display_name) ?? markupText(record.title);
  if (title === null) return noTitle(record, label, ['display_name', 'title']);
  const notices: string[] = [];
  const index = invertedAbstract(record.abstract_inverted_index, notices);
  const authors = readNames(
    record.authorships,
    'authorships',
    (entry) =>
      isObject(entry)
        ? (text(isObject(entry.author) ? entry.author.display_name : undefined) ??
          text(entry.raw_author_name))
        : null,
    notices,
  );
  const ids = isObject(record.ids) ? record.ids : {};
  const primary = isObject(record.primary_location) ? record.primary_location : {};
  const fields: RecordFields = {
    title,
    abstract: index === null ? null : stripMarkup(index),
    authors,
    year: yearValue(record.publication_year) ?? text(record.publication_date),
    doi: text(record.doi) ?? text(ids.doi),
    pmid: text(ids.pmid),
    arxiv: arxivLocation(record),
    url: text(primary.landing_page_url) ?? text(record.doi) ?? text(record.id),
  };
  return { fields, notices };
}

// ─── Semantic Scholar ─────────────────────────────────────────────────────────────────────────────

function readSemanticScholar(record: JsonObject, label: string): WorkReading {
  const title = text(record.title);
  if (title === null) return noTitle(record, label, ['title']);
  const notices: string[] = [];
  // The Graph API writes camelCase keys, the bulk datasets (S2AG) lowercase ones.
  const external = record.externalIds ?? record.externalids;
  const ids = isObject(external) ? external : {};
  const paperId = text(record.paperId);
  const fields: RecordFields = {
    title,
    abstract: text(record.abstract),
    authors: readNames(record.authors, 'authors', nameOrString, notices),
    year: yearValue(record.year) ?? text(record.publicationDate) ?? text(record.publicationdate),
    doi: text(ids.DOI),
    arxiv: text(ids.ArXiv),
    pmid: text(ids.PubMed),
    url: text(record.url) ?? (paperId === null ? null : `https://www.semanticscholar.org/paper/${paperId}`),
  };
  return { fields, notices };
}

// ─── arXiv metadata snapshot ──────────────────────────────────────────────────────────────────────

/** arXiv's `authors` string: affiliations in parentheses dropped, accents decoded, then split. */
function arxivAuthorList(value: string): string[] {
  let names = value;
  // Innermost parentheses first, so that "(1) ((1) Institut …)" goes entirely.
  for (let before = ''; before !== names; ) {
    before = names;
    names = names.replace(/\([^()]*\)/g, ' ');
  }
  // Braces that only grouped letters ("{van} Hove") are not part of a name.
  return splitAuthors(decodeLatexAccents(names).replace(/[{}]/g, ''));
}

/** One `authors_parsed` entry, `["Last", "First", "Suffix", …affiliations]`, as "First Last Suffix". */
function parsedName(entry: unknown): string | null {
  if (!Array.isArray(entry)) return null;
  const [family, given, suffix] = entry.map((part) => (typeof part === 'string' ? collapse(part) : ''));
  if (!family) return null;
  // arXiv's parser writes hyphenated initials as "C. -P."; the authors themselves write "C.-P.".
  return [given?.replace(/\.\s+-/g, '.-'), family, suffix].filter((part) => part).join(' ');
}

/**
 * The year an arXiv id was submitted: `YYMM.NNNNN` (from 0704 on) and `archive/YYMMNNN` (1991 to
 * 2007), per arXiv's identifier scheme.
 */
function arxivIdYear(id: string): number | null {
  const match =
    /^(\d{2})\d{2}\.\d{4,5}(?:v\d+)?$/.exec(id) ?? /^[a-z-]+(?:\.[A-Z]{2})?\/(\d{2})\d{5}/i.exec(id);
  if (!match) return null;
  const yy = Number(match[1]);
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

function readArxivSnapshot(record: JsonObject, label: string): WorkReading {
  const title = text(record.title);
  if (title === null) return noTitle(record, label, ['title']);
  const notices: string[] = [];
  let authors = readNames(record.authors_parsed, 'authors_parsed', parsedName, notices);
  if (authors.length === 0) {
    authors =
      typeof record.authors === 'string'
        ? arxivAuthorList(record.authors)
        : readNames(record.authors, 'authors', nameOrString, notices);
  }
  const id = text(record.id);
  const firstVersion =
    Array.isArray(record.versions) && isObject(record.versions[0]) ? record.versions[0] : {};
  const idYear = id === null ? null : arxivIdYear(id);
  // The snapshot's `doi` may list several DOIs separated by spaces; the first is the article's.
  const doi = text(record.doi)?.split(/\s+/)[0] ?? null;
  const fields: RecordFields = {
    title,
    abstract: text(record.abstract),
    authors,
    year: text(firstVersion.created) ?? idYear ?? text(record.update_date),
    doi,
    arxiv: id,
    url: id === null || normalizeArxivId(id) === null ? null : `https://arxiv.org/abs/${id}`,
  };
  return { fields, notices };
}

// ─── CSL-JSON and Crossref ────────────────────────────────────────────────────────────────────────

/** The heading Crossref abstracts start with: `<jats:title>Abstract</jats:title>`, not text. */
const JATS_HEADING = /^\s*<(jats:)?title>\s*(?:abstract|summary)\s*[.:]?\s*<\/(jats:)?title>/i;

/**
 * A CSL name: `given`, particles, `family`, `suffix` in reading order ("Ludwig van Beethoven",
 * "Martin Luther King Jr."), or a `literal` one; Crossref writes organisations as `name`.
 */
function cslName(entry: unknown): string | null {
  if (typeof entry === 'string') return text(entry);
  if (!isObject(entry)) return null;
  const literal = text(entry.literal) ?? text(entry.name);
  const family = text(entry.family);
  if (family === null) return literal ?? text(entry.given);
  const parts = [
    entry.given,
    entry['dropping-particle'],
    entry['non-dropping-particle'],
    family,
    entry.suffix,
  ];
  return parts
    .map(text)
    .filter((part) => part !== null)
    .join(' ');
}

/** The year of a CSL date: `date-parts` (numbers or strings), `raw`, `literal`, or an EDTF string. */
function cslYear(value: unknown): number | string | null {
  if (typeof value === 'string' || typeof value === 'number') return yearValue(value);
  if (!isObject(value)) return null;
  const parts = value['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const year = yearValue(parts[0][0]);
    if (year !== null) return year;
  }
  return text(value.raw) ?? text(value.literal);
}

/** Crossref's title with its subtitle, as Zotero joins them ("Title: Subtitle", never twice). */
function cslTitle(record: JsonObject): string | null {
  const title = markupText(firstText(record.title));
  const subtitle = markupText(firstText(record.subtitle));
  if (title === null || subtitle === null) return title;
  const [main, sub] = [collapse(title), collapse(subtitle)];
  return main.toLowerCase().includes(sub.toLowerCase()) ? main : `${main.replace(/:$/, '')}: ${sub}`;
}

/**
 * The arXiv id of a CSL item: Zotero writes a preprint's archive ID in `number` ("arXiv:2101.00001")
 * and older imports put "arXiv: 2101.00001" in `note` (Zotero's Extra); a bare id counts in `number`
 * or `archive_location` only when the item says it is from arXiv.
 */
function cslArxiv(record: JsonObject): string | null {
  const fromArxiv = [record.publisher, record.archive, record.source, record['container-title']].some(
    (value) => typeof value === 'string' && /\barxiv\b/i.test(value),
  );
  for (const key of ['number', 'archive_location']) {
    const value = text(record[key]);
    if (value === null) continue;
    const labelled = labelledId(value, ARXIV_LABEL);
    if (labelled !== null) return labelled;
    if (fromArxiv && normalizeArxivId(value) !== null) return value;
  }
  return labelledId(record.note, ARXIV_LABEL);
}

function readCsl(record: JsonObject, label: string): WorkReading {
  const title = cslTitle(record);
  if (title === null) return noTitle(record, label, ['title']);
  const notices: string[] = [];
  const abstract =
    typeof record.abstract === 'string' ? record.abstract.replace(JATS_HEADING, '') : record.abstract;
  // `issued` is CSL's date; Crossref adds the others, and writes `issued` as [[null]] when unknown.
  const dates = ['issued', 'published', 'published-print', 'published-online', 'posted'];
  const year = dates.map((key) => cslYear(record[key])).find((value) => value !== null) ?? null;
  const fields: RecordFields = {
    title,
    abstract: markupText(abstract),
    authors: readNames(record.author, 'author', cslName, notices),
    year,
    doi: text(record.DOI),
    arxiv: cslArxiv(record),
    pmid: text(record.PMID) ?? labelledId(record.note, PMID_LABEL),
    url: text(record.URL),
  };
  return { fields, notices };
}

// ─── papermap's own records and the Hugging Face daily_papers API ─────────────────────────────────

/** A name written as a string or as `{ name }`. */
function nameOrString(entry: unknown): string | null {
  return text(typeof entry === 'string' ? entry : isObject(entry) ? entry.name : undefined);
}

function readGeneric(record: JsonObject, label: string): WorkReading {
  if (text(record.title) === null) return noTitle(record, label, ['title']);
  const notices: string[] = [];
  const authors =
    typeof record.authors === 'string'
      ? splitAuthors(record.authors)
      : readNames(record.authors, 'authors', nameOrString, notices);
  const year = [record.year, record.date, record.published, record.publishedAt].find(
    (y) => (typeof y === 'number' || typeof y === 'string') && /(?<!\d)\d{4}(?!\d)/.test(String(y)),
  );
  // `id` fills in an id only when it unmistakably is one (the collector reads the URL's).
  const id = text(record.id);
  const fields: RecordFields = {
    title: text(record.title),
    abstract: text(record.abstract) ?? text(record.summary),
    authors,
    year: typeof year === 'number' || typeof year === 'string' ? year : null,
    url: text(record.url),
    doi: text(record.doi) ?? (id !== null && normalizeDoi(id) !== null ? id : null),
    arxiv:
      text(record.arxiv) ??
      text(record.arxiv_id) ??
      (id !== null && normalizeArxivId(id) !== null ? id : null),
    pmid: text(record.pmid),
  };
  return { fields, notices };
}

// ─── Choosing a reader ────────────────────────────────────────────────────────────────────────────

interface Shape {
  /** Recognises a record of this shape by fields that the shapes after it do not have. */
  test: (record: JsonObject) => boolean;
  read: (record: JsonObject, label: string) => WorkReading;
}

function has(record: JsonObject, keys: readonly string[]): boolean {
  for (const key of keys) if (key in record) return true;
  return false;
}

const GENERIC_KEYS = ['title', 'abstract', 'summary', 'authors', 'doi', 'arxiv', 'arxiv_id', 'url', 'pmid'];
/** Keys of papermap's own records that CSL spells otherwise (`author`, `issued`, `DOI`, `URL`). */
const GENERIC_KEYS_NOT_CSL = [
  'authors',
  'year',
  'date',
  'doi',
  'url',
  'summary',
  'arxiv',
  'arxiv_id',
  'pmid',
];

/** The item types of CSL 1.0.2: every CSL-JSON item has one. */
const CSL_TYPES = new Set(
  (
    'article article-journal article-magazine article-newspaper bill book broadcast chapter classic ' +
    'collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing ' +
    'interview legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference ' +
    'patent performance periodical personal_communication post post-weblog regulation report review ' +
    'review-book software song speech standard thesis treaty webpage'
  ).split(' '),
);

const SHAPES: readonly Shape[] = [
  {
    test: (r) =>
      has(r, ['abstract_inverted_index', 'authorships', 'display_name', 'publication_year']) ||
      (typeof r.id === 'string' && r.id.startsWith('https://openalex.org/')),
    read: readOpenAlex,
  },
  {
    test: (r) => has(r, ['paperId', 'externalIds', 'externalids', 'corpusId', 'corpusid']),
    read: readSemanticScholar,
  },
  {
    test: (r) => has(r, ['authors_parsed', 'versions', 'update_date', 'submitter']),
    read: readArxivSnapshot,
  },
  {
    test: (r) =>
      Array.isArray(r.author) ||
      Array.isArray(r.title) ||
      has(r, ['issued', 'DOI', 'URL', 'PMID', 'container-title', 'citation-key']) ||
      (typeof r.type === 'string' && CSL_TYPES.has(r.type) && !has(r, GENERIC_KEYS_NOT_CSL)),
    read: readCsl,
  },
  { test: (r) => has(r, GENERIC_KEYS), read: readGeneric },
];

/**
 * The paper inside a wrapper: the Hugging Face daily_papers API writes `{ paper: {…}, title, … }`
 * (the inner object is the fuller one: authors, arXiv id), Semantic Scholar's citations and
 * references endpoints `{ citingPaper: {…} }` / `{ citedPaper: {…} }`.
 */
function unwrap(record: JsonObject): JsonObject {
  const paper = record.paper;
  if (isObject(paper) && 'title' in paper) return paper;
  if ('title' in record) return record;
  for (const key of ['citingPaper', 'citedPaper']) {
    const inner = record[key];
    if (isObject(inner)) return inner;
  }
  return record;
}

/** A work found in a JSON value: where it is, and its reading by the reader of its shape. */
export interface FoundWork {
  kind: 'work';
  /** The keys that lead to it: `[]` for the value itself, `["message"]` in Crossref's response. */
  path: readonly string[];
  read: (label: string) => WorkReading;
}

function findWork(value: JsonObject, path: readonly string[]): FoundWork | null {
  const record = unwrap(value);
  const shape = SHAPES.find((candidate) => candidate.test(record));
  return shape === undefined ? null : { kind: 'work', path, read: (label) => shape.read(record, label) };
}

const WORK_LISTS: ReadonlyArray<{ path: readonly string[]; source: string }> = [
  { path: ['results'], source: 'OpenAlex' },
  { path: ['data'], source: 'Semantic Scholar' },
  { path: ['recommendedPapers'], source: 'Semantic Scholar recommendations' },
  { path: ['message', 'items'], source: 'Crossref' },
  { path: ['items'], source: 'other APIs' },
];

const LOOKED_FOR =
  'the fields of a paper (title, display_name, abstract, paperId, DOI, …) or a list of papers under ' +
  WORK_LISTS.map(({ path, source }) => `"${path.join('.')}" (${source})`).join(', ');

/** Why an object is neither a paper nor a response that holds papers, naming what it does hold. */
function notAPaper(value: JsonObject): string {
  const notes: string[] = [];
  for (const { path } of WORK_LISTS) {
    const found = valueAt(value, path);
    if (found !== undefined) notes.push(`"${path.join('.')}" is ${describe(found)}, not a list`);
  }
  // APIs answer errors with a message: OpenAlex `{ error, message }`, Semantic Scholar `{ message }`.
  const said = [value.error, value.message].map(text).filter((message) => message !== null);
  if (said.length > 0)
    notes.push(
      `it says ${said.map((message) => JSON.stringify(shorten(collapse(message), 120))).join(': ')}`,
    );
  return (
    `holds neither a paper nor a list of papers (its keys: ${keyList(value)}${notes.map((n) => `; ${n}`).join('')}); ` +
    `papermap reads ${LOOKED_FOR}`
  );
}

function valueAt(value: JsonObject, path: readonly string[]): unknown {
  let at: unknown = value;
  for (const key of path) at = isObject(at) ? at[key] : undefined;
  return at;
}

/** A saved API response's list of works, with the size of the whole result when it gives one. */
export interface WorkList {
  kind: 'list';
  /** The keys that lead to the list: `["results"]`, `["message", "items"]`. */
  path: readonly string[];
  works: readonly unknown[];
  /** How many works the query matched, and the key that says so; null when the response does not. */
  total: { count: number; key: string } | null;
}

/** Where the works are in a JSON object: the object itself (or its `message`), a list inside it, or nowhere. */
export type WorksLocation = FoundWork | WorkList | { kind: 'none'; problem: string };

/** Where responses say how many works their query matched: OpenAlex, Semantic Scholar, Crossref. */
const TOTALS: ReadonlyArray<readonly string[]> = [['meta', 'count'], ['total'], ['message', 'total-results']];

function totalOf(value: JsonObject): WorkList['total'] {
  for (const path of TOTALS) {
    const count = valueAt(value, path);
    if (typeof count === 'number' && Number.isSafeInteger(count)) return { count, key: path.join('.') };
  }
  return null;
}

/**
 * Finds the works in a JSON object: a work itself (a lone OpenAlex, Semantic Scholar or CSL record),
 * a saved API response's list (`results`, `data`, `recommendedPapers`, `message.items`, `items`),
 * or Crossref's single-work response `{ message: {…} }`.
 */
export function locateWorks(value: JsonObject): WorksLocation {
  const work = findWork(value, []);
  if (work !== null) return work;
  for (const { path } of WORK_LISTS) {
    const works = valueAt(value, path);
    if (Array.isArray(works)) return { kind: 'list', path, works, total: totalOf(value) };
  }
  const message = isObject(value.message) ? findWork(value.message, ['message']) : null;
  return message ?? { kind: 'none', problem: notAPaper(value) };
}

/**
 * One JSON record → the fields of a paper, or the reason it is skipped. `label` names it in
 * messages ("record 3").
 */
export function readWork(value: unknown, label: string): WorkReading {
  if (!isObject(value)) return { skip: `not an object (${label} is ${typeName(value)})` };
  const work = findWork(value, []);
  return work === null ? { skip: `not a paper (${label} ${notAPaper(unwrap(value))})` } : work.read(label);
}
