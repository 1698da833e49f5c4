/**
 * Every labelled set `npm run eval` (and `npm run bench`) measures the map on, in one place; see
 * data/eval/README.md for where each came from and its licence. Labels only measure the map: they
 * never enter a graph.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse/papaparse.min.js';
import { parseFiles } from '../../src/core/parse';
import { ARXIV_SET, type LabelledSet, labelledRecords, toLabelledSet } from './arxiv-set';

export const ARXIV_2007 = new URL('../../data/eval/arxiv-2007-first2k.csv', import.meta.url);

export interface EvalSet {
  name: string;
  /** One line saying what the set is. */
  what: string;
  /** Only run with --large (slow). */
  large: boolean;
  load: () => Promise<NamedSet>;
}

export interface NamedSet extends LabelledSet {
  /** The file the papers came from, recorded as the graph's source. */
  source: string;
}

const RSS_SOURCE = 'data/arxiv-rss-65k.jsonl.gz';
const SLICE = 5000;

/** The arXiv archive of a `categories` field: its first category without the subject class. */
export function archiveOf(categories: string): string {
  const first = categories.trim().split(/\s+/)[0] ?? '';
  return first.split('.')[0];
}

/**
 * The label of each record of a CSV file with a `categories` column, by the line the record starts
 * on (how the importer names a record's origin: `file:line`).
 */
function categoriesByLine(text: string): Map<number, string> {
  const byLine = new Map<number, string>();
  let column = -1;
  let start = 0;
  let line = 1;
  Papa.parse(text, {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    step: (row) => {
      if (column < 0) column = row.data.indexOf('categories');
      else if (row.data.length > column) byLine.set(line, archiveOf(row.data[column]));
      for (let i = start; i < row.meta.cursor; i++) if (text.charCodeAt(i) === 10) line++;
      start = row.meta.cursor;
    },
  });
  return byLine;
}

/**
 * arXiv's 2007 records, read by the project's own CSV importer (so titles and abstracts are what the
 * CLI reads: LaTeX accents turned into letters, lines joined), each labelled by the archive of its
 * first category, found by the line its record starts on; a paper without a label throws rather
 * than counting as one more class.
 */
export async function loadArxiv2007(path: URL | string = ARXIV_2007): Promise<NamedSet> {
  const bytes = readFileSync(path);
  const name = 'arxiv-2007-first2k.csv';
  const parsed = await parseFiles([{ name, bytes }]);
  if (parsed.failed.length > 0) throw parsed.failed[0];
  const byLine = categoriesByLine(bytes.toString('utf8').replace(/\r\n?/g, '\n'));
  const labels = parsed.papers.map((paper) => {
    const label = byLine.get(Number(paper.origin.slice(name.length + 1)));
    if (!label) throw new Error(`papermap eval: ${paper.origin}: no categories found for this record`);
    return label;
  });
  return { papers: parsed.papers, labels, source: 'data/eval/arxiv-2007-first2k.csv' };
}

function rssSlice(pick: (count: number) => [number, number]): () => Promise<NamedSet> {
  return async () => {
    const records = labelledRecords(ARXIV_SET);
    const [from, to] = pick(records.length);
    return { ...toLabelledSet(records.slice(from, to)), source: RSS_SOURCE };
  };
}

export const EVAL_SETS: readonly EvalSet[] = [
  {
    name: 'rss-first5k',
    what: 'first 5,000 labelled records of data/arxiv-rss-65k.jsonl.gz (file order), primary category',
    large: false,
    load: rssSlice(() => [0, SLICE]),
  },
  {
    name: 'rss-last5k',
    what: 'last 5,000 labelled records of data/arxiv-rss-65k.jsonl.gz (a later period), primary category',
    large: false,
    load: rssSlice((n) => [Math.max(0, n - SLICE), n]),
  },
  {
    name: 'arxiv-2007',
    what: 'data/eval/arxiv-2007-first2k.csv, archive of the first category (18 archives)',
    large: false,
    load: () => loadArxiv2007(),
  },
  {
    name: 'rss-all',
    what: 'all 44,904 labelled records of data/arxiv-rss-65k.jsonl.gz, primary category',
    large: true,
    load: rssSlice((n) => [0, n]),
  },
];

/** The sets to run: `--set NAME` picks one (large or not); otherwise the default ones, plus the large with `large`. */
export function chooseSets(name: string | undefined, large: boolean): EvalSet[] {
  if (name !== undefined) {
    const set = EVAL_SETS.find((s) => s.name === name);
    if (set === undefined)
      throw new Error(`papermap eval: no set "${name}"; sets: ${EVAL_SETS.map((s) => s.name).join(', ')}`);
    return [set];
  }
  return EVAL_SETS.filter((s) => large || !s.large);
}
