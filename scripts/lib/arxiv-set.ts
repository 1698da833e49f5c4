/**
 * The labelled arXiv set (data/arxiv-rss-65k.jsonl.gz, see data/README.md): records with a primary
 * category, in file order. The labels only measure the map; they never enter the graph.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { newPaper } from '../../src/core/parse/fields';
import type { Paper } from '../../src/core/types';

export const ARXIV_SET = new URL('../../data/arxiv-rss-65k.jsonl.gz', import.meta.url);

export interface LabelledSet {
  papers: Paper[];
  /** Primary category of each paper, in the same order. */
  labels: string[];
}

interface ArxivRecord {
  arxiv_id?: string;
  title?: string;
  abstract?: string;
  label?: string | null;
}

export function loadLabelled(limit = Number.POSITIVE_INFINITY, path: URL | string = ARXIV_SET): LabelledSet {
  const bytes = readFileSync(path);
  const text = (String(path).endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const papers: Paper[] = [];
  const labels: string[] = [];
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (papers.length >= limit) break;
    if (row.trim() === '') continue;
    const record = JSON.parse(row) as ArxivRecord;
    if (!record.label || !record.title) continue;
    papers.push({
      ...newPaper(`arxiv-rss-65k.jsonl:${line}`, record.title, record.abstract ?? ''),
      arxiv: record.arxiv_id ?? null,
    });
    labels.push(record.label);
  }
  return { papers, labels };
}

/**
 * The label of each node of a graph built from `set`: by arXiv key when the record had an id, else
 * by title (duplicates were merged by the pipeline, so node and record counts may differ).
 */
export function nodeLabels(
  set: LabelledSet,
  nodes: ReadonlyArray<{ key: string; attributes: { title: string } }>,
): string[] {
  const squash = (title: string): string => title.replace(/\s+/g, ' ').trim();
  const byKey = new Map<string, string>();
  const byTitle = new Map<string, string>();
  set.papers.forEach((paper, i) => {
    if (paper.arxiv) byKey.set(`arxiv:${paper.arxiv.replace(/v\d+$/, '')}`, set.labels[i]);
    if (!byTitle.has(squash(paper.title))) byTitle.set(squash(paper.title), set.labels[i]);
  });
  return nodes.map((node) => byKey.get(node.key) ?? byTitle.get(squash(node.attributes.title)) ?? '');
}
