/**
 * JSON input: an array of paper objects (`.json`) or one object per line (JSON Lines, `.jsonl`).
 *
 * A record is `{ title, abstract, authors?, year?, url?, doi?, arxiv? }` with the aliases
 * `summary` → abstract, `arxiv_id` → arxiv, `id` → arxiv or doi when it looks like one, and
 * `date` / `published` / `publishedAt` → year. A record shaped like the Hugging Face
 * `daily_papers` API (`{ paper: { id, title, summary, … } }`) is read from its `paper` object.
 * Other fields are ignored. Text is kept as written except that whitespace is trimmed and
 * collapsed: LaTeX and HTML are the text stage's business.
 */

import type { ParseResult } from '../types';
import { ParseError } from './errors';
import { collapse, normalizeArxivId, normalizeDoi, shorten, splitAuthors } from './fields';
import { RecordCollector, type RecordFields } from './records';

type JsonObject = { [field: string]: unknown };

/** The outcome of `scanJson`: where each top-level array element starts, or the first error. */
export type JsonScan = { ok: true; starts: number[] } | { ok: false; offset: number; problem: string };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** 1-based line and column (UTF-16 units) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset);
  if (code === undefined) return 'the end of the data';
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(code)}'`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A small validating JSON scanner (RFC 8259), iterative so that deep nesting cannot overflow the
 * stack. It serves two purposes: where each element of a top-level array starts (to give records a
 * line), and where the first syntax error is with a readable problem, because engines disagree on
 * their messages and some (JavaScriptCore, and V8 for unexpected tokens) give no position at all.
 */
export function scanJson(text: string): JsonScan {
  const starts: number[] = [];
  const stack: number[] = []; // 0x5b '[' or 0x7b '{'
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  let expect: Expect = 'value';
  let i = 0;
  const n = text.length;
  const fail = (offset: number, problem: string): JsonScan => ({ ok: false, offset, problem });
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');

  /** Returns the offset after the closing quote, or a failure. */
  const scanString = (from: number): number | JsonScan => {
    let j = from + 1;
    for (;;) {
      if (j >= n) return fail(from, 'unterminated string (no closing double quote)');
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6)))
            return fail(j, 'invalid \\u escape in a string');
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          j += 2;
        } else {
          return fail(j, `invalid escape ${e === undefined ? '\\' : `'\\${e}'`} in a string`);
        }
      } else if (c < 0x20) {
        return fail(
          j,
          c === 0x0a
            ? 'line break inside a string'
            : `control character ${describeChar(text, j)} inside a string`,
        );
      } else {
        j++;
      }
    }
  };

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    if (i >= n) {
      return expect === 'end' ? { ok: true, starts } : fail(n, 'unexpected end of the data');
    }
    const c = text.charCodeAt(i);
    switch (expect) {
      case 'value':
      case 'value-or-close': {
        if (c === 0x5d && expect === 'value-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
          break;
        }
        if (stack.length === 1 && stack[0] === 0x5b) starts.push(i);
        if (c === 0x7b || c === 0x5b) {
          stack.push(c);
          i++;
          expect = c === 0x7b ? 'key-or-close' : 'value-or-close';
          break;
        }
        if (c === 0x22) {
          const end = scanString(i);
          if (typeof end !== 'number') return end;
          i = end;
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          NUMBER.lastIndex = i;
          const match = NUMBER.exec(text);
          if (!match) return fail(i, 'invalid number');
          i += match[0].length;
        } else {
          const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
          if (!literal) {
            const hint = c === 0x5d || c === 0x7d ? ' (a trailing comma?)' : '';
            return fail(i, `expected a value, found ${describeChar(text, i)}${hint}`);
          }
          i += literal.length;
        }
        expect = afterValue();
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (c === 0x7d && expect === 'key-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
          break;
        }
        if (c !== 0x22) {
          const hint = c === 0x7d ? ' (a trailing comma?)' : '';
          return fail(i, `expected a property name in double quotes, found ${describeChar(text, i)}${hint}`);
        }
        const end = scanString(i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = 'colon';
        break;
      }
      case 'colon':
        if (c !== 0x3a) return fail(i, `expected ':' after a property name, found ${describeChar(text, i)}`);
        i++;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const open = stack[stack.length - 1];
        const close = open === 0x5b ? 0x5d : 0x7d;
        if (c === 0x2c) {
          i++;
          expect = open === 0x5b ? 'value' : 'key';
        } else if (c === close) {
          stack.pop();
          i++;
          expect = afterValue();
        } else {
          const what =
            open === 0x5b ? "',' or ']' after an array element" : "',' or '}' after a property value";
          return fail(i, `expected ${what}, found ${describeChar(text, i)}`);
        }
        break;
      }
      case 'end':
        return fail(i, `unexpected ${describeChar(text, i)} after the end of the JSON value`);
    }
  }
}

/** Problem and 0-based offset of a JSON syntax error: our own scan first, the engine's message as fallback. */
function locateError(text: string, error: unknown): { offset: number; problem: string } {
  const scan = scanJson(text);
  if (!scan.ok) return scan;
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  return { offset: position ? Number(position[1]) : 0, problem: message };
}

// ─── Records ──────────────────────────────────────────────────────────────────────────────────────

/** A string (or a finite number) as collapsed text; anything else or an empty string → null. */
function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const collapsed = collapse(value);
  return collapsed === '' ? null : collapsed;
}

