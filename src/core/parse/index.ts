/**
 * The input stage: file bytes → papers. Decodes each file, picks its format and runs that
 * format's parser. Duplicates across files are left to the pipeline (`buildGraph` removes them
 * once, with `dedupePapers`). Pure TypeScript (TextDecoder only), so it runs the same in Node and
 * in a Web Worker.
 *
 * Every record read ends up in `papers` or in `skipped`; things worth telling about a file or a
 * kept record (bad bytes, no abstract, a page header that was left out) are `notices`.
 */

import type { Paper, ParseResult, RecordNotice, SkippedRecord } from '../types';
import { parseHfDaily } from './hf-daily';
import { parseJsonArray, parseJsonLines } from './json';

export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * A file that is broken as a whole, where reading on would mean guessing and losing records
 * (e.g. a JSON array that does not parse). `line` and `column` are 1-based.
 */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  readonly file: string;
  readonly line: number;
  readonly column: number | null;

  constructor(message: string, file: string, line: number, column: number | null = null) {
    super(message);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** One input format: how to recognise it and how to read it. */
interface FormatParser {
  /** Cheap content signature; signatures are tried before extensions, in registry order. */
  sniff: (text: string) => boolean;
  /** Lowercase file name endings that select the format when no signature matched. */
  extensions: readonly string[];
  parse: (file: string, text: string) => ParseResult;
}

/** JSON Lines: starts with `{` and most non-blank lines (of the first 200) start with `{`. */
function looksLikeJsonLines(text: string): boolean {
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
 * The parser registry. To add a format (BibTeX, RIS, CSV…), write its parser in its own file and
 * add one entry here; order matters only between signatures that could both match.
 * Plain text that matches nothing else is read as a daily-papers dump.
 */
const FORMATS = {
  jsonl: {
    sniff: looksLikeJsonLines,
    extensions: ['.jsonl', '.ndjson'],
    parse: (file, text) => parseJsonLines(file, text),
  },
  json: {
    // An array of objects (or an empty one), or a lone object. "[Re] A title" is not JSON.
    sniff: (text) => /^\s*(?:\[\s*[{\]]|\{)/.test(text),
    extensions: ['.json'],
    parse: (file, text) => parseJsonArray(file, text),
  },
  'hf-daily': {
    sniff: () => false,
    extensions: ['.txt'],
    parse: (file, text) => parseHfDaily(file, text),
  },
} satisfies Record<string, FormatParser>;

export type FormatName = keyof typeof FORMATS;

const FALLBACK_FORMAT: FormatName = 'hf-daily';

const formatNames = Object.keys(FORMATS) as FormatName[];

/**
 * The format of a file: a content signature wins (a `.txt` holding a JSON array is JSON, a `.json`
 * holding one object per line is JSON Lines), then the file name's extension, then plain text.
 */
export function detectFormat(name: string, text: string): FormatName {
  const body = text.replace(/^\uFEFF/, '');
  for (const format of formatNames) if (FORMATS[format].sniff(body)) return format;
  const lower = name.toLowerCase();
  for (const format of formatNames) {
    if (FORMATS[format].extensions.some((extension) => lower.endsWith(extension))) return format;
  }
  return FALLBACK_FORMAT;
}

/** 1-based numbers of the lines of `text` that contain `char`. */
function linesContaining(text: string, char: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let scanned = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) {
    for (let nl = text.indexOf('\n', scanned); nl !== -1 && nl < at; nl = text.indexOf('\n', nl + 1)) {
      line++;
      scanned = nl + 1;
    }
    if (lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}

function listLines(lines: number[], max = 10): string {
  const shown = lines.slice(0, max).join(', ');
  return lines.length > max ? `${shown} and ${lines.length - max} more` : shown;
}

/**
 * Bytes → text with LF line ends and no BOM. UTF-8 unless a UTF-16 BOM says otherwise. Invalid
 * bytes become U+FFFD rather than an error, so no record is lost, and a notice names their lines.
 */
function decode(file: InputFile): { text: string; notices: RecordNotice[] } {
  const { bytes } = file;
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';

  let text: string;
  let replaced = false;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder(encoding).decode(bytes);
    replaced = true;
  }
  // TextDecoder drops the BOM already; the replace covers a BOM that survived some other route.
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

  const notices: RecordNotice[] = [];
  if (replaced) {
    const lines = linesContaining(text, '\uFFFD');
    const label = encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase();
    notices.push({
      origin: `${file.name}:${lines[0] ?? 1}`,
      message:
        `papermap/parse: ${file.name}:${lines[0] ?? 1}: invalid ${label} bytes on line(s) ${listLines(lines)}, ` +
        'replaced with U+FFFD (�); the records there are kept',
    });
  }
  return { text, notices };
}

/** Reads one file into papers, skipped records and notices; duplicates are left in. */
function parseFile(file: InputFile): ParseResult {
  const { text, notices } = decode(file);
  if (text.trim() === '') {
    const what = file.bytes.length === 0 ? 'is empty (0 bytes)' : 'holds only blank lines';
    notices.push({
      origin: file.name,
      message: `papermap/parse: ${file.name}: the file ${what}; no papers read`,
    });
    return { papers: [], skipped: [], notices };
  }
  const format = detectFormat(file.name, text);
  const result = FORMATS[format].parse(file.name, text);
  for (const notice of result.notices) notices.push(notice);
  if (result.papers.length === 0) {
    const skipped = result.skipped.length > 0 ? `; ${result.skipped.length} record(s) skipped` : '';
    notices.push({
      origin: file.name,
      message: `papermap/parse: ${file.name}: no papers found (read as ${format}${skipped})`,
    });
  }
  return { papers: result.papers, skipped: result.skipped, notices };
}

/**
 * Reads every file and returns its papers in input order, with every record that could not be
 * read in `skipped`. Throws `ParseError` for a file that is broken as a whole.
 */
export function parseFiles(files: InputFile[]): ParseResult {
  const papers: Paper[] = [];
  const skipped: SkippedRecord[] = [];
  const notices: RecordNotice[] = [];
  for (const file of files) {
    const result = parseFile(file);
    // Loops, not push(...spread): spreading 100k+ records overflows the argument stack.
    for (const paper of result.papers) papers.push(paper);
    for (const record of result.skipped) skipped.push(record);
    for (const notice of result.notices) notices.push(notice);
  }
  return { papers, skipped, notices };
}
