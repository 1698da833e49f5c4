/**
 * CSV and TSV exports: Scopus, Web of Science (tab-delimited and its Excel export saved as CSV),
 * OpenAlex, Dimensions, Lens, IEEE Xplore, Zotero, spreadsheets, the arXiv metadata snapshot.
 *
 * A header row is required: it is the first row (of the first five) that names a title column
 * (`columns.ts` knows the names), and a line or two of preamble before it (Dimensions' "About the
 * data") is left out with a notice. CSV follows RFC 4180 (quoted fields with delimiters, doubled
 * quotes and line breaks), read by papaparse; the delimiter is `,` or `;` (European Excel), or
 * the one an Excel `sep=` line names, whichever makes a header. TSV is read as IANA's
 * text/tab-separated-values, one record per line with no quoting, because Web of Science writes
 * bare quotes inside fields (`"Big data" in ecology`) and a trailing tab on every record; only a
 * file whose lines do not fit its header without quotes and do fit with them (Excel's quoted
 * multi-line cells) is read with CSV quoting.
 *
 * Broken quoting is repaired where it can be and reported where it cannot: a quote that opens a
 * field and never closes would make papaparse read the rest of the file as that field. The quote is
 * tried as a literal character; if the record and the ones after it then fit the header, reading
 * goes on with a notice, else the record is skipped with the line and column of the quote and the
 * lines that were lost.
 */

// The build papaparse gives browsers (the main one `require`s Node's `stream`); typed in
// papaparse.d.ts, because @types/papaparse pulls Node's types into the browser build.
import Papa, { type PapaError } from 'papaparse/papaparse.min.js';
import type { ParseResult } from '../types';
import {
  type Columns,
  columnKey,
  isTitleColumnName,
  numberMangledIds,
  readHeader,
  readRow,
  TITLE_COLUMN_NAMES,
} from './columns';
import { ParseError } from './errors';
import { collapse, shorten } from './fields';
import { RecordCollector } from './records';

/** A row as read: its cells and the line it starts on. */
interface Row {
  cells: string[];
  line: number;
  /** Quoting that was repaired or looks doubtful, told with the record. */
  note: string | null;
  /** Set when the record could not be read at all: why (the cells are what was read of it). */
  broken: string | null;
}

/** Non-blank rows searched for the header. */
const HEADER_SEARCH = 5;
/** Rows after a repaired or resumed one that must read cleanly for the reading to be trusted. */
const CHECK_ROWS = 3;
/** How far past a suspect quote a repair looks, growing until the rows it checks are complete. */
const REPAIR_WINDOWS = [1 << 16, 1 << 20, Number.POSITIVE_INFINITY];
/** After an unreadable record: how many lines, each with how much text after it, are tried as the next record's start. */
const RESYNC_LINES = 1000;
const RESYNC_WINDOW = 1 << 16;

const isBlank = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === '');

/** Whether a row has the header's number of cells; extra empty cells (WoS's trailing tab, trailing commas) do not count. */
function fits(cells: readonly string[], expected: number): boolean {
  if (cells.length === expected) return true;
  return cells.length > expected && cells.slice(expected).every((cell) => cell.trim() === '');
}

const delimiterName = (delimiter: string): string =>
  delimiter === '\t' ? 'tab-separated' : delimiter === ';' ? 'semicolon-separated' : 'comma-separated';

/** 1-based line numbers of offsets given in increasing order (counting once through the text). */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  at(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    for (
      let i = this.text.indexOf('\n', this.offset);
      i !== -1 && i < offset;
      i = this.text.indexOf('\n', i + 1)
    ) {
      this.line++;
    }
    this.offset = offset;
    return this.line;
  }
}

/** Column (1-based) of an offset within its line. */
const columnOf = (text: string, offset: number): number =>
  offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;

/** How the text after a quote begins, for messages: `the field begins "An abstract over…"`. */
const begins = (text: string, quote: number): string =>
  `(the field begins "${shorten(collapse(text.slice(quote + 1, quote + 60).split('\n')[0]), 30)}")`;

// ─── Quoted reading (RFC 4180, papaparse) ─────────────────────────────────────────────────────────

