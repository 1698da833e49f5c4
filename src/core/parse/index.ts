/**
 * The input stage: file bytes → papers. Decodes each file (gzip, encodings, binary files refused:
 * `decode.ts`), picks its format and runs that format's parser. Duplicates across files are left to
 * the pipeline (`buildGraph` merges them once, with `dedupePapers`). Pure TypeScript, so it runs
 * the same in Node and in a Web Worker.
 *
 * Every record read ends up in `papers` or in `skipped`; things worth telling about a file or a
 * kept record (bad bytes, no abstract, a page header that was left out) are `notices`. A file that
 * cannot be read at all is a `ParseError` in `failed`: the other files are still read.
 */

import type { Paper, ParseResult, RecordNotice, SkippedRecord } from '../types';
import { looksLikeBibtex, parseBibtex } from './bibtex';
import { looksLikeCsv, looksLikeTsv, parseCsv, parseTsv } from './csv';
import { decodeFile } from './decode';
import { ParseError } from './errors';
import { parseHfDaily } from './hf-daily';
import { looksLikeJsonLines, parseJsonArray, parseJsonLines } from './json';
import { looksLikeMedline, parseMedline } from './medline';
import { looksLikeRis, parseRis } from './ris';
import { looksLikeWos, parseWos } from './wos';

export { ParseError } from './errors';

export interface InputFile {
  /** The name shown in messages and origins (a path in the CLI, the file's name in the browser). */
  name: string;
  /** The file's bytes as stored: gzip and encodings are recognised here. */
  bytes: Uint8Array;
}

/** One input format: how to recognise it and how to read it. */
interface FormatParser {
  /** A reader's name for the format, for messages ("BibTeX", "Scopus/WoS CSV"). */
  title: string;
  /** Signatures are tried from the lowest priority number up; the first match wins. */
  priority: number;
  /** Cheap content signature, given the text without BOM and with LF line ends. */
  sniff: (text: string) => boolean;
  /** Lowercase file name endings that select the format when no signature matched. */
  extensions: readonly string[];
  parse: (file: string, text: string) => ParseResult;
}

/**
 * The parser registry. To add a format, write its parser in its own file and add one entry here.
 * Plain text that matches nothing else is read as a daily-papers dump.
 */
