/**
 * The labelled arXiv set (data/arxiv-rss-65k.jsonl.gz, see data/README.md): records with a primary
 * category, in file order. The labels only measure the map; they never enter the graph.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { arxivBase, doiBase, newPaper } from '../../src/core/parse/fields';
import type { Paper } from '../../src/core/types';

export const ARXIV_SET = new URL('../../data/arxiv-rss-65k.jsonl.gz', import.meta.url);

export interface LabelledSet {
  papers: Paper[];
  /** Primary category of each paper, in the same order. */
  labels: string[];
}

/** One line of the file, as stored. */
export interface ArxivRecord {
  arxiv_id?: string;
  title?: string;
  abstract?: string;
  label?: string | null;
}

/** Every record of a JSON Lines file (gzipped or not), in file order, with its line number. */
export function readArxivRecords(path: URL | string = ARXIV_SET): { record: ArxivRecord; line: number }[] {
  const bytes = readFileSync(path);
  const text = (String(path).endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const records: { record: ArxivRecord; line: number }[] = [];
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (row.trim() !== '') records.push({ record: JSON.parse(row) as ArxivRecord, line });
  }
  return records;
}

/** The records that have a label and a title, in file order. */
export function labelledRecords(path: URL | string = ARXIV_SET): { record: ArxivRecord; line: number }[] {
  return readArxivRecords(path).filter(({ record }) => Boolean(record.label && record.title));
}

/** Labelled records as papers, origins `arxiv-rss-65k.jsonl:<line>` as the CLI would name them. */
export function toLabelledSet(records: ReadonlyArray<{ record: ArxivRecord; line: number }>): LabelledSet {
  return {
    papers: records.map(({ record, line }) => ({
      ...newPaper(`arxiv-rss-65k.jsonl:${line}`, record.title ?? '', record.abstract ?? ''),
      arxiv: record.arxiv_id ?? null,
    })),
    labels: records.map(({ record }) => record.label ?? ''),
  };
}

/** The first `limit` labelled records of the file. */
export function loadLabelled(limit = Number.POSITIVE_INFINITY, path: URL | string = ARXIV_SET): LabelledSet {
  return toLabelledSet(labelledRecords(path).slice(0, limit));
}

/** The last `limit` labelled records of the file (a later period than the first ones). */
export function loadLastLabelled(limit: number, path: URL | string = ARXIV_SET): LabelledSet {
  const records = labelledRecords(path);
  return toLabelledSet(records.slice(Math.max(0, records.length - limit)));
}

/**
 * The label of each node of a graph built from `set`: by arXiv or DOI key when the record had one,
 * else by title (duplicates were merged by the pipeline, so node and record counts may differ).
 */
export function nodeLabels(
  set: LabelledSet,
  nodes: ReadonlyArray<{ key: string; attributes: { title: string } }>,
): string[] {
  const squash = (title: string): string => title.replace(/\s+/g, ' ').trim();
  const byKey = new Map<string, string>();
  const byTitle = new Map<string, string>();
  set.papers.forEach((paper, i) => {
    if (paper.arxiv) byKey.set(`arxiv:${arxivBase(paper.arxiv)}`, set.labels[i]);
    if (paper.doi) byKey.set(`doi:${doiBase(paper.doi)}`, set.labels[i]);
    if (!byTitle.has(squash(paper.title))) byTitle.set(squash(paper.title), set.labels[i]);
  });
  return nodes.map((node) => byKey.get(node.key) ?? byTitle.get(squash(node.attributes.title)) ?? '');
}