const isQuoteError = (error: PapaError): boolean =>
  error.code === 'MissingQuotes' || error.code === 'InvalidQuotes';

interface PreviewRow {
  cells: string[];
  /** Offset just after the row, in the previewed text. */
  end: number;
  clean: boolean;
}

/**
 * The first `count` rows of a piece of text, and whether they are complete: a piece cut from a
 * longer text may end inside its last row.
 */
function preview(
  piece: string,
  isWhole: boolean,
  delimiter: string,
  count: number,
): { rows: PreviewRow[]; complete: boolean } {
  const rows: PreviewRow[] = [];
  Papa.parse(piece, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    preview: count,
    step: (result) => {
      rows.push({ cells: result.data, end: result.meta.cursor, clean: !result.errors.some(isQuoteError) });
    },
  });
  const last = rows[rows.length - 1];
  return {
    rows,
    complete: isWhole || (rows.length >= count && last !== undefined && last.end < piece.length),
  };
}

/**
 * Whether rows follow on as records: each blank or with the header's number of cells, up to the
 * first one with a quoting problem of its own (judged when reading gets there).
 */
function followOn(rows: readonly PreviewRow[], expected: number): boolean {
  for (const row of rows) {
    if (!row.clean) return true;
    if (!isBlank(row.cells) && !fits(row.cells, expected)) return false;
  }
  return true;
}

interface Suspect {
  cells: string[];
  start: number;
  end: number;
  /** Offset of the opening quote the error is about. */
  quote: number;
  missing: boolean;
}

/**
 * Reads a suspect row again with its opening quote as a literal character (`"Quoted" thing,2020`
 * is an unquoted field). Kept when the row then fits the header and the rows after it read
 * cleanly; null otherwise.
 */
function repair(
  text: string,
  suspect: Suspect,
  delimiter: string,
  expected: number,
): { cells: string[]; end: number; field: number } | null {
  for (const size of REPAIR_WINDOWS) {
    const windowEnd = Math.min(text.length, suspect.quote + 1 + size);
    const head = text.slice(suspect.start, suspect.quote);
    const tail = text.slice(suspect.quote + 1, windowEnd);
    // A private-use character stands in for the quote, so the field no longer starts with one.
    let code = 0xe000;
    while (head.includes(String.fromCharCode(code)) || tail.includes(String.fromCharCode(code))) code++;
    const mark = String.fromCharCode(code);
    const { rows, complete } = preview(
      head + mark + tail,
      windowEnd === text.length,
      delimiter,
      1 + CHECK_ROWS,
    );
    if (!complete) continue;
    const [first, ...after] = rows;
    if (first === undefined || !first.clean || !fits(first.cells, expected) || !followOn(after, expected))
      return null;
    return {
      cells: first.cells.map((cell) => cell.replace(mark, '"')),
      end: suspect.start + first.end,
      field: first.cells.findIndex((cell) => cell.includes(mark)),
    };
  }
  return null;
}

/** The first line start at or after `from` from which rows read cleanly again, or null. */
function resync(text: string, from: number, delimiter: string, expected: number): number | null {
  let start = from;
  for (let tried = 0; tried < RESYNC_LINES && start < text.length; tried++) {
    const windowEnd = Math.min(text.length, start + RESYNC_WINDOW);
    const { rows, complete } = preview(
      text.slice(start, windowEnd),
      windowEnd === text.length,
      delimiter,
      1 + CHECK_ROWS,
    );
    const first = rows[0];
    if (
      complete &&
      first?.clean &&
      !isBlank(first.cells) &&
      fits(first.cells, expected) &&
      followOn(rows, expected)
    ) {
      return start;
    }
    const lineEnd = text.indexOf('\n', start);
    if (lineEnd === -1) break;
    start = lineEnd + 1;
  }
  return null;
}

/**
 * Every row of a CSV (or quoted TSV) text. The header's cells let quoting problems be judged by
 * whether rows fit it, and be named by their column.
 */
