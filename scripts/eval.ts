/**
 * `npm run eval`: scores the map against real labels on every labelled set the project has
 * (scripts/lib/eval-sets.ts, data/eval/README.md), beside the two scikit-learn references of
 * issue 8 run side by side on the same papers (scripts/reference/reference.py: TF-IDF 1–2-grams,
 * 5 nearest neighbours on the TF-IDF rows or on TruncatedSVD-256 rows, igraph Louvain). For each
 * set it prints the share of edges whose papers share a label, the NMI between clusters and labels,
 * the size-weighted precision of the cluster names (scripts/lib/name-precision.ts) and whether the
 * map is at least the better reference on both figures.
 *
 * Options: `--set NAME` runs one set; `--large` adds the slow ones (all 44,904 labelled records);
 * `--labelled FILE` adds a JSON Lines set of {title, abstract, label}; `--names` prints each set's
 * ten largest cluster names; `--json FILE` keeps the figures; `--no-reference` does not run the
 * references (their last measured figures are shown instead, marked). Pipeline options (e.g.
 * `--k 10`) change the map only: the references stay at their own settings, as the bar to reach.
 * The figures are deterministic; only the seconds vary.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph } from '../src/core/pipeline';
import type { PapermapGraphJSON } from '../src/core/types';
import { loadLabelled, nodeLabels } from './lib/arxiv-set';
import { chooseSets, type EvalSet, type NamedSet } from './lib/eval-sets';
import { graphAgreement, nmi } from './lib/metrics';
import { namePrecision } from './lib/name-precision';
import { readPipelineOptions } from './lib/options';
import {
  type ReferenceFigures,
  type ReferenceMethod,
  referenceStatus,
  runReference,
  writeReferenceInput,
} from './lib/reference';
import { WorkerRunner } from './lib/worker-runner';

interface Score {
  agreement: number;
  nmi: number;
}

/**
 * The references' figures as last measured (2026-12-02, reference.py with scikit-learn 1.2.1 and
 * igraph 0.10.2, seed 1), shown when they cannot be run here. They are deterministic, so a run
 * that does run them prints the same figures.
 */
export const LAST_MEASURED: ReadonlyMap<string, Record<ReferenceMethod, Score>> = new Map([
  ['rss-first5k', { tfidf: { agreement: 0.3997, nmi: 0.287 }, lsa: { agreement: 0.4154, nmi: 0.3097 } }],
  ['rss-last5k', { tfidf: { agreement: 0.4081, nmi: 0.2849 }, lsa: { agreement: 0.4199, nmi: 0.3009 } }],
  ['arxiv-2007', { tfidf: { agreement: 0.622, nmi: 0.4593 }, lsa: { agreement: 0.6429, nmi: 0.4422 } }],
  ['rss-all', { tfidf: { agreement: 0.4766, nmi: 0.2738 }, lsa: { agreement: 0.48, nmi: 0.277 } }],
]);

interface SetFigures {
  set: string;
  what: string;
  papers: number;
  nodes: number;
  papermap: Score & { namePrecision: number; edges: number; clusters: number; seconds: number };
  /** Null for a method neither run nor measured before (a --labelled file without references). */
  references: Record<ReferenceMethod, Score | null>;
  /** Whether the references were run in this run (else the figures are the last measured). */
  referencesRun: boolean;
  referenceSeconds: number | null;
  /** papermap ≥ the better reference on agreement and on NMI. */
  meets: { agreement: boolean; nmi: boolean } | null;
  names: { label: string; size: number }[];
}

function argValue(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) usage(`${flag} needs a value`);
  args.splice(at, 2);
  return value;
}

function argFlag(args: string[], flag: string): boolean {
  const at = args.indexOf(flag);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
}

function usage(message: string): never {
  process.stderr.write(`papermap eval: ${message}\n`);
  process.exit(2);
}

const { options, rest } = readPipelineOptions(process.argv.slice(2));
const setName = argValue(rest, '--set');
const labelledFile = argValue(rest, '--labelled');
const jsonFile = argValue(rest, '--json');
const large = argFlag(rest, '--large');
const showNames = argFlag(rest, '--names');
const noReference = argFlag(rest, '--no-reference');
if (rest.length > 0) usage(`unknown argument ${rest[0]}`);

let sets: EvalSet[];
try {
  sets = labelledFile !== undefined && setName === undefined ? [] : chooseSets(setName, large);
} catch (error) {
  usage((error as Error).message);
}
if (labelledFile !== undefined)
  sets.push({
    name: labelledFile,
    what: `${labelledFile} (JSON Lines of title, abstract, label)`,
    large: false,
    load: async () => ({ ...loadLabelled(Number.POSITIVE_INFINITY, labelledFile), source: labelledFile }),
  });

const status = noReference
  ? ({ available: false, reason: 'not asked for (--no-reference)' } as const)
  : referenceStatus();
console.log(`papermap eval: ${sets.map((s) => s.name).join(', ')}`);
console.log(
  status.available
    ? `references: run side by side (${status.versions})`
    : `references: NOT RUN — ${status.reason}\n  the figures marked * are the last measured ones`,
);

