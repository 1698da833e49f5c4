/**
 * `npm run graph -- <files…> [--out FILE] [options]`: builds the graph JSON of a set of papers.
 * Exit codes: 0 done, 1 internal error, 2 bad usage, 3 bad input.
 */
import { availableParallelism } from 'node:os';
import { FORMAT_NAMES, formatTitle } from '../src/core/parse';
import { DEFAULTS, validateOptions } from '../src/core/pipeline';
import { WARM_INPUT_BYTES } from '../src/core/shards';
import { buildGraphFile, parseInputs } from './lib/build';
import { InputError, inputBytes, sourceOf } from './lib/input';
import { formatHelp, optionsHelp, readBuildOptions, UsageError, wrapList } from './lib/options';
import { checkOutput, removeStaleTemps } from './lib/output';
import { userDirectory } from './lib/paths';
import { WorkerRunner } from './lib/worker-runner';

export const HELP = `papermap graph: build the related-paper graph of a set of papers

usage: npm run graph -- <files…> [--out FILE] [options]

Files may be any mix of
${wrapList(FORMAT_NAMES.map(formatTitle), 2)}
each read as the format its content shows (else its name says), unless --format says otherwise;
any of them may be gzipped. Paths are relative to the directory you ran npm in.

  --out FILE            where to write the graph JSON (default graph.json, where you ran npm)
  --workers N           worker threads for the text and similarity stages (default ${availableParallelism()}, the cores)
  --quiet               no progress bar and no summary
  --help                this text
`;

const DEFAULT_OUT = 'graph.json';

async function main(argv: string[]): Promise<number> {
  let build: ReturnType<typeof readBuildOptions>;
  try {
    build = readBuildOptions(argv);
  } catch (error) {
    return usage((error as Error).message);
  }
  const files: string[] = [];
  let out = DEFAULT_OUT;
  let workers = availableParallelism();
  let quiet = false;
  const { rest } = build;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${HELP}${formatHelp()}\n${optionsHelp()}\n`);
      return 0;
    }
    if (arg === '--out' || arg === '-o') {
      const value = rest[++i];
      if (value === undefined) return usage('--out needs a file name');
      out = value;
    } else if (arg.startsWith('--out=')) out = arg.slice(6);
    else if (arg === '--workers') {
      workers = Number(rest[++i]);
      if (!Number.isInteger(workers) || workers < 1)
        return usage(`--workers must be a whole number ≥ 1, got "${rest[i]}"`);
    } else if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg.startsWith('-') && arg !== '-') return usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) return usage('no input files given');

  // Everything that can be wrong with the command line is found before the first file is read.
  const base = userDirectory();
  let outPath: string;
  try {
    validateOptions({ ...DEFAULTS, ...build.options });
    outPath = checkOutput(out, files, base);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    if (error instanceof RangeError && error.message.startsWith('papermap:')) return usage(error.message);
    throw error;
  }
  for (const temp of removeStaleTemps(outPath))
    if (!quiet) process.stderr.write(`papermap graph: removed ${temp}, left by a run that was stopped\n`);

  const runner = new WorkerRunner(workers);
  if (inputBytes(files, base) >= WARM_INPUT_BYTES) runner.warm();
  try {
    const inputs = await parseInputs(files, base, build.format);
    await buildGraphFile({
      ...inputs,
      out: outPath,
      outName: out,
      options: build.options,
      runner,
      quiet,
      source: sourceOf(files),
    });
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      for (const problem of error.problems) process.stderr.write(`papermap graph: ${problem}\n`);
      return 3;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOSPC' || code === 'ENOTDIR') {
      // The output was checked at the start; it can still fail if the disk fills or a directory changes.
      process.stderr.write(`papermap graph: cannot write ${out}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await runner.close();
  }
}

function usage(message: string): number {
  process.stderr.write(`papermap graph: ${message}\nRun "npm run graph -- --help" for the options.\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
