/**
 * The graph command's work: parse the inputs, run the pipeline on worker threads with a progress
 * bar on stderr, write the graph JSON atomically, and print a summary.
 */
import { SingleBar } from 'cli-progress';
import { type InputFile, ParseError, parseFiles } from '../../src/core/parse';
import { buildGraph, type GraphOptions } from '../../src/core/pipeline';
import type {
  PapermapGraphJSON,
  Progress,
  RecordNotice,
  SkippedRecord,
  StageName,
} from '../../src/core/types';
import { InputError, writeAtomically } from './input';
import { WorkerRunner } from './worker-runner';

export interface BuildFileRequest {
  inputs: InputFile[];
  out: string;
  options: Partial<GraphOptions>;
  workers: number;
  quiet: boolean;
  source: string;
}

/** How many skipped records and notices the summary lists before pointing at the JSON. */
const LIST_LIMIT = 40;
const CLUSTER_LIMIT = 30;

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

function listRecords(
  title: string,
  items: ReadonlyArray<SkippedRecord | RecordNotice>,
  out: string,
): string[] {
  if (items.length === 0) return [];
  const lines = [`${title} (${items.length}):`];
  for (const item of items.slice(0, LIST_LIMIT)) {
    // A notice's message names its file and line itself; a skipped record's origin is put first.
    lines.push(
      'reason' in item
        ? `  ${item.origin}: ${item.reason}${item.title ? ` — "${item.title.slice(0, 60)}"` : ''}`
        : `  ${item.message.replace(/^papermap\/parse: /, '')}`,
    );
  }
  if (items.length > LIST_LIMIT)
    lines.push(
      `  … and ${items.length - LIST_LIMIT} more${'reason' in items[0] ? ` (all in stats.skipped of ${out})` : ''}`,
    );
  return lines;
}

export function summary(
  graph: PapermapGraphJSON,
  read: number,
  notices: RecordNotice[],
  timings: Record<string, number>,
  out: string,
): string {
  const { stats, clusters } = graph.attributes;
  const lines = [
    `papermap graph: wrote ${out}`,
    `  records read   ${read}`,
    `  papers (nodes) ${stats.papers}`,
    `  skipped        ${stats.skipped.length}`,
    `  vocabulary     ${stats.vocabulary} terms`,
    `  edges          ${stats.edges}`,
    `  clusters       ${stats.clusters}, modularity ${stats.modularity}`,
    ...listRecords('skipped records', stats.skipped, out),
    ...listRecords('notices', notices, out),
    'clusters:',
    ...clusters
      .slice(0, CLUSTER_LIMIT)
      .map((c) => `  ${String(c.id).padStart(3)}  ${String(c.size).padStart(6)}  ${c.label}`),
    ...(clusters.length > CLUSTER_LIMIT
      ? [`  … and ${clusters.length - CLUSTER_LIMIT} smaller clusters`]
      : []),
    `time: ${Object.entries(timings)
      .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(2)} s`)
      .join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function buildGraphFile(request: BuildFileRequest): Promise<PapermapGraphJSON> {
  const started = performance.now();
  let parsed: ReturnType<typeof parseFiles>;
  try {
    parsed = parseFiles(request.inputs);
  } catch (error) {
    if (error instanceof ParseError) throw new InputError(error.message);
    throw error;
  }
  const parseMs = performance.now() - started;
  const read = parsed.papers.length + parsed.skipped.length;
  if (parsed.papers.length === 0) {
    const why = [
      ...parsed.skipped.map((s) => `${s.origin}: ${s.reason}`),
      ...parsed.notices.map((n) => `${n.origin}: ${n.message}`),
    ];
    throw new InputError(
      `no papers found in ${request.source}${why.length ? `\n  ${why.slice(0, LIST_LIMIT).join('\n  ')}` : ''}`,
    );
  }
  const runner = new WorkerRunner(request.workers);
  const progress = progressReporter(request.quiet);
  try {
    const result = await buildGraph(
      { papers: parsed.papers, skipped: parsed.skipped, source: request.source },
      request.options,
      progress.report,
      runner,
    );
    progress.stop();
    writeAtomically(request.out, result.text);
    if (!request.quiet) {
      process.stdout.write(
        summary(result.graph, read, parsed.notices, { parse: parseMs, ...result.timings }, request.out),
      );
    }
    return result.graph;
  } finally {
    progress.stop();
    await runner.close();
  }
}