function readQuoted(text: string, delimiter: string, header: readonly string[]): Row[] {
  const expected = header.length;
  const fieldName = (index: number): string => {
    const name = header[index]?.trim();
    return name ? `"${shorten(name, 40)}" field` : `field ${index + 1}`;
  };
  const rows: Row[] = [];
  const lines = new LineCounter(text);
  let from = 0;
  while (from < text.length) {
    const state: { suspect: Suspect | null; cursor: number } = { suspect: null, cursor: 0 };
    const base = from;
    Papa.parse(text.slice(base), {
      delimiter,
      newline: '\n',
      quoteChar: '"',
      step: (result, parser) => {
        const start = base + state.cursor;
        const end = base + result.meta.cursor;
        state.cursor = result.meta.cursor;
        const quoteErrors = result.errors.filter(isQuoteError);
        if (quoteErrors.length === 0) {
          rows.push({ cells: result.data, line: lines.at(start), note: null, broken: null });
          return;
        }
        const quote = base + (quoteErrors[0].index ?? 1) - 1;
        const missing = quoteErrors.some((error) => error.code === 'MissingQuotes');
        const contentEnd = text[end - 1] === '\n' ? end - 1 : end;
        const lineBreak = text.indexOf('\n', start);
        const oneLine = lineBreak === -1 || lineBreak >= contentEnd;
        if (!missing && oneLine && fits(result.data, expected)) {
          // `"He said "hi" to me"`: papaparse keeps the inner quotes as text, which is what was meant.
          const note = `the quoted field at column ${columnOf(text, quote)} holds quotes that are not doubled ${begins(text, quote)}; they were kept as part of its text`;
          rows.push({ cells: result.data, line: lines.at(start), note, broken: null });
          return;
        }
        state.suspect = { cells: result.data, start, end, quote, missing };
        parser.abort();
      },
    });
    const suspect = state.suspect;
    if (suspect === null) break;
    const line = lines.at(suspect.start);
    const quoteLine = lines.at(suspect.quote);
    const where = `${quoteLine === line ? '' : `line ${quoteLine}, `}column ${columnOf(text, suspect.quote)}`;
    const quoted = begins(text, suspect.quote);

    // A quote that closes somewhere, in a row that fits, may well be what was meant (a quoted field
    // over several lines with quotes inside that are not doubled): that reading is kept.
    const repaired =
      !suspect.missing && fits(suspect.cells, expected) ? null : repair(text, suspect, delimiter, expected);
    if (repaired !== null) {
      const opening = repaired.field >= 0 ? `opens its ${fieldName(repaired.field)}` : 'opens a field';
      const note = `the quote at ${where} ${opening} but does not close it ${quoted}; it was read as a quote character, and reading went on from the next line`;
      rows.push({ cells: repaired.cells, line, note, broken: null });
      from = repaired.end;
      continue;
    }
    if (!suspect.missing) {
      const lastOfRow = lines.at(Math.max(suspect.start, suspect.end - 1));
      const span =
        lastOfRow > line
          ? `lines ${line}–${lastOfRow} were read as this one record`
          : 'its fields may be misread';
      const note = `the quote at ${where} ${quoted} is not closed where its field ends, so ${span}; check the quotes there`;
      rows.push({ cells: suspect.cells, line, note, broken: null });
      from = suspect.end;
      continue;
    }
    // Never closed: papaparse read the rest of the file as one field.
    const opening = `the quote at ${where} that opens its ${fieldName(suspect.cells.length - 1)} ${quoted} is never closed`;
    const quoteLineEnd = text.indexOf('\n', suspect.quote);
    const resume = quoteLineEnd === -1 ? null : resync(text, quoteLineEnd + 1, delimiter, expected);
    if (resume === null) {
      const lastLine = lines.at(Math.max(suspect.quote, text.length - (text.endsWith('\n') ? 1 : 0)));
      const lost =
        lastLine === line
          ? `line ${line}, the last one,`
          : `lines ${line}–${lastLine}, to the end of the file,`;
      const broken = `${opening}, so ${lost} could not be read as records (is the file cut short, or a closing quote missing?)`;
      rows.push({ cells: suspect.cells, line, note: null, broken });
      break;
    }
    const resumeLine = lines.at(resume);
    const lost = resumeLine - 1 === line ? `line ${line}` : `lines ${line}–${resumeLine - 1}`;
    const broken = `${opening}, so ${lost} could not be read as records; reading went on at line ${resumeLine}, where records read cleanly again`;
    rows.push({ cells: suspect.cells, line, note: null, broken });
    from = resume;
  }
  return rows;
}

