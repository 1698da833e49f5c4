/**
 * `npx tsx scripts/bench-explorer.ts [--explorer-sizes 1000,5000,44904] [--graph FILE]…
 * [--json FILE] [--screenshots DIR] [--no-sigma] [--load-timeout-s 60]
 * [--measures pan,zoom,click,search,drag]`: the explorer as a person meets it, beside sigma.js
 * drawing the same graph. `benchExplorer` is exported for scripts/bench.ts.
 *
 * For each size (that many labelled papers of data/arxiv-rss-65k.jsonl.gz, or a graph file given
 * with --graph), the built app is served with that graph as its graph.json, and bench/sigma.html
 * (sigma.js v3, WebGL) is served beside it with the same graph, positions, radii and colours.
 * In headless Chromium at 1440×900, each measurement in a fresh page, driven by real mouse and
 * keyboard input through Playwright (CDP input events, which go through the browser's whole input
 * path):
 *  - time from navigation to the final map on screen (`.map canvas[data-settled="true"]`, and drawn)
 *    and to its first drawing (the frame after the first draw call on a canvas inside `.map`):
 *    medians over every page the run opens (each measurement loads the map), and the worst;
 *  - drag-pan on empty background, and wheel zoom in then out: frame rate and 95th-percentile frame
 *    time, from requestAnimationFrame timestamps taken in the page;
 *  - click on a paper → its title in the paper panel (to the next frame), median and max;
 *  - the app only: search, typed 1 s after the map, each keystroke's keydown → the
 *    `.search-status` text changing (to the next frame); "Indexing…" is no result: then when the
 *    index was ready and the keystrokes once it was; then Enter → the best match's panel;
 *  - dragging a paper: frame figures, and whether the paper followed the pointer;
 *  - JS heap after load and a forced GC (main thread; dedicated workers when CDP reaches them), and
 *    the tab's renderer process's resident memory;
 *  - page errors and console errors.
 * A measurement that fails or times out prints `failed: reason` and the others go on.
 *
 * Headless Chromium with --disable-gpu rasterizes in software (and sigma's WebGL runs on
 * SwiftShader): the figures are a floor, not what a person with a GPU sees. Frame figures are the
 * main thread's: a renderer drawing off it (an OffscreenCanvas in a worker) would need another probe.
 */

import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { buildGraph } from '../src/core/pipeline';
import { stringifyGraph } from '../src/core/serialize';
import type { GraphOptions, PapermapGraphJSON } from '../src/core/types';
import { launchChromium, ROOT, type StaticServer, serveStatic } from '../test/e2e/browser';
import { frameFigures, median, type PanFigures } from './bench-frames';
import { loadLabelled } from './lib/arxiv-set';
import { WorkerRunner } from './lib/worker-runner';

export const EXPLORER_SIZES = [1000, 5000, 44904];
export const VIEWPORT = { width: 1440, height: 900 };

/** What the app must reach (the issue's targets), in the units the figures are kept in. */
export const TARGETS = Object.freeze({
  finalMapMs: 5000,
  fps: 30,
  p95FrameMs: 50,
  clickMs: 300,
  keystrokeMs: 100,
  enterMs: 1000,
  heapMB: 600,
});

/** How long the gestures last and how they are paced (a person's hand, roughly). */
const GESTURE = Object.freeze({
  panMoves: 60,
  panMs: 2000,
  panRadius: 80,
  wheelSteps: 12,
  wheelMs: 2000,
  /** One notch of a mouse wheel, in the pixels Chromium reports for it. */
  wheelDelta: 100,
  dragMoves: 45,
  dragMs: 1500,
  dragRadius: 60,
  clicks: 5,
  /** Time between keystrokes when typing the search word. */
  keyDelayMs: 150,
  /** A person looks at the map for a moment before acting on it. */
  settleGraceMs: 500,
});

/** The measurements after the load (which always runs: every other one needs the map). */
export const MEASURES = ['pan', 'zoom', 'click', 'search', 'drag'] as const;
export type Measure = (typeof MEASURES)[number];

/** A figure, or why there is none. */
export type Figure<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface LoadFigures {
  /** How many loads these are the medians of (each measurement opens the map in a fresh page). */
  loads: number;
  /** The slowest of them, ms. */
  worstFinalMapMs: number;
  /**
   * Navigation → the final map on screen, ms (page clock, from its time origin): the frame after
   * `.map canvas[data-settled="true"]`, or after the map's first drawing if that came later (a map
   * whose positions are final is settled before it has drawn anything).
   */
  finalMapMs: number;
  /** Navigation → `data-settled="true"` set, ms. */
  settledMs: number;
  /** Navigation → the frame after the first draw call on a canvas inside `.map`, ms; null if unseen. */
  firstPaintMs: number | null;
}

export interface ClickFigures {
  medianMs: number;
  maxMs: number;
  times: number[];
}

export interface KeystrokeFigures {
  /** keydown → the status text changed, to the next frame, per key; null where it never changed. */
  keyMs: (number | null)[];
  medianMs: number;
  maxMs: number;
  /** Keys the status answered with "Indexing…" (the index was not ready yet). */
  indexing: number;
}

export interface SearchFigures extends KeystrokeFigures {
  word: string;
  /** The word typed again once the index was ready, when the first time met "Indexing…". */
  indexed: KeystrokeFigures | null;
  /** When the search first answered with results rather than "Indexing…", ms after the final map. */
  indexReadyMs: number | null;
  /** Enter → the best match's title in the panel, and that title. */
  enter: Figure<{ ms: number; opened: string }>;
}

/** Frame figures of a gesture, and how much of it the page took in time. */
export interface MotionFigures extends PanFigures {
  /** Mouse moves or wheel notches made, of those planned (fewer when the page was too slow). */
  steps: number;
  plannedSteps: number;
  /** How long the gesture took, ms. */
  ms: number;
}

export interface DragFigures extends MotionFigures {
  /** Whether the paper was under the pointer at the end of the drag (it followed it). */
  followed: boolean;
}

export interface HeapFigures {
  /** Main thread's JS heap after a forced garbage collection, MB. */
  mainMB: number;
  /** Dedicated workers' JS heaps, MB each (after a GC in each); null when CDP could not reach them. */
  workersMB: number[] | null;
  /** Resident memory of the tab's renderer process (JS heaps, DOM, canvases), MB; null if unknown. */
  rendererRssMB: number | null;
}