/** Authors from an array of strings or `{ name }` objects, or from one string; `complete` is false if any entry was unusable. */
function readAuthors(value: unknown): { authors: string[]; complete: boolean } {
  if (value === undefined || value === null) return { authors: [], complete: true };
  if (typeof value === 'string') return { authors: splitAuthors(value), complete: true };
  if (!Array.isArray(value)) return { authors: [], complete: false };
  const authors: string[] = [];
  let complete = true;
  for (const entry of value) {
    const name = text(typeof entry === 'string' ? entry : isObject(entry) ? entry.name : undefined);
    if (name === null) complete = false;
    else authors.push(name);
  }
  return { authors, complete };
}

/**
 * One JSON value → the fields of a paper, or the reason it is skipped. `label` names the record in
 * messages.
 */
function readRecord(
  value: unknown,
  label: string,
): { fields: RecordFields; notices: string[] } | { skip: string } {
  if (!isObject(value)) return { skip: `not an object (${label} is ${typeName(value)})` };
  // The Hugging Face daily_papers API wraps each paper: { paper: { id, title, summary, … }, … }.
  const record = !('title' in value) && isObject(value.paper) ? value.paper : value;

  if (text(record.title) === null) {
    let why = 'is missing';
    if (typeof record.title === 'string') why = 'is empty';
    else if (record.title !== undefined) why = `is ${typeName(record.title)}`;
    return { skip: `no title (${label}: "title" ${why})` };
  }

  const notices: string[] = [];
  const { authors, complete } = readAuthors(record.authors);
  if (!complete) notices.push('some authors were not strings or { name } objects and were left out');
  const year = [record.year, record.date, record.published, record.publishedAt].find(
    (y) => (typeof y === 'number' || typeof y === 'string') && /(?<!\d)\d{4}(?!\d)/.test(String(y)),
  );
  // `id` and `url` fill in an id only when they unmistakably are one (RecordCollector reads the URL).
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
  };
  return { fields, notices };
}

function collect(value: unknown, origin: string, label: string, out: RecordCollector): void {
  const outcome = readRecord(value, label);
  if ('skip' in outcome) {
    out.skip(origin, null, outcome.skip);
    return;
  }
  const paper = out.add(origin, label, outcome.fields);
  if (paper === null) return;
  for (const message of outcome.notices) out.notice(origin, `${label} "${shorten(paper.title)}" ${message}`);
}

// ─── Parsers ──────────────────────────────────────────────────────────────────────────────────────

/** JSON Lines: starts with `{` and most non-blank lines (of the first 200) start with `{`. */
export function looksLikeJsonLines(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  let lines = 0;
  let objects = 0;
  for (let from = 0; from <= text.length && lines < 200; ) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end === -1 ? text.length : end).trim();
    if (line !== '') {
      lines++;
      if (line.startsWith('{')) objects++;
    }
    if (end === -1) break;
    from = end + 1;
  }
  return objects * 2 > lines;
}

/**
 * A JSON array of paper objects (a single top-level object is read as one record). Throws
 * `ParseError` naming line and column when the file is not valid JSON: guessing where records
 * begin and end in a broken array would lose or merge records.
 */
export function parseJsonArray(file: string, source: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const { offset, problem } = locateError(source, error);
    const { line, column } = lineColumn(source, offset);
    throw new ParseError(
      `papermap/parse: ${file}: invalid JSON at line ${line}, column ${column}: ${problem}`,
      file,
      line,
      column,
    );
  }

  const first = source.search(/\S/);
  let records: unknown[];
  let starts: number[];
  if (Array.isArray(value)) {
    records = value;
    const scan = scanJson(source);
    starts = scan.ok ? scan.starts : [];
  } else if (isObject(value)) {
    records = [value];
    starts = [first];
  } else {
    const { line, column } = lineColumn(source, first);
    throw new ParseError(
      `papermap/parse: ${file}: line ${line}, column ${column}: expected a JSON array of paper objects, found ${typeName(value)}`,
      file,
      line,
      column,
    );
  }

  // Lines of every record start, in one pass; a column is added only where a line holds several.
  const lines: number[] = [];
  const columns: number[] = [];
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const start of starts) {
    for (let nl = source.indexOf('\n', at); nl !== -1 && nl < start; nl = source.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
      at = nl + 1;
    }
    lines.push(line);
    columns.push(start - lineStart + 1);
  }
  const perLine = new Map<number, number>();
  for (const l of lines) perLine.set(l, (perLine.get(l) ?? 0) + 1);

  const result = new RecordCollector(file);
  records.forEach((record, index) => {
    const recordLine = lines[index];
    let origin = `${file}:${recordLine ?? 1}`;
    if (recordLine !== undefined && (perLine.get(recordLine) ?? 0) > 1) origin += `:${columns[index]}`;
    const label = `record ${index + 1}`;
    collect(record, origin, label, result);
  });
  return result.result();
}

/** The title of a broken JSON line, when one can be recovered, so a person can find the record. */
function salvageTitle(line: string): string | null {
  const match = /"title"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(line);
  if (!match) return null;
  try {
    const title: unknown = JSON.parse(match[1]);
    return typeof title === 'string' ? collapse(title) || null : null;
  } catch {
    return null;
  }
}

/**
 * JSON Lines: one JSON object per line; blank lines are ignored. A line that is not valid JSON is
 * skipped with the problem and its column, and the other lines are kept.
 */
export function parseJsonLines(file: string, source: string): ParseResult {
  const result = new RecordCollector(file);
  const lines = source.split(/\r\n|\r|\n/);
  let recordNumber = 0;
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    recordNumber++;
    const origin = `${file}:${index + 1}`;
    const label = `record ${recordNumber}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const { offset, problem } = locateError(raw, error);
      result.skip(origin, salvageTitle(raw), `invalid JSON: ${problem} (${label}, column ${offset + 1})`);
      return;
    }
    collect(value, origin, label, result);
  });
  return result.result();
}