// ─── Unquoted reading (TSV) ───────────────────────────────────────────────────────────────────────

/** A cell written with CSV quoting by a tool that quotes only where needed: `"a ""b"""` → `a "b"`. */
function unquoteCell(cell: string): string {
  if (cell.charCodeAt(0) !== 0x22) return cell;
  const match = /^"((?:[^"]|"")*)"$/.exec(cell);
  return match ? match[1].replace(/""/g, '"') : cell;
}

/** One record per line, cells split at tabs. */
function readLines(text: string): Row[] {
  const rows: Row[] = [];
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    const lineEnd = text.indexOf('\n', start);
    const end = lineEnd === -1 ? text.length : lineEnd;
    rows.push({ cells: text.slice(start, end).split('\t').map(unquoteCell), line, note: null, broken: null });
    if (lineEnd === -1) break;
    start = lineEnd + 1;
  }
  return rows;
}

/** Rows that do not fit the header or could not be read. */
const problems = (rows: readonly Row[], expected: number): number =>
  rows.filter(
    (row) => row.broken !== null || row.note !== null || (!isBlank(row.cells) && !fits(row.cells, expected)),
  ).length;

/** A tab-separated text: one record per line unless CSV quoting is what makes its lines fit the header. */
function readTabs(text: string, header: readonly string[]): Row[] {
  const plain = readLines(text);
  // Only a quote at the start of a cell can open a quoted field.
  if (!/(?:^|\t)"/m.test(text)) return plain;
  const plainProblems = problems(plain, header.length);
  if (plainProblems === 0) return plain;
  const quoted = readQuoted(text, '\t', header);
  return problems(quoted, header.length) < plainProblems ? quoted : plain;
}

// ─── Header and delimiter ─────────────────────────────────────────────────────────────────────────

/** Excel's first line `sep=;` names the delimiter. */
const SEP_LINE = /^sep=([^\n])[ \t]*(?:\n|$)/i;

/** The first few non-blank rows of a text, cheaply (papaparse stops after `count` rows). */
function firstRows(text: string, delimiter: string, count: number): Row[] {
  const rows: Row[] = [];
  const lines = new LineCounter(text);
  let cursor = 0;
  Papa.parse(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    preview: count * 4,
    step: (result, parser) => {
      const start = cursor;
      cursor = result.meta.cursor;
      if (isBlank(result.data)) return;
      rows.push({ cells: result.data, line: lines.at(start), note: null, broken: null });
      if (rows.length >= count) parser.abort();
    },
  });
  return rows;
}

interface Layout {
  delimiter: string;
  /** The header row's cells. */
  header: readonly string[];
}

/**
 * The delimiter that makes a header row (of the first few rows) with a title column, the most
 * columns recognised breaking ties; a ParseError naming the columns found when there is none.
 */
function findLayout(file: string, text: string, delimiters: readonly string[]): Layout | null {
  const sep = SEP_LINE.exec(text);
  const candidates = sep ? [sep[1]] : delimiters;
  let best: { layout: Layout; row: number; recognised: number } | null = null;
  let widest: { row: Row; delimiter: string } | null = null;
  for (const delimiter of candidates) {
    const rows = firstRows(text, delimiter, HEADER_SEARCH + (sep ? 1 : 0)).filter(
      (row) => !(sep && row.line === 1),
    );
    if (rows.length > 0 && (widest === null || rows[0].cells.length > widest.row.cells.length)) {
      widest = { row: rows[0], delimiter };
    }
    for (const [index, row] of rows.entries()) {
      const columns = readHeader(row.cells);
      if (columns === null) continue;
      if (best === null || index < best.row || (index === best.row && columns.recognised > best.recognised)) {
        best = { layout: { delimiter, header: row.cells }, row: index, recognised: columns.recognised };
      }
      break;
    }
  }
  if (best !== null) return best.layout;
  if (widest === null) return null;
  const { row, delimiter } = widest;
  const shown = row.cells.slice(0, 12).map((cell) => `"${shorten(cell.trim(), 40)}"`);
  const more = row.cells.length > 12 ? `, … (${row.cells.length} columns)` : '';
  throw new ParseError(
    `papermap/parse: ${file}:${row.line}: no title column: the first row (line ${row.line}, read as ` +
      `${delimiterName(delimiter)}) has the columns ${shown.join(', ')}${more}; a header row naming a ` +
      `title column is required, as one of ${TITLE_COLUMN_NAMES.join(', ')} (any case)`,
    file,
    row.line,
  );
}

