/**
 * `npm start` as a user runs it: the default papers, their own files, or a graph of their own,
 * built into (or reused from) the cache and served as /graph.json. Each test has its own cache
 * (PAPERMAP_CACHE), so nothing in the repository's .cache/ is read or written.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/core/pipeline';
import type { PapermapGraphJSON } from '../../src/core/types';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SMALL_GRAPH = join(root, 'test/fixtures/graph-small.json');
let dir = '';
let cache = '';

const env = (): NodeJS.ProcessEnv => ({ ...process.env, CI: '1', INIT_CWD: dir, PAPERMAP_CACHE: cache });

function start(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: env(),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the graph CLI itself, with paths relative to `cwd` (the test's directory by default). */
function graphCli(args: string[], cwd = dir): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/graph.ts', ...args, '--quiet'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...env(), INIT_CWD: cwd },
  });
  expect(run.status, run.stderr).toBe(0);
}

/** Dates a file an hour ahead, so that only what it records can make it stale. */
const aheadOfEverything = (path: string): void => {
  const ahead = new Date(Date.now() + 3_600_000);
  utimesSync(path, ahead, ahead);
};

const readGraph = (path: string): PapermapGraphJSON =>
  JSON.parse(readFileSync(path, 'utf8')) as PapermapGraphJSON;

/** The graph file a start run says it built or reused. */
function graphPathOf(stdout: string): string {
  const match = /papermap: (?:built|reusing) (\S+\.json)/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  return (match as RegExpExecArray)[1];
}

const PAPERS = [
  {
    title: 'Sparse attention for long documents',
    abstract: 'Sparse attention scales transformers to long documents.',
  },
  {
    title: 'Dense retrieval with long documents',
    abstract: 'Dense retrieval of long documents with sparse attention.',
  },
  {
    title: 'Graph neural networks for citation maps',
    abstract: 'Citation graphs with neural networks and attention.',
  },
];
const writePapers = (name: string): string => {
  const path = join(dir, name);
  writeFileSync(path, `${PAPERS.map((p) => JSON.stringify(p)).join('\n')}\n`);
  return path;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'papermap-start-'));
  cache = join(dir, 'cache');
});

