/**
 * JSON input: a JSON array of records (`.json`), one record per line (JSON Lines, `.jsonl`), or a
 * saved API response that holds a list of them (`{ "results": […] }` from OpenAlex, `{ "data": […] }`
 * from Semantic Scholar, `{ "message": { "items": […] } }` from Crossref) or a single one.
 *
 * This module reads the syntax: it finds where each record starts, to give records their line
 * (and column when several share one), and where a syntax error is. What the records mean —
 * OpenAlex, Semantic Scholar, arXiv snapshot, CSL-JSON/Crossref or papermap's own shape — and
 * where a response keeps its list, is `json-records.ts`.
 */

import type { ParseResult } from '../types';
import { ParseError } from './errors';
import { collapse, shorten } from './fields';
import { isObject, locateWorks, readWork, typeName, type WorkList, type WorkReading } from './json-records';
import { RecordCollector } from './records';

/** The outcome of `scanJson`: where each value at the path starts, or the first error. */
export type JsonScan = { ok: true; starts: number[] } | { ok: false; offset: number; problem: string };

/**
 * Where values are looked for in `scanJson`: object keys and `*` for every element of an array.
 * `['*']` is each element of a top-level array, `['results', '*']` each element of the `results`
 * list of a top-level object, `[]` the top-level value itself.
 */
export type JsonPath = readonly string[];

const TOP_LEVEL_ELEMENTS: JsonPath = ['*'];

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
 * stack. It serves two purposes: where each value at `path` starts (to give records a line: by
 * default the elements of a top-level array), and where the first syntax error is with a readable
 * problem, because engines disagree on their messages and some (JavaScriptCore, and V8 for
 * unexpected tokens) give no position at all. A key met twice on the path is counted twice (where
 * `JSON.parse` keeps the last): callers compare the count with the records they hold.
 */
