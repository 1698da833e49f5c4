/**
 * The scikit-learn references (scripts/reference/reference.py) as eval and bench run them: whether
 * /usr/bin/python3 can run them, the labelled set written as their input, and their figures.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledSet } from './arxiv-set';

/** Debian's Python, where python3-sklearn and python3-igraph install (not whatever `python3` is on PATH). */
export const REFERENCE_PYTHON = '/usr/bin/python3';
export const REFERENCE_SCRIPT = fileURLToPath(new URL('../reference/reference.py', import.meta.url));
export const INSTALL_HINT = 'apt-get install -y python3-sklearn python3-igraph';

export type ReferenceMethod = 'tfidf' | 'lsa';
export const REFERENCE_METHODS: readonly ReferenceMethod[] = ['tfidf', 'lsa'];

export interface MethodFigures {
  agreement: number;
  nmi: number;
  edges: number;
  clusters: number;
  /** LSA only: the dimensions the SVD kept (fewer than asked for on a small set). */
  dims?: number;
  /** Seconds of the method's own stages (svd, knn, louvain) and their total. */
  seconds: Record<string, number>;
  /** With `details`: the edges as [i, j] pairs of set rows, and each row's cluster. */
  pairs?: [number, number][];
  membership?: number[];
}

export interface ReferenceFigures {
  papers: number;
  labels: number;
  features: number;
  /** Seconds of the shared stages (load, tfidf) and the whole script's total. */
  seconds: Record<string, number>;
  methods: Partial<Record<ReferenceMethod, MethodFigures>>;
  /** Peak RSS of the Python process, MB. */
  peakMB: number;
  /** Wall time of the whole process as the caller saw it (start-up and imports included), s. */
  wallSeconds: number;
}

export type ReferenceStatus = { available: true; versions: string } | { available: false; reason: string };

/** Whether `python` can run the references; when not, a sentence saying why and how to fix it. */
export function referenceStatus(
  python = REFERENCE_PYTHON,
  pythonArgs: readonly string[] = [],
): ReferenceStatus {
  const run = spawnSync(python, [...pythonArgs, REFERENCE_SCRIPT, '--check'], { encoding: 'utf8' });
  if (run.error !== undefined) {
    const code = (run.error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'is not installed' : `cannot be started (${run.error.message})`;
    return { available: false, reason: `${python} ${what}; to run the references: ${INSTALL_HINT}` };
  }
  if (run.status !== 0) {
    const said = run.stderr.trim() || `exited with code ${run.status}`;
    return { available: false, reason: said };
  }
  const versions = JSON.parse(run.stdout) as Record<string, string>;
  return {
    available: true,
    versions: `Python ${versions.python}, scikit-learn ${versions.sklearn}, igraph ${versions.igraph}`,
  };
}

/** Writes the set as the references' input: one {title, abstract, label} a line. */
export function writeReferenceInput(set: LabelledSet, file: string): void {
  const lines = set.papers.map((paper, i) =>
    JSON.stringify({ title: paper.title, abstract: paper.abstract, label: set.labels[i] }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export interface ReferenceRun {
  methods?: readonly ReferenceMethod[];
  seed?: number;
  k?: number;
  /** LSA dimensions (256 unless said). */
  dims?: number;
  details?: boolean;
  python?: string;
}

/** Runs the references on a set file written by `writeReferenceInput`; throws with Python's message if it fails. */
export function runReference(file: string, run: ReferenceRun = {}): ReferenceFigures {
  const args = [
    REFERENCE_SCRIPT,
    file,
    '--methods',
    (run.methods ?? REFERENCE_METHODS).join(','),
    '--seed',
    String(run.seed ?? 1),
    '--k',
    String(run.k ?? 5),
    '--dims',
    String(run.dims ?? 256),
    ...(run.details ? ['--details'] : []),
  ];
  const started = performance.now();
  const child = spawnSync(run.python ?? REFERENCE_PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallSeconds = (performance.now() - started) / 1000;
  if (child.error !== undefined) throw child.error;
  if (child.status !== 0)
    throw new Error(`reference.py exited with code ${child.status}: ${child.stderr.trim()}`);
  return { ...(JSON.parse(child.stdout) as Omit<ReferenceFigures, 'wallSeconds'>), wallSeconds };
}
