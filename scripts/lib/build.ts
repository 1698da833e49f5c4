/**
 * The graph command's work: parse the inputs, run the pipeline on worker threads with a progress
 * bar on stderr, write the graph JSON atomically, and print a summary.
 */
import { SingleBar } from 'cli-progress';
import { type FormatName, type ParsedFiles, parseFiles } from '../../src/core/parse';
import { buildGraph, type GraphOptions, type ShardRunner } from '../../src/core/pipeline';
import { graphTextParts } from '../../src/core/serialize';
import type { PapermapGraphJSON, Progress, StageName } from '../../src/core/types';
import { InputError, readFiles } from './input';
import { writeAtomically } from './output';
import { summary, withoutModule } from './summary';

/** How many reasons a "no papers found" error lists. */
const REASON_LIMIT = 40;

export interface ParsedInputs {
  parsed: ParsedFiles;
  parseMs: number;
}

/**
 * Reads and parses the input files (paths resolved against `base`). Every file that cannot be read
 * at all (missing, binary, broken as a whole) is an InputError, one line per file, before any
 * pipeline work; so is a set of files with no papers in it.
 */
export async function parseInputs(
  paths: readonly string[],
  base: string,
  format: FormatName | undefined,
): Promise<ParsedInputs> {
  const started = performance.now();
  const { files, unreadable } = readFiles(paths, base);
  const parsed = await parseFiles(files, format === undefined ? {} : { format });
  const problems = [...unreadable, ...parsed.failed.map((error) => withoutModule(error.message))];
  if (problems.length > 0) throw new InputError(problems);
  if (parsed.papers.length === 0) {
    const why = [
      ...parsed.skipped.map((s) => `${s.origin}: ${s.reason}`),
      ...parsed.notices.map((n) => withoutModule(n.message)),
    ];
    const listed = why.length > 0 ? `\n  ${why.slice(0, REASON_LIMIT).join('\n  ')}` : '';
    throw new InputError(`no papers found in ${paths.join(', ')}${listed}`);
  }
  return { parsed, parseMs: performance.now() - started };
}

export interface BuildFileRequest extends ParsedInputs {
  /** Resolved path to write; `outName` is how the user named it, for messages. */
  out: string;
  outName: string;
  options: Partial<GraphOptions>;
  /** Runs the shards (the caller's, to start before parsing and to close). */
  runner: ShardRunner;
  quiet: boolean;
  source: string;
}

function progressReporter(quiet: boolean): { report: (p: Progress) => void; stop: () => void } {
  if (quiet) return { report: () => {}, stop: () => {} };
  if (!process.stderr.isTTY) {
    // No terminal to redraw: one line per stage when it starts.
    let stage: StageName | null = null;
    return {
      report: (p) => {
        if (p.stage !== stage) process.stderr.write(`papermap graph: ${p.stage}…\n`);
        stage = p.stage;
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar({
    stream: process.stderr,
    format: '{stage} [{bar}] {percentage}% | {value}/{total}',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
  });
  let stage: StageName | null = null;
  return {
    report: (p) => {
      if (p.stage !== stage) {
        if (stage !== null) bar.stop();
        bar.start(p.total, p.done, { stage: p.stage.padEnd(10) });
        stage = p.stage;
      } else bar.update(p.done);
    },
    stop: () => bar.stop(),
  };
}

export async function buildGraphFile(request: BuildFileRequest): Promise<PapermapGraphJSON> {
  const { parsed, runner } = request;
  const progress = progressReporter(request.quiet);
  try {
    const result = await buildGraph(
      { papers: parsed.papers, skipped: parsed.skipped, source: request.source },
      request.options,
      progress.report,
      runner,
    );
    progress.stop();
    const writing = performance.now();
    writeAtomically(request.out, graphTextParts(result.graph));
    // Writing is the end of the serialize stage as a user waits for it.
    result.timings.serialize += performance.now() - writing;
    if (!request.quiet) {
      process.stdout.write(
        summary({
          graph: result.graph,
          files: parsed.files,
          notices: parsed.notices,
          timings: { parse: request.parseMs, ...result.timings },
          out: request.outName,
        }),
      );
    }
    return result.graph;
  } finally {
    progress.stop();
  }
}