describe('npm start --build-only', () => {
  it('builds the default graph into the cache, reuses it, and rebuilds when it records other options or files', () => {
    const defaultGraph = join(cache, 'default-graph.json');
    const first = start(['--build-only']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`papermap: built ${defaultGraph} from data/hf-papers-mar20.txt`);
    expect(first.stdout).toContain('(it does not exist yet)');
    const built = readGraph(defaultGraph);
    expect(built.nodes).toHaveLength(104);
    expect(built.attributes.source).toBe('data/hf-papers-mar20.txt');
    expect(built.attributes.params).toEqual({ ...DEFAULTS });

    const again = start(['--build-only']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`papermap: reusing ${defaultGraph}`);
    expect(again.stdout).toContain('built from the same source with the same options');

    // Newer than everything (dated ahead, so that code edited meanwhile cannot be newer), but built
    // with k = 3: not the default graph.
    graphCli(['data/hf-papers-mar20.txt', '--k', '3', '--out', defaultGraph], root);
    aheadOfEverything(defaultGraph);
    const otherOptions = start(['--build-only']);
    expect(otherOptions.status, otherOptions.stderr).toBe(0);
    expect(otherOptions.stdout).toContain(`papermap: built ${defaultGraph}`);
    expect(otherOptions.stdout).toContain('(it was built with k = 3, not 5)');
    expect(readGraph(defaultGraph).attributes.params.k).toBe(DEFAULTS.k);

    // Newer than everything and with the default options, but of other papers.
    writePapers('mine.jsonl');
    graphCli(['mine.jsonl', '--out', defaultGraph]);
    aheadOfEverything(defaultGraph);
    const otherSource = start(['--build-only']);
    expect(otherSource.stdout).toContain('(it was built from "mine.jsonl", not "data/hf-papers-mar20.txt")');
    expect(readGraph(defaultGraph).nodes).toHaveLength(104);
  });

  it("builds a user's files into a cache file of their own, reused until a file or an option changes", () => {
    const papers = writePapers('mine.jsonl');
    const first = start(['--build-only', 'mine.jsonl', '--k', '2']);
    expect(first.status, first.stderr).toBe(0);
    const path = graphPathOf(first.stdout);
    expect(path).toMatch(new RegExp(`^${join(cache, 'graphs')}/[0-9a-f]{16}\\.json$`));
    expect(first.stdout).toContain(`built ${path} from mine.jsonl`);
    // The graph CLI's per-file summary is shown on the way.
    expect(first.stdout).toContain('mine.jsonl: read as JSON Lines (jsonl)');
    const graph = readGraph(path);
    expect(graph.attributes.source).toBe('mine.jsonl');
    expect(graph.attributes.params.k).toBe(2);
    expect(graph.nodes).toHaveLength(3);
    // The default graph is neither built nor needed for this.
    expect(existsSync(join(cache, 'default-graph.json'))).toBe(false);

    const again = start(['--build-only', 'mine.jsonl', '--k', '2']);
    expect(again.stdout).toContain(`papermap: reusing ${path}`);

    const bytes = readFileSync(path);
    const otherOptions = start(['--build-only', 'mine.jsonl', '--k', '1']);
    const otherPath = graphPathOf(otherOptions.stdout);
    expect(otherPath).not.toBe(path);
    expect(readGraph(otherPath).attributes.params.k).toBe(1);
    expect(readFileSync(path).equals(bytes)).toBe(true);

    const later = new Date(Date.now() + 60_000);
    utimesSync(papers, later, later);
    const changed = start(['--build-only', 'mine.jsonl', '--k', '2']);
    expect(changed.stdout).toContain(`built ${path} from mine.jsonl`);
    expect(changed.stdout).toContain(`(${papers} changed since it was built)`);
  });

  it('shows a papermap graph the user names as it is, and never writes it', () => {
    const mine = join(dir, 'my-graph.json');
    copyFileSync(SMALL_GRAPH, mine);
    // Older than every input and all the pipeline code: it would be stale if it were a build.
    const old = new Date('2001-02-03T04:05:06Z');
    utimesSync(mine, old, old);
    const run = start(['--build-only', 'my-graph.json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('papermap: my-graph.json is a papermap graph: showing it as it is');
    expect(readFileSync(mine).equals(readFileSync(SMALL_GRAPH))).toBe(true);
    expect(statSync(mine).mtime).toEqual(old);
    expect(existsSync(cache)).toBe(false);
  });

  it.each([
    [['my-graph.json', '--k', '3'], 2, 'options apply only to building from papers'],
    [['my-graph.json', 'mine.jsonl'], 2, 'my-graph.json is a papermap graph: open it on its own'],
    [['mine.jsonl', '--format', 'docx'], 2, '--format must be one of'],
    [['--frobnicate'], 2, "Unknown option '--frobnicate'"],
    [['mine.jsonl', 'missing.bib'], 3, 'missing.bib: cannot read: no such file'],
  ])('exits with the graph CLI codes for %j', (args, status, message) => {
    copyFileSync(SMALL_GRAPH, join(dir, 'my-graph.json'));
    writePapers('mine.jsonl');
    const run = start(['--build-only', ...args]);
    expect(run.status).toBe(status);
    expect(run.stderr).toContain(message);
  });
});

describe('npm start serving', () => {
  let child: ChildProcess | null = null;

  afterEach(async () => {
    if (child !== null && child.exitCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    child = null;
  });

  /** Starts `npm start -- --no-open …` and waits for the URL it serves. */
  async function serve(args: string[]): Promise<string> {
    const running = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-open', ...args], {
      cwd: root,
      env: env(),
    });
    child = running;
    let output = '';
    return new Promise((done, fail) => {
      const onData = (data: Buffer) => {
        output += data.toString();
        const match = /papermap: serving (http:\/\/\S+\/) with /.exec(output);
        if (match) done(match[1]);
      };
      running.stdout.on('data', onData);
      running.stderr.on('data', onData);
      running.once('exit', (code) =>
        fail(new Error(`npm start exited with ${code} before serving:\n${output}`)),
      );
    });
  }

  async function stop(): Promise<void> {
    if (child === null) return;
    const exited = new Promise((done) => child?.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    child = null;
  }

  it("serves the user's graph as /graph.json, and the default papers' graph never replaces it", async () => {
    const mine = join(dir, 'my-graph.json');
    copyFileSync(SMALL_GRAPH, mine);
    const bytes = readFileSync(mine);

    const url = await serve(['my-graph.json']);
    const served = Buffer.from(await (await fetch(`${url}graph.json`)).arrayBuffer());
    expect(served.equals(bytes)).toBe(true);
    // The app built for it holds the same graph, and nothing else beside the page and its assets.
    const app = join(cache, 'app');
    expect(readdirSync(app).sort()).toEqual(['assets', 'graph.json', 'index.html']);
    expect(readFileSync(join(app, 'graph.json')).equals(bytes)).toBe(true);
    await stop();

    const defaultUrl = await serve([]);
    const defaultGraph = (await (await fetch(`${defaultUrl}graph.json`)).json()) as PapermapGraphJSON;
    expect(defaultGraph.attributes.source).toBe('data/hf-papers-mar20.txt');
    expect(defaultGraph.nodes).toHaveLength(104);
    await stop();

    expect(readFileSync(mine).equals(bytes)).toBe(true);
    const againUrl = await serve(['my-graph.json']);
    const again = Buffer.from(await (await fetch(`${againUrl}graph.json`)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
  });
});