export interface RendererFigures {
  renderer: 'papermap' | 'sigma';
  load: Figure<LoadFigures>;
  heap: Figure<HeapFigures>;
  pan: Figure<MotionFigures>;
  zoom: Figure<MotionFigures>;
  click: Figure<ClickFigures>;
  search: Figure<SearchFigures> | null;
  drag: Figure<DragFigures>;
  pageErrors: string[];
  consoleErrors: string[];
}

export interface SizeFigures {
  name: string;
  papers: number;
  edges: number;
  papermap: RendererFigures;
  sigma: RendererFigures | null;
}

// ---------------------------------------------------------------------------------------------
// Figures and their formatting (pure; test/scripts/bench-explorer.test.ts)

/**
 * papermap's figure over sigma's, as `1.85×`; `–` when either is missing or sigma's is not
 * positive. For times below 1 is better, for frame rates above 1.
 */
export function formatRatio(papermap: number | null | undefined, sigma: number | null | undefined): string {
  if (
    papermap == null ||
    sigma == null ||
    !Number.isFinite(papermap) ||
    !Number.isFinite(sigma) ||
    sigma <= 0
  )
    return '–';
  const r = papermap / sigma;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}

export const ms = (value: number): string => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
export const mb = (value: number): string => `${value.toFixed(0)} MB`;
const frames = (f: PanFigures | MotionFigures): string =>
  `${f.fps < 10 ? f.fps.toFixed(1) : f.fps.toFixed(0)} fps, p95 ${ms(f.p95FrameMs)}` +
  ('steps' in f && f.steps < f.plannedSteps
    ? ` (too slow: ${f.steps} of ${f.plannedSteps} steps in ${(f.ms / 1000).toFixed(0)} s)`
    : '');
const meets = (ok: boolean): string => (ok ? '✓' : '✗');
export const framesMeet = (f: PanFigures): boolean =>
  f.fps >= TARGETS.fps && f.p95FrameMs < TARGETS.p95FrameMs;

/** The median of each load figure over several loads (first drawing over those that saw it). */
export function medianLoad(loads: readonly LoadFigures[]): LoadFigures {
  const painted = loads.flatMap((l) => (l.firstPaintMs === null ? [] : [l.firstPaintMs]));
  return {
    loads: loads.reduce((sum, l) => sum + l.loads, 0),
    worstFinalMapMs: loads.reduce((worst, l) => Math.max(worst, l.worstFinalMapMs), 0),
    finalMapMs: median(loads.map((l) => l.finalMapMs)),
    settledMs: median(loads.map((l) => l.settledMs)),
    firstPaintMs: painted.length > 0 ? median(painted) : null,
  };
}

/** One row of a size's table: what, target, papermap, sigma, papermap ÷ sigma. */
type Row = [string, string, string, string, string];

function cell<T>(figure: Figure<T> | null | undefined, show: (value: T) => string): string {
  if (figure == null) return '–';
  return figure.ok ? show(figure.value) : `failed: ${figure.reason}`;
}

function value<T, R>(figure: Figure<T> | null | undefined, pick: (value: T) => R): R | null {
  return figure?.ok ? pick(figure.value) : null;
}

export function tableRows(size: SizeFigures): Row[] {
  const p = size.papermap;
  const s = size.sigma;
  const frameRow = (label: string, pick: (r: RendererFigures) => Figure<MotionFigures>): Row => [
    label,
    `≥ ${TARGETS.fps} fps, p95 < ${TARGETS.p95FrameMs} ms`,
    cell(pick(p), (f) => `${frames(f)} ${meets(framesMeet(f))}`),
    s ? cell(pick(s), frames) : '–',
    `${formatRatio(
      value(pick(p), (f) => f.fps),
      s ? value(pick(s), (f) => f.fps) : null,
    )} fps`,
  ];
  const sigmaCell = <T>(pick: (r: RendererFigures) => Figure<T>, show: (v: T) => string): string =>
    s ? cell(pick(s), show) : '–';
  const timeRatio = <T>(pick: (r: RendererFigures) => Figure<T>, of: (v: T) => number | null): string =>
    `${formatRatio(value(pick(p), of), s ? value(pick(s), of) : null)} time`;
  return [
    [
      'final map on screen (settled and drawn)',
      `≤ ${TARGETS.finalMapMs} ms`,
      cell(p.load, (l) => `${loadCell(l)} ${meets(l.finalMapMs <= TARGETS.finalMapMs)}`),
      sigmaCell((r) => r.load, loadCell),
      timeRatio(
        (r) => r.load,
        (l) => l.finalMapMs,
      ),
    ],
    [
      'data-settled="true" set',
      '',
      cell(p.load, (l) => ms(l.settledMs)),
      sigmaCell(
        (r) => r.load,
        (l) => ms(l.settledMs),
      ),
      timeRatio(
        (r) => r.load,
        (l) => l.settledMs,
      ),
    ],
    [
      'first drawing of the map',
      '',
      cell(p.load, (l) => (l.firstPaintMs === null ? 'not seen' : ms(l.firstPaintMs))),
      sigmaCell(
        (r) => r.load,
        (l) => (l.firstPaintMs === null ? 'not seen' : ms(l.firstPaintMs)),
      ),
      timeRatio(
        (r) => r.load,
        (l) => l.firstPaintMs,
      ),
    ],
    frameRow('drag-pan (background)', (r) => r.pan),
    frameRow('wheel zoom in, then out', (r) => r.zoom),
    [
      `click → panel (median / max)`,
      `≤ ${TARGETS.clickMs} ms`,
      cell(p.click, (c) => `${ms(c.medianMs)} / ${ms(c.maxMs)} ${meets(c.maxMs <= TARGETS.clickMs)}`),
      sigmaCell(
        (r) => r.click,
        (c) => `${ms(c.medianMs)} / ${ms(c.maxMs)}`,
      ),
      timeRatio(
        (r) => r.click,
        (c) => c.medianMs,
      ),
    ],
    [
      'search: keystroke → results (median / max)',
      `≤ ${TARGETS.keystrokeMs} ms`,
      cell(
        p.search,
        (f) =>
          `${ms(f.medianMs)} / ${ms(f.maxMs)} ${meets(f.indexing === 0 && f.maxMs <= TARGETS.keystrokeMs)}` +
          (f.indexed === null
            ? ''
            : ` (${f.indexing} of ${f.keyMs.length} keys: "Indexing…"` +
              (f.indexReadyMs === null
                ? ''
                : `, index ready ${(f.indexReadyMs / 1000).toFixed(1)} s after the map`) +
              `; then ${ms(f.indexed.medianMs)} / ${ms(f.indexed.maxMs)} ` +
              `${meets(f.indexed.indexing === 0 && f.indexed.maxMs <= TARGETS.keystrokeMs)})`),
      ),
      'no search',
      '',
    ],
    [
      'search: Enter → best match in the panel',
      `≤ ${TARGETS.enterMs} ms`,
      p.search?.ok
        ? cell(p.search.value.enter, (e) => `${ms(e.ms)} ${meets(e.ms <= TARGETS.enterMs)}`)
        : cell(p.search, () => ''),
      'no search',
      '',
    ],
    [
      'drag a paper',
      `≥ ${TARGETS.fps} fps, p95 < ${TARGETS.p95FrameMs} ms`,
      cell(p.drag, (f) => `${frames(f)} ${meets(framesMeet(f))}${f.followed ? '' : ' (did not follow)'}`),
      sigmaCell(
        (r) => r.drag,
        (f) => `${frames(f)}${f.followed ? '' : ' (did not follow)'}`,
      ),
      `${formatRatio(
        value(p.drag, (f) => f.fps),
        s ? value(s.drag, (f) => f.fps) : null,
      )} fps`,
    ],
    [
      'JS heap after load, main thread',
      `≤ ${TARGETS.heapMB} MB`,
      cell(p.heap, (h) => `${mb(h.mainMB)} ${meets(h.mainMB <= TARGETS.heapMB)}`),
      sigmaCell(
        (r) => r.heap,
        (h) => mb(h.mainMB),
      ),
      `${formatRatio(
        value(p.heap, (h) => h.mainMB),
        s ? value(s.heap, (h) => h.mainMB) : null,
      )} memory`,
    ],
    ['JS heap of workers', '', cell(p.heap, workersCell), sigmaCell((r) => r.heap, workersCell), ''],
    [
      'renderer process resident',
      '',
      cell(p.heap, (h) => (h.rendererRssMB === null ? 'unknown' : mb(h.rendererRssMB))),
      sigmaCell(
        (r) => r.heap,
        (h) => (h.rendererRssMB === null ? 'unknown' : mb(h.rendererRssMB)),
      ),
      `${formatRatio(
        value(p.heap, (h) => h.rendererRssMB),
        s ? value(s.heap, (h) => h.rendererRssMB) : null,
      )} memory`,
    ],
    [
      'page errors / console errors',
      '0 page errors',
      `${p.pageErrors.length} / ${p.consoleErrors.length} ${meets(p.pageErrors.length === 0)}`,
      s ? `${s.pageErrors.length} / ${s.consoleErrors.length}` : '–',
      '',
    ],
  ];
}