const fmt = (x: number): string => x.toFixed(3);
const workDir = mkdtempSync(join(tmpdir(), 'papermap-eval-'));
const runner = new WorkerRunner();
const results: SetFigures[] = [];
try {
  for (const spec of sets) results.push(await evaluate(spec, await spec.load()));
} finally {
  await runner.close();
  rmSync(workDir, { recursive: true, force: true });
}
printTable(results);
if (showNames) printNames(results);
if (jsonFile !== undefined) {
  writeFileSync(jsonFile, `${JSON.stringify({ params: options, sets: results }, null, 2)}\n`);
  console.log(`\nfigures written to ${jsonFile}`);
}

async function evaluate(spec: EvalSet, set: NamedSet): Promise<SetFigures> {
  const started = performance.now();
  const { graph } = await buildGraph({ papers: set.papers, source: set.source }, options, undefined, runner);
  const seconds = (performance.now() - started) / 1000;
  // Papers may have been merged as duplicates: labels are looked up by node.
  const labels = nodeLabels(set, graph.nodes);
  const papermap = {
    agreement: graphAgreement(graph, labels),
    nmi: nmi(
      graph.nodes.map((n) => n.attributes.cluster),
      labels,
    ),
    namePrecision: namePrecision(graph),
    edges: graph.attributes.stats.edges,
    clusters: graph.attributes.stats.clusters,
    seconds,
  };
  let ran: ReferenceFigures | null = null;
  if (status.available) {
    const file = join(workDir, `${results.length}.jsonl`);
    writeReferenceInput(set, file);
    ran = runReference(file);
  }
  const last = LAST_MEASURED.get(spec.name);
  const pick = (method: ReferenceMethod): Score | null => {
    const m = ran?.methods[method];
    return m ? { agreement: m.agreement, nmi: m.nmi } : (last?.[method] ?? null);
  };
  const references = { tfidf: pick('tfidf'), lsa: pick('lsa') };
  const figures: SetFigures = {
    set: spec.name,
    what: spec.what,
    papers: set.papers.length,
    nodes: graph.nodes.length,
    papermap,
    references,
    referencesRun: ran !== null,
    referenceSeconds: ran?.wallSeconds ?? null,
    meets: meetsBetter(papermap, references),
    names: largestClusters(graph, 10),
  };
  const refTime = ran === null ? '' : `, references ${ran.wallSeconds.toFixed(1)} s`;
  console.log(
    `  ${spec.name}: ${figures.nodes} papers, ${papermap.edges} edges, ${papermap.clusters} clusters; ` +
      `papermap ${seconds.toFixed(1)} s${refTime}`,
  );
  return figures;
}

/** papermap against the better of the two references, figure by figure. */
function meetsBetter(
  papermap: Score,
  references: Record<ReferenceMethod, Score | null>,
): SetFigures['meets'] {
  const known = [references.tfidf, references.lsa].filter((r): r is Score => r !== null);
  if (known.length === 0) return null;
  // The references' figures are kept to 4 decimals: compare papermap at the same precision.
  const at4 = (x: number): number => Math.round(x * 1e4);
  return {
    agreement: at4(papermap.agreement) >= Math.max(...known.map((r) => at4(r.agreement))),
    nmi: at4(papermap.nmi) >= Math.max(...known.map((r) => at4(r.nmi))),
  };
}

function largestClusters(graph: PapermapGraphJSON, count: number): { label: string; size: number }[] {
  return [...graph.attributes.clusters]
    .sort((a, b) => b.size - a.size || a.id - b.id)
    .slice(0, count)
    .map((c) => ({ label: c.label, size: c.size }));
}

function printTable(rows: readonly SetFigures[]): void {
  const mark = (r: SetFigures): string => (r.referencesRun ? '' : '*');
  const pair = (s: Score | null, m = ''): string =>
    s === null ? '–' : `${fmt(s.agreement)} / ${fmt(s.nmi)}${m}`;
  const verdict = (r: SetFigures): string => {
    if (r.meets === null) return '–';
    if (r.meets.agreement && r.meets.nmi) return 'yes';
    return `no (${[r.meets.agreement ? '' : 'agreement', r.meets.nmi ? '' : 'NMI'].filter(Boolean).join(', ')})`;
  };
  const header = [
    'set',
    'papers',
    'papermap agr / NMI',
    'tfidf-ref agr / NMI',
    'lsa-ref agr / NMI',
    '≥ better ref',
    'name precision',
    'time',
  ];
  const body = rows.map((r) => [
    r.set,
    String(r.nodes),
    pair(r.papermap),
    pair(r.references.tfidf, mark(r)),
    pair(r.references.lsa, mark(r)),
    verdict(r),
    fmt(r.papermap.namePrecision),
    `${r.papermap.seconds.toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log('');
  console.log(`params: ${JSON.stringify(options)} (defaults elsewhere)`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of body) console.log(line(row));
  if (rows.some((r) => !r.referencesRun))
    console.log('* not run in this run: the last measured figures (scripts/eval.ts, LAST_MEASURED)');
}

function printNames(rows: readonly SetFigures[]): void {
  for (const r of rows) {
    console.log(`\n${r.set}: the ten largest clusters`);
    for (const c of r.names) console.log(`  ${String(c.size).padStart(6)}  ${c.label}`);
  }
}
