/**
 * The graph command as a user runs it: real files in, graph JSON out, exit codes that tell bad
 * usage (2) from bad input (3), atomic output, and the same bytes whatever the worker count.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Graph from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTION_SPECS } from '../../scripts/lib/options';
import type { PapermapGraphJSON } from '../../src/core/types';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ARXIV = fileURLToPath(new URL('../../../shared/data/arxiv-rss-65k.jsonl.gz', import.meta.url));
let dir = '';

function graphCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/graph.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'papermap-cli-'));
});

afterAll(() => {
  // Temp files stay for inspection on failure; the OS cleans tmp.
});

describe('npm run graph', () => {
  it('builds the default graph, writes it, and summarises what it read and found', () => {
    const out = join(dir, 'default.json');
    const run = graphCli(['data/hf-papers-mar20.txt', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as PapermapGraphJSON;
    expect(json.nodes).toHaveLength(104);
    const graph = Graph.from(json as unknown as Parameters<typeof Graph.from>[0]);
    expect(graph.order).toBe(104);
    expect(run.stdout).toContain('records read   104');
    expect(run.stdout).toContain('papers (nodes) 104');
    expect(run.stdout).toMatch(/modularity 0\.\d+/);
    for (const cluster of json.attributes.clusters) expect(run.stdout).toContain(cluster.label);
    expect(run.stdout).toMatch(/time: parse [\d.]+ s, text [\d.]+ s/);
  });

  it('lists every option with its default in --help', () => {
    const run = graphCli(['--help']);
    expect(run.status).toBe(0);
    for (const spec of OPTION_SPECS)
      expect(run.stdout).toMatch(new RegExp(`--${spec.flag}\\b.*\\(default [^)]+\\)`));
    expect(run.stdout).toContain('--out FILE');
  });

  it.each([
    [['data/hf-papers-mar20.txt', '--frobnicate'], 'unknown option --frobnicate'],
    [['data/hf-papers-mar20.txt', '--k', 'many'], '--k must be a number'],
    [['data/hf-papers-mar20.txt', '--k', '0'], 'k must be an integer from 1 to 100'],
    [['data/hf-papers-mar20.txt', '--min-similarity', '1.5'], 'minSimilarity must be between 0 and 1'],
    [[], 'no input files given'],
  ])('exits 2 for bad usage: %j', (args, message) => {
    const run = graphCli([...args, '--out', join(dir, 'never.json')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('exits 3 for bad input, naming the file and line, and leaves an existing output untouched', () => {
    const out = join(dir, 'kept.json');
    writeFileSync(out, 'previous graph');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '[\n  {"title": "A", "abstract": "x"},\n  {"title": "B" "abstract": "y"}\n]\n');
    const run = graphCli([broken, '--out', out]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('broken.json');
    expect(run.stderr).toMatch(/line 3/);
    expect(readFileSync(out, 'utf8')).toBe('previous graph');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const missing = graphCli([join(dir, 'nope.jsonl'), '--out', out]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('nope.jsonl: cannot read: no such file');

    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const none = graphCli([empty, '--out', out]);
    expect(none.status).toBe(3);
    expect(none.stderr).toContain('no papers found');
    expect(readFileSync(out, 'utf8')).toBe('previous graph');
  });

  it('reports skipped records with their reasons and still builds the graph', () => {
    const input = join(dir, 'dupes.jsonl');
    const lines = [
      JSON.stringify({
        title: 'Sparse attention for long documents',
        abstract: 'Sparse attention scales transformers to long documents.',
      }),
      JSON.stringify({ title: 'Sparse Attention for Long Documents', abstract: 'The same paper again.' }),
      '{"title": broken',
      JSON.stringify({ abstract: 'An abstract without any title at all.' }),
      JSON.stringify({
        title: 'Dense retrieval with long documents',
        abstract: 'Dense retrieval of long documents with sparse attention.',
      }),
    ];
    writeFileSync(input, `${lines.join('\n')}\n`);
    const out = join(dir, 'dupes.json');
    const run = graphCli([input, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as PapermapGraphJSON;
    expect(json.nodes).toHaveLength(2);
    const reasons = json.attributes.stats.skipped.map((s) => `${s.origin} ${s.reason}`);
    expect(reasons).toHaveLength(3);
    expect(reasons.some((r) => r.includes('dupes.jsonl:2') && r.includes('duplicate of'))).toBe(true);
    expect(reasons.some((r) => r.includes('dupes.jsonl:3') && r.includes('invalid JSON'))).toBe(true);
    expect(reasons.some((r) => r.includes('dupes.jsonl:4'))).toBe(true);
    expect(run.stdout).toContain('skipped records (3)');
  });

  it('writes the same bytes with one worker and with two, on 6,000 real abstracts', () => {
    const text = gunzipSync(readFileSync(ARXIV)).toString('utf8');
    let end = 0;
    for (let i = 0; i < 6000; i++) end = text.indexOf('\n', end) + 1;
    const input = join(dir, 'arxiv-6000.jsonl');
    writeFileSync(input, text.slice(0, end));
    const one = graphCli([input, '--out', join(dir, 'w1.json'), '--workers', '1', '--quiet']);
    const two = graphCli([input, '--out', join(dir, 'w2.json'), '--workers', '2', '--quiet']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    const a = readFileSync(join(dir, 'w1.json'));
    const b = readFileSync(join(dir, 'w2.json'));
    expect(a.length).toBeGreaterThan(1_000_000);
    expect(a.equals(b)).toBe(true);
  });
});
