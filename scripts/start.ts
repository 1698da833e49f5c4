/**
 * `npm start`: build (or reuse) the graph to show, then build the app and serve it.
 *
 *   npm start                                   the default papers (data/hf-papers-mar20.txt)
 *   npm start -- refs.bib scopus.csv [options]  the graph of your own files, with pipeline options
 *   npm start -- my-graph.json                  a papermap graph, shown as it is
 *   tsx scripts/start.ts [--build-only] [--no-open] …
 *
 * Graphs are built by the graph CLI into the cache (`.cache/`, or PAPERMAP_CACHE): the default one
 * to `default-graph.json`, which `vite build` copies into `dist/`; a user's files to
 * `graphs/<hash of their paths and options>.json`. A graph is rebuilt unless it records the same
 * source and options and is newer than its input files and the pipeline code. A papermap graph the
 * user names is never written to. With `--build-only` (used by `npm run build`) it stops there;
 * otherwise it builds the app into the cache and serves it with the chosen graph as /graph.json,
 * opening the browser unless `CI` is set or `--no-open` is given.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';
import { DEFAULTS, validateOptions } from '../src/core/pipeline';
import { type BuildRecord, checkFreshness, judgeRecord, stampFile } from './lib/freshness';
import { isPapermapGraph, readBuildHeader } from './lib/graph-file';
import { sourceOf } from './lib/input';
import {
  type BuildOptions,
  buildOptionArgs,
  formatHelp,
  optionsHelp,
  readBuildOptions,
  UsageError,
} from './lib/options';
import {
  appBuildDirectory,
  DEFAULT_DATA,
  defaultGraphPath,
  displayPath,
  PIPELINE_CODE,
  ROOT,
  userDirectory,
  userGraphPath,
} from './lib/paths';

const CLI = join(ROOT, 'scripts/graph.ts');

const USAGE = `usage: npm start [-- [files…] [pipeline options] [--no-open]]
       tsx scripts/start.ts [--build-only] [--no-open] [files…] [pipeline options]
Files are papers to build a graph of (see npm run graph -- --help), or one papermap graph to open as it is.`;

/** Exit codes shared with the graph CLI. */
const EXIT = { usage: 2, input: 3 } as const;

function fail(message: string, code: number): never {
  console.error(`papermap: ${message}`);
  process.exit(code);
}

interface CommandLine extends BuildOptions {
  buildOnly: boolean;
  open: boolean;
  files: string[];
}

function parseCommandLine(argv: string[]): CommandLine {
  try {
    const { options, format, rest } = readBuildOptions(argv);
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        'build-only': { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      console.log(`${USAGE}\n\n${formatHelp()}\n${optionsHelp()}`);
      process.exit(0);
    }
    // Bad option values are found here, not after the graph CLI has started.
    validateOptions({ ...DEFAULTS, ...options });
    return {
      buildOnly: values['build-only'],
      open: !values['no-open'] && !isCI(),
      files: positionals,
      options,
      format,
    };
  } catch (error) {
    fail(`${(error as Error).message.replace(/^papermap: /, '')}\n${USAGE}`, EXIT.usage);
  }
}

/** CI services set `CI` (usually to "true"); an empty value or "false" means not CI. */
function isCI(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== '' && value.toLowerCase() !== 'false' && value !== '0';
}

/** A graph to build with the graph CLI: from `files` (as typed, relative to `base`) into `out`. */
interface GraphBuild {
  files: string[];
  base: string;
  build: BuildOptions;
  out: string;
  /** What the graph must record to be reused. */
  asked: BuildRecord;
  /** Files and directories it is made from, for the modification times. */
  inputs: string[];
}

/** What `npm start` shows: a graph it builds (or reuses), or a papermap graph the user named. */
type Plan = { kind: 'build'; graph: GraphBuild } | { kind: 'open'; path: string; name: string };

function hasOptions(build: BuildOptions): boolean {
  return Object.keys(build.options).length > 0 || build.format !== undefined;
}