// ─── Records ──────────────────────────────────────────────────────────────────────────────────────

/** How many records are looked at for a file-wide notice (ids turned into numbers). */
const SAMPLE_ROWS = 100;

/** The rows before the header (Dimensions' "About the data" line), left out with one notice. */
function noticePreamble(
  out: RecordCollector,
  file: string,
  preamble: readonly Row[],
  headerLine: number,
): void {
  if (preamble.length === 0) return;
  const first = preamble[0];
  const lines =
    first.line === headerLine - 1
      ? `line ${first.line} before the header row (line ${headerLine}) was`
      : `lines ${first.line}–${headerLine - 1} before the header row (line ${headerLine}) were`;
  const text = shorten(first.cells.join(' ').trim(), 60);
  out.notice(`${file}:${first.line}`, `${lines} left out: "${text}"`);
}

/**
 * Rows whose number of fields differs from their header's, told in one notice per count rather
 * than one per record: a Scopus export can have a shifted column in most of its rows.
 */
class FieldCounts {
  private readonly groups = new Map<
    string,
    { count: number; expected: number; headerLine: number; records: Array<{ label: string; line: number }> }
  >();

  add(count: number, expected: number, headerLine: number, label: string, line: number): void {
    const key = `${headerLine}:${count}`;
    const group = this.groups.get(key) ?? { count, expected, headerLine, records: [] };
    group.records.push({ label, line });
    this.groups.set(key, group);
  }

  report(out: RecordCollector, file: string): void {
    for (const { count, expected, headerLine, records } of this.groups.values()) {
      const fields = `${count} field${count === 1 ? '' : 's'} where the header (line ${headerLine}) has ${expected}`;
      const lines = records
        .slice(0, 10)
        .map((record) => record.line)
        .join(', ');
      const more = records.length > 10 ? ` and ${records.length - 10} more` : '';
      const which =
        records.length === 1
          ? `${records[0].label} has ${fields}`
          : `${records.length} records have ${fields} (lines ${lines}${more})`;
      const how =
        count < expected
          ? 'the missing fields were read as empty'
          : 'the fields were read from the start, and ids and years that are not valid there from the end ' +
            "(a column the header lacks, such as Scopus's second funding text, or a delimiter inside a field " +
            'that is not quoted?)';
      out.notice(`${file}:${records[0].line}`, `${which}; ${how}`);
    }
  }
}

/** One data row → a paper or a skipped record, with notices about it. */
function addRecord(
  out: RecordCollector,
  counts: FieldCounts,
  origin: string,
  label: string,
  row: Row,
  columns: Columns,
  headerLine: number,
): void {
  const { cells } = row;
  if (row.broken !== null) {
    // The title is known when its cell comes before the broken field, which is the last one read.
    const title = columns.titleIndex < cells.length - 1 ? collapse(cells[columns.titleIndex]) || null : null;
    out.skip(origin, title, `${label}: ${row.broken}`);
    return;
  }
  if (row.note !== null) out.notice(origin, `${label}: ${row.note}`);
  const expected = columns.header.length;
  if (!fits(cells, expected)) {
    if (cells.length <= columns.titleIndex) {
      const title = columns.header[columns.titleIndex].trim();
      const fields = `${cells.length} field${cells.length === 1 ? '' : 's'} where the header (line ${headerLine}) has ${expected}`;
      out.skip(origin, null, `${label} has ${fields}: it ends before the "${title}" column`);
      return;
    }
    counts.add(cells.length, expected, headerLine, label, row.line);
  }
  out.add(origin, label, readRow(columns, cells));
}

