/**
 * The scikit-learn references (scripts/reference/reference.py) that eval and bench compare the map
 * against: on a small real labelled set their figures must be what their own edges and clusters
 * give (checked here with the project's metrics), and the same on every run. When /usr/bin/python3
 * cannot run them, CI fails; elsewhere the test checks that the reason given is clear instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelled } from '../../scripts/lib/arxiv-set';
import { edgeAgreement, nmi } from '../../scripts/lib/metrics';
import {
  INSTALL_HINT,
  REFERENCE_PYTHON,
  REFERENCE_SCRIPT,
  referenceStatus,
  runReference,
  writeReferenceInput,
} from '../../scripts/lib/reference';

const SMALL = new URL('../fixtures/data/arxiv-rss-first6000.jsonl.gz', import.meta.url);
const PAPERS = 300;
let dir = '';
let input = '';
const set = loadLabelled(PAPERS, SMALL);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'papermap-reference-'));
  input = join(dir, 'set.jsonl');
  writeReferenceInput(set, input);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reference.py', () => {
  it('gives figures that its own edges and clusters bear out, the same on every run', () => {
    const status = referenceStatus();
    if (!status.available) {
      if (process.env.CI) throw new Error(`the scikit-learn references cannot run in CI: ${status.reason}`);
      // Not CI: what eval and bench print instead of the references must say why and how to fix it.
      console.warn(`reference.py not run here: ${status.reason}`);
      expect(status.reason).toMatch(/scikit-learn|python-igraph|not installed|cannot be started/);
      expect(status.reason).toContain(INSTALL_HINT);
      return;
    }
    // 64 LSA dimensions rather than 256: the same code, a quicker SVD on a loaded machine.
    const first = runReference(input, { details: true, dims: 64 });
    const again = runReference(input, { details: true, dims: 64 });
    expect(first.papers).toBe(PAPERS);
    expect(first.labels).toBe(new Set(set.labels).size);
    expect(first.peakMB).toBeGreaterThan(10);
    const shares = [...new Set(set.labels)].map((l) => set.labels.filter((x) => x === l).length / PAPERS);
    const chance = shares.reduce((sum, p) => sum + p * p, 0);
    for (const method of ['tfidf', 'lsa'] as const) {
      const m = first.methods[method];
      if (m?.pairs === undefined || m.membership === undefined) throw new Error(`no ${method} details`);
      const { pairs, membership } = m;
      expect(membership).toHaveLength(PAPERS);
      // Undirected, no self-loops, no pair twice, at most k = 5 per paper found from its own side.
      expect(new Set(pairs.map(([i, j]) => `${i} ${j}`)).size).toBe(pairs.length);
      for (const [i, j] of pairs) expect(i >= 0 && i < j && j < PAPERS).toBe(true);
      expect(pairs.length).toBeLessThanOrEqual(5 * PAPERS);
      expect(pairs.length).toBeGreaterThanOrEqual((5 * PAPERS) / 2 - PAPERS / 10);
      expect(m.edges).toBe(pairs.length);
      expect(m.clusters).toBe(new Set(membership).size);
      expect(m.agreement).toBeCloseTo(
        edgeAgreement(
          set.labels,
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        ),
        12,
      );
      expect(m.nmi).toBeCloseTo(nmi(membership, set.labels), 9);
      // Nearest neighbours by words agree on arXiv's category far more often than chance.
      expect(m.agreement).toBeGreaterThan(1.5 * chance);
      expect(again.methods[method]?.pairs).toEqual(pairs);
      expect(again.methods[method]?.membership).toEqual(membership);
    }
    expect(first.methods.lsa?.dims).toBe(64);
  }, 180_000);

  it('says what is missing and how to install it when scikit-learn and igraph cannot be imported', () => {
    // -S leaves site-packages out: the Python of a machine without python3-sklearn and python3-igraph.
    const run = spawnSync(REFERENCE_PYTHON, ['-S', REFERENCE_SCRIPT, input], { encoding: 'utf8' });
    if (run.error !== undefined) {
      // No /usr/bin/python3 at all: what eval and bench report must say so.
      const status = referenceStatus();
      expect(status.available).toBe(false);
      if (!status.available) expect(status.reason).toContain(`${REFERENCE_PYTHON} is not installed`);
      return;
    }
    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('scikit-learn');
    expect(run.stderr).toContain('python-igraph');
    expect(run.stderr).toContain(INSTALL_HINT);
    const status = referenceStatus(REFERENCE_PYTHON, ['-S']);
    expect(status).toEqual({ available: false, reason: run.stderr.trim() });
    expect(referenceStatus('/nonexistent/python3')).toEqual({
      available: false,
      reason: `/nonexistent/python3 is not installed; to run the references: ${INSTALL_HINT}`,
    });
  });

  it('refuses bad usage with exit code 2', () => {
    const run = spawnSync(REFERENCE_PYTHON, [REFERENCE_SCRIPT, input, '--methods', 'pca'], {
      encoding: 'utf8',
    });
    if (run.error !== undefined) return expect(referenceStatus().available).toBe(false);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--methods takes tfidf, lsa');
  });
});
