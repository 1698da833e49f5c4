/**
 * The graph command as a user runs it: real files in, graph JSON out, exit codes that tell bad
 * usage (2) from bad input (3), the output checked before any work, atomic output, a summary per
 * input file, and the same bytes whatever the worker count.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Graph from 'graphology';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTION_SPECS } from '../../scripts/lib/options';
import { FORMAT_NAMES } from '../../src/core/parse';
import type { PapermapGraphJSON } from '../../src/core/types';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULT_DATA = join(root, 'data/hf-papers-mar20.txt');
/** The first 6,000 lines of the arXiv RSS set of the shared data (see test/fixtures/data/README.md). */
const ARXIV_6000 = join(root, 'test/fixtures/data/arxiv-rss-first6000.jsonl.gz');
/** Every stage announces itself on stderr when it starts; none may have started after a usage error. */
const STAGE_LINE = /papermap graph: (text|tfidf|similarity)…/;
let dir = '';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the graph CLI as `npm run graph` does: from the repository root, with the directory the
 * user ran npm in as INIT_CWD (the temp dir unless `cwd` says otherwise). `asUser` runs it as
 * another user (only possible as root), so that file permissions apply.
 */
function graphCli(args: string[], options: { cwd?: string; asUser?: number } = {}): Run {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/graph.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', INIT_CWD: options.cwd ?? dir },
    ...(options.asUser === undefined ? {} : { uid: options.asUser, gid: options.asUser }),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const readGraph = (path: string): PapermapGraphJSON =>
  JSON.parse(readFileSync(path, 'utf8')) as PapermapGraphJSON;

/** A small JSON Lines file with two papers, one duplicate, one broken line and one record without a title. */
const DUPES = [
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
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'papermap-cli-'));
  // Traversable by everyone, so the run as another user below can read its inputs.
  chmodSync(dir, 0o755);
});

