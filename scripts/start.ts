/**
 * `npm start`: make sure the default graph is built and up to date, then serve the app.
 *
 *   tsx scripts/start.ts [--build-only] [--no-open]
 *
 * The graph (`public/graph.json`) is rebuilt by the graph CLI when it is missing or older than
 * the data file or the pipeline code; otherwise the existing file is reused. With `--build-only`
 * (used by `npm run build`) it stops there; otherwise it builds the app, serves it and opens the
 * browser, unless `CI` is set or `--no-open` is given.
 */
import { spawn } from 'node:child_process';
import { mkdir, utimes } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';
import { checkFreshness, stampFile } from './lib/freshness';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Paths relative to the repository root. */
const DEFAULTS = {
  data: 'data/hf-papers-mar20.txt',
  out: 'public/graph.json',
  cli: 'scripts/graph.ts',
  /** Code that decides what the graph contains: when it changes, the graph may change. */
  pipeline: ['src/core', 'scripts/graph.ts', 'scripts/lib'],
} as const;

const USAGE = 'usage: npm start [-- --no-open] | tsx scripts/start.ts [--build-only] [--no-open]';
const REBUILD_BY_HAND = `npm run graph -- ${DEFAULTS.data} --out ${DEFAULTS.out}`;

/** Exit codes shared with the graph CLI. */
const EXIT = { usage: 2, input: 3 } as const;

function fail(message: string, code: number): never {
  console.error(`papermap: ${message}`);
  process.exit(code);
}

function parseCommandLine(argv: string[]): { buildOnly: boolean; open: boolean } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        'build-only': { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return { buildOnly: values['build-only'], open: !values['no-open'] && !isCI() };
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, EXIT.usage);
  }
}

/** CI services set `CI` (usually to "true"); an empty value or "false" means not CI. */
function isCI(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== '' && value.toLowerCase() !== 'false' && value !== '0';
}

/** Run the graph CLI on the default data with the same node, through tsx's loader. */
function runGraphCli(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const args = ['--import', 'tsx', DEFAULTS.cli, DEFAULTS.data, '--out', DEFAULTS.out];
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => done({ code, signal }));
  });
}

/**
 * Build the default graph when it is stale, and say in one line whether it was rebuilt or reused
 * (the graph CLI prints its own progress in between).
 */
async function ensureGraph(): Promise<void> {
  const inputs = [DEFAULTS.data, ...DEFAULTS.pipeline];
  const before = await checkFreshness(DEFAULTS.out, inputs);
  if (before.fresh) {
    console.log(`papermap: reusing ${DEFAULTS.out} (${before.reason})`);
    return;
  }
  if ((await stampFile(DEFAULTS.cli)) === null) {
    fail(
      `cannot build ${DEFAULTS.out} (${before.reason}): the graph CLI ${DEFAULTS.cli} is missing`,
      EXIT.input,
    );
  }

  await mkdir(dirname(DEFAULTS.out), { recursive: true });
  const started = performance.now();
  const { code, signal } = await runGraphCli();
  if (code !== 0) {
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    fail(
      `building ${DEFAULTS.out} failed: the graph CLI ${how}. To retry by hand: ${REBUILD_BY_HAND}`,
      code ?? 1,
    );
  }

  const after = await checkFreshness(DEFAULTS.out, inputs);
  if (!after.fresh) {
    const written = await stampFile(DEFAULTS.out);
    if (written === null || written.size === 0) {
      fail(`the graph CLI exited with code 0 but did not write ${DEFAULTS.out}`, EXIT.input);
    }
    // The CLI may leave an unchanged file untouched; it is current now, so say so for next time.
    const now = new Date();
    await utimes(DEFAULTS.out, now, now);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`papermap: rebuilt ${DEFAULTS.out} in ${seconds} s (${before.reason})`);
}

async function main(): Promise<void> {
  const options = parseCommandLine(process.argv.slice(2));
  // Every path above is relative to the repository root, wherever npm was started from.
  process.chdir(ROOT);
  await ensureGraph();
  if (options.buildOnly) return;

  // The built app, not the dev server: one bundle is what the "interactive HTML file" export
  // inlines, and it loads faster. `npm run dev` is there for working on the app itself.
  await build({ root: ROOT, logLevel: 'warn' });
  const server = await preview({ root: ROOT, preview: { open: options.open } });
  const url = server.resolvedUrls?.local[0] ?? 'http://localhost:4173/';
  console.log(`papermap: serving ${url}${options.open ? ' (opening it in your browser)' : ''}`);
  server.printUrls();
}

main().catch((error: unknown) => {
  console.error('papermap:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