export function scanJson(text: string, path: JsonPath = TOP_LEVEL_ELEMENTS): JsonScan {
  const starts: number[] = [];
  const stack: number[] = []; // 0x5b '[' or 0x7b '{'
  // How many of the open containers lie on the path, and whether the key just read continues it.
  let onPath = 0;
  let keyOnPath = false;
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
          if (onPath === stack.length) onPath--;
          stack.pop();
          i++;
          expect = afterValue();
          break;
        }
        const depth = stack.length;
        const matches =
          depth === 0 ||
          (onPath === depth &&
            depth <= path.length &&
            (stack[depth - 1] === 0x5b ? path[depth - 1] === '*' : keyOnPath));
        if (matches && depth === path.length) starts.push(i);
        if (c === 0x7b || c === 0x5b) {
          if (matches && depth < path.length) onPath = depth + 1;
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
          if (onPath === stack.length) onPath--;
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
        if (onPath === stack.length && stack.length <= path.length) {
          keyOnPath =
            path[stack.length - 1] !== '*' && JSON.parse(text.slice(i, end)) === path[stack.length - 1];
        }
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
          if (onPath === stack.length) onPath--;
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

/** Adds one record read as `outcome` (from `readWork` or a found work's `read`). */
function collect(outcome: WorkReading, origin: string, label: string, out: RecordCollector): void {
  if ('skip' in outcome) {
    out.skip(origin, null, outcome.skip);
    return;
  }
  const paper = out.add(origin, label, outcome.fields);
  if (paper === null) return;
  for (const message of outcome.notices) out.notice(origin, `${label} "${shorten(paper.title)}" ${message}`);
}

/**
 * The origins of records that start at `starts` (offsets in `text`, whose first line is
 * `firstLine`), in one pass: `file:line`, with the column where a line holds several records.
 */
function originsOf(file: string, text: string, starts: readonly number[], firstLine: number): string[] {
  const lines: number[] = [];
  const columns: number[] = [];
  let line = firstLine;
  let lineStart = 0;
  let at = 0;
  for (const start of starts) {
    for (let nl = text.indexOf('\n', at); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
      at = nl + 1;
    }
    lines.push(line);
    columns.push(start - lineStart + 1);
  }
  const perLine = new Map<number, number>();
  for (const l of lines) perLine.set(l, (perLine.get(l) ?? 0) + 1);
  return lines.map((l, i) => ((perLine.get(l) ?? 0) > 1 ? `${file}:${l}:${columns[i]}` : `${file}:${l}`));
}

/** Where the elements of the list at `path` start in `text`, or none when they cannot be matched up. */
function elementStarts(text: string, path: JsonPath, count: number): number[] {
  const scan = scanJson(text, [...path, '*']);
  return scan.ok && scan.starts.length === count ? scan.starts : [];
}

/** Reads a list of records numbered from `firstNumber`; a record without a start gets `fallback`. */
function collectList(
  works: readonly unknown[],
  origins: readonly string[],
  fallback: string,
  firstNumber: number,
  out: RecordCollector,
): void {
  works.forEach((work, index) => {
    const label = `record ${firstNumber + index}`;
    collect(readWork(work, label), origins[index] ?? fallback, label, out);
  });
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

function refuse(file: string, source: string, offset: number, problem: string): ParseError {
  const { line, column } = lineColumn(source, offset);
  return new ParseError(
    `papermap/parse: ${file}: line ${line}, column ${column}: ${problem}`,
    file,
    line,
    column,
  );
}

/** A notice when a saved response is one page of a longer list: the other pages are not in the file. */
function noticePage(origin: string, list: WorkList, out: RecordCollector): void {
  if (list.total === null || list.total.count <= list.works.length) return;
  out.notice(
    origin,
    `the response holds ${list.works.length} of the ${list.total.count} papers its query found ` +
      `("${list.total.key}"); the others are on its further pages, not in this file`,
  );
}

/**
 * A JSON array of records, a saved API response holding a list of them, or a lone record. Throws
 * `ParseError` naming line and column when the file is not valid JSON (guessing where records begin
 * and end in a broken array would lose or merge records) or holds no records at all.
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
  const out = new RecordCollector(file);
  if (Array.isArray(value)) {
    collectList(
      value,
      originsOf(file, source, elementStarts(source, [], value.length), 1),
      `${file}:1`,
      1,
      out,
    );
    return out.result();
  }
  if (!isObject(value)) {
    throw refuse(file, source, first, `expected a JSON array of paper objects, found ${typeName(value)}`);
  }
  const found = locateWorks(value);
  if (found.kind === 'none') throw refuse(file, source, first, `the JSON object ${found.problem}`);
  if (found.kind === 'work') {
    const scan = found.path.length === 0 ? null : scanJson(source, found.path);
    const start = scan?.ok && scan.starts.length === 1 ? scan.starts[0] : first;
    collect(found.read('record 1'), originsOf(file, source, [start], 1)[0], 'record 1', out);
    return out.result();
  }
  const origins = originsOf(file, source, elementStarts(source, found.path, found.works.length), 1);
  const fallback = originsOf(file, source, [first], 1)[0];
  noticePage(fallback, found, out);
  collectList(found.works, origins, fallback, 1, out);
  return out.result();
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
 * JSON Lines: one JSON record per line; blank lines are ignored. A line that is not valid JSON is
 * skipped with the problem and its column, and the other lines are kept. A line that holds a saved
 * API response (`{"results": […]}`) gives each of its records, with its column.
 */
export function parseJsonLines(file: string, source: string): ParseResult {
  const out = new RecordCollector(file);
  const lines = source.split(/\r\n|\r|\n/);
  let recordNumber = 0;
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const origin = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const { offset, problem } = locateError(raw, error);
      recordNumber++;
      out.skip(
        origin,
        salvageTitle(raw),
        `invalid JSON: ${problem} (record ${recordNumber}, column ${offset + 1})`,
      );
      return;
    }
    const found = isObject(value) ? locateWorks(value) : null;
    if (found?.kind === 'list') {
      const origins = originsOf(file, raw, elementStarts(raw, found.path, found.works.length), index + 1);
      noticePage(origin, found, out);
      collectList(found.works, origins, origin, recordNumber + 1, out);
      recordNumber += found.works.length;
      return;
    }
    const label = `record ${++recordNumber}`;
    collect(found?.kind === 'work' ? found.read(label) : readWork(value, label), origin, label, out);
  });
  return out.result();
}