/** The median load, and the slowest when there were several. */
function loadCell(l: LoadFigures): string {
  return l.loads > 1
    ? `${ms(l.finalMapMs)} (median of ${l.loads}, worst ${ms(l.worstFinalMapMs)})`
    : ms(l.finalMapMs);
}

function workersCell(h: HeapFigures): string {
  if (h.workersMB === null) return 'not reached';
  if (h.workersMB.length === 0) return 'no workers';
  return `${h.workersMB.length}: ${h.workersMB.map(mb).join(', ')}`;
}

/** The table of one size, columns padded to fit; failures and first errors listed below it. */
export function formatSize(size: SizeFigures): string {
  const header: Row = ['', 'target', 'papermap', 'sigma.js', 'papermap ÷ sigma'];
  const rows = [header, ...tableRows(size)];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  const pad = (text: string, width: number): string =>
    text + ' '.repeat(Math.max(0, width - [...text].length));
  const lines = [`\n${size.name}: ${size.papers} papers, ${size.edges} edges`];
  for (const row of rows)
    lines.push(
      `  ${row
        .map((text, c) => pad(text, widths[c]))
        .join('  ')
        .trimEnd()}`,
    );
  for (const r of [size.papermap, size.sigma]) {
    if (!r) continue;
    for (const [kind, list] of [
      ['page error', r.pageErrors],
      ['console error', r.consoleErrors],
    ] as const) {
      const distinct = [...new Set(list)];
      for (const message of distinct.slice(0, 3))
        lines.push(`  ${r.renderer} ${kind}: ${message.slice(0, 300)}`);
      if (distinct.length > 3) lines.push(`  … and ${distinct.length - 3} other ${kind}s`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The page side: a probe installed before any page script

interface ProbeWindow {
  __bench: {
    settledAt: number | null;
    settledFrameAt: number | null;
    firstDrawAt: number | null;
    firstPaintAt: number | null;
    startFrames(): void;
    stopFrames(): number[];
  };
  papermap?: { nodeScreenPosition(key: string): { x: number; y: number } | null };
}

/**
 * Runs in the page before its scripts: notes when a canvas inside `.map` is first marked settled,
 * the first draw call on such a canvas (the wrappers put the original methods back at once, so
 * later frames pay nothing), and records requestAnimationFrame timestamps on demand.
 */
function installProbe(): void {
  const w = window as unknown as ProbeWindow;
  let stamps: number[] | null = null;
  const probe: ProbeWindow['__bench'] = {
    settledAt: null,
    settledFrameAt: null,
    firstDrawAt: null,
    firstPaintAt: null,
    startFrames() {
      const recording: number[] = [];
      stamps = recording;
      const step = (t: number): void => {
        if (stamps !== recording) return;
        recording.push(t);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    },
    stopFrames() {
      const recorded = stamps ?? [];
      stamps = null;
      return recorded;
    },
  };
  w.__bench = probe;
  const inMap = (canvas: unknown): boolean =>
    canvas instanceof HTMLCanvasElement && canvas.closest('.map') !== null;
  new MutationObserver((records) => {
    if (probe.settledAt !== null) return;
    for (const record of records) {
      const target = record.target;
      if (inMap(target) && (target as HTMLElement).dataset.settled === 'true') {
        probe.settledAt = performance.now();
        requestAnimationFrame(() => {
          probe.settledFrameAt = performance.now();
        });
        return;
      }
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-settled'], subtree: true });

  type Wrapped = { proto: object; name: string; original: unknown };
  const wrapped: Wrapped[] = [];
  const restore = (): void => {
    for (const { proto, name, original } of wrapped) Object.defineProperty(proto, name, { value: original });
  };
  const wrap = (proto: object | undefined, names: string[]): void => {
    if (!proto) return;
    for (const name of names) {
      const original = (proto as Record<string, unknown>)[name];
      if (typeof original !== 'function') continue;
      wrapped.push({ proto, name, original });
      Object.defineProperty(proto, name, {
        configurable: true,
        writable: true,
        value(this: { canvas?: unknown }, ...args: unknown[]) {
          if (probe.firstDrawAt === null && inMap(this.canvas)) {
            probe.firstDrawAt = performance.now();
            restore();
            requestAnimationFrame(() => {
              probe.firstPaintAt = performance.now();
            });
          }
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        },
      });
    }
  };
  wrap(window.CanvasRenderingContext2D?.prototype, [
    'fill',
    'stroke',
    'drawImage',
    'fillText',
    'putImageData',
  ]);
  const gl = ['drawArrays', 'drawElements'];
  wrap(window.WebGLRenderingContext?.prototype, gl);
  wrap(window.WebGL2RenderingContext?.prototype, [...gl, 'drawArraysInstanced', 'drawElementsInstanced']);
}

// ---------------------------------------------------------------------------------------------
// Sessions: a fresh page per measurement, its errors kept, a timeout that closes it

interface Renderer {
  name: 'papermap' | 'sigma';
  /** The page's address below the server's root. */
  path: string;
  /** The element that shows a clicked paper's title. */
  panelTitle: string;
}

interface Session {
  page: Page;
  context: BrowserContext;
  pageErrors: string[];
  consoleErrors: string[];
}

class Failure extends Error {}

const sleep = (millis: number): Promise<void> => new Promise((done) => setTimeout(done, millis));
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function openSession(
  browser: Browser,
  errors: { page: string[]; console: string[] },
): Promise<Session> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  const page = await context.newPage();
  const session: Session = { page, context, pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (error) => {
    session.pageErrors.push(error.message);
    errors.page.push(error.message);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    session.consoleErrors.push(message.text());
    errors.console.push(message.text());
  });
  // tsx compiles with esbuild's keepNames, which wraps named functions in evaluated code in a
  // `__name` helper the page does not have.
  await page.addInitScript('window.__name = (fn) => fn');
  await page.addInitScript(installProbe);
  return session;
}

/** Navigates and waits for the final map; fails at once on a page error, or on the app's problem page. */
async function loadMap(session: Session, url: string, timeoutMs: number): Promise<LoadFigures> {
  const { page } = session;
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let errorSeenAt: number | null = null;
  let settledSeenAt: number | null = null;
  for (;;) {
    const state = await page.evaluate(() => {
      const probe = (window as unknown as ProbeWindow).__bench;
      const problem = document.querySelector('.problem');
      return {
        settledAt: probe?.settledAt ?? null,
        settledFrameAt: probe?.settledFrameAt ?? null,
        firstPaintAt: probe?.firstPaintAt ?? null,
        problem: problem ? (problem.textContent ?? '').trim().replace(/\s+/g, ' ') : null,
        bodyError: document.body?.dataset.error ?? null,
      };
    });
    if (state.settledAt !== null && state.settledFrameAt !== null) {
      settledSeenAt ??= Date.now();
      // Settled but not drawn yet: the map is on screen with its first drawing (given 10 s).
      if (state.firstPaintAt !== null || Date.now() - settledSeenAt > 10_000) {
        const finalMapMs = Math.max(state.settledFrameAt, state.firstPaintAt ?? 0);
        return {
          loads: 1,
          worstFinalMapMs: finalMapMs,
          finalMapMs,
          settledMs: state.settledAt,
          firstPaintMs: state.firstPaintAt,
        };
      }
    }
    if (state.problem !== null) throw new Failure(`the app showed a problem: ${state.problem.slice(0, 200)}`);
    if (state.bodyError !== null) throw new Failure(`the page failed: ${state.bodyError.slice(0, 200)}`);
    if (session.pageErrors.length > 0) {
      errorSeenAt ??= Date.now();
      // An error may be harmless; one with no map 3 s later is what the person sees.
      if (Date.now() - errorSeenAt > 3000) throw new Failure(`page error, no map: ${session.pageErrors[0]}`);
    }
    if (Date.now() > deadline) throw new Failure(`no settled map after ${(timeoutMs / 1000).toFixed(0)} s`);
    await sleep(100);
  }
}

/**
 * Runs `measure` in a fresh page with the map loaded; a failure or a timeout becomes the figure's
 * reason (the page is closed then, which ends whatever it was waiting for).
 */
async function attempt<T>(
  open: () => Promise<Session>,
  load: (session: Session) => Promise<LoadFigures>,
  timeoutMs: number,
  measure: (session: Session, load: LoadFigures) => Promise<T>,
): Promise<Figure<T>> {
  // Held in an object: the closure below sets it, which TypeScript's narrowing cannot see.
  const held: { session: Session | null; finished: boolean } = { session: null, finished: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Failure(`timed out after ${(timeoutMs / 1000).toFixed(0)} s`)),
      timeoutMs,
    );
  });
  const run = (async () => {
    const session = await open();
    held.session = session;
    // A page opened after the timeout is closed at once, not left open.
    if (held.finished) await session.context.close();
    const loaded = await load(session);
    return measure(session, loaded);
  })();
  run.catch(() => {});
  try {
    return { ok: true, value: await Promise.race([run, timeout]) };
  } catch (error) {
    return { ok: false, reason: messageOf(error).split('\n')[0].slice(0, 240) };
  } finally {
    held.finished = true;
    clearTimeout(timer);
    await held.session?.context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface Point {
  x: number;
  y: number;
}

interface Box extends Point {
  width: number;
  height: number;
}

/** The map canvas's box (it may be unsettled again: a drag re-heats the app's layout). */
async function mapBox(page: Page): Promise<Box> {
  const box = await page.locator('.map canvas').first().boundingBox({ timeout: 5000 });
  if (!box) throw new Failure('the map canvas has no box');
  return box;
}

/** Where every paper of `keys` is drawn, in page coordinates (null when not drawn). */
async function screenPositions(page: Page, keys: readonly string[], box: Box): Promise<(Point | null)[]> {
  const local = await page.evaluate((keys) => {
    const hook = (window as unknown as ProbeWindow).papermap;
    if (!hook) throw new Error('window.papermap is missing');
    return keys.map((key) => hook.nodeScreenPosition(key));
  }, keys);
  return local.map((p) => (p === null ? null : { x: box.x + p.x, y: box.y + p.y }));
}

/** A grid of drawn points for nearest-neighbour questions, in cells of `cell` pixels. */
class PointGrid {
  private readonly cells = new Map<string, number[]>();
  constructor(
    private readonly points: readonly (Point | null)[],
    private readonly cell: number,
  ) {
    points.forEach((p, i) => {
      if (p === null) return;
      const id = this.id(p.x, p.y);
      const list = this.cells.get(id);
      if (list) list.push(i);
      else this.cells.set(id, [i]);
    });
  }
  private id(x: number, y: number): string {
    return `${Math.floor(x / this.cell)},${Math.floor(y / this.cell)}`;
  }
  /** Distance from `at` to the nearest point other than `except`, capped at `cell` pixels. */
  gap(at: Point, except = -1): number {
    let best = this.cell;
    const cx = Math.floor(at.x / this.cell);
    const cy = Math.floor(at.y / this.cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const p = this.points[i];
          if (i === except || p === null) continue;
          best = Math.min(best, Math.hypot(p.x - at.x, p.y - at.y));
        }
      }
    }
    return best;
  }
}

const inside = (p: Point, box: Box, margin: number): boolean =>
  p.x >= box.x + margin &&
  p.x <= box.x + box.width - margin &&
  p.y >= box.y + margin &&
  p.y <= box.y + box.height - margin;

/** The point of the map's middle part farthest from any paper: where a pan starts on background. */
function emptyPoint(points: readonly (Point | null)[], box: Box): Point {
  const grid = new PointGrid(points, 40);
  let best: Point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let bestGap = -1;
  for (let x = box.x + box.width * 0.25; x <= box.x + box.width * 0.75; x += 10) {
    for (let y = box.y + box.height * 0.25; y <= box.y + box.height * 0.75; y += 10) {
      const gap = grid.gap({ x, y });
      if (gap > bestGap) {
        bestGap = gap;
        best = { x, y };
      }
    }
  }
  return best;
}

/** Papers far from any other drawn paper (a click there can hit no other), most isolated first. */
function lonePapers(points: readonly (Point | null)[], box: Box, count: number): number[] {
  const grid = new PointGrid(points, 30);
  const found: { i: number; gap: number }[] = [];
  points.forEach((p, i) => {
    if (p !== null && inside(p, box, 60)) found.push({ i, gap: grid.gap(p, i) });
  });
  found.sort((a, b) => b.gap - a.gap || a.i - b.i);
  return found.slice(0, count).map((f) => f.i);
}

/**
 * Runs `steps` (mouse moves or wheel notches), one every `stepMs`, recording frames meanwhile. A
 * page too slow to take them in time (four times the planned time and 5 s more) is measured on
 * the steps it took.
 */
async function gesture(page: Page, steps: (() => Promise<void>)[], stepMs: number): Promise<MotionFigures> {
  await page.evaluate(() => (window as unknown as ProbeWindow).__bench.startFrames());
  const start = Date.now();
  const deadline = start + 4 * steps.length * stepMs + 5000;
  let done = 0;
  for (const step of steps) {
    if (Date.now() > deadline) break;
    await step();
    done++;
    const wait = start + done * stepMs - Date.now();
    if (wait > 0) await sleep(wait);
  }
  const stamps = await page.evaluate(() => (window as unknown as ProbeWindow).__bench.stopFrames());
  return { ...frameFigures(stamps), steps: done, plannedSteps: steps.length, ms: Date.now() - start };
}

const movesThrough = (page: Page, path: Point[]): (() => Promise<void>)[] =>
  path.map((p) => () => page.mouse.move(p.x, p.y));

/** A circle of `moves` points of radius `radius` that starts and ends at `from`. */
function circle(from: Point, radius: number, moves: number): Point[] {
  return Array.from({ length: moves }, (_, k) => {
    const angle = (2 * Math.PI * (k + 1)) / moves;
    return { x: from.x + radius * (Math.cos(angle) - 1), y: from.y + radius * Math.sin(angle) };
  });
}

async function measurePan(page: Page, keys: readonly string[]): Promise<MotionFigures> {
  const box = await mapBox(page);
  const start = emptyPoint(await screenPositions(page, keys, box), box);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  try {
    return await gesture(
      page,
      movesThrough(page, circle(start, GESTURE.panRadius, GESTURE.panMoves)),
      GESTURE.panMs / GESTURE.panMoves,
    );
  } finally {
    await page.mouse.up();
  }
}

async function measureZoom(page: Page, keys: readonly string[]): Promise<MotionFigures> {
  const box = await mapBox(page);
  const at = emptyPoint(await screenPositions(page, keys, box), box);
  await page.mouse.move(at.x, at.y);
  const notches = Array.from(
    { length: 2 * GESTURE.wheelSteps },
    (_, step) => () =>
      page.mouse.wheel(0, step < GESTURE.wheelSteps ? -GESTURE.wheelDelta : GESTURE.wheelDelta),
  );
  return gesture(page, notches, GESTURE.wheelMs / (2 * GESTURE.wheelSteps));
}

/**
 * Arms a watch for `selector`'s text becoming `expected` (any text when null) while shown: the
 * time of the next frame after it, and of the last pointerdown or keydown before it.
 */
async function armPanelWatch(page: Page, selector: string, expected: string | null): Promise<void> {
  await page.evaluate(
    ({ selector, expected }) => {
      const w = window as unknown as { __watch?: Record<string, unknown> };
      const watch: { start: number | null; shown: number | null; text: string | null } = {
        start: null,
        shown: null,
        text: null,
      };
      w.__watch = watch;
      const onInput = (event: Event): void => {
        watch.start = event.timeStamp;
      };
      window.addEventListener('pointerdown', onInput, true);
      window.addEventListener('keydown', onInput, true);
      const check = (): void => {
        const element = document.querySelector(selector) as HTMLElement | null;
        const text = element?.textContent?.trim() ?? '';
        const shown = element !== null && element.offsetParent !== null;
        if (!shown || text === '' || (expected !== null && text !== expected)) return;
        observer.disconnect();
        window.removeEventListener('pointerdown', onInput, true);
        window.removeEventListener('keydown', onInput, true);
        requestAnimationFrame(() => {
          watch.text = text;
          watch.shown = performance.now();
        });
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
    },
    { selector, expected },
  );
}

async function panelWatchResult(page: Page, timeoutMs: number): Promise<{ ms: number; text: string }> {
  const handle = await page
    .waitForFunction(
      () => {
        const watch = (window as unknown as { __watch?: { shown: number | null } }).__watch;
        return watch?.shown != null;
      },
      undefined,
      { timeout: timeoutMs, polling: 50 },
    )
    .catch(() => null);
  const watch = await page.evaluate(
    () =>
      (window as unknown as { __watch: { start: number | null; shown: number | null; text: string | null } })
        .__watch,
  );
  if (handle === null || watch.shown === null) throw new Failure(`no panel within ${timeoutMs} ms`);
  if (watch.start === null) throw new Failure('the input event was not seen');
  return { ms: watch.shown - watch.start, text: watch.text ?? '' };
}

async function measureClicks(
  page: Page,
  keys: readonly string[],
  titles: readonly string[],
  renderer: Renderer,
): Promise<ClickFigures> {
  const box = await mapBox(page);
  const candidates = lonePapers(await screenPositions(page, keys, box), box, 4 * GESTURE.clicks);
  const times: number[] = [];
  const misses: string[] = [];
  for (const i of candidates) {
    if (times.length >= GESTURE.clicks) break;
    // Read again: an open panel may have narrowed the map.
    const [p] = await screenPositions(page, [keys[i]], await mapBox(page));
    if (p === null) continue;
    const onCanvas = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('.map') != null,
      p,
    );
    if (!onCanvas) continue;
    const title = titles[i].trim();
    await armPanelWatch(page, renderer.panelTitle, title);
    await page.mouse.click(p.x, p.y);
    try {
      times.push((await panelWatchResult(page, 10_000)).ms);
    } catch (error) {
      misses.push(`${keys[i]}: ${messageOf(error)}`);
      if (misses.length >= 3) throw new Failure(`clicks showed no panel (${misses.join('; ')})`);
    }
    await sleep(300);
  }
  if (times.length === 0)
    throw new Failure(`no paper could be clicked${misses.length ? ` (${misses[0]})` : ''}`);
  return { medianMs: median(times), maxMs: times.reduce((a, b) => Math.max(a, b), 0), times };
}

/** The word a person would search for: the most frequent title word of 7 to 12 letters. */
export function searchWord(titles: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const title of titles) {
    for (const word of new Set(title.toLowerCase().match(/\p{L}+/gu) ?? [])) {
      if (word.length >= 7 && word.length <= 12) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  let best = 'learning';
  let bestCount = 0;
  for (const [word, count] of counts) {
    if (count > bestCount || (count === bestCount && word < best)) {
      best = word;
      bestCount = count;
    }
  }
  return best;
}

interface SearchRecord {
  keys: number[];
  changes: { at: number; text: string }[];
}

/** Types `word` into the focused search box and times each keystroke to the status changing. */
async function typeAndTime(page: Page, word: string): Promise<KeystrokeFigures> {
  await page.evaluate(() => {
    const w = window as unknown as { __search: SearchRecord };
    w.__search.keys = [];
    w.__search.changes = [];
  });
  await page.keyboard.type(word, { delay: GESTURE.keyDelayMs });
  await sleep(1000);
  const { keys, changes } = await page.evaluate(
    () => (window as unknown as { __search: SearchRecord }).__search,
  );
  if (keys.length === 0) throw new Failure('no keydown reached the page');
  let indexing = 0;
  const keyMs = keys.map((t) => {
    const change = changes.find((c) => c.at >= t);
    if (change && /^Indexing/.test(change.text)) indexing++;
    return change ? change.at - t : null;
  });
  const answered = keyMs.filter((v): v is number => v !== null);
  if (answered.length === 0) throw new Failure('the search status never changed');
  return {
    keyMs,
    medianMs: median(answered),
    maxMs: answered.reduce((a, b) => Math.max(a, b), 0),
    indexing,
  };
}

const clearSearch = async (page: Page): Promise<void> => {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
};

const searchStatus = async (page: Page): Promise<string> =>
  ((await page.locator('.search-status').textContent()) ?? '').trim();

/**
 * Asks the search every 2 s (the word's first two letters, typed and cleared) until it no longer
 * answers "Indexing…"; returns when that was, ms after the final map.
 */
async function waitForIndex(page: Page, word: string, loaded: LoadFigures): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    await clearSearch(page);
    await page.keyboard.type(word.slice(0, 2), { delay: 50 });
    await sleep(300);
    const status = await searchStatus(page);
    const now = await page.evaluate(() => performance.now());
    await clearSearch(page);
    if (!/^Indexing/.test(status)) {
      await sleep(500);
      return now - loaded.finalMapMs;
    }
    if (Date.now() > deadline) throw new Failure('the search was still indexing 2 minutes after the map');
    await sleep(2000);
  }
}

async function measureSearch(page: Page, word: string, loaded: LoadFigures): Promise<SearchFigures> {
  await page.evaluate(() => {
    const status = document.querySelector('.search-status');
    if (!status) throw new Error('no .search-status');
    const record: SearchRecord = { keys: [], changes: [] };
    (window as unknown as { __search: SearchRecord }).__search = record;
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key.length === 1) record.keys.push(event.timeStamp);
      },
      true,
    );
    new MutationObserver(() => {
      const text = status.textContent ?? '';
      requestAnimationFrame(() => record.changes.push({ at: performance.now(), text }));
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.locator('#search').click();
  const first = await typeAndTime(page, word);
  let indexed: KeystrokeFigures | null = null;
  let indexReadyMs: number | null = null;
  if (first.indexing > 0) {
    // Typed too early for the index: once it is ready, the same word again.
    indexReadyMs = await waitForIndex(page, word, loaded);
    indexed = await typeAndTime(page, word);
  }
  let enter: SearchFigures['enter'];
  try {
    await armPanelWatch(page, '#paper-panel-title', null);
    await page.keyboard.press('Enter');
    const shown = await panelWatchResult(page, 5000);
    enter = { ok: true, value: { ms: shown.ms, opened: shown.text } };
  } catch (error) {
    const status = await page.locator('.search-status').textContent();
    enter = { ok: false, reason: `${messageOf(error)} (the status said "${status ?? ''}")` };
  }
  return { word, ...first, indexed, indexReadyMs, enter };
}

async function measureDrag(page: Page, keys: readonly string[]): Promise<DragFigures> {
  const box = await mapBox(page);
  const [i] = lonePapers(await screenPositions(page, keys, box), box, 1);
  if (i === undefined) throw new Failure('no paper to drag');
  const [p] = await screenPositions(page, [keys[i]], box);
  if (p === null) throw new Failure('the paper is not drawn');
  const path = circle(p, GESTURE.dragRadius, GESTURE.dragMoves).map((q, k) =>
    // Half a circle out and back would end where it began; end away from it to see it followed.
    k === GESTURE.dragMoves - 1 ? { x: p.x - GESTURE.dragRadius, y: p.y + GESTURE.dragRadius } : q,
  );
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  let figures: MotionFigures;
  let end: Point | null;
  try {
    figures = await gesture(page, movesThrough(page, path), GESTURE.dragMs / GESTURE.dragMoves);
    [end] = await screenPositions(page, [keys[i]], await mapBox(page));
  } finally {
    await page.mouse.up();
  }
  // The last point the pointer reached (a page too slow for the gesture cuts it short).
  const last = path[Math.max(0, figures.steps - 1)];
  const followed = end !== null && Math.hypot(end.x - last.x, end.y - last.y) < 12;
  return { ...figures, followed };
}

/** Reads the JS heaps of the page's dedicated workers through CDP (non-flattened sessions). */
async function workerHeaps(cdp: CDPSession): Promise<number[] | null> {
  const sessions: string[] = [];
  const pending = new Map<number, (result: Record<string, unknown> | null) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') sessions.push(sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message) as { id?: number; result?: Record<string, unknown>; error?: unknown };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply.error ? null : (reply.result ?? {}));
  });
  try {
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
  } catch {
    return null;
  }
  await sleep(300);
  const call = (sessionId: string, method: string): Promise<Record<string, unknown> | null> => {
    const id = nextId++;
    const answer = new Promise<Record<string, unknown> | null>((done) => {
      pending.set(id, done);
      setTimeout(() => done(null), 5000);
    });
    void cdp
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
      .catch(() => pending.get(id)?.(null));
    return answer;
  };
  const heaps: number[] = [];
  for (const sessionId of sessions) {
    await call(sessionId, 'HeapProfiler.collectGarbage');
    const usage = await call(sessionId, 'Runtime.getHeapUsage');
    if (usage === null || typeof usage.usedSize !== 'number') return null;
    heaps.push(usage.usedSize / 2 ** 20);
  }
  return heaps;
}

/** Resident memory of the browser's renderer processes (one tab is open): the largest, MB. */
async function rendererRss(browser: Browser): Promise<number | null> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    await cdp.detach();
    let largest: number | null = null;
    for (const info of processInfo) {
      if (info.type !== 'renderer') continue;
      const status = readFileSync(`/proc/${info.id}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status);
      if (kb) largest = Math.max(largest ?? 0, Number(kb[1]) / 1024);
    }
    return largest;
  } catch {
    return null;
  }
}

async function measureHeap(browser: Browser, page: Page): Promise<HeapFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const workersMB = await workerHeaps(cdp).catch(() => null);
  await cdp.detach().catch(() => {});
  return { mainMB: usedSize / 2 ** 20, workersMB, rendererRssMB: await rendererRss(browser) };
}

// ---------------------------------------------------------------------------------------------
// One renderer at one size

interface GraphUnderTest {
  name: string;
  keys: string[];
  titles: string[];
  papers: number;
  edges: number;
}

async function benchRenderer(
  browser: Browser,
  server: StaticServer,
  renderer: Renderer,
  graph: GraphUnderTest,
  options: {
    loadTimeoutMs: number;
    screenshots: string | null;
    measures: ReadonlySet<Measure>;
    log: (line: string) => void;
  },
): Promise<{ figures: RendererFigures; box: Box | null }> {
  const errors = { page: [] as string[], console: [] as string[] };
  const open = () => openSession(browser, errors);
  const url = `${server.url}${renderer.path}`;
  const loads: LoadFigures[] = [];
  const load = async (session: Session) => {
    const loaded = await loadMap(session, url, options.loadTimeoutMs);
    loads.push(loaded);
    return loaded;
  };
  const loadedThenWait = async (session: Session) => {
    const figures = await load(session);
    await sleep(GESTURE.settleGraceMs);
    return figures;
  };
  const gestureTimeout = options.loadTimeoutMs + 60_000;
  const step = (what: string) => options.log(`  ${graph.name} ${renderer.name}: ${what}…`);

  step('load and heap');
  let box: Box | null = null;
  let heap: Figure<HeapFigures> = { ok: false, reason: 'not measured' };
  const loadFigure = await attempt(open, load, options.loadTimeoutMs + 30_000, async (session, loaded) => {
    box = await mapBox(session.page);
    await sleep(1000);
    try {
      heap = { ok: true, value: await measureHeap(browser, session.page) };
    } catch (error) {
      heap = { ok: false, reason: messageOf(error) };
    }
    if (options.screenshots) {
      await session.page.screenshot({
        path: join(options.screenshots, `${graph.name}-${renderer.name}.png`),
      });
    }
    return loaded;
  });
  const figures: RendererFigures = {
    renderer: renderer.name,
    load: loadFigure,
    heap: loadFigure.ok ? heap : { ok: false, reason: `the map did not load (${loadFigure.reason})` },
    pan: { ok: false, reason: 'not measured' },
    zoom: { ok: false, reason: 'not measured' },
    click: { ok: false, reason: 'not measured' },
    search: renderer.name === 'papermap' ? { ok: false, reason: 'not measured' } : null,
    drag: { ok: false, reason: 'not measured' },
    pageErrors: errors.page,
    consoleErrors: errors.console,
  };
  if (!loadFigure.ok) {
    const reason = `the map did not load (${loadFigure.reason})`;
    figures.pan = figures.zoom = figures.click = figures.drag = { ok: false, reason };
    if (figures.search) figures.search = { ok: false, reason };
    return { figures, box };
  }
  const wanted = (name: Measure): boolean => options.measures.has(name);
  if (wanted('pan')) step('drag-pan');
  if (wanted('pan'))
    figures.pan = await attempt(open, loadedThenWait, gestureTimeout, ({ page }) =>
      measurePan(page, graph.keys),
    );
  if (wanted('zoom')) step('wheel zoom');
  if (wanted('zoom'))
    figures.zoom = await attempt(open, loadedThenWait, gestureTimeout, ({ page }) =>
      measureZoom(page, graph.keys),
    );
  if (wanted('click')) step('clicks');
  if (wanted('click'))
    figures.click = await attempt(open, loadedThenWait, gestureTimeout, ({ page }) =>
      measureClicks(page, graph.keys, graph.titles, renderer),
    );
  if (figures.search && wanted('search')) {
    step('search');
    const word = searchWord(graph.titles);
    figures.search = await attempt(
      open,
      async (session) => {
        const loaded = await load(session);
        // A person reads the map for a moment before typing.
        await sleep(1000);
        return loaded;
      },
      gestureTimeout,
      ({ page }, loaded) => measureSearch(page, word, loaded),
    );
  }
  if (wanted('drag')) step('paper drag');
  if (wanted('drag'))
    figures.drag = await attempt(open, loadedThenWait, gestureTimeout, ({ page }) =>
      measureDrag(page, graph.keys),
    );
  // Every measurement loaded the map: the load figures are the medians of all those loads.
  if (loads.length > 1) figures.load = { ok: true, value: medianLoad(loads) };
  return { figures, box };
}

// ---------------------------------------------------------------------------------------------
// Building and serving

/** Builds the app, and bench/sigma.html beside it (at bench/sigma.html), into a temporary directory. */
export async function buildPages(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'papermap-explorer-'));
  const common = {
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    publicDir: false as const,
    logLevel: 'warn' as const,
  };
  await build({ ...common, build: { outDir, emptyOutDir: true } });
  await build({
    ...common,
    build: { outDir, emptyOutDir: false, rolldownOptions: { input: join(ROOT, 'bench/sigma.html') } },
  });
  return outDir;
}

function describe(name: string, text: string): GraphUnderTest {
  const graph = JSON.parse(text) as PapermapGraphJSON;
  return {
    name,
    keys: graph.nodes.map((node) => node.key),
    titles: graph.nodes.map((node) => node.attributes.title),
    papers: graph.nodes.length,
    edges: graph.edges.length,
  };
}

export interface ExplorerBenchOptions {
  /** Graph files measured after the sizes, each named by its file name. */
  graphs?: string[];
  /** Pipeline options for the graphs built from the labelled set. */
  pipeline?: Partial<GraphOptions>;
  sigma?: boolean;
  screenshots?: string | null;
  json?: string | null;
  loadTimeoutMs?: number;
  /** Which measurements after the load (all by default). */
  measures?: readonly Measure[];
  log?: (line: string) => void;
}

/**
 * Measures the explorer (and sigma.js beside it) on graphs of each size and on each given graph
 * file, printing a table per graph; returns the figures (written as JSON too when asked).
 */
export async function benchExplorer(
  sizes: readonly number[] = EXPLORER_SIZES,
  options: ExplorerBenchOptions = {},
): Promise<SizeFigures[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const loadTimeoutMs = options.loadTimeoutMs ?? 60_000;
  const screenshots = options.screenshots ?? null;
  if (screenshots) await mkdir(screenshots, { recursive: true });
  log(
    `explorer in headless Chromium (software rendering, --disable-gpu; sigma's WebGL on SwiftShader), ` +
      `${VIEWPORT.width}×${VIEWPORT.height}, each measurement in a fresh page; ratios are papermap ÷ sigma ` +
      '(time and memory: below 1 is better; fps: above 1 is better)',
  );
  const dir = await buildPages();
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  log(`  Chromium ${browser.version()}`);
  const results: SizeFigures[] = [];
  let lastBox: Box | null = null;
  const sources: { name: string; text: () => Promise<string> }[] = [
    ...sizes.map((size) => ({
      name: String(size),
      text: async () => {
        log(`  ${size}: building the graph…`);
        const runner = new WorkerRunner();
        try {
          const { papers } = loadLabelled(size);
          const built = await buildGraph(
            { papers, source: 'arxiv-rss-65k.jsonl.gz' },
            options.pipeline ?? {},
            () => {},
            runner,
          );
          return stringifyGraph(built.graph);
        } finally {
          await runner.close();
        }
      },
    })),
    ...(options.graphs ?? []).map((file) => ({ name: basename(file), text: () => readFile(file, 'utf8') })),
  ];
  try {
    for (const source of sources) {
      let graph: GraphUnderTest;
      try {
        const text = await source.text();
        await writeFile(join(dir, 'graph.json'), text);
        graph = describe(source.name, text);
      } catch (error) {
        log(`\n${source.name}: failed: no graph (${messageOf(error).split('\n')[0]})`);
        continue;
      }
      const common = { loadTimeoutMs, screenshots, log, measures: new Set(options.measures ?? MEASURES) };
      const app = await benchRenderer(
        browser,
        server,
        { name: 'papermap', path: '', panelTitle: '#paper-panel-title' },
        graph,
        common,
      );
      let sigma: RendererFigures | null = null;
      if (options.sigma !== false) {
        // Where the app's map is, so sigma draws as many pixels (its box at another size if it failed).
        const box = app.box ?? lastBox;
        const place = box ? `?left=${box.x}&top=${box.y}&width=${box.width}&height=${box.height}` : '';
        sigma = (
          await benchRenderer(
            browser,
            server,
            { name: 'sigma', path: `bench/sigma.html${place}`, panelTitle: '#panel-title' },
            graph,
            common,
          )
        ).figures;
      }
      if (app.box) lastBox = app.box;
      const figures: SizeFigures = {
        name: graph.name,
        papers: graph.papers,
        edges: graph.edges,
        papermap: app.figures,
        sigma,
      };
      results.push(figures);
      log(formatSize(figures));
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  if (options.json) {
    await writeFile(
      options.json,
      `${JSON.stringify({ viewport: VIEWPORT, targets: TARGETS, gesture: GESTURE, sizes: results }, null, 2)}\n`,
    );
    log(`\nfigures written to ${options.json}`);
  }
  return results;
}

/**
 * The sizes and options the command line asks for (`--explorer-sizes`, `--graph`, `--json`,
 * `--screenshots`, `--no-sigma`, `--load-timeout-s`, `--measures`); `npm run bench` and this
 * script read them the same way. With graph files and no sizes, only the files are measured.
 */
export function explorerArguments(argv: readonly string[]): {
  sizes: number[];
  options: ExplorerBenchOptions;
} {
  const flagValue = (flag: string): string | null => {
    const at = argv.indexOf(flag);
    return at >= 0 ? (argv[at + 1] ?? null) : null;
  };
  const graphs = argv.flatMap((arg, i) => (arg === '--graph' && argv[i + 1] ? [argv[i + 1]] : []));
  const listed = flagValue('--explorer-sizes');
  const sizes =
    listed !== null
      ? listed
          .split(',')
          .map(Number)
          .filter((s) => s > 0)
      : graphs.length > 0
        ? []
        : EXPLORER_SIZES;
  const timeout = Number(flagValue('--load-timeout-s'));
  return {
    sizes,
    options: {
      graphs,
      sigma: !argv.includes('--no-sigma'),
      screenshots: flagValue('--screenshots'),
      json: flagValue('--json'),
      loadTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : undefined,
      measures: flagValue('--measures')
        ?.split(',')
        .filter((m): m is Measure => (MEASURES as readonly string[]).includes(m)),
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { sizes, options } = explorerArguments(process.argv.slice(2));
  await benchExplorer(sizes, options);
}