/** Whether a named file is a papermap graph; a file that cannot be read is left to the graph CLI to report. */
async function isGraphFile(path: string): Promise<boolean> {
  try {
    return await isPapermapGraph(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return false;
    throw new UsageError((error as Error).message);
  }
}

async function plan(command: CommandLine): Promise<Plan> {
  const defaultPapers = command.files.length === 0;
  const base = defaultPapers ? ROOT : userDirectory();
  const files = defaultPapers ? [DEFAULT_DATA] : command.files;
  const absolute = files.map((file) => resolve(base, file));

  if (!defaultPapers) {
    const graphs: string[] = [];
    for (const [i, path] of absolute.entries()) if (await isGraphFile(path)) graphs.push(files[i]);
    if (graphs.length > 0) {
      if (files.length > 1)
        throw new UsageError(
          `${graphs[0]} is a papermap graph: open it on its own (npm start -- ${graphs[0]})`,
        );
      if (hasOptions(command))
        throw new UsageError(
          `${files[0]} is a papermap graph, shown as it was built: options apply only to building from papers`,
        );
      return { kind: 'open', path: absolute[0], name: files[0] };
    }
  }

  const build: BuildOptions = { options: command.options, format: command.format };
  const params = { ...DEFAULTS, ...command.options };
  // The default graph is the default papers with the default options; anything else is a user's.
  const out =
    defaultPapers && !hasOptions(build)
      ? defaultGraphPath()
      : userGraphPath({ files: absolute, params, format: build.format ?? null });
  return {
    kind: 'build',
    graph: {
      files,
      base,
      build,
      out,
      asked: { source: sourceOf(files), params },
      inputs: [...absolute, ...PIPELINE_CODE],
    },
  };
}

function graphCliArgs(graph: GraphBuild): string[] {
  return [...graph.files, '--out', graph.out, ...buildOptionArgs(graph.build)];
}

/** Run the graph CLI with the same node, through tsx's loader, on paths relative to `base`. */
function runGraphCli(graph: GraphBuild): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const args = ['--import', 'tsx', CLI, ...graphCliArgs(graph)];
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, INIT_CWD: graph.base },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => done({ code, signal }));
  });
}

/**
 * Build the graph when it is not what would be built now, and say in one line whether it was
 * rebuilt or reused (the graph CLI prints its own progress and summary in between).
 */
async function ensureGraph(graph: GraphBuild): Promise<void> {
  const name = displayPath(graph.out);
  const before = await checkFreshness(graph.out, graph.inputs, graph.asked);
  if (before.fresh) {
    console.log(`papermap: reusing ${name} (${before.reason})`);
    return;
  }
  const started = performance.now();
  const { code, signal } = await runGraphCli(graph);
  if (code !== 0) {
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    const quote = (arg: string): string =>
      /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
    fail(
      `building ${name} failed: the graph CLI ${how}. To retry by hand: npm run graph -- ${graphCliArgs(graph).map(quote).join(' ')}`,
      code ?? 1,
    );
  }

  const written = await stampFile(graph.out);
  if (written === null || written.size === 0)
    fail(`the graph CLI exited with code 0 but did not write ${name}`, EXIT.input);
  const record = judgeRecord(await readBuildHeader(graph.out), graph.asked);
  if (!record.fresh) fail(`the graph CLI wrote ${name}, but ${record.reason}`, 1);
  const after = await checkFreshness(graph.out, graph.inputs);
  if (!after.fresh) {
    // On a file system with coarse times the new graph can look as old as its inputs: it is current.
    const now = new Date();
    await utimes(graph.out, now, now);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`papermap: built ${name} from ${graph.asked.source} in ${seconds} s (${before.reason})`);
}

async function main(): Promise<void> {
  const command = parseCommandLine(process.argv.slice(2));
  let chosen: Plan;
  try {
    chosen = await plan(command);
  } catch (error) {
    if (error instanceof UsageError) fail(error.message, EXIT.usage);
    throw error;
  }
  if (existsSync(join(ROOT, 'public/graph.json'))) {
    console.log(
      'papermap: public/graph.json is no longer served (graphs now live in .cache/); to open it: npm start -- public/graph.json',
    );
  }

  let served: string;
  if (chosen.kind === 'open') {
    served = chosen.path;
    console.log(`papermap: ${chosen.name} is a papermap graph: showing it as it is`);
  } else {
    await ensureGraph(chosen.graph);
    served = chosen.graph.out;
  }
  if (command.buildOnly) return;

  // The built app, not the dev server: one bundle is what the "interactive HTML file" export
  // inlines, and it loads faster. It is built into the cache, not dist/, so a deployable dist/
  // from `npm run build` keeps the default graph. `npm run dev` is there for working on the app.
  process.env.PAPERMAP_GRAPH = served;
  const outDir = appBuildDirectory();
  await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root: ROOT, build: { outDir }, preview: { open: command.open } });
  const url = server.resolvedUrls?.local[0] ?? 'http://localhost:4173/';
  console.log(
    `papermap: serving ${url} with ${displayPath(served)}${command.open ? ' (opening it in your browser)' : ''}`,
  );
  server.printUrls();
}

main().catch((error: unknown) => {
  console.error('papermap:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
