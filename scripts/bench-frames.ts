/**
 * `npx tsx scripts/bench-frames.ts [--sizes 1000,5000] [--graph FILE] [--screenshots DIR]`: how the
 * map behaves in a real browser. For each size it builds the graph of that many labelled papers of
 * data/arxiv-rss-65k.jsonl.gz, opens bench/map.html (a Vite build of the map alone) in
 * headless Chromium, and measures the time until the layout settles and the frame rate while the
 * view pans continuously for 3 s (a pan applied in every requestAnimationFrame, timestamps taken
 * in the page), at the fitted zoom and zoomed in 4× (titles drawn), and while zooming in and out
 * (every frame a full redraw, where panning copies a cached picture).
 *
 * Headless Chromium with --disable-gpu rasterizes in software: the figures are a floor, not what
 * a person with a GPU sees. `benchFrames(sizes)` is exported for scripts/bench.ts (`--map-frames`);
 * the frame figures from rAF timestamps (`frameFigures`, `percentile`, `median`) are shared with the
 * explorer benchmark (scripts/bench-explorer.ts), which drives the whole app with real input.
 */

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { BenchHandle } from '../bench/map';
import { buildGraph } from '../src/core/pipeline';
import { stringifyGraph } from '../src/core/serialize';
import { launchChromium, ROOT, serveStatic } from '../test/e2e/browser';
import { loadLabelled } from './lib/arxiv-set';
import { WorkerRunner } from './lib/worker-runner';

const DEFAULT_SIZES = [1000, 5000];
const PAN_MS = 3000;
const VIEWPORT = { width: 1280, height: 800 };

/** Frame figures of one motion, from the requestAnimationFrame timestamps taken during it. */
export interface PanFigures {
  fps: number;
  /** 95th percentile of the time between frames, ms. */
  p95FrameMs: number;
  /** The longest time between two frames, ms. */
  maxFrameMs: number;
  frames: number;
}

/** The `p`-th percentile (0–100) of `values` by the nearest-rank method; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The median of `values` (the mean of the middle two for an even count); NaN when there are none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Frame rate and frame times from requestAnimationFrame timestamps (ms, increasing): fps is the
 * number of intervals over the time they span, so a long frame lowers it as much as it lasts.
 */
export function frameFigures(stamps: readonly number[]): PanFigures {
  if (stamps.length < 2) throw new Error(`bench: ${stamps.length} frame(s) drawn, too few to time`);
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
  const span = stamps[stamps.length - 1] - stamps[0];
  return {
    fps: (gaps.length * 1000) / span,
    p95FrameMs: percentile(gaps, 95),
    maxFrameMs: gaps.reduce((a, b) => Math.max(a, b), 0),
    frames: stamps.length,
  };
}

export interface FrameFigures {
  name: string;
  papers: number;
  edges: number;
  settleMs: number;
  /** Panning at the fitted view, and zoomed in 4× (titles drawn). */
  fitted: PanFigures;
  zoomed: PanFigures;
  /** Zooming in and out continuously at the fitted view: every frame a full redraw. */
  zooming: PanFigures;
}

type BenchWindow = Window & { papermapBench?: BenchHandle };

/** Builds bench/map.html with Vite into a temporary directory (the page is at bench/map.html). */
export async function buildMapPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'papermap-map-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    publicDir: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rolldownOptions: { input: join(ROOT, 'bench/map.html') } },
  });
  return outDir;
}

/** Opens the map page on `graphUrl` and waits until the layout has settled. */
export async function openMap(page: Page, pageUrl: string, graphUrl: string): Promise<void> {
  // tsx compiles with esbuild's keepNames, which wraps named functions in evaluated code in a
  // `__name` helper the page does not have.
  await page.addInitScript('window.__name = (fn) => fn');
  await page.goto(`${pageUrl}bench/map.html?graph=${encodeURIComponent(graphUrl)}`);
  await page.locator('body[data-ready="true"], body[data-error]').waitFor({ timeout: 60_000 });
  const error = await page.locator('body').getAttribute('data-error');
  if (error !== null) throw new Error(`bench/map.html could not show ${graphUrl}: ${error}`);
  await page.locator('canvas[data-settled="true"]').waitFor({ timeout: 120_000 });
}

/**
 * Moves the view for `ms`, one move per animation frame, and takes the frame rate from the rAF
 * timestamps: `pan` goes round a circle (the map copies its cached picture), `zoom` breathes in
 * and out by a few percent per frame (the map redraws every frame).
 */
