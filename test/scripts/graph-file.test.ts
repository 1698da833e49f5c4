/**
 * Reading what a graph file says about itself: from the head of a graph the CLI wrote (without
 * parsing its nodes), from a graph laid out some other way, and telling a papermap graph from the
 * papers files that look like it (JSON objects, JSON Lines).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPapermapGraph, readBuildHeader } from '../../scripts/lib/graph-file';
import type { SkippedRecord } from '../../src/core/types';
import { cliGraphText } from './helpers';

const SMALL_GRAPH = fileURLToPath(new URL('../fixtures/graph-small.json', import.meta.url));
const MARKER = '\n,"nodes":[';
let dir = '';

const cliGraph = (skipped: SkippedRecord[] = []): string =>
  cliGraphText('refs.bib, scopus.csv', { k: 5, minSimilarity: 0.05 }, skipped);

const write = (name: string, contents: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'papermap-graph-file-'));
});

describe('readBuildHeader', () => {
  it("reads the source and options of a graph in the CLI's layout", async () => {
    const header = await readBuildHeader(write('cli.json', cliGraph()));
    expect(header).toEqual({
      format: 'papermap-graph',
      source: 'refs.bib, scopus.csv',
      params: { k: 5, minSimilarity: 0.05 },
    });
  });

  it('reads only the head: nodes after it may be cut off or anything at all', async () => {
    const text = cliGraph();
    const cut = text.slice(0, text.indexOf(MARKER) + MARKER.length + 5);
    expect((await readBuildHeader(write('cut.json', cut)))?.source).toBe('refs.bib, scopus.csv');
  });

  it('finds the head when the nodes marker straddles two 1 MiB chunks', async () => {
    const chunk = 1 << 20;
    const record = (padding: number): SkippedRecord => ({
      origin: 'refs.bib:1',
      title: 'x'.repeat(padding),
      reason: 'no abstract',
    });
    const first = cliGraph([record(chunk)]);
    // Shift the marker so it starts 5 bytes before the end of the first chunk (ASCII: bytes = chars).
    const padding = chunk + (chunk - 5 - first.indexOf(MARKER));
    const text = cliGraph([record(padding)]);
    expect(text.indexOf(MARKER)).toBe(chunk - 5);
    // Cut off after the marker, so only the head can give the answer (the whole does not parse).
    const cut = text.slice(0, chunk + 100);
    const header = await readBuildHeader(write('straddle.json', cut));
    expect(header?.source).toBe('refs.bib, scopus.csv');
  });

  it('reads a graph laid out another way (pretty-printed) whole', async () => {
    const header = await readBuildHeader(SMALL_GRAPH);
    expect(header?.source).toBe("test/fixtures/graph-small.json (hand-made for the app's end-to-end tests)");
    expect(header?.params.k).toBe(2);
  });

  it.each([
    ['a JSON array of papers', '[{"title": "A", "abstract": "x"}]'],
    ['an API response', '{"results": [{"title": "A", "format": "papermap-graph"}]}'],
    ['another format', '{"attributes": {"format": "gexf"}, "nodes": []}'],
    ['not JSON', 'title\n\nabstract\n'],
    ['an empty file', ''],
  ])('gives null for %s', async (_name, contents) => {
    expect(await readBuildHeader(write('other.json', contents))).toBeNull();
  });
});

describe('isPapermapGraph', () => {
  it('knows a graph by its content, whatever its name or layout', async () => {
    expect(await isPapermapGraph(write('graph.txt', cliGraph()))).toBe(true);
    expect(await isPapermapGraph(SMALL_GRAPH)).toBe(true);
    expect(await isPapermapGraph(write('bom.json', `\uFEFF${readFileSync(SMALL_GRAPH, 'utf8')}`))).toBe(true);
  });

  it.each([
    ['JSON Lines of papers', '{"title": "A", "abstract": "x"}\n{"title": "B", "abstract": "y"}\n'],
    ['a JSON array of papers', '[{"title": "A", "format": "papermap-graph"}]'],
    [
      'an API response naming the format in a record',
      '{"results": [{"title": "A", "format": "papermap-graph"}]}',
    ],
    ['a daily-papers page', 'Title\n\nAbstract.\n'],
  ])('is false for %s', async (_name, contents) => {
    expect(await isPapermapGraph(write('papers.json', contents))).toBe(false);
  });

  it('is false for a gzipped file (papers to read, not a graph to show)', async () => {
    expect(await isPapermapGraph(write('graph.json.gz', gzipSync(cliGraph())))).toBe(false);
  });

  it('throws, naming the file, for a graph cut short before its head ends', async () => {
    const text = readFileSync(SMALL_GRAPH, 'utf8').slice(0, 300);
    const path = write('truncated.json', text);
    await expect(isPapermapGraph(path)).rejects.toThrow(
      `${path} looks like a papermap graph but is not valid JSON`,
    );
  });
});
