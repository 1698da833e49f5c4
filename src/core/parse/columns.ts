/**
 * The columns of spreadsheet-style exports (CSV, TSV) and how their cells become record fields.
 * Columns are found by name — case, surrounding space and `_` versus space do not matter — from the
 * names each tool writes:
 *
 * - Scopus: `Authors`, `Author full names`, `Title`, `Year`, `DOI`, `Link`, `Abstract`, `PubMed ID`
 * - Web of Science tab-delimited: `AF`, `AU`, `TI`, `AB`, `PY`, `EY`, `DI`, `PM`; its Excel export:
 *   `Author Full Names`, `Article Title`, `Publication Year`, `Pubmed Id`
 * - OpenAlex: `display_name`, `title`, `abstract`, `authorships.author.display_name` (`|`-separated),
 *   `publication_year`, `doi`, `ids.pmid`
 * - Zotero: `Author`, `Title`, `Abstract Note`, `Publication Year`, `Date`, `DOI`, `Url`
 * - Dimensions: `Title`, `Abstract`, `Authors`, `PubYear`, `DOI`, `PMID`; Lens: `Author/s`,
 *   `Publication Year`, `Date Published`; IEEE Xplore: `Document Title`, `Authors`; SpringerLink:
 *   `Item Title`, `Item DOI`, `Authors` (names run together), `URL`
 * - the arXiv metadata snapshot as CSV: `id`, `authors` (with LaTeX accents and affiliations in
 *   parentheses), `title`, `abstract`, `doi`, `versions`, `update_date`
 *
 * Where several columns give a field, the first one in the lists below that has a value in the row
 * wins, so a row with an empty `Author full names` still gets its `Authors`.
 */

import {
  collapse,
  displayName,
  normalizeArxivId,
  normalizeDoi,
  normalizePmid,
  readYear,
  splitAuthors,
  stripMarkup,
  withoutParentheses,
} from './fields';
import { decodeLatexAccents } from './latex-accents';
import type { RecordFields } from './records';

type Field = keyof Required<RecordFields>;

/**
 * What separates the names in an authors cell: a known separator, any of `splitAuthors`'s forms,
 * or nothing at all (SpringerLink's "Araz R. AlievNigar T. Ismayilova").
 */
export type NameList = ';' | '|' | 'any' | 'joined';

interface ColumnName {
  /** As written by the tools, for messages. */
  name: string;
  /**
   * A column that only sometimes holds this field (the arXiv snapshot's `id`, a last-resort date):
   * used only when its cell is valid, and ignored without a notice otherwise.
   */
  strict: boolean;
  names: NameList;
}

const column = (name: string, strict = false, names: NameList = 'any'): ColumnName => ({
  name,
  strict,
  names,
});

/** Every field's columns, best first. */
const COLUMN_NAMES: ReadonlyArray<readonly [Field, readonly ColumnName[]]> = [
  [
    'title',
    ['Title', 'Article Title', 'TI', 'Document Title', 'display_name', 'Titles', 'Item Title'].map((name) =>
      column(name),
    ),
  ],
  ['abstract', ['Abstract', 'AB', 'Abstract Note', 'Summary'].map((name) => column(name))],
  [
    'authors',
    [
      // Full names before the short forms ("Liu, Fengyuan" before "Liu F.", WoS AF before AU). The
      // tools that write "Family, Given" put ";" between names, so a lone "Weiß, Günter" is one.
      column('Author full names', false, ';'),
      column('AF', false, ';'),
      column('authorships.author.display_name', false, '|'),
      column('Author', false, ';'),
      column('Authors'),
      column('Author/s', false, ';'),
      column('Author Names'),
      column('AU', false, ';'),
    ],
  ],
  [
    'year',
    [
      ...['Year', 'PY', 'publication_year', 'PubYear', 'Year Published'].map((name) => column(name)),
      ...['Publication Date', 'Date Published', 'Date'].map((name) => column(name)),
      // WoS early-access records have no PY but an early-access year.
      column('EY', true),
      // The arXiv snapshot: v1's submission date, then the date of the last update.
      column('versions', true),
      column('update_date', true),
    ],
  ],
  ['doi', ['DOI', 'DI', 'Item DOI'].map((name) => column(name))],
  ['arxiv', [column('arXiv'), column('arXiv ID'), column('arxiv_id'), column('id', true)]],
  ['pmid', ['PubMed ID', 'PM', 'PMID', 'ids.pmid'].map((name) => column(name))],
  ['url', ['Link', 'URL'].map((name) => column(name))],
];

/** A header cell as compared: BOM, case, surrounding space and `_` versus space left out. */
export function columnKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/[\s_]+/g, ' ')
    .toLowerCase();
}

const BY_KEY: ReadonlyMap<string, { field: Field; rank: number; column: ColumnName }> = new Map(
  COLUMN_NAMES.flatMap(([field, names]) =>
    names.map((column, rank) => [columnKey(column.name), { field, rank, column }] as const),
  ),
);

