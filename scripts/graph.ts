/**
 * `npm run graph -- <files…> --out public/graph.json [options]`: builds the graph JSON of a set of
 * papers. Exit codes: 0 done, 1 internal error, 2 bad usage, 3 bad input.
 */
import { availableParallelism } from 'node:os';
import { buildGraphFile } from './lib/build';
import { InputError, readFiles } from './lib/input';
import { readPipelineOptions, UsageError } from './lib/options';

export const HELP = `papermap graph: build the related-paper graph of a set of papers

usage: npm run graph -- <files…> [--out FILE] [options]

Files are the Hugging Face daily-papers page dump (.txt), a JSON array (.json) or JSON Lines
(.jsonl) of {title, abstract, authors?, year?, url?, doi?, arxiv?}; any of them may be gzipped (.gz).

  --out FILE            where to write the graph JSON (default public/graph.json)
  --workers N           worker threads for the text and similarity stages (default ${availableParallelism()}, the cores)
  --quiet               no progress bar and no summary
  --help                this text
${'' /* pipeline options follow */}`;

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof readPipelineOptions>['options'];
  let rest: string[];
  try {
    ({ options, rest } = readPipelineOptions(argv));
  } catch (error) {
    return usage((error as Error).message);
  }
  const files: string[] = [];
  let out = 'public/graph.json';
  let workers = availableParallelism();
  let quiet = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') {
      const { optionsHelp } = await import('./lib/options');
      process.stdout.write(`${HELP}${optionsHelp()}\n`);
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

  try {
    const inputs = readFiles(files);
    await buildGraphFile({ inputs, out, options, workers, quiet, source: files.join(', ') });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    if (error instanceof InputError) {
      process.stderr.write(`papermap graph: ${error.message}\n`);
      return 3;
    }
    if (error instanceof RangeError && error.message.startsWith('papermap:')) return usage(error.message);
    throw error;
  }
}

function usage(message: string): number {
  process.stderr.write(`papermap graph: ${message}\nRun "npm run graph -- --help" for the options.\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