function parseTable(file: string, input: string, delimiters: readonly string[]): ParseResult {
  const text = input.replace(/^\uFEFF/, '');
  const out = new RecordCollector(file);
  const layout = findLayout(file, text, delimiters);
  if (layout === null) return out.result();
  const rows =
    layout.delimiter === '\t'
      ? readTabs(text, layout.header)
      : readQuoted(text, layout.delimiter, layout.header);

  let columns: Columns | null = null;
  let headerLine = 0;
  const preamble: Row[] = [];
  const sample: string[][] = [];
  const counts = new FieldCounts();
  let record = 0;
  for (const row of rows) {
    const origin = `${file}:${row.line}`;
    if (row.broken === null && isBlank(row.cells)) continue;
    if (columns === null) {
      const header = row.broken === null ? readHeader(row.cells) : null;
      if (header !== null) {
        columns = header;
        headerLine = row.line;
        noticePreamble(out, file, preamble, headerLine);
      } else if (row.broken !== null) {
        out.notice(origin, row.broken);
      } else if (!(row.line === 1 && SEP_LINE.test(text))) {
        // An Excel `sep=` line is a directive, not preamble worth a notice.
        preamble.push(row);
      }
      continue;
    }
    // A header row again: its title cell names a title column, or its first cell is the header's
    // first (WoS's "PT"), whatever columns follow.
    const repeated =
      isTitleColumnName(row.cells[columns.titleIndex] ?? '') ||
      (row.cells[0].length <= 40 && columnKey(row.cells[0]) === columnKey(columns.header[0]));
    const again: Columns | null = repeated ? readHeader(row.cells) : null;
    if (again !== null && again.recognised >= 2) {
      columns = again;
      out.notice(
        origin,
        `line ${row.line} is a header row again (exports joined together?); the rows after it are read by its columns`,
      );
      continue;
    }
    record++;
    if (sample.length < SAMPLE_ROWS) sample.push(row.cells);
    addRecord(out, counts, origin, `record ${record}`, row, columns, headerLine);
  }

  if (columns === null) return out.result();
  counts.report(out, file);
  if (record === 0) {
    out.notice(`${file}:${headerLine}`, `the header row (line ${headerLine}) is followed by no records`);
  }
  const mangled = numberMangledIds(columns, sample);
  if (mangled !== null) {
    out.notice(
      `${file}:${headerLine}`,
      `the "id" column holds numbers such as "${mangled}" rather than arXiv ids (a spreadsheet or script ` +
        'read "0704.0010" as the number 704.001?), so no arXiv ids were read from it',
    );
  }
  return out.result();
}

/** CSV: comma- or semicolon-separated (a tab-separated `.csv` is read as such too). */
export function parseCsv(file: string, text: string): ParseResult {
  return parseTable(file, text, [',', ';', '\t']);
}

/** TSV: tab-separated, e.g. Web of Science's tab-delimited export. */
export function parseTsv(file: string, text: string): ParseResult {
  return parseTable(file, text, ['\t']);
}

// ─── Signatures ───────────────────────────────────────────────────────────────────────────────────

/** Whether one of the first few non-blank lines, split at `delimiter`, is a header naming a title column and another known one. */
function hasHeaderLine(text: string, delimiter: string): boolean {
  let checked = 0;
  for (let start = 0; start < text.length && checked < HEADER_SEARCH; ) {
    const lineEnd = text.indexOf('\n', start);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const line = text.slice(start, Math.min(end, start + 100_000));
    start = end + 1;
    if (line.trim() === '') continue;
    checked++;
    const cells = line.split(delimiter).map((cell) => cell.trim().replace(/^"|"$/g, ''));
    // Two known columns, so that a title line such as "Title, and more" is not taken for a header.
    if ((readHeader(cells)?.recognised ?? 0) >= 2) return true;
  }
  return false;
}

/** A CSV signature: a comma- or semicolon-separated header naming a title column and another known one. */
export function looksLikeCsv(text: string): boolean {
  return hasHeaderLine(text, ',') || hasHeaderLine(text, ';');
}

/** A TSV signature: a tab-separated header naming a title column and another known one (WoS: `PT\tAU\t…\tTI\t…`). */
export function looksLikeTsv(text: string): boolean {
  return hasHeaderLine(text, '\t');
}