/** The names a title column may have, for the message when a file has none. */
export const TITLE_COLUMN_NAMES: readonly string[] = (
  COLUMN_NAMES.find(([field]) => field === 'title')?.[1] ?? []
).map((name) => name.name);

const TITLE_KEYS: ReadonlySet<string> = new Set(TITLE_COLUMN_NAMES.map(columnKey));

/** Whether a cell is the name of a title column (a header row repeated further down, for instance). */
export function isTitleColumnName(cell: string): boolean {
  // Checked on every row: a long cell is a title, not the name of a column.
  return cell.length <= 40 && TITLE_KEYS.has(columnKey(cell));
}

/** A column of a file's header that gives a field. */
interface FieldColumn {
  index: number;
  strict: boolean;
  names: NameList;
}

/** Where each field is in a row: for every field, its columns best first. */
export interface Columns {
  readonly header: readonly string[];
  readonly fields: ReadonlyMap<Field, readonly FieldColumn[]>;
  /** Index of the best title column: a row too short to reach it has no title. */
  readonly titleIndex: number;
  /** How many header cells were recognised. */
  readonly recognised: number;
}

/** The columns of a header row, or null when no cell names a title column. */
export function readHeader(cells: readonly string[]): Columns | null {
  const found = new Map<Field, Array<FieldColumn & { rank: number }>>();
  let recognised = 0;
  cells.forEach((cell, index) => {
    const known = BY_KEY.get(columnKey(cell));
    if (!known) return;
    recognised++;
    const list = found.get(known.field) ?? [];
    // A repeated column name counts once: the first of them.
    if (!list.some((entry) => entry.rank === known.rank)) {
      list.push({ index, strict: known.column.strict, names: known.column.names, rank: known.rank });
    }
    found.set(known.field, list);
  });
  const titles = found.get('title');
  if (!titles) return null;
  // SpringerLink writes its authors one after another with nothing between them.
  if (cells.some((cell) => columnKey(cell) === 'item title')) {
    for (const entry of found.get('authors') ?? []) entry.names = 'joined';
  }
  const fields = new Map<Field, FieldColumn[]>();
  for (const [field, list] of found) {
    list.sort((a, b) => a.rank - b.rank);
    fields.set(
      field,
      list.map(({ index, strict, names }) => ({ index, strict, names })),
    );
  }
  return { header: cells, fields, titleIndex: titles[0].index, recognised };
}

// ─── Cells ────────────────────────────────────────────────────────────────────────────────────────

/** How R, pandas and spreadsheets write a missing value. */
const MISSING = /^(?:na|n\/a|nan|null|none)$/i;
/** Scopus's placeholders for any field: "[No author name available]", "[No title available]", "[No abstract available]". */
const PLACEHOLDER = /^\[no [a-z ]+ available\]$/i;

function cellText(cells: readonly string[], index: number): string {
  // Trimmed only: RecordCollector collapses the whitespace of what it keeps.
  const value = (cells[index] ?? '').trim();
  return MISSING.test(value) || PLACEHOLDER.test(value) ? '' : value;
}

/** Initials after a family name: "J.C.", "J.-P.", "A. B." or PubMed's undotted "JA". */
const INITIALS_LAST = /^(.*\S)\s+((?:\p{Lu}\.(?:\s?-\s?|\s)?)+|\p{Lu}{1,3})$/u;
const NOT_A_NAME = /^(?:et al\.?|\[anonymous\])$/i;

/**
 * One cell of authors → display names in order. `names` is the separator the column's tool puts
 * between names (`;` for "Family, Given; …" lists, `|` for OpenAlex), or `any` for the forms
 * `splitAuthors` knows ("Given Family, …" and "A and B" in the arXiv snapshot). LaTeX accents,
 * affiliations in parentheses (arXiv) and Scopus author ids ("Liu, Fengyuan (60410297700)") are
 * dropped; lists where every name is "Family Initials" (Scopus "Liu F.; Li C.", PubMed "Smith J,
 * Doe A") become "F. Liu".
 */
export function readAuthors(cell: string, names: NameList = 'any'): string[] {
  const text = withoutParentheses(decodeLatexAccents(cell));
  let parts: string[];
  if (names === 'joined') parts = unjoinNames(text);
  else if (names !== 'any' && (text.includes(names) || !/\s(?:and|&)\s/.test(text)))
    parts = text.split(names);
  else parts = splitAuthors(text);
  const shown = parts
    .map((part) => displayName(part))
    .filter((name) => name !== '' && !NOT_A_NAME.test(name));
  const initialsLast = shown.map((name) => INITIALS_LAST.exec(name));
  if (shown.length === 0 || initialsLast.some((match) => match === null)) return shown;
  return initialsLast.map((match) => `${collapse(match?.[2] ?? '')} ${match?.[1] ?? ''}`);
}

