/**
 * `npm run bench`: time and peak memory of each pipeline stage for 1,000, 10,000 and all 44,904
 * labelled papers of data/arxiv-rss-65k.jsonl.gz, each size in a fresh process, and the
 * label agreement of the edges. Reference for the 44,904: scikit-learn (TfidfVectorizer 1–2-grams,
 * chunked sparse top-5, Louvain) takes about 107 s and 2.6 GB peak on this 2-core machine.
 * `npm run bench -- --sizes 1000,5000` picks other sizes; pipeline options (e.g. --k 10) pass through.
 * Then the explorer as a person meets it, beside sigma.js drawing the same graph
 * (scripts/bench-explorer.ts): time to the final map, drag-pan and wheel-zoom frame rates,
 * click → panel, search keystrokes, paper drag and heap, at `--explorer-sizes` (default 1,000,
 * 5,000 and 44,904) and for each `--graph FILE`, in headless Chromium at 1440×900; `--json FILE`
 * and `--screenshots DIR` keep the figures and pictures, `--no-sigma` leaves sigma out,
 * `--measures pan,zoom,click,search,drag` picks measurements, `--no-explorer` (or `--no-frames`)
 * skips it all. `--map-frames` adds the map component alone, with programmatic pans
 * (scripts/bench-frames.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGraph } from '../src/core/pipeline';
import type { StageName } from '../src/core/types';
import { loadLabelled, nodeLabels } from './lib/arxiv-set';
import { graphAgreement } from './lib/metrics';
import { readPipelineOptions } from './lib/options';
import { WorkerRunner } from './lib/worker-runner';

const REFERENCE = { seconds: 107, peakMB: 2600, agreement: 0.4 };
const DEFAULT_SIZES = [1000, 10000, 44904];

interface StageFigure {
  stage: string;
  ms: number;
  peakMB: number;
}

interface SizeFigures {
  papers: number;
  stages: StageFigure[];
  totalMs: number;
  peakMB: number;
  agreement: number;
  edges: number;
  clusters: number;
}

/** Peak resident memory since the last reset, in MB (Linux: VmHWM of /proc/self/status). */
function peakMB(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** Starts a new peak-memory window (writing 5 to clear_refs resets VmHWM). */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Without it the figures are the peak so far, which only overstates later stages.
  }
}

async function measure(size: number, args: string[]): Promise<SizeFigures> {
  const { options } = readPipelineOptions(args);
  resetPeak();
  const loadStart = performance.now();
  const { papers, labels } = loadLabelled(size);
  const stages: StageFigure[] = [
    { stage: 'load+parse', ms: performance.now() - loadStart, peakMB: peakMB() },
  ];
  const runner = new WorkerRunner();
  let current: StageName | null = null;
  let stageStart = performance.now();
  const close = (): void => {
    if (current !== null)
      stages.push({ stage: current, ms: performance.now() - stageStart, peakMB: peakMB() });
  };
  const started = performance.now();
  const { graph } = await buildGraph(
    { papers, source: 'arxiv-rss-65k.jsonl.gz' },
    options,
    (p) => {
      if (p.stage === current) return;
      close();
      resetPeak();
      current = p.stage;
      stageStart = performance.now();
    },
    runner,
  );
  close();
  const totalMs = performance.now() - started + stages[0].ms;
  await runner.close();
  const agreement = graphAgreement(graph, nodeLabels({ papers, labels }, graph.nodes));
  return {
    papers: papers.length,
    stages,
    totalMs,
    peakMB: Math.max(...stages.map((s) => s.peakMB)),
    agreement,
    edges: graph.attributes.stats.edges,
    clusters: graph.attributes.stats.clusters,
  };
}

function report(f: SizeFigures): string {
  const lines = [`\n${f.papers} papers: ${(f.totalMs / 1000).toFixed(1)} s, peak ${f.peakMB.toFixed(0)} MB`];
  for (const s of f.stages)
    lines.push(
      `  ${s.stage.padEnd(12)} ${(s.ms / 1000).toFixed(2).padStart(7)} s  ${s.peakMB.toFixed(0).padStart(6)} MB`,
    );
  lines.push(`  edges ${f.edges}, clusters ${f.clusters}, label agreement ${f.agreement.toFixed(3)}`);
  if (f.papers >= 44904) {
    lines.push(
      `  vs scikit-learn reference (${REFERENCE.seconds} s, ${REFERENCE.peakMB} MB, agreement ${REFERENCE.agreement}): ` +
        `${(REFERENCE.seconds / (f.totalMs / 1000)).toFixed(2)}× faster, ` +
        `${(f.peakMB / REFERENCE.peakMB).toFixed(2)}× the memory, agreement ratio ${(f.agreement / REFERENCE.agreement).toFixed(2)}`,
    );
  }
  return lines.join('\n');
}

const argv = process.argv.slice(2);
const sizeAt = argv.indexOf('--size');
if (sizeAt >= 0) {
  // Child: one size, figures as JSON on the last line.
  const rest = argv.filter((_, i) => i !== sizeAt && i !== sizeAt + 1);
  const figures = await measure(Number(argv[sizeAt + 1]), rest);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const sizesAt = argv.indexOf('--sizes');
  const sizes = sizesAt >= 0 ? argv[sizesAt + 1].split(',').map(Number) : DEFAULT_SIZES;
  const rest = sizesAt >= 0 ? argv.filter((_, i) => i !== sizesAt && i !== sizesAt + 1) : argv;
  console.log(`papermap bench: ${process.version}, pipeline stages per size (each in a fresh process)`);
  for (const size of sizes) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--size', String(size), ...rest],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    if (child.status !== 0) {
      console.error(`size ${size} failed:\n${child.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const last = child.stdout.trim().split('\n').pop() ?? '{}';
    console.log(report(JSON.parse(last) as SizeFigures));
  }
  if (!argv.includes('--no-explorer') && !argv.includes('--no-frames')) {
    // The explorer's side, as a person meets it, beside sigma.js.
    console.log('');
    const { benchExplorer, explorerArguments } = await import('./bench-explorer');
    const { sizes, options } = explorerArguments(argv);
    await benchExplorer(sizes, { ...options, pipeline: readPipelineOptions(rest).options });
  }
  if (argv.includes('--map-frames')) {
    console.log('\nmap component alone (bench/map.html), programmatic pans, 1280×800:');
    const { benchFrames } = await import('./bench-frames');
    await benchFrames([1000, 5000]);
  }
}