async function measureMotion(page: Page, ms: number, motion: 'pan' | 'zoom'): Promise<PanFigures> {
  const stamps = await page.evaluate(
    ({ duration, motion }) =>
      new Promise<number[]>((resolve) => {
        const handle = (window as BenchWindow).papermapBench;
        if (!handle) throw new Error('bench page has no map');
        const times: number[] = [];
        let phase = 0;
        const step = (t: number): void => {
          times.push(t);
          phase += 0.05;
          if (motion === 'pan') handle.map.panBy(6 * Math.cos(phase), 6 * Math.sin(phase));
          else handle.map.zoomBy(Math.exp(0.02 * Math.cos(phase)));
          if (t - times[0] < duration) requestAnimationFrame(step);
          else resolve(times);
        };
        requestAnimationFrame(step);
      }),
    { duration: ms, motion },
  );
  return frameFigures(stamps);
}

async function measure(page: Page, pageUrl: string, graphUrl: string, name: string, shots: string | null) {
  await openMap(page, pageUrl, graphUrl);
  const { settleMs, papers, edges } = await page.evaluate(() => {
    const handle = (window as BenchWindow).papermapBench;
    if (!handle || handle.settledAt === null) throw new Error('bench page did not settle');
    return {
      settleMs: handle.settledAt - handle.createdAt,
      papers: handle.nodes.length,
      edges: handle.view.edges.length,
    };
  });
  // Screenshots after each measurement: taking one disturbs the frames that follow.
  const fitted = await measureMotion(page, PAN_MS, 'pan');
  await page.evaluate(() => (window as BenchWindow).papermapBench?.map.fit());
  await page.waitForTimeout(800);
  const zooming = await measureMotion(page, PAN_MS, 'zoom');
  await page.evaluate(() => (window as BenchWindow).papermapBench?.map.fit());
  await page.waitForTimeout(800);
  if (shots) await page.screenshot({ path: join(shots, `map-${name}.png`) });
  await page.evaluate(() => (window as BenchWindow).papermapBench?.map.zoomBy(4));
  const zoomed = await measureMotion(page, PAN_MS, 'pan');
  if (shots) await page.screenshot({ path: join(shots, `map-${name}-zoomed.png`) });
  return { name, papers, edges, settleMs, fitted, zoomed, zooming };
}

export function formatFigures(f: FrameFigures): string {
  const pan = (p: PanFigures): string => `${p.fps.toFixed(0)} fps (p95 frame ${p.p95FrameMs.toFixed(0)} ms)`;
  return (
    `map ${f.name === String(f.papers) ? `${f.papers} papers` : `${f.name} (${f.papers} papers)`}, ${f.edges} edges: ` +
    `settled in ${(f.settleMs / 1000).toFixed(2)} s, panning ${pan(f.fitted)}, ` +
    `panning zoomed in 4× ${pan(f.zoomed)}, zooming (full redraws) ${pan(f.zooming)}`
  );
}

/**
 * Measures the map for graphs of each size (papers of the labelled arXiv set) and for any given
 * graph files; screenshots of each go to `screenshots` when given.
 */
export async function benchFrames(
  sizes: number[] = DEFAULT_SIZES,
  options: { graphs?: string[]; screenshots?: string | null; log?: (line: string) => void } = {},
): Promise<FrameFigures[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = await buildMapPage();
  const graphs: { name: string; file: string }[] = [];
  const runner = new WorkerRunner();
  try {
    for (const size of sizes) {
      const { papers } = loadLabelled(size);
      const text = stringifyGraph(
        (await buildGraph({ papers, source: 'arxiv-rss-65k.jsonl.gz' }, {}, () => {}, runner)).graph,
      );
      const file = `graph-${size}.json`;
      await writeFile(join(dir, file), text);
      graphs.push({ name: String(size), file });
    }
  } finally {
    await runner.close();
  }
  for (const [g, path] of (options.graphs ?? []).entries()) {
    const file = `graph-file-${g}.json`;
    await writeFile(join(dir, file), await readFile(path));
    graphs.push({ name: basename(path), file });
  }

  const server = await serveStatic(dir);
  const browser = await launchChromium();
  const figures: FrameFigures[] = [];
  try {
    for (const graph of graphs) {
      const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        const f = await measure(page, server.url, `/${graph.file}`, graph.name, options.screenshots ?? null);
        figures.push(f);
        log(formatFigures(f));
      } finally {
        await context.close();
      }
      if (errors.length > 0) throw new Error(`bench-frames: page errors: ${errors.join('; ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const value = (flag: string): string | null => {
    const at = argv.indexOf(flag);
    return at >= 0 ? (argv[at + 1] ?? null) : null;
  };
  const sizes = value('--sizes')?.split(',').map(Number) ?? DEFAULT_SIZES;
  const graph = value('--graph');
  console.log(
    `papermap bench-frames: headless Chromium, software rendering (--disable-gpu), ${VIEWPORT.width}×${VIEWPORT.height} at 1×`,
  );
  await benchFrames(
    sizes.filter((s) => s > 0),
    {
      graphs: graph ? [graph] : [],
      screenshots: value('--screenshots'),
    },
  );
}