/** Name prefixes written with a capital after them: "McIntosh", "MacKerell", "DeRoure", "VanKleek". */
const JOINED_PREFIX = /(?:^|[\s-])(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Ten|Ter|O)$/;
const HONORIFIC = /^(?:(?:Prof|Dr|Mr|Mrs|Ms)\.?\s+)+/;

/** SpringerLink's names run together ("Araz R. AlievNigar T. Ismayilova"): a new name starts at a lower-case letter followed by a capital. */
function unjoinNames(text: string): string[] {
  const names: string[] = [];
  let start = 0;
  for (let i = 1; i < text.length; i++) {
    const lowerUpper = /\p{Ll}/u.test(text[i - 1]) && /\p{Lu}/u.test(text[i]);
    if (lowerUpper && !JOINED_PREFIX.test(text.slice(start, i))) {
      names.push(text.slice(start, i));
      start = i;
    }
  }
  names.push(text.slice(start));
  return names.map((name) => name.trim().replace(HONORIFIC, '')).filter((name) => name !== '');
}

/** A DOI cell; the arXiv snapshot lists a paper's DOI and its errata's, separated by spaces: the first is the paper's. */
function readDoi(value: string): string {
  if (normalizeDoi(value) !== null) return value;
  const first = value.split(/\s+/)[0];
  return normalizeDoi(first) !== null ? first : value;
}

/** The fields whose values can be checked: strict columns count only with a valid value. */
const VALID: ReadonlyMap<Field, (value: string) => boolean> = new Map([
  ['year', (value: string) => readYear(value) !== null],
  ['doi', (value: string) => normalizeDoi(readDoi(value)) !== null],
  ['arxiv', (value: string) => normalizeArxivId(value) !== null],
  ['pmid', (value: string) => normalizePmid(value) !== null],
]);

/**
 * A field's value in a row and its column: the first of its columns with a value (a valid one,
 * for strict columns). `shift` is how many fields a row has beyond its header: a field that can
 * be checked and holds something invalid where the header puts it is looked for that far further
 * on, where it is when the extra field came before it (Scopus adds one for a second funding text).
 */
function fieldCell(
  columns: Columns,
  cells: readonly string[],
  field: Field,
  shift: number,
): { value: string; column: FieldColumn } | null {
  const valid = VALID.get(field);
  for (const column of columns.fields.get(field) ?? []) {
    const value = cellText(cells, column.index);
    // Only a value that is there and wrong shows the row to be shifted at this column: an empty one
    // may just be empty, and the cell further on another column's number.
    if (shift > 0 && value !== '' && valid !== undefined && !valid(value)) {
      const shifted = cellText(cells, column.index + shift);
      if (valid(shifted)) return { value: shifted, column };
      // Another column's value, moved here by the extra field (told once for the file).
      continue;
    }
    if (value === '') continue;
    if (column.strict && !(valid?.(value) ?? false)) continue;
    return { value, column };
  }
  return null;
}

/** Title or abstract text: markup (JATS in Lens and OpenAlex exports) and LaTeX accents (arXiv) as text. */
const prose = (value: string | null): string | null =>
  value === null ? null : decodeLatexAccents(stripMarkup(value));

/**
 * One row's cells → the fields of a record (RecordCollector checks and normalises them). A row
 * with more fields than its header reads them from the start, and checked fields (ids, year) that
 * are not valid there from the end too.
 */
export function readRow(columns: Columns, cells: readonly string[]): RecordFields {
  const extra = cells.length - columns.header.length;
  const shift =
    extra > 0 && cells.slice(columns.header.length).some((cell) => cell.trim() !== '') ? extra : 0;
  const value = (field: Field): string | null => fieldCell(columns, cells, field, shift)?.value ?? null;
  const authors = fieldCell(columns, cells, 'authors', shift);
  const doi = value('doi');
  const abstract = value('abstract');
  return {
    title: prose(value('title')),
    abstract: abstract === null ? null : prose(abstract),
    authors: authors === null ? [] : readAuthors(authors.value, authors.column.names),
    year: value('year'),
    doi: doi === null ? null : readDoi(doi),
    arxiv: value('arxiv'),
    pmid: value('pmid'),
    url: value('url'),
  };
}

/**
 * The arXiv snapshot's `id` after a spreadsheet or script turned it into a number ("0704.0010" →
 * "704.001"): such a column holds no usable ids, and the file deserves one notice saying why.
 */
export function numberMangledIds(columns: Columns, rows: ReadonlyArray<readonly string[]>): string | null {
  const ids = (columns.fields.get('arxiv') ?? []).filter((entry) => entry.strict);
  for (const { index } of ids) {
    const samples = rows.map((cells) => cellText(cells, index)).filter((id) => id !== '');
    if (
      samples.length > 0 &&
      samples.every((id) => /^\d{1,4}\.\d{1,5}$/.test(id) && normalizeArxivId(id) === null)
    ) {
      return samples[0];
    }
  }
  return null;
}