const FORMATS = {
  bibtex: {
    title: 'BibTeX/BibLaTeX',
    priority: 10,
    sniff: looksLikeBibtex,
    extensions: ['.bib', '.bibtex', '.biblatex'],
    parse: parseBibtex,
  },
  jsonl: {
    title: 'JSON Lines',
    priority: 50,
    sniff: looksLikeJsonLines,
    extensions: ['.jsonl', '.ndjson'],
    parse: parseJsonLines,
  },
  json: {
    title: 'JSON',
    priority: 60,
    // An array of objects (or an empty one, or Semantic Scholar's batch answer, which starts with
    // null for an id it did not find), or a lone object. "[Re] A title" is not JSON.
    sniff: (text) => /^\s*(?:\[\s*(?:[{\]]|null\s*[,\]])|\{)/.test(text),
    extensions: ['.json'],
    parse: parseJsonArray,
  },
  wos: {
    title: 'Web of Science plain text',
    priority: 20,
    sniff: looksLikeWos,
    extensions: ['.ciw', '.isi'],
    parse: parseWos,
  },
  medline: {
    title: 'PubMed/MEDLINE',
    priority: 25,
    sniff: looksLikeMedline,
    extensions: ['.nbib', '.medline'],
    parse: parseMedline,
  },
  ris: {
    title: 'RIS',
    priority: 30,
    sniff: looksLikeRis,
    extensions: ['.ris'],
    parse: parseRis,
  },
  csv: {
    title: 'CSV',
    priority: 70,
    sniff: looksLikeCsv,
    extensions: ['.csv'],
    parse: parseCsv,
  },
  tsv: {
    title: 'TSV (tab-separated)',
    priority: 71,
    // A Web of Science tab-delimited `.txt` is recognised by its header (`PT\tAU\t…\tTI\t…`).
    sniff: looksLikeTsv,
    extensions: ['.tsv', '.tab'],
    parse: parseTsv,
  },
  'hf-daily': {
    title: 'Hugging Face daily-papers page',
    priority: 1000,
    sniff: () => false,
    extensions: ['.txt'],
    parse: parseHfDaily,
  },
} satisfies Record<string, FormatParser>;

export type FormatName = keyof typeof FORMATS;

const FALLBACK_FORMAT: FormatName = 'hf-daily';

/** Every format name, for `--format` and its help, in the order signatures are tried. */
export const FORMAT_NAMES: readonly FormatName[] = (Object.keys(FORMATS) as FormatName[]).sort(
  (a, b) => FORMATS[a].priority - FORMATS[b].priority,
);

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export function formatTitle(format: FormatName): string {
  return FORMATS[format].title;
}

/**
 * The format of a file: a content signature wins (a `.txt` holding a JSON array is JSON, a `.csv`
 * that holds BibTeX is BibTeX), then the file name's extension (with any `.gz` left out), then
 * plain text.
 */
export function detectFormat(name: string, text: string): FormatName {
  const body = text.replace(/^\uFEFF/, '');
  for (const format of FORMAT_NAMES) if (FORMATS[format].sniff(body)) return format;
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  for (const format of FORMAT_NAMES) {
    if (FORMATS[format].extensions.some((extension) => lower.endsWith(extension))) return format;
  }
  return FALLBACK_FORMAT;
}

export interface ParseOptions {
  /** Read every file in this format instead of detecting it. */
  format?: FormatName;
}

/** What became of one input file, for the per-file summary. */
export interface FileReport {
  file: string;
  /** The format it was read as; null when it could not be read at all. */
  format: FormatName | null;
  /** Records read: papers + skipped. */
  records: number;
  papers: number;
  skipped: number;
  notices: number;
  /** Why the file could not be read at all, or null. */
  error: string | null;
}

export interface ParsedFiles extends ParseResult {
  files: FileReport[];
  /** Files that could not be read at all (binary, broken gzip, a JSON array that does not parse). */
  failed: ParseError[];
}

/** Reads one file into papers, skipped records and notices; duplicates are left in. */
async function parseFile(
  file: InputFile,
  options: ParseOptions,
): Promise<{ result: ParseResult; format: FormatName }> {
  const { text, notices } = await decodeFile(file.name, file.bytes);
  const format = options.format ?? detectFormat(file.name, text);
  if (text.trim() === '') {
    const what = file.bytes.length === 0 ? 'is empty (0 bytes)' : 'holds only blank lines';
    notices.push({
      origin: file.name,
      message: `papermap/parse: ${file.name}: the file ${what}; no papers read`,
    });
    return { result: { papers: [], skipped: [], notices }, format };
  }
  const result = FORMATS[format].parse(file.name, text);
  for (const notice of result.notices) notices.push(notice);
  if (result.papers.length === 0) {
    const skipped = result.skipped.length > 0 ? `; ${result.skipped.length} record(s) skipped` : '';
    const forced = options.format ? ' (forced with --format)' : '';
    notices.push({
      origin: file.name,
      message: `papermap/parse: ${file.name}: no papers found (read as ${format}${forced}${skipped})`,
    });
  }
  return { result: { papers: result.papers, skipped: result.skipped, notices }, format };
}

/**
 * Reads every file and returns its papers in input order, with every record that could not be
 * read in `skipped` and every file that could not be read at all in `failed`.
 */
export async function parseFiles(
  files: readonly InputFile[],
  options: ParseOptions = {},
): Promise<ParsedFiles> {
  const papers: Paper[] = [];
  const skipped: SkippedRecord[] = [];
  const notices: RecordNotice[] = [];
  const reports: FileReport[] = [];
  const failed: ParseError[] = [];
  for (const file of files) {
    let parsed: Awaited<ReturnType<typeof parseFile>>;
    try {
      parsed = await parseFile(file, options);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      failed.push(error);
      reports.push({
        file: file.name,
        format: null,
        records: 0,
        papers: 0,
        skipped: 0,
        notices: 0,
        error: error.message,
      });
      continue;
    }
    const { result, format } = parsed;
    // Loops, not push(...spread): spreading 100k+ records overflows the argument stack.
    for (const paper of result.papers) papers.push(paper);
    for (const record of result.skipped) skipped.push(record);
    for (const notice of result.notices) notices.push(notice);
    reports.push({
      file: file.name,
      format,
      records: result.papers.length + result.skipped.length,
      papers: result.papers.length,
      skipped: result.skipped.length,
      notices: result.notices.length,
      error: null,
    });
  }
  return { papers, skipped, notices, files: reports, failed };
}