describe('npm run graph', () => {
  it('builds the default graph, writes it, and summarises what it read and found', () => {
    const out = join(dir, 'default.json');
    const run = graphCli([DEFAULT_DATA, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const json = readGraph(out);
    expect(json.nodes).toHaveLength(104);
    const graph = Graph.from(json as unknown as Parameters<typeof Graph.from>[0]);
    expect(graph.order).toBe(104);
    expect(run.stdout).toContain('records read   104');
    expect(run.stdout).toContain('papers (nodes) 104');
    expect(run.stdout).toMatch(/modularity 0\.\d+/);
    for (const cluster of json.attributes.clusters) expect(run.stdout).toContain(cluster.label);
    expect(run.stdout).toMatch(/time: parse [\d.]+ s, text [\d.]+ s/);
  });

  it('resolves paths against the directory npm was run in, and writes graph.json there by default', () => {
    const here = join(dir, 'here');
    mkdirSync(here);
    writeFileSync(join(here, 'mine.jsonl'), `${DUPES}\n`);
    const run = graphCli(['mine.jsonl', '--quiet'], { cwd: here });
    expect(run.status, run.stderr).toBe(0);
    const json = readGraph(join(here, 'graph.json'));
    expect(json.attributes.source).toBe('mine.jsonl');
    expect(json.nodes).toHaveLength(2);
    expect(existsSync(join(root, 'graph.json'))).toBe(false);
  });

  it('lists every option with its default, and every format, in --help', () => {
    const run = graphCli(['--help']);
    expect(run.status).toBe(0);
    for (const spec of OPTION_SPECS)
      expect(run.stdout).toMatch(new RegExp(`--${spec.flag}\\b.*\\(default [^)]+\\)`));
    expect(run.stdout).toContain('--out FILE');
    expect(run.stdout).toContain(`--format NAME`);
    for (const format of FORMAT_NAMES) expect(run.stdout).toContain(format);
  });

  it.each([
    [[DEFAULT_DATA, '--frobnicate'], 'unknown option --frobnicate'],
    [[DEFAULT_DATA, '--k', 'many'], '--k must be a number'],
    [[DEFAULT_DATA, '--k', '0'], 'k must be an integer from 1 to 100'],
    [[DEFAULT_DATA, '--min-similarity', '1.5'], 'minSimilarity must be between 0 and 1'],
    [
      [DEFAULT_DATA, '--format', 'endnote-xml'],
      `--format must be one of ${FORMAT_NAMES.join(', ')}, got "endnote-xml"`,
    ],
    [[DEFAULT_DATA, '--format'], '--format needs a format name'],
    [[], 'no input files given'],
  ])('exits 2 for bad usage, before reading anything: %j', (args, message) => {
    const run = graphCli([...args, '--out', join(dir, 'never.json')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STAGE_LINE);
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

    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const none = graphCli([empty, '--out', out]);
    expect(none.status).toBe(3);
    expect(none.stderr).toContain('no papers found');
    expect(readFileSync(out, 'utf8')).toBe('previous graph');
  });

  it('names every file that cannot be read at all, once each, before any pipeline work', () => {
    const out = join(dir, 'kept-too.json');
    writeFileSync(out, 'previous graph');
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, `${DUPES}\n`);
    const png = join(dir, 'figure.png');
    // A PNG signature and the start of its IHDR chunk (PNG specification, section 5.2).
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const run = graphCli([good, png, join(dir, 'nope.bib'), '--out', out]);
    expect(run.status).toBe(3);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      `papermap graph: ${join(dir, 'nope.bib')}: cannot read: no such file`,
      expect.stringMatching(new RegExp(`^papermap graph: ${png}: this is a PNG image, not a list of papers`)),
    ]);
    expect(readFileSync(out, 'utf8')).toBe('previous graph');
  });

  it('prints a block per input file: format, records, papers, merged duplicates, skipped with reasons, warnings', () => {
    const a = join(dir, 'a.jsonl');
    writeFileSync(a, `${DUPES}\n`);
    const b = join(dir, 'b.json');
    writeFileSync(
      b,
      JSON.stringify([
        {
          title: 'Dense Retrieval with Long Documents',
          abstract: 'Dense retrieval, again, from another export.',
        },
        {
          title: 'Graph neural networks for citation maps',
          abstract: 'Citation graphs with neural networks.',
        },
        { title: 'A title and no abstract' },
      ]),
    );
    const out = join(dir, 'two.json');
    const run = graphCli([a, b, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const json = readGraph(out);
    const skipped = json.attributes.stats.skipped;
    const merged = skipped.filter((s) => s.duplicateOf !== undefined);

    const block = (file: string): string => {
      const start = run.stdout.indexOf(`\n${file}: read as `);
      expect(start, `no block for ${file} in:\n${run.stdout}`).toBeGreaterThan(-1);
      const end = run.stdout.slice(start + 1).search(/\n(?! )/);
      return run.stdout.slice(start + 1, start + 1 + end);
    };
    const first = block(a);
    expect(first).toMatch(/: read as JSON Lines \(jsonl\)\n/);
    expect(first).toContain('records read       5\n');
    expect(first).toContain('papers             3\n');
    expect(first).toMatch(/merged duplicates {2}1\n +.*a\.jsonl:2 merged into .*a\.jsonl:1/);
    expect(first).toMatch(/skipped {12}2\n +.*a\.jsonl:3: invalid JSON.*\n +.*a\.jsonl:4: no title/);
    expect(first).toContain('warnings           0');

    const second = block(b);
    expect(second).toMatch(/: read as JSON \(json\)\n/);
    expect(second).toContain('records read       3\n');
    expect(second).toContain('papers             3\n');
    // The second copy of "Dense retrieval…" is merged into one node, whichever record it keeps.
    const crossFile = merged.filter((s) => s.origin.startsWith(b) || s.duplicateOf?.startsWith(b));
    expect(crossFile).toHaveLength(1);
    expect(second).toMatch(/skipped {12}0\n/);
    // The record without an abstract is kept (its title is its text) and said so.
    const warnings = Number(/warnings +(\d+)/.exec(second)?.[1]);
    expect(warnings).toBeGreaterThanOrEqual(1);
    expect(second).toContain('A title and no abstract');

    // Per-file counts add up to the totals, and every record read is a node or a skipped record.
    expect(run.stdout).toContain('records read   8\n');
    expect(json.nodes.length + skipped.length).toBe(8);
    expect(run.stdout).toContain(`skipped        ${skipped.length} (${merged.length} merged duplicate`);
  });

  it('reads every file in the format --format names, whatever its content or name suggest', () => {
    // The daily-papers dump under a .jsonl name: by its name it would be read as JSON Lines.
    const disguised = join(dir, 'hf-page.jsonl');
    copyFileSync(DEFAULT_DATA, disguised);
    const guessed = graphCli([disguised, '--out', join(dir, 'guessed.json')]);
    expect(guessed.status).toBe(3);

    const forced = graphCli([disguised, '--format', 'hf-daily', '--out', join(dir, 'forced.json')]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readGraph(join(dir, 'forced.json')).nodes).toHaveLength(104);
    expect(forced.stdout).toContain(`${disguised}: read as Hugging Face daily-papers page (hf-daily)`);

    // JSON Lines forced to be read as one JSON document does not parse: an input error naming the line.
    const lines = join(dir, 'lines.jsonl');
    writeFileSync(lines, `${DUPES}\n`);
    const wrong = graphCli([lines, '--format=json', '--out', join(dir, 'wrong.json')]);
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toMatch(/lines\.jsonl.*line 2/);
  });

  it('reports skipped records with their reasons and still builds the graph', () => {
    const input = join(dir, 'dupes.jsonl');
    writeFileSync(input, `${DUPES}\n`);
    const out = join(dir, 'dupes.json');
    const run = graphCli([input, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const json = readGraph(out);
    expect(json.nodes).toHaveLength(2);
    const reasons = json.attributes.stats.skipped.map((s) => `${s.origin} ${s.reason}`);
    expect(reasons).toHaveLength(3);
    expect(reasons.some((r) => r.includes('dupes.jsonl:2') && r.includes('duplicate of'))).toBe(true);
    expect(reasons.some((r) => r.includes('dupes.jsonl:3') && r.includes('invalid JSON'))).toBe(true);
    expect(reasons.some((r) => r.includes('dupes.jsonl:4'))).toBe(true);
    expect(run.stdout).toContain('skipped        3 (1 merged duplicate)');
  });

  it('writes the same bytes with one worker and with two, on 6,000 real abstracts', () => {
    const one = graphCli([ARXIV_6000, '--out', join(dir, 'w1.json'), '--workers', '1', '--quiet']);
    const two = graphCli([ARXIV_6000, '--out', join(dir, 'w2.json'), '--workers', '2', '--quiet']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    const a = readFileSync(join(dir, 'w1.json'));
    const b = readFileSync(join(dir, 'w2.json'));
    expect(a.length).toBeGreaterThan(1_000_000);
    expect(a.equals(b)).toBe(true);
  });
});

describe('npm run graph --out, checked before any work', () => {
  const input = () => {
    const path = join(dir, 'input.jsonl');
    writeFileSync(path, `${DUPES}\n`);
    return path;
  };

  it('refuses to write over an input file, by its name or through a link, and leaves it untouched', () => {
    const path = input();
    const before = readFileSync(path);
    const same = graphCli([path, '--out', path]);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain(`--out ${path} is the input file ${path}`);

    const relative = graphCli(['input.jsonl', '--out', './input.jsonl']);
    expect(relative.status).toBe(2);
    expect(relative.stderr).toContain('--out ./input.jsonl is the input file input.jsonl');

    const link = join(dir, 'link-to-input.jsonl');
    symlinkSync(path, link);
    const linked = graphCli([path, DEFAULT_DATA, '--out', link]);
    expect(linked.status).toBe(2);
    expect(linked.stderr).toContain(`is the input file ${path}`);

    for (const run of [same, relative, linked]) expect(run.stderr).not.toMatch(STAGE_LINE);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it.each([
    ['a directory', () => dir, 'is a directory'],
    ['a name ending in a slash', () => join(dir, 'new-dir/'), 'names a directory'],
    ['a path under a file', () => join(input(), 'graph.json'), 'input.jsonl is a file, not a directory'],
    ['deeper under a file', () => join(input(), 'a/b/graph.json'), 'is a file, not a directory'],
    ['an empty name', () => '', '--out needs a file name'],
    ['a device', () => '/dev/null', 'is not a regular file'],
  ])('is a usage error for %s', (_name, out, message) => {
    const run = graphCli([input(), '--out', out()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STAGE_LINE);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('is a usage error for an empty --out= too', () => {
    const run = graphCli([input(), '--out=']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--out needs a file name');
  });

  it('is a usage error for a directory the user may not write to', () => {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    chmodSync(readOnly, 0o555);
    chmodSync(input(), 0o644);
    // Root may write anywhere, so as root the run is made as "nobody" for permissions to apply.
    const asUser = process.getuid?.() === 0 ? 65534 : undefined;
    const run = graphCli([join(dir, 'input.jsonl'), '--out', join(readOnly, 'sub/graph.json')], { asUser });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(`no write access to ${readOnly} (permission denied)`);
    expect(run.stderr).not.toMatch(STAGE_LINE);
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it('removes the temp file of a run that was killed, and keeps one of a run still going', () => {
    const out = join(dir, 'stale.json');
    // The pid of a process that has ended: nothing runs under it any more.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadTemp = `${out}.${ended.stdout}.tmp`;
    const liveTemp = `${out}.${process.pid}.tmp`;
    writeFileSync(deadTemp, '{"half-written');
    writeFileSync(liveTemp, '{"being written');
    const run = graphCli([input(), '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(deadTemp)).toBe(false);
    expect(run.stderr).toContain(`removed ${deadTemp}, left by a run that was stopped`);
    expect(existsSync(liveTemp)).toBe(true);
    expect(readGraph(out).nodes).toHaveLength(2);
  });
});
