/** The graph command's summary: which file each record belongs to, and long lists cut short with a pointer. */
import { describe, expect, it } from 'vitest';
import { originFile, summary } from '../../scripts/lib/summary';
import type { FileReport } from '../../src/core/parse';
import type { PapermapGraphJSON, SkippedRecord } from '../../src/core/types';

describe('originFile', () => {
  const files = ['a.bib', 'a.bib.bak', 'dir:with:colons.csv', 'x.jsonl.gz'];
  it.each([
    ['a.bib:12', 'a.bib'],
    ['a.bib', 'a.bib'],
    ['a.bib.bak:3', 'a.bib.bak'],
    ['a.bib.bak', 'a.bib.bak'],
    ['dir:with:colons.csv:7', 'dir:with:colons.csv'],
    ['x.jsonl.gz:4', 'x.jsonl.gz'],
    ['a.bibx:1', null],
    ['other.ris:1', null],
    ['', null],
  ])('%s belongs to %s', (origin, file) => {
    expect(originFile(origin, files)).toBe(file);
  });
});

describe('summary', () => {
  const report = (file: string, records: number, papers: number): FileReport => ({
    file,
    format: 'jsonl',
    records,
    papers,
    skipped: records - papers,
    notices: 0,
    error: null,
  });
  const noTitle = (line: number): SkippedRecord => ({
    origin: `big.jsonl:${line}`,
    title: null,
    reason: 'no title',
  });

  function graphWith(skipped: SkippedRecord[], papers: number): PapermapGraphJSON {
    return {
      options: { type: 'undirected', multi: false, allowSelfLoops: false },
      attributes: {
        format: 'papermap-graph',
        version: 1,
        source: 'big.jsonl',
        params: {} as PapermapGraphJSON['attributes']['params'],
        stats: { papers, edges: 0, clusters: 0, modularity: 0, vocabulary: 0, skipped },
        clusters: [],
      },
      nodes: [],
      edges: [],
    };
  }

  it('lists 20 skipped records of a file, then how many more and where they all are', () => {
    const skipped = Array.from({ length: 25 }, (_, i) => noTitle(i + 1));
    const text = summary({
      graph: graphWith(skipped, 5),
      files: [report('big.jsonl', 30, 5)],
      notices: [],
      timings: {},
      out: 'out.json',
    });
    expect(text).toContain('  skipped            25\n');
    for (let line = 1; line <= 20; line++) expect(text).toContain(`big.jsonl:${line}: no title\n`);
    expect(text).not.toContain('big.jsonl:21:');
    expect(text).toContain('… and 5 more (all in stats.skipped of out.json)');
  });

  it('keeps a record whose origin names no input file, under "other records"', () => {
    const stray: SkippedRecord = { origin: 'elsewhere:1', title: 'Lost?', reason: 'no abstract' };
    const text = summary({
      graph: graphWith([stray], 1),
      files: [report('big.jsonl', 1, 1)],
      notices: [{ origin: 'nowhere', message: 'papermap/parse: nowhere: a warning' }],
      timings: {},
      out: 'out.json',
    });
    expect(text).toContain(
      'other records\n      elsewhere:1: no abstract — "Lost?"\n      nowhere: a warning\n',
    );
  });

  it('shows a file named twice once, counting both readings', () => {
    const text = summary({
      graph: graphWith([{ ...noTitle(1), duplicateOf: 'big.jsonl:1' }], 1),
      files: [report('big.jsonl', 2, 2), report('big.jsonl', 2, 2)],
      notices: [],
      timings: {},
      out: 'out.json',
    });
    expect(text.match(/^big\.jsonl: read as/gm)).toHaveLength(1);
    expect(text).toContain('  records read       4\n  papers             4\n  merged duplicates  1\n');
    expect(text).toContain('  records read   4\n');
  });
});
