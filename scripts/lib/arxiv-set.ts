/**
 * The labelled arXiv set of ../shared/data (arxiv-rss-65k.jsonl.gz): records with a primary
 * category, in file order. The labels only measure the map; they never enter the graph.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Paper } from '../../src/core/types';

export const ARXIV_SET = new URL('../../../shared/data/arxiv-rss-65k.jsonl.gz', import.meta.url);

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
  const text = gunzipSync(readFileSync(path)).toString('utf8');
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
      title: record.title,
      abstract: record.abstract ?? '',
      authors: [],
      year: null,
      url: null,
      doi: null,
      arxiv: record.arxiv_id ?? null,
      origin: `arxiv-rss-65k.jsonl:${line}`,
    });
    labels.push(record.label);
  }
  return { papers, labels };
}
